using Kazgov.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kazgov.Platform.Security.Clients.Features.OwnRecord;

/// <summary>An integrator client's view of its own record (GET /clients/me): scopes, rate limit, secret overlap, last use.</summary>
internal static class OwnRecordEndpoints
{
    public static void MapOwnRecord(this IEndpointRouteBuilder api)
    {
        api.MapGet("/clients/me", GetAsync)
            .WithTags("Integrator clients")
            .RequirePolicy(Policies.IntegratorClient)
            .WithName("GetOwnClient")
            .WithSummary("The calling integrator client's record.")
            .Produces<ApiClientView>();
    }

    private static Task<ApiClientView> GetAsync(ICurrentActor actor, ApiClientRegistry registry, CancellationToken cancellationToken) =>
        registry.GetAsync(OwnClient.IdOf(actor), cancellationToken);
}
