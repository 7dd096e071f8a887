using Kazgov.Kernel.Data;

namespace Kazgov.Platform.Security;

/// <summary>A clerk of an office, as the unit head's workload names them.</summary>
public sealed record OfficeClerk(string Login, string FullName);

/// <summary>The official who signed a decision: their name and post (a position code of Offices/Data/position-names.json).</summary>
public sealed record Signer(string DisplayName, string? Position);

/// <summary>
/// The staff accounts' published query for other capabilities (the workload, reassignment): the
/// enabled clerks of an office, without reading platform.staff_users themselves.
/// </summary>
public interface IOfficeClerks
{
    Task<IReadOnlyList<OfficeClerk>> ListAsync(string officeId, CancellationToken cancellationToken = default);

    /// <summary>The clerk, when <paramref name="login"/> is an enabled clerk of the office who serves the service; else null.</summary>
    Task<OfficeClerk?> FindAsync(string login, string officeId, string service, CancellationToken cancellationToken = default);

    /// <summary>
    /// The official an actor id ("staff:login") names, disabled or not (a decision keeps its signer):
    /// null for anyone else.
    /// </summary>
    Task<Signer?> SignerAsync(string actorId, CancellationToken cancellationToken = default);
}

internal sealed class OfficeClerksQuery(DbSession session) : IOfficeClerks
{
    public async Task<IReadOnlyList<OfficeClerk>> ListAsync(string officeId, CancellationToken cancellationToken = default) =>
        (await session.QueryAsync<OfficeClerk>(
            """
            SELECT login AS Login, full_name AS FullName FROM platform.staff_users
            WHERE office_id = @officeId AND role = 'clerk' AND NOT disabled ORDER BY login
            """,
            new { officeId },
            cancellationToken)).ToList();

    public async Task<OfficeClerk?> FindAsync(string login, string officeId, string service, CancellationToken cancellationToken = default) =>
        await session.QuerySingleOrDefaultAsync<OfficeClerk>(
            """
            SELECT login AS Login, full_name AS FullName FROM platform.staff_users
            WHERE login = @login AND role = 'clerk' AND NOT disabled AND office_id = @officeId
              AND (cardinality(service_codes) = 0 OR @service = ANY(service_codes))
            """,
            new { login, officeId, service },
            cancellationToken);

    public async Task<Signer?> SignerAsync(string actorId, CancellationToken cancellationToken = default) =>
        !actorId.StartsWith("staff:", StringComparison.Ordinal)
            ? null
            : await session.QuerySingleOrDefaultAsync<Signer>(
                "SELECT full_name AS DisplayName, nullif(position, '') AS Position FROM platform.staff_users WHERE login = @login",
                new { login = actorId["staff:".Length..] },
                cancellationToken);
}
