using Kazgov.Kernel.Data;
using NodaTime;

namespace Kazgov.Migration.PermanentResidence;

internal sealed record ExternalCheckRecord(
    Guid Id, string CheckCode, string Source, string Subject, Instant AskedAt, Instant? AnsweredAt, string? Answer,
    string[] FoundGrounds, string? Reference, int Attempts, string? Error);

internal sealed record ClerkCheckRecord(string Ground, string Outcome, string? Note, Instant RecordedAt, string RecordedBy);

internal sealed record RegisterRecord(
    string StampNumber, Guid ApplicationId, string PersonId, string Route, string Settlement, string Address, string OfficeId,
    LocalDate ApprovedOn, LocalDate? RegisteredOn, bool IsCurrent);

/// <summary>The module's tables for permanent-residence (schema migration, script 0004).</summary>
internal static class PermanentResidenceStore
{
    private const string RegisterColumns =
        "stamp_number AS StampNumber, application_id AS ApplicationId, person_id AS PersonId, route AS Route, settlement AS Settlement, " +
        "address AS Address, office_id AS OfficeId, approved_on AS ApprovedOn, registered_on AS RegisteredOn, is_current AS IsCurrent";

    public static async Task<IReadOnlyList<ExternalCheckRecord>> ExternalChecksAsync(DbSession session, Guid applicationId, CancellationToken cancellationToken) =>
        [.. await session.QueryAsync<ExternalCheckRecord>(
            """
            SELECT id AS Id, check_code AS CheckCode, source AS Source, subject AS Subject, asked_at AS AskedAt, answered_at AS AnsweredAt,
                   answer AS Answer, found_grounds AS FoundGrounds, reference AS Reference, attempts AS Attempts, error AS Error
            FROM migration.permanent_residence_external_checks WHERE application_id = @applicationId ORDER BY asked_at, id
            """,
            new { applicationId },
            cancellationToken)];

    /// <summary>The answer that stands for each check: the latest answered one.</summary>
    public static IReadOnlyDictionary<string, ExternalCheckRecord> Answered(IEnumerable<ExternalCheckRecord> checks) =>
        checks.Where(c => c.AnsweredAt is not null).GroupBy(c => c.CheckCode).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

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
