using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using NodaTime;

namespace Kazgov.AddressBureau.Synthetic;

/// <summary>What a load took.</summary>
internal sealed record LoadReport(long Persons, long Registrations, TimeSpan Copy, TimeSpan Indexes, TimeSpan Total);

/// <summary>
/// The bulk feed of the register: binary COPY into persons and registrations. For a large load the
/// secondary indexes and the foreign key are dropped first and built again after (the same definitions
/// as the migration), which is several times faster than maintaining them row by row.
/// </summary>
// Row writes are synchronous on purpose: they fill Npgsql's buffer and an await per value costs more than the copy itself.
#pragma warning disable CA1849
internal static class BulkLoader
{
    private static readonly string[] DropStatements =
    [
        "ALTER TABLE address_bureau.registrations DROP CONSTRAINT IF EXISTS registrations_person_id_fkey",
        "DROP INDEX IF EXISTS address_bureau.persons_name_birth",
        "DROP INDEX IF EXISTS address_bureau.registrations_person",
    ];

    private static readonly string[] BuildStatements =
    [
        "CREATE INDEX IF NOT EXISTS persons_name_birth ON address_bureau.persons (search_last, search_first, birth_date) INCLUDE (search_middle)",
        "CREATE INDEX IF NOT EXISTS registrations_person ON address_bureau.registrations (person_id, registered_on DESC)",
        "ALTER TABLE address_bureau.registrations ADD CONSTRAINT registrations_person_id_fkey FOREIGN KEY (person_id) REFERENCES address_bureau.persons (person_id) NOT VALID",
        "ANALYZE address_bureau.persons",
        "ANALYZE address_bureau.registrations",
    ];

    public static async Task<LoadReport> LoadAsync(
        NpgsqlDataSource dataSource, long count, int seed, LocalDate today, bool dropIndexes, Action<string>? progress, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var settings = new NpgsqlCommand("SET maintenance_work_mem = '1GB'; SET max_parallel_maintenance_workers = 2", connection))
        {
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }

        if (dropIndexes)
        {
            await ExecuteAllAsync(connection, DropStatements, progress, cancellationToken);
        }

        long nextId;
        await using (var max = new NpgsqlCommand("SELECT coalesce(max(id), 0) + 1 FROM address_bureau.registrations", connection))
        {
            nextId = (long)(await max.ExecuteScalarAsync(cancellationToken))!;
        }

        var now = SystemClock.Instance.GetCurrentInstant();
        // Generated twice from the same seed (once per table) rather than held in memory: 20 M residents do not fit.
        long loaded = 0;
        var lastNames = new HashSet<string>(StringComparer.Ordinal);
        var firstNames = new HashSet<string>(StringComparer.Ordinal);
        var copy = Stopwatch.StartNew();
        await using (var persons = await connection.BeginBinaryImportAsync(
            "COPY address_bureau.persons (person_id, iin, last_name, first_name, middle_name, search_last, search_first, search_middle, search_name, birth_date, sex, source, created_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var p in new SyntheticResidents(seed, today).Generate(count))
            {
                loaded++;
                lastNames.Add(p.SearchLast);
                firstNames.Add(p.SearchFirst);
                persons.StartRow();
                persons.Write(p.Iin, NpgsqlDbType.Text);
                persons.Write(p.Iin, NpgsqlDbType.Char);
                persons.Write(p.LastName, NpgsqlDbType.Text);
                persons.Write(p.FirstName, NpgsqlDbType.Text);
                persons.Write(p.MiddleName, NpgsqlDbType.Text);
                persons.Write(p.SearchLast, NpgsqlDbType.Text);
                persons.Write(p.SearchFirst, NpgsqlDbType.Text);
                persons.Write(p.SearchMiddle, NpgsqlDbType.Text);
                persons.Write($"{p.SearchLast} {p.SearchFirst} {p.SearchMiddle}", NpgsqlDbType.Text);
                persons.Write(p.BirthDate, NpgsqlDbType.Date);
                persons.Write(p.IsMale ? "M" : "F", NpgsqlDbType.Char);
                persons.Write("bulk-load", NpgsqlDbType.Text);
                persons.Write(now, NpgsqlDbType.TimestampTz);
            }

            await persons.CompleteAsync(cancellationToken);
        }

        progress?.Invoke($"persons: {loaded} copied in {copy.Elapsed.TotalSeconds:0.0} s");
        long registrations = 0;
        await using (var rows = await connection.BeginBinaryImportAsync(
            "COPY address_bureau.registrations (id, person_id, kind, region, settlement, street, house, flat, registered_on, deregistered_on, source, unit, recorded_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var p in new SyntheticResidents(seed, today).Generate(count))
            {
                foreach (var r in p.Registrations)
                {
                    rows.StartRow();
                    rows.Write(nextId++, NpgsqlDbType.Bigint);
                    rows.Write(p.Iin, NpgsqlDbType.Text);
                    rows.Write("permanent", NpgsqlDbType.Text);
                    rows.Write(r.Region, NpgsqlDbType.Text);
                    rows.Write(r.Settlement, NpgsqlDbType.Text);
                    rows.Write(r.Street, NpgsqlDbType.Text);
                    rows.Write(r.House, NpgsqlDbType.Text);
                    rows.Write(r.Flat, NpgsqlDbType.Text);
                    rows.Write(r.From, NpgsqlDbType.Date);
                    if (r.Until is { } until)
                    {
                        rows.Write(until, NpgsqlDbType.Date);
                    }
                    else
                    {
                        rows.WriteNull();
                    }

                    rows.Write("bulk-load", NpgsqlDbType.Text);
                    rows.Write("bulk-load", NpgsqlDbType.Text);
                    rows.Write(now, NpgsqlDbType.TimestampTz);
                    registrations++;
                }
            }

            await rows.CompleteAsync(cancellationToken);
        }

        // The fuzzy search's dictionary (migration 0003): the distinct parts, known without reading the table back.
        await using (var dictionary = new NpgsqlCommand(
            """
            INSERT INTO address_bureau.name_parts (kind, part)
            SELECT 'last', unnest(@lasts::text[]) UNION ALL SELECT 'first', unnest(@firsts::text[])
            ON CONFLICT DO NOTHING
            """, connection))
        {
            dictionary.Parameters.AddWithValue("lasts", lastNames.ToArray());
            dictionary.Parameters.AddWithValue("firsts", firstNames.ToArray());
            await dictionary.ExecuteNonQueryAsync(cancellationToken);
        }

        var copied = copy.Elapsed;
        progress?.Invoke($"registrations: {registrations} copied; COPY total {copied.TotalSeconds:0.0} s");
        await using (var sequence = new NpgsqlCommand(
            "SELECT setval(pg_get_serial_sequence('address_bureau.registrations', 'id'), (SELECT max(id) FROM address_bureau.registrations))", connection))
        {
            await sequence.ExecuteScalarAsync(cancellationToken);
        }

        var indexes = Stopwatch.StartNew();
        await ExecuteAllAsync(connection, BuildStatements, progress, cancellationToken);
        return new LoadReport(loaded, registrations, copied, indexes.Elapsed, total.Elapsed);
    }

    private static async Task ExecuteAllAsync(NpgsqlConnection connection, IEnumerable<string> statements, Action<string>? progress, CancellationToken cancellationToken)
    {
        foreach (var sql in statements)
        {
            var watch = Stopwatch.StartNew();
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken);
            progress?.Invoke($"{watch.Elapsed.TotalSeconds,7:0.0} s  {sql}");
        }
    }
}
#pragma warning restore CA1849
