using System.Globalization;
using System.Security.Claims;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security.Clients;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Kazgov.Api.Security;

/// <summary>
/// A client's access token is as good as the client: a token of a client disabled or deleted since
/// it was signed fails at once, and the client's current rate limit replaces the one in the token.
/// The state comes from memory on every host (<see cref="ClientStates"/>), dropped when a client changes.
/// </summary>
internal static class ClientTokenCheck
{
    public static async Task ApplyAsync(TokenValidatedContext context)
    {
        if (context.Principal?.FindFirstValue(ActorClaims.Kind) != ActorClaims.ClientKind
            || context.Principal.Identity is not ClaimsIdentity identity
            || identity.Name is not { } actorId || !actorId.StartsWith("client:", StringComparison.Ordinal))
        {
            return;
        }

        var states = context.HttpContext.RequestServices.GetRequiredService<ClientStates>();
        var state = await states.OfAsync(actorId["client:".Length..], context.HttpContext.RequestAborted);
        if (!state.Active)
        {
            context.Fail("The client is disabled or deleted.");
            return;
        }

        foreach (var claim in identity.FindAll(ActorClaims.RateLimit).ToList())
        {
            identity.RemoveClaim(claim);
        }

        if (state.RateLimitPerMinute is { } limit)
        {
            identity.AddClaim(new Claim(ActorClaims.RateLimit, limit.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer32));
        }
    }
}

/// <summary>
/// Counts each /api request of an integrator client, by its endpoint's name and outcome, into
/// <see cref="ClientUsageRecorder"/> (memory; saved every few seconds).
/// </summary>
internal sealed class ClientUsageCounting(RequestDelegate next, ClientUsageRecorder recorder)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.FindFirstValue(ActorClaims.Kind) != ActorClaims.ClientKind
            || context.User.Identity?.Name is not { } actorId
            || !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        catch (ProblemException problem)
        {
            status = problem.Type.Status;
            throw;
        }
        finally
        {
            var operation = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "unmatched";
            recorder.Record(actorId["client:".Length..], operation, status);
        }
    }
}
