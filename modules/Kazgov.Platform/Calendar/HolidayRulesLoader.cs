using Dapper;
using Kazgov.Kernel.Modules;
using NodaTime;
using Npgsql;

namespace Kazgov.Platform.Calendar;

/// <summary>
/// Loads the shipped holiday rules (Calendar/Data/holiday-rules.json) into platform.holiday_rules,
/// only the codes that are missing: an operator's later edit of a rule is never overwritten, and a
/// second run changes nothing.
/// </summary>
internal sealed class HolidayRulesLoader(NpgsqlDataSource dataSource, IClock clock) : IReferenceDataLoader
{
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var rule in HolidayRuleDefaults.Load())
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO platform.holiday_rules (code, kind, month, day, on_date, valid_from_year, valid_to_year, carry_over,
                                                    name_kk, name_ru, name_en, source, changed_at, changed_by)
                VALUES (@Code, @Kind, @Month, @Day, @OnDate, @ValidFromYear, @ValidToYear, @CarryOver,
                        @NameKk, @NameRu, @NameEn, @Source, @Now, 'defaults')
                ON CONFLICT (code) DO NOTHING
                """,
                new
                {
                    rule.Code,
                    Kind = rule.Kind == HolidayKind.Religious ? "religious" : "national",
                    Month = (short?)rule.Month,
                    Day = (short?)rule.Day,
                    OnDate = rule.Date,
                    rule.ValidFromYear,
                    rule.ValidToYear,
                    rule.CarryOver,
                    NameKk = rule.Name.Kk,
                    NameRu = rule.Name.Ru,
                    NameEn = rule.Name.En,
                    rule.Source,
                    Now = now,
                },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
