using Kazgov.Kernel.Caching;
using Kazgov.Kernel.Data;

namespace Kazgov.Platform.Security.Clients;

/// <summary>What every request of a client needs to know about it: whether it may still act, and its rate limit.</summary>
public sealed record ClientState(bool Active, int? RateLimitPerMinute)
{
    public static readonly ClientState Unknown = new(false, null);
}

/// <summary>
/// The clients' state from memory (<see cref="ReferenceAreas.Clients"/>), so that disabling or
/// deleting a client, or changing its rate limit, takes effect on its very next request on every
/// host, although its access tokens were signed before.
/// </summary>
public sealed class ClientStates(ReferenceData reference, DbSession session)
{
    public ValueTask<ClientState> OfAsync(string clientId, CancellationToken cancellationToken = default) =>
        reference.GetAsync(ReferenceAreas.Clients, clientId, async token =>
            await session.QuerySingleOrDefaultAsync<ClientState>(
                """
                SELECT NOT disabled AND deleted_at IS NULL AS Active, rate_limit_per_minute AS RateLimitPerMinute
                FROM platform.api_clients WHERE client_id = @clientId
                """,
                new { clientId },
                token) ?? ClientState.Unknown,
            cancellationToken);
}
