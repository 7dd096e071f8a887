using Kazgov.Kernel.Data;

namespace Kazgov.Kernel.Events;

/// <summary>
/// Reads stored integration events in commit order for a consumer outside the dispatcher (the
/// change feed): only events whose transaction is below the oldest one still running
/// (pg_snapshot_xmin), the rule <see cref="IntegrationEventDispatcher"/> follows too, so a position
/// handed out never has an event commit behind it.
/// </summary>
public sealed class IntegrationEventLog(DbSession session)
{
    /// <summary>
    /// Up to <paramref name="limit"/> events of <paramref name="type"/> after (<paramref name="afterTx"/>,
    /// <paramref name="afterId"/>) whose payload's text field equals one of the values given for it.
    /// </summary>
    public Task<IReadOnlyList<StoredIntegrationEvent>> ReadCommittedAsync(
        string type, string afterTx, long afterId, int limit, IReadOnlyList<(string Field, string[] Values)> filters, CancellationToken cancellationToken = default) =>
        ReadCommittedAsync(new[] { type }, afterTx, afterId, limit, filters, cancellationToken);

    /// <summary>The same for events of any of <paramref name="types"/>, in one commit order.</summary>
    public async Task<IReadOnlyList<StoredIntegrationEvent>> ReadCommittedAsync(
        string[] types, string afterTx, long afterId, int limit, IReadOnlyList<(string Field, string[] Values)> filters, CancellationToken cancellationToken = default)
    {
        var parameters = new Dapper.DynamicParameters(new { types, afterTx, afterId, limit });
        var conditions = new List<string>();
        for (var i = 0; i < filters.Count; i++)
        {
            parameters.Add("f" + i, filters[i].Field);
            parameters.Add("v" + i, filters[i].Values);
            conditions.Add($"AND payload ->> @f{i} = ANY (@v{i})");
        }

        return (await session.QueryAsync<StoredIntegrationEvent>(
            $"""
            SELECT id AS Id, tx::text AS Tx, type AS Type, payload::text AS Payload FROM platform.integration_events
            WHERE type = ANY (@types) AND (tx, id) > (@afterTx::xid8, @afterId)
              AND tx < pg_snapshot_xmin(pg_current_snapshot())
              {string.Join(' ', conditions)}
            ORDER BY tx, id
            LIMIT @limit
            """,
            parameters,
            cancellationToken)).ToList();
    }
}

/// <summary>A stored event: its id, its transaction (xid8, as text) and its payload (JSON).</summary>
public sealed class StoredIntegrationEvent
{
    public long Id { get; init; }

    public string Tx { get; init; } = "0";

    public string Type { get; init; } = "";

    public string Payload { get; init; } = "{}";
}
