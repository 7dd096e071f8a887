using Kazgov.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kazgov.Platform.Security.Clients.Features.ManageClients;

/// <summary>
/// Administrators manage integrator clients under /admin/clients: list, create (the secret is
/// answered once), change (name, scopes, rate limit, disabled, public keys) and delete.
/// </summary>
internal static class ManageClientEndpoints
{
    public static void MapManageClients(this IEndpointRouteBuilder clients)
    {
        clients.MapGet("", ListAsync)
            .RequirePolicy(Policies.Admin)
            .WithName("AdminListApiClients")
            .WithSummary("Every integrator client that is not deleted (administrators).")
            .Produces<ApiClientList>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        clients.MapPost("", CreateAsync)
            .RequirePolicy(Policies.Admin)
            .WithName("AdminCreateApiClient")
            .WithSummary("Creates an integrator client; a client_secret client's secret is answered this once (administrators).")
            .Produces<CreatedApiClient>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        clients.MapGet("/{clientId}", GetAsync)
            .RequirePolicy(Policies.Admin)
            .WithName("AdminGetApiClient")
            .WithSummary("One integrator client (administrators).")
            .Produces<ApiClientView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPatch("/{clientId}", UpdateAsync)
            .RequirePolicy(Policies.Admin)
            .WithName("AdminUpdateApiClient")
            .WithSummary("Changes a client's name, scopes, rate limit or public keys, or disables it: its tokens stop working at once (administrators).")
            .Produces<ApiClientView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        clients.MapDelete("/{clientId}", DeleteAsync)
            .RequirePolicy(Policies.Admin)
            .WithName("AdminDeleteApiClient")
            .WithSummary("Deletes a client: its credentials are erased, its tokens stop working, and its id is never reused (administrators).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<ApiClientList> ListAsync(ApiClientRegistry registry, CancellationToken cancellationToken) =>
        new(await registry.ListAsync(cancellationToken));

    private static async Task<IResult> CreateAsync(CreateApiClientRequest request, ApiClientRegistry registry, HttpContext context, CancellationToken cancellationToken)
    {
        var created = await registry.CreateAsync(request, cancellationToken);
        // The secret is in this answer only: no cache may keep it.
        context.Response.Headers.CacheControl = "no-store";
        return Results.Created($"/api/v1/admin/clients/{created.Client.ClientId}", created);
    }

    private static Task<ApiClientView> GetAsync(string clientId, ApiClientRegistry registry, CancellationToken cancellationToken) =>
        registry.GetAsync(clientId, cancellationToken);

    private static Task<ApiClientView> UpdateAsync(string clientId, UpdateApiClientRequest request, ApiClientRegistry registry, CancellationToken cancellationToken) =>
        registry.UpdateAsync(clientId, request, cancellationToken);

    private static async Task<IResult> DeleteAsync(string clientId, ApiClientRegistry registry, CancellationToken cancellationToken)
    {
        await registry.DeleteAsync(clientId, cancellationToken);
        return Results.NoContent();
    }
}
