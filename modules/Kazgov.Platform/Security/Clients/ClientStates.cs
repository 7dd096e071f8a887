using Dapper;
using Kazgov.Kernel.Caching;
using Kazgov.Kernel.Data;
using Npgsql;

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

/// <summary>
/// The clients that may be sent nothing now (disabled or deleted), from memory, for background work
/// that has no request (the webhook dispatcher). The same area as <see cref="ClientStates"/>: a change
/// drops it on every host.
/// </summary>
public sealed class InactiveClients(ReferenceDataCache cache, NpgsqlDataSource dataSource)
{
    // Not a client id (those start with a letter or digit), so it never meets one in the area.
    private const string Key = "*inactive";

    public ValueTask<string[]> ListAsync(CancellationToken cancellationToken = default) =>
        cache.GetAsync(ReferenceAreas.Clients, Key, async token =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(token);
            return (await connection.QueryRowsAsync<string>(new CommandDefinition(
                "SELECT client_id FROM platform.api_clients WHERE disabled OR deleted_at IS NOT NULL ORDER BY client_id",
                cancellationToken: token))).ToArray();
        }, cancellationToken);
}
