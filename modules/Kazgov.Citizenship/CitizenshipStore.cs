using Kazgov.Platform.ExternalChecks;
using Kazgov.Kernel.Data;
using NodaTime;

namespace Kazgov.Citizenship;

internal sealed class CommissionRow
{
    public Instant SentAt { get; set; }

    public string SentBy { get; set; } = "";

    public string? Outcome { get; set; }

    public string? DecisionNumber { get; set; }

    public LocalDate? DecisionDate { get; set; }
}

internal sealed class HandedInRow
{
    public string Kind { get; set; } = "";

    public string Number { get; set; } = "";

    public Instant HandedInAt { get; set; }

    public string ReceivedBy { get; set; } = "";
}

internal sealed class CertificateRow
{
    public string Number { get; set; } = "";

    public Guid ApplicationId { get; set; }

    public string Kind { get; set; } = "";

    public int Category { get; set; }

    public string PersonId { get; set; } = "";

    public string LastName { get; set; } = "";

    public string FirstName { get; set; } = "";

    public LocalDate BirthDate { get; set; }

    public string DecisionNumber { get; set; } = "";

    public LocalDate DecisionDate { get; set; }

    public string OfficeId { get; set; } = "";

    public LocalDate? IssuedOn { get; set; }

    public Instant? HandedOverAt { get; set; }
}

/// <summary>The module's reads of its own schema.</summary>
internal static class CitizenshipStore
{
    public const string CertificateColumns = """
        number AS Number, application_id AS ApplicationId, kind AS Kind, category AS Category, person_id AS PersonId,
        holder_last_name AS LastName, holder_first_name AS FirstName, holder_birth_date AS BirthDate,
        decision_number AS DecisionNumber, decision_date AS DecisionDate, office_id AS OfficeId,
        issued_on AS IssuedOn, handed_over_at AS HandedOverAt
        """;

    public static Task<IReadOnlyList<ExternalCheckRecord>> ExternalChecksAsync(DbSession session, Guid applicationId, CancellationToken cancellationToken) =>
        ExternalCheckJournal.ListAsync(session, "citizenship.external_checks", applicationId, cancellationToken);

    public static IReadOnlyDictionary<string, ExternalCheckRecord> Answered(IEnumerable<ExternalCheckRecord> checks) => ExternalCheckJournal.Answered(checks);

    public static Task<CommissionRow?> CommissionAsync(DbSession session, Guid applicationId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<CommissionRow>(
            """
            SELECT sent_at AS SentAt, sent_by AS SentBy, decision_outcome AS Outcome, decision_number AS DecisionNumber, decision_date AS DecisionDate
            FROM citizenship.commission_steps WHERE application_id = @applicationId
            """,
            new { applicationId },
            cancellationToken);

    public static async Task<IReadOnlyList<HandedInRow>> HandedInAsync(DbSession session, Guid applicationId, CancellationToken cancellationToken) =>
        [.. await session.QueryAsync<HandedInRow>(
            """
            SELECT kind AS Kind, number AS Number, handed_in_at AS HandedInAt, received_by AS ReceivedBy
            FROM citizenship.identity_documents_handed_in WHERE application_id = @applicationId ORDER BY kind
            """,
            new { applicationId },
            cancellationToken)];

    public static Task<CertificateRow?> CertificateOfApplicationAsync(DbSession session, Guid applicationId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<CertificateRow>(
            $"SELECT {CertificateColumns} FROM citizenship.certificates WHERE application_id = @applicationId",
            new { applicationId },
            cancellationToken);
}
