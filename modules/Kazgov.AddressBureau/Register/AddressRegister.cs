using Kazgov.AddressBureau.Domain;
using Kazgov.Kernel.Data;
using NodaTime;

namespace Kazgov.AddressBureau.Register;

/// <summary>A registration or deregistration record: one stay at an address; <see cref="DeregisteredOn"/> closes it.</summary>
internal sealed record RegistrationRecord(
    long Id,
    string Kind,
    string Region,
    string Settlement,
    string? Street,
    string? House,
    string? Flat,
    LocalDate RegisteredOn,
    LocalDate? DeregisteredOn,
    string Source,
    string Unit);

/// <summary>A person of the register, names as written.</summary>
internal sealed record PersonRecord(string PersonId, string? Iin, string LastName, string FirstName, string? MiddleName, LocalDate BirthDate, string? Sex)
{
    public string FullName => string.Join(' ', new[] { LastName, FirstName, MiddleName }.Where(p => !string.IsNullOrWhiteSpace(p)));
}

/// <summary>A person with every record, newest first.</summary>
internal sealed record PersonFound(PersonRecord Person, IReadOnlyList<RegistrationRecord> Registrations, double? Score = null)
{
    /// <summary>The address part: the open permanent registration, else an open temporary one, else the last closed one.</summary>
    public RegistrationRecord? Current =>
        Registrations.FirstOrDefault(r => r.DeregisteredOn is null && r.Kind == "permanent")
        ?? Registrations.FirstOrDefault(r => r.DeregisteredOn is null)
        ?? (Registrations.Count > 0 ? Registrations[0] : null);
}

/// <summary>One entry of a name query: the normalised parts and the birth date.</summary>
internal sealed record NameQuery(string Last, string First, string Middle, LocalDate BirthDate)
{
    public static NameQuery Of(string? lastName, string? firstName, string? middleName, LocalDate birthDate) =>
        new(NameNormaliser.Normalise(lastName), NameNormaliser.Normalise(firstName), NameNormaliser.Normalise(middleName), birthDate);
}

/// <summary>Reads of the register: by IIN, by normalised name and birth date, fuzzy, and a whole list at once.</summary>
internal sealed class AddressRegister(DbSession session)
{
    public const string PersonColumns = "p.person_id, p.iin, p.last_name, p.first_name, p.middle_name, p.birth_date, p.sex";

    private const string RegistrationColumns =
        "r.id, r.kind, r.region, r.settlement, r.street, r.house, r.flat, r.registered_on, r.deregistered_on, r.source, r.unit";

    public async Task<PersonFound?> ByIinAsync(string iin, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<Row>(
            $"""
            SELECT 0::bigint AS ord, 0::float8 AS score, {PersonColumns}, {RegistrationColumns}
            FROM address_bureau.persons p
            LEFT JOIN address_bureau.registrations r ON r.person_id = p.person_id
            WHERE p.person_id = @iin
            ORDER BY r.registered_on DESC, r.id DESC
            """,
            new { iin },
            cancellationToken);
        return Group(rows).Select(g => g.Found).FirstOrDefault();
    }

    public async Task<IReadOnlyList<PersonFound>> ByNameAsync(NameQuery query, int limit, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<Row>(
            $"""
            SELECT 0::bigint AS ord, 0::float8 AS score, {PersonColumns}, {RegistrationColumns}
            FROM (SELECT * FROM address_bureau.persons
                  WHERE search_last = @last AND search_first = @first AND birth_date = @birth AND (@middle = '' OR search_middle = @middle)
                  ORDER BY person_id LIMIT @limit) p
            LEFT JOIN address_bureau.registrations r ON r.person_id = p.person_id
            ORDER BY p.person_id, r.registered_on DESC, r.id DESC
            """,
            new { last = query.Last, first = query.First, middle = query.Middle, birth = query.BirthDate, limit },
            cancellationToken);
        return Group(rows).Select(g => g.Found).ToList();
    }

    /// <summary>Candidate surnames and first names taken from the dictionary per query part.</summary>
    public const int CandidateParts = 8;

    /// <summary>(surname, first name) pairs read from the register, best first.</summary>
    public const int CandidatePairs = 12;

    /// <summary>Namesakes scored per pair; beyond that the birth year narrows.</summary>
    public const int NamesakesPerPair = 100;

    /// <summary>
    /// Fuzzy search, ranked by trigram similarity of the whole normalised name, best first, at most
    /// <paramref name="limit"/>. The query is read as surname, first name, patronymic. Typos are matched
    /// in the dictionary of distinct parts (name_parts), then at most <see cref="CandidatePairs"/> pairs ×
    /// <see cref="NamesakesPerPair"/> persons are scored from the name index alone, so a search costs the
    /// same at 100 000 residents as at 20 million. A birth year narrows.
    /// </summary>
    public async Task<IReadOnlyList<PersonFound>> FuzzyAsync(string normalised, int? birthYear, int limit, CancellationToken cancellationToken)
    {
        var parts = normalised.Split(' ', 2);
        var last = parts[0];
        var first = parts.Length > 1 ? parts[1].Split(' ')[0] : "";
        // With only a surname, the pair is (surname, any first name) and the index prefix serves it.
        var firstCandidates = first.Length == 0
            ? "SELECT NULL::text AS part, 0::real AS s"
            : $"""
              SELECT part, similarity(part, @first) AS s FROM address_bureau.name_parts
              WHERE kind = 'first' AND part OPERATOR(public.%) @first ORDER BY s DESC, part LIMIT {CandidateParts}
              """;
        var firstMatches = first.Length == 0 ? "" : "AND y.search_first = pairs.first";
        var rows = await session.QueryAsync<Row>(
            $"""
            WITH l AS (SELECT part, similarity(part, @last) AS s FROM address_bureau.name_parts
                       WHERE kind = 'last' AND part OPERATOR(public.%) @last ORDER BY s DESC, part LIMIT {CandidateParts}),
                 f AS ({firstCandidates}),
                 pairs AS (SELECT l.part AS last, f.part AS first FROM l CROSS JOIN f ORDER BY l.s + f.s DESC, l.part, f.part LIMIT {CandidatePairs}),
                 c AS (SELECT x.person_id, similarity(x.search_last || ' ' || x.search_first || ' ' || x.search_middle, @q)::float8 AS score
                       FROM pairs CROSS JOIN LATERAL (
                           SELECT y.person_id, y.search_last, y.search_first, y.search_middle FROM address_bureau.persons y
                           WHERE y.search_last = pairs.last {firstMatches}
                             AND (@year::int IS NULL OR y.birth_date BETWEEN make_date(@year::int, 1, 1) AND make_date(@year::int, 12, 31))
                           LIMIT {NamesakesPerPair}) x
                       ORDER BY score DESC, x.person_id LIMIT @limit)
            SELECT 0::bigint AS ord, c.score, {PersonColumns}, {RegistrationColumns}
            FROM c
            JOIN address_bureau.persons p ON p.person_id = c.person_id
            LEFT JOIN address_bureau.registrations r ON r.person_id = p.person_id
            ORDER BY c.score DESC, p.person_id, r.registered_on DESC, r.id DESC
            """,
            new { q = normalised, last, first, year = birthYear, limit },
            cancellationToken);
        return Group(rows).Select(g => g.Found).ToList();
    }

    /// <summary>
    /// A whole list in one statement (§16): each entry by IIN when it has one, else by normalised name and
    /// birth date. Answers the matches per entry index; an entry with none is absent («жоқ»).
    /// </summary>
    public async Task<ILookup<int, PersonFound>> ListAsync(IReadOnlyList<(string? Iin, NameQuery? Name)> entries, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<Row>(
            $"""
            SELECT q.ord, 0::float8 AS score, {PersonColumns}, {RegistrationColumns}
            FROM unnest(@iins::text[], @lasts::text[], @firsts::text[], @middles::text[], @births::date[]) WITH ORDINALITY
                 AS q (iin, last, first, middle, birth, ord)
            JOIN LATERAL (
                SELECT * FROM address_bureau.persons x WHERE q.iin IS NOT NULL AND x.person_id = q.iin
                UNION ALL
                SELECT * FROM (SELECT * FROM address_bureau.persons y
                               WHERE q.iin IS NULL AND y.search_last = q.last AND y.search_first = q.first AND y.birth_date = q.birth
                                 AND (q.middle = '' OR y.search_middle = q.middle)
                               LIMIT 5) y
            ) p ON true
            LEFT JOIN address_bureau.registrations r ON r.person_id = p.person_id
            ORDER BY q.ord, p.person_id, r.registered_on DESC, r.id DESC
            """,
            new
            {
                iins = entries.Select(e => e.Iin).ToArray(),
                lasts = entries.Select(e => e.Name?.Last ?? "").ToArray(),
                firsts = entries.Select(e => e.Name?.First ?? "").ToArray(),
                middles = entries.Select(e => e.Name?.Middle ?? "").ToArray(),
                births = entries.Select(e => e.Name?.BirthDate ?? new LocalDate(1900, 1, 1)).ToArray(),
            },
            cancellationToken);
        return Group(rows).ToLookup(g => (int)g.Ord - 1, g => g.Found);
    }

    private static IEnumerable<(long Ord, PersonFound Found)> Group(IEnumerable<Row> rows)
    {
        Row? head = null;
        var registrations = new List<RegistrationRecord>();
        foreach (var row in rows)
        {
            if (head is not null && (head.Ord != row.Ord || head.Person_Id != row.Person_Id))
            {
                yield return (head.Ord, Build(head, registrations));
                registrations = [];
            }

            head = row;
            if (row.Id is { } id)
            {
                registrations.Add(new RegistrationRecord(id, row.Kind!, row.Region!, row.Settlement!, row.Street, row.House, row.Flat,
                    row.Registered_On!.Value, row.Deregistered_On, row.Source!, row.Unit!));
            }
        }

        if (head is not null)
        {
            yield return (head.Ord, Build(head, registrations));
        }
    }

    private static PersonFound Build(Row row, List<RegistrationRecord> registrations) =>
        new(new PersonRecord(row.Person_Id, row.Iin, row.Last_Name, row.First_Name, row.Middle_Name, row.Birth_Date, row.Sex), registrations,
            row.Score == 0 ? null : row.Score);

#pragma warning disable CA1707, IDE1006 // Dapper maps the columns by name
    private sealed class Row
    {
        public long Ord { get; init; }
        public double Score { get; init; }
        public string Person_Id { get; init; } = "";
        public string? Iin { get; init; }
        public string Last_Name { get; init; } = "";
        public string First_Name { get; init; } = "";
        public string? Middle_Name { get; init; }
        public LocalDate Birth_Date { get; init; }
        public string? Sex { get; init; }
        public long? Id { get; init; }
        public string? Kind { get; init; }
        public string? Region { get; init; }
        public string? Settlement { get; init; }
        public string? Street { get; init; }
        public string? House { get; init; }
        public string? Flat { get; init; }
        public LocalDate? Registered_On { get; init; }
        public LocalDate? Deregistered_On { get; init; }
        public string? Source { get; init; }
        public string? Unit { get; init; }
    }
#pragma warning restore CA1707, IDE1006
}
