using Kazgov.Platform.Data;

namespace Kazgov.Platform.Offices;

/// <summary>An office as the other capabilities need it: its name and address for papers, and the services it gives.</summary>
public sealed record OfficeSummary(string Id, string Name, string Address, IReadOnlySet<string> Services);

/// <summary>The offices capability's published lookup: other capabilities never read its tables.</summary>
public interface IOfficeDirectory
{
    /// <summary>The office (retired ones included, since old records name them), or null when there is none.</summary>
    Task<OfficeSummary?> FindAsync(string officeId, CancellationToken cancellationToken = default);
}

internal sealed class OfficeLookup(DbSession session) : IOfficeDirectory
{
    public async Task<OfficeSummary?> FindAsync(string officeId, CancellationToken cancellationToken = default)
    {
        var office = await session.QuerySingleOrDefaultAsync<OfficeRow>(
            """
            SELECT o.id AS Id, o.name AS Name, o.address AS Address,
                   coalesce(array_agg(s.service_code) FILTER (WHERE s.service_code IS NOT NULL), '{}') AS Services
            FROM platform.offices o LEFT JOIN platform.office_services s ON s.office_id = o.id
            WHERE o.id = @officeId
            GROUP BY o.id
            """,
            new { officeId },
            cancellationToken);
        return office is null ? null : new OfficeSummary(office.Id, office.Name, office.Address, office.Services.ToHashSet(StringComparer.Ordinal));
    }

    private sealed class OfficeRow
    {
        public string Id { get; init; } = "";

        public string Name { get; init; } = "";

        public string Address { get; init; } = "";

        public string[] Services { get; init; } = [];
    }
}
