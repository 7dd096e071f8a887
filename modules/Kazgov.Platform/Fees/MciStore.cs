using Dapper;
using Kazgov.Kernel.Caching;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Modules;
using NodaTime;
using Npgsql;

namespace Kazgov.Platform.Fees;

/// <summary>The MCI table in platform.mci_rates.</summary>
internal sealed class MciStore(DbSession session, ReferenceData referenceData)
{
    private const string Columns = "effective_from AS EffectiveFrom, kzt AS Kzt, changed_at AS ChangedAt, changed_by AS ChangedBy";

    /// <summary>The table for fee calculation, from the reference-data cache (dropped when mci_rates changes).</summary>
    public async Task<MciTable> LoadAsync(CancellationToken cancellationToken) =>
        await referenceData.GetAsync(
            ReferenceAreas.Mci,
            "table",
            async token => new MciTable((await ListAsync(token)).Select(r => new MciRate(r.EffectiveFrom, r.Kzt))),
            cancellationToken);

    public async Task<IReadOnlyList<Row>> ListAsync(CancellationToken cancellationToken) =>
        (await session.QueryAsync<Row>($"SELECT {Columns} FROM platform.mci_rates ORDER BY effective_from", cancellationToken: cancellationToken)).ToList();

    /// <summary>Creates or replaces the row effective from a date; true when it was created.</summary>
    public async Task<(Row Row, bool Created)> UpsertAsync(LocalDate effectiveFrom, decimal kzt, Instant at, string by, CancellationToken cancellationToken)
    {
        referenceData.Changed(ReferenceAreas.Mci);
        var row = await session.QuerySingleAsync<RowWithFlag>(
            $"""
            INSERT INTO platform.mci_rates (effective_from, kzt, changed_at, changed_by) VALUES (@effectiveFrom, @kzt, @at, @by)
            ON CONFLICT (effective_from) DO UPDATE SET kzt = EXCLUDED.kzt, changed_at = EXCLUDED.changed_at, changed_by = EXCLUDED.changed_by
            RETURNING {Columns}, (xmax = 0) AS Created
            """,
            new { effectiveFrom, kzt, at, by },
            cancellationToken);
        return (row, row.Created);
    }

    public async Task<bool> DeleteAsync(LocalDate effectiveFrom, CancellationToken cancellationToken)
    {
        referenceData.Changed(ReferenceAreas.Mci);
        return await session.ExecuteAsync("DELETE FROM platform.mci_rates WHERE effective_from = @effectiveFrom", new { effectiveFrom }, cancellationToken) == 1;
    }

    internal class Row
    {
        public LocalDate EffectiveFrom { get; set; }

        public decimal Kzt { get; set; }

        public Instant ChangedAt { get; set; }

        public string ChangedBy { get; set; } = "";
    }

    internal sealed class RowWithFlag : Row
    {
        public bool Created { get; set; }
    }
}

/// <summary>
/// Loads the shipped MCI rows (Fees/Data/mci.csv) into platform.mci_rates, only the dates that are
/// missing: an operator's later change of a value is never overwritten, and a second run changes nothing.
/// </summary>
internal sealed class MciDefaultsLoader(NpgsqlDataSource dataSource, IClock clock) : IReferenceDataLoader
{
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var rate in MciTable.Defaults())
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO platform.mci_rates (effective_from, kzt, changed_at, changed_by)
                VALUES (@EffectiveFrom, @Value, @now, 'defaults')
                ON CONFLICT (effective_from) DO NOTHING
                """,
                new { rate.EffectiveFrom, rate.Value, now },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
