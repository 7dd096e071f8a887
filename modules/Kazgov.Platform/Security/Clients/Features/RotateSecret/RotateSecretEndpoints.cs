using Kazgov.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kazgov.Platform.Security.Clients.Features.RotateSecret;

/// <summary>
/// A new client secret, with the previous one working for an overlap (24 hours unless asked
/// otherwise), so that a client's hosts can switch one by one. Administrators rotate any client's;
/// a client rotates its own. The new secret is answered once.
/// </summary>
internal static class RotateSecretEndpoints
{
    public static void MapRotateSecret(this IEndpointRouteBuilder api)
    {
        api.MapPost("/admin/clients/{clientId}/secret", AdminRotateAsync)
            .WithTags("Integrator clients")
            .RequirePolicy(Policies.Admin)
            .WithName("AdminRotateApiClientSecret")
            .WithSummary("Gives a client_secret client a new secret; the previous one works for overlapHours (administrators).")
            .Produces<RotatedClientSecret>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/clients/me/secret", OwnRotateAsync)
            .WithTags("Integrator clients")
            .RequirePolicy(Policies.IntegratorClient)
            .WithName("RotateOwnClientSecret")
            .WithSummary("The calling client's new secret; the previous one works for overlapHours.")
            .Produces<RotatedClientSecret>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static Task<RotatedClientSecret> AdminRotateAsync(
        string clientId, RotateClientSecretRequest? request, ApiClientRegistry registry, HttpContext context, CancellationToken cancellationToken) =>
        RotateAsync(clientId, request, registry, context, cancellationToken);

    private static Task<RotatedClientSecret> OwnRotateAsync(
        RotateClientSecretRequest? request, ICurrentActor actor, ApiClientRegistry registry, HttpContext context, CancellationToken cancellationToken) =>
        RotateAsync(OwnClient.IdOf(actor), request, registry, context, cancellationToken);

    private static async Task<RotatedClientSecret> RotateAsync(
        string clientId, RotateClientSecretRequest? request, ApiClientRegistry registry, HttpContext context, CancellationToken cancellationToken)
    {
        var rotated = await registry.RotateSecretAsync(clientId, request?.OverlapHours, cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        return rotated;
    }
}
