using Kazgov.Kernel.Data;
using Kazgov.Platform.People;
using NodaTime;

namespace Kazgov.Migration.People;

/// <summary>
/// The person page's view of the migration registers (issue 22), one source per register so a clerk
/// who serves one of the services does not read the others. The page is found by IIN or BIN: a
/// foreigner appears by the IIN the register holds for them (residence permits, permanent residence);
/// a host (IIN or BIN) appears with the foreigners registered at their address (temporary registration, §12).
/// </summary>
internal sealed class ResidencePermitPersonRecords(DbSession session) : IPersonRecordSource
{
    public IReadOnlyList<string> Services { get; } = ["residence-permit"];

    public async Task<IReadOnlyList<PersonRecord>> FindAsync(string subject, CancellationToken cancellationToken = default)
    {
        var rows = await session.QueryAsync<MigrationRecordRow>(
            """
            SELECT kind AS Kind, number AS Reference,
                   trim(holder_last_name || ' ' || holder_first_name || coalesce(' ' || holder_middle_name, ''))
                       || ' · ' || travel_document_country || ' ' || travel_document_number AS Summary,
                   status AS Status, issue_date AS Since, valid_until AS ValidUntil, office_id AS OfficeId
            FROM migration.residence_permits WHERE holder_iin = @subject
            ORDER BY reserved_at DESC
            """,
            new { subject },
            cancellationToken);
        return rows.Select(r => r.ToRecord("residence-permit")).ToList();
    }
}

/// <summary>Temporary registrations (standard 4) of the foreigners the person or organisation hosts.</summary>
internal sealed class TemporaryRegistrationPersonRecords(DbSession session) : IPersonRecordSource
{
    public IReadOnlyList<string> Services { get; } = ["temporary-registration"];

    public async Task<IReadOnlyList<PersonRecord>> FindAsync(string subject, CancellationToken cancellationToken = default)
    {
        var rows = await session.QueryAsync<MigrationRecordRow>(
            """
            SELECT 'hosted-foreigner' AS Kind, number AS Reference,
                   trim(last_name || ' ' || first_name || coalesce(' ' || middle_name, ''))
                       || ' · ' || travel_document_country || ' ' || travel_document_number || ' · ' || address AS Summary,
                   CASE WHEN is_current THEN 'current' ELSE 'ended' END AS Status,
                   valid_from AS Since, valid_until AS ValidUntil, office_id AS OfficeId
            FROM migration.temporary_registrations WHERE host_identifier = @subject
            ORDER BY valid_from DESC, number DESC
            LIMIT 200
            """,
            new { subject },
            cancellationToken);
        return rows.Select(r => r.ToRecord("temporary-registration")).ToList();
    }
}

/// <summary>The register of permanent residence (standard 5): the stamp, the settlement and address.</summary>
internal sealed class PermanentResidencePersonRecords(DbSession session) : IPersonRecordSource
{
    public IReadOnlyList<string> Services { get; } = ["permanent-residence"];

    public async Task<IReadOnlyList<PersonRecord>> FindAsync(string subject, CancellationToken cancellationToken = default)
    {
        var rows = await session.QueryAsync<MigrationRecordRow>(
            """
            SELECT 'permanent-residence' AS Kind, stamp_number AS Reference, settlement || ', ' || address AS Summary,
                   CASE WHEN NOT is_current THEN 'ended' WHEN registered_on IS NULL THEN 'approved' ELSE 'registered' END AS Status,
                   coalesce(registered_on, approved_on) AS Since, NULL::date AS ValidUntil, office_id AS OfficeId
            FROM migration.permanent_residence_register WHERE person_id = @subject
            ORDER BY approved_on DESC
            """,
            new { subject },
            cancellationToken);
        return rows.Select(r => r.ToRecord("permanent-residence")).ToList();
    }
}

internal sealed class MigrationRecordRow
{
    public string Kind { get; init; } = "";

    public string Reference { get; init; } = "";

    public string Summary { get; init; } = "";

    public string Status { get; init; } = "";

    public LocalDate? Since { get; init; }

    public LocalDate? ValidUntil { get; init; }

    public string OfficeId { get; init; } = "";

    public PersonRecord ToRecord(string service) => new(service, Kind, Reference, Summary, Status, Since, ValidUntil, OfficeId);
}
