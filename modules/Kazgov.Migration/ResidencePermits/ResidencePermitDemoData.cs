using Dapper;
using Kazgov.Kernel.Modules;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace Kazgov.Migration.ResidencePermits;

/// <summary>
/// Demo holders of a valid residence permit and stateless person's certificate (README), so that
/// the §18.1 refusal can be shown: only with ReferenceData:LoadDemoData, never in production.
/// Idempotent (by number).
/// </summary>
internal sealed class ResidencePermitDemoData(NpgsqlDataSource dataSource, IOptions<ReferenceDataOptions> referenceData, IClock clock) : IReferenceDataLoader
{
    public static readonly DemoHolder Permit = new(
        "RP240900001", "residence-permit", "Петров", "Алексей", "Иванович", new LocalDate(1988, 4, 12), "RU", "RU", "750000001",
        new LocalDate(2024, 6, 3), new LocalDate(2031, 5, 20));

    public static readonly DemoHolder Certificate = new(
        "SC240900002", "stateless-certificate", "Алиев", "Рустам", null, new LocalDate(1979, 11, 2), null, "UZ", "AA0000002",
        new LocalDate(2024, 9, 16), new LocalDate(2034, 9, 16));

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (!referenceData.Value.LoadDemoData)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var holder in new[] { Permit, Certificate })
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO migration.residence_permits
                    (number, kind, application_id, holder_last_name, holder_first_name, holder_middle_name, holder_birth_date,
                     holder_citizenship, travel_document_country, travel_document_number, holder_iin, office_id, status,
                     reserved_at, issue_date, valid_until, handed_over_at)
                VALUES (@Number, @Kind, NULL, @LastName, @FirstName, @MiddleName, @BirthDate,
                        @Citizenship, @Country, @DocumentNumber, NULL, 'migration-police-astana-e7769a19', 'issued',
                        @now, @IssuedOn, @ValidUntil, @now)
                ON CONFLICT (number) DO NOTHING
                """,
                new
                {
                    holder.Number, holder.Kind, holder.LastName, holder.FirstName, holder.MiddleName, holder.BirthDate,
                    holder.Citizenship, holder.Country, holder.DocumentNumber, holder.IssuedOn, holder.ValidUntil,
                    now = clock.GetCurrentInstant(),
                },
                cancellationToken: cancellationToken));
        }
    }
}

internal sealed record DemoHolder(
    string Number, string Kind, string LastName, string FirstName, string? MiddleName, LocalDate BirthDate, string? Citizenship,
    string Country, string DocumentNumber, LocalDate IssuedOn, LocalDate ValidUntil);
