using Kazgov.AddressBureau.Domain;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Identifiers;
using NodaTime;

namespace Kazgov.AddressBureau.Register;

/// <summary>A new registration record.</summary>
internal sealed record NewRegistration(
    string Kind,
    string Region,
    string Settlement,
    string? Street,
    string? House,
    string? Flat,
    LocalDate From,
    LocalDate? Until,
    string Source,
    string Unit,
    string? SourceReference);

/// <summary>
/// Writes the register, for the clerk endpoints and the migration module's events alike. A new
/// permanent registration closes the open permanent one on its first day (a person has one place of
/// permanent residence); a record with a source reference (an event's number) is taken in once.
/// </summary>
internal sealed class RegisterWriter(DbSession session, IClock clock)
{
    public static readonly IReadOnlyList<string> Regions =
    [
        "astana", "almaty-city", "akmola", "almaty-region", "atyrau", "aktobe", "east-kazakhstan", "zhambyl", "west-kazakhstan",
        "karaganda", "kostanay", "kyzylorda", "mangystau", "pavlodar", "north-kazakhstan", "south-kazakhstan",
    ];

    /// <summary>The region an office belongs to, read from its id (e.g. migration-police-almaty-city-… → almaty-city).</summary>
    public static string RegionOfOffice(string officeId) =>
        Regions.OrderByDescending(r => r.Length).FirstOrDefault(r => officeId.Contains("-" + r + "-", StringComparison.Ordinal)) ?? "unknown";

    /// <summary>Adds the person if absent; true when added.</summary>
    public async Task<bool> AddPersonAsync(string personId, string? iin, string lastName, string firstName, string? middleName, LocalDate birthDate, string? sex, string source, CancellationToken cancellationToken) =>
        // The name dictionary is fed from the row actually inserted: a person already there (409 to a
        // clerk) leaves nothing behind.
        await session.QuerySingleAsync<int>(
            """
            WITH person AS (
                INSERT INTO address_bureau.persons
                    (person_id, iin, last_name, first_name, middle_name, search_last, search_first, search_middle, search_name, birth_date, sex, source, created_at)
                VALUES (@personId, @iin, @lastName, @firstName, @middleName, @searchLast, @searchFirst, @searchMiddle, @searchName, @birthDate, @sex, @source, @now)
                ON CONFLICT (person_id) DO NOTHING
                RETURNING search_last, search_first),
            dictionary AS (
                INSERT INTO address_bureau.name_parts (kind, part)
                SELECT 'last', search_last FROM person UNION ALL SELECT 'first', search_first FROM person
                ON CONFLICT DO NOTHING)
            SELECT count(*)::int FROM person
            """,
            new
            {
                personId,
                iin,
                lastName,
                firstName,
                middleName,
                searchLast = NameNormaliser.Normalise(lastName),
                searchFirst = NameNormaliser.Normalise(firstName),
                searchMiddle = NameNormaliser.Normalise(middleName),
                searchName = NameNormaliser.Normalise($"{lastName} {firstName} {middleName}"),
                birthDate,
                sex,
                source,
                now = clock.GetCurrentInstant(),
            },
            cancellationToken) == 1;

    /// <summary>Adds a person by IIN: birth date and sex are the IIN's.</summary>
    public Task<bool> AddPersonAsync(Iin iin, string lastName, string firstName, string? middleName, string source, CancellationToken cancellationToken) =>
        AddPersonAsync(iin.Value, iin.Value, lastName, firstName, middleName, iin.BirthDate, iin.IsMale ? "M" : "F", source, cancellationToken);

    public Task<bool> PersonExistsAsync(string personId, CancellationToken cancellationToken) =>
        session.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM address_bureau.persons WHERE person_id = @personId)", new { personId }, cancellationToken);

    /// <summary>Records the registration; answers its id, or null when its source reference was taken in before.</summary>
    public async Task<long?> AddRegistrationAsync(string personId, NewRegistration r, CancellationToken cancellationToken)
    {
        await using var transaction = await session.BeginAsync(cancellationToken);
        var id = await session.ExecuteScalarAsync<long?>(
            """
            INSERT INTO address_bureau.registrations
                (person_id, kind, region, settlement, street, house, flat, registered_on, deregistered_on, source, unit, source_reference, recorded_at)
            VALUES (@personId, @Kind, @Region, @Settlement, @Street, @House, @Flat, @From, @Until, @Source, @Unit, @SourceReference, @now)
            ON CONFLICT (source_reference) DO NOTHING
            RETURNING id
            """,
            new { personId, r.Kind, r.Region, r.Settlement, r.Street, r.House, r.Flat, r.From, r.Until, r.Source, r.Unit, r.SourceReference, now = clock.GetCurrentInstant() },
            cancellationToken);
        if (id is not null && r.Kind == "permanent")
        {
            await session.ExecuteAsync(
                """
                UPDATE address_bureau.registrations SET deregistered_on = GREATEST(registered_on, @From)
                WHERE person_id = @personId AND kind = 'permanent' AND deregistered_on IS NULL AND id <> @id
                """,
                new { personId, r.From, id },
                cancellationToken);
        }

        await transaction.CommitAsync();
        return id;
    }

    /// <summary>Closes an open registration; false when there is none with that id, or it is closed.</summary>
    public async Task<bool> DeregisterAsync(long id, LocalDate on, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            "UPDATE address_bureau.registrations SET deregistered_on = @on WHERE id = @id AND deregistered_on IS NULL AND registered_on <= @on",
            new { id, on },
            cancellationToken) == 1;
}
