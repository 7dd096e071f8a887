using Kazgov.Platform.ExternalChecks;
using Kazgov.Kernel.Data;
using NodaTime;

namespace Kazgov.Migration.PermanentResidence;

internal sealed record ClerkCheckRecord(string Ground, string Outcome, string? Note, Instant RecordedAt, string RecordedBy);

/// <summary>A row of the register of permanent residence.</summary>
internal sealed class RegisterRecord
{
    public string StampNumber { get; set; } = "";

    public Guid ApplicationId { get; set; }

    public string PersonId { get; set; } = "";

    public string Route { get; set; } = "";

    public string Settlement { get; set; } = "";

    public string Address { get; set; } = "";

    public string OfficeId { get; set; } = "";

    public LocalDate ApprovedOn { get; set; }

    public LocalDate? RegisteredOn { get; set; }

    public bool IsCurrent { get; set; }
}

/// <summary>The module's tables for permanent-residence (schema migration, script 0004).</summary>
internal static class PermanentResidenceStore
{
    private const string RegisterColumns =
        "stamp_number AS StampNumber, application_id AS ApplicationId, person_id AS PersonId, route AS Route, settlement AS Settlement, " +
        "address AS Address, office_id AS OfficeId, approved_on AS ApprovedOn, registered_on AS RegisteredOn, is_current AS IsCurrent";

    public static Task<IReadOnlyList<ExternalCheckRecord>> ExternalChecksAsync(DbSession session, Guid applicationId, CancellationToken cancellationToken) =>
        ExternalCheckJournal.ListAsync(session, "migration.permanent_residence_external_checks", applicationId, cancellationToken);

    public static IReadOnlyDictionary<string, ExternalCheckRecord> Answered(IEnumerable<ExternalCheckRecord> checks) => ExternalCheckJournal.Answered(checks);

    public static async Task<IReadOnlyList<ClerkCheckRecord>> ClerkChecksAsync(DbSession session, Guid applicationId, CancellationToken cancellationToken) =>
        [.. await session.QueryAsync<ClerkCheckRecord>(
            """
            SELECT ground AS Ground, outcome AS Outcome, note AS Note, recorded_at AS RecordedAt, recorded_by AS RecordedBy
            FROM migration.permanent_residence_clerk_checks WHERE application_id = @applicationId ORDER BY ground
            """,
            new { applicationId },
            cancellationToken)];

    public static async Task<IReadOnlyList<string>> AfterDecisionDocumentsAsync(DbSession session, Guid applicationId, CancellationToken cancellationToken) =>
        [.. await session.QueryAsync<string>(
            "SELECT document FROM migration.permanent_residence_after_decision_documents WHERE application_id = @applicationId ORDER BY document",
            new { applicationId },
            cancellationToken)];

    public static Task<RegisterRecord?> RegistrationOfApplicationAsync(DbSession session, Guid applicationId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<RegisterRecord>(
            $"SELECT {RegisterColumns} FROM migration.permanent_residence_register WHERE application_id = @applicationId",
            new { applicationId },
            cancellationToken);

    public static Task<RegisterRecord?> CurrentRegistrationAsync(DbSession session, string personId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<RegisterRecord>(
            $"SELECT {RegisterColumns} FROM migration.permanent_residence_register WHERE person_id = @personId AND is_current",
            new { personId },
            cancellationToken);
}
