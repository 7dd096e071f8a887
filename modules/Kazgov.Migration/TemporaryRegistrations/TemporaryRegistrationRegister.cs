using Kazgov.Kernel.Data;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using NodaTime;
using Npgsql;

namespace Kazgov.Migration.TemporaryRegistrations;

/// <summary>A row of the register as the module reads it and the API shows it.</summary>
internal sealed record RegisteredStay
{
    public string Number { get; init; } = "";
    public Guid ApplicationId { get; init; }
    public string PersonId { get; init; } = "";
    public string PersonKind { get; init; } = "";
    public string TravelDocumentNumber { get; init; } = "";
    public string TravelDocumentCountry { get; init; } = "";
    public string LastName { get; init; } = "";
    public string FirstName { get; init; } = "";
    public string? MiddleName { get; init; }
    public LocalDate BirthDate { get; init; }
    public string? Citizenship { get; init; }
    public string Address { get; init; } = "";
    public string HostKind { get; init; } = "";
    public string? HostIdentifier { get; init; }
    public string? HostName { get; init; }
    public int? SelfCategory { get; init; }
    public string Basis { get; init; } = "";
    public LocalDate ValidFrom { get; init; }
    public LocalDate ValidUntil { get; init; }
    public string LimitedBy { get; init; } = "";
    public LocalDate BorderCrossedOn { get; init; }
    public LocalDate DueBy { get; init; }
    public int DaysLate { get; init; }
    public LocalDate RegisteredOn { get; init; }
    public string OfficeId { get; init; } = "";
    public string? GroupListNumber { get; init; }
    public string? ExtendsNumber { get; init; }
    public bool IsCurrent { get; init; }
    public Instant RecordedAt { get; init; }
    public Instant? StampedAt { get; init; }

    /// <summary>Current on a day: not run out or extended, and its period not over.</summary>
    public bool CurrentOn(LocalDate day) => IsCurrent && ValidUntil >= day;
}

/// <summary>The module's register of temporary registrations (schema "migration").</summary>
internal static class TemporaryRegistrationRegister
{
    public const string Columns = """
        number AS Number, application_id AS ApplicationId, person_id AS PersonId, person_kind AS PersonKind,
        travel_document_number AS TravelDocumentNumber, travel_document_country AS TravelDocumentCountry,
        last_name AS LastName, first_name AS FirstName, middle_name AS MiddleName, birth_date AS BirthDate,
        citizenship AS Citizenship, address AS Address, host_kind AS HostKind, host_identifier AS HostIdentifier,
        host_name AS HostName, self_category AS SelfCategory, basis AS Basis, valid_from AS ValidFrom,
        valid_until AS ValidUntil, limited_by AS LimitedBy, border_crossed_on AS BorderCrossedOn, due_by AS DueBy,
        days_late AS DaysLate, registered_on AS RegisteredOn, office_id AS OfficeId, group_list_number AS GroupListNumber,
        extends_number AS ExtendsNumber, is_current AS IsCurrent, recorded_at AS RecordedAt, stamped_at AS StampedAt
        """;

    public static async Task<RegisteredStay?> FindAsync(DbSession session, string number, CancellationToken cancellationToken) =>
        await session.QuerySingleOrDefaultAsync<RegisteredStay>(
            $"SELECT {Columns} FROM migration.temporary_registrations WHERE number = @number", new { number }, cancellationToken);

    /// <summary>The current registrations (on <paramref name="today"/>) of any of the persons.</summary>
    public static async Task<IReadOnlyList<RegisteredStay>> CurrentOfAsync(DbSession session, IEnumerable<string> personIds, LocalDate today, CancellationToken cancellationToken) =>
        [.. await session.QueryAsync<RegisteredStay>(
            $"SELECT {Columns} FROM migration.temporary_registrations WHERE person_id = ANY(@persons) AND is_current AND valid_until >= @today ORDER BY number",
            new { persons = personIds.ToArray(), today },
            cancellationToken)];

    /// <summary>
    /// Appendix 3, categories 3 and 5 ("at most twice a year"): the person's registrations on their own
    /// application in that category that began in the calendar year; an extension is the same stay, not another.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SelfRegistrationsInYearAsync(DbSession session, string personId, int category, int year, CancellationToken cancellationToken) =>
        [.. await session.QueryAsync<string>(
            """
            SELECT number FROM migration.temporary_registrations
            WHERE person_id = @personId AND host_kind = 'self' AND self_category = @category AND extends_number IS NULL
              AND valid_from >= make_date(@year, 1, 1) AND valid_from < make_date(@year + 1, 1, 1)
            ORDER BY number
            """,
            new { personId, category, year },
            cancellationToken)];

    /// <summary>
    /// §17: a person registered elsewhere (or here) is not registered again; the problem names the
    /// first registration — its number, office and period.
    /// </summary>
    public static ProblemException AlreadyRegistered(RegisteredStay first) =>
        new(TemporaryRegistrationProblems.AlreadyRegistered,
            new LocalizedText(
                "{0}: № {1}, бөлімше {2}, {3} – {4}",
                "{0}: № {1}, подразделение {2}, {3} – {4}",
                "{0}: No. {1}, office {2}, {3} – {4}").Format(first.PersonId, first.Number, first.OfficeId, Iso(first.ValidFrom), Iso(first.ValidUntil)),
            extensions: new Dictionary<string, object?>
            {
                ["registration"] = new { number = first.Number, person = first.PersonId, officeId = first.OfficeId, from = first.ValidFrom, until = first.ValidUntil },
            });

    public static string Iso(LocalDate day) => NodaTime.Text.LocalDatePattern.Iso.Format(day);

    public static bool IsOneCurrentViolation(PostgresException exception) =>
        exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "temporary_registrations_one_current" };
}
