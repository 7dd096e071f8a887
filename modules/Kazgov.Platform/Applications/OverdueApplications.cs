using System.Diagnostics.Metrics;
using Dapper;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Observability;
using NodaTime;
using Npgsql;

namespace Kazgov.Platform.Applications;

/// <summary>
/// The gauge kazgov_applications_overdue: open applications past their due moment, per service
/// and office. One grouped count on the inbox's (office_id, due_at, id) index, cached a few seconds.
/// </summary>
internal sealed class OverdueApplications : IGaugeSource
{
    private readonly CachedReading<IReadOnlyList<Row>> _reading;

    public OverdueApplications(NpgsqlDataSource dataSource, IClock clock)
    {
        _reading = new CachedReading<IReadOnlyList<Row>>(
            async cancellationToken =>
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                return await connection.QueryRowsAsync<Row>(new CommandDefinition(
                    """
                    SELECT service_code AS Service, office_id AS Office, count(*) AS Count
                    FROM platform.applications
                    WHERE status = ANY(@open) AND due_at <= @now
                    GROUP BY service_code, office_id
                    """,
                    new { open = ApplicationStore.OpenStatuses, now = clock.GetCurrentInstant() },
                    cancellationToken: cancellationToken));
            },
            TimeSpan.FromSeconds(10));
    }

    public void Register(KazgovMetrics metrics) =>
        metrics.ObserveGauge(
            "kazgov.applications.overdue",
            () => (_reading.Value ?? []).Select(row => new Measurement<double>(
                row.Count, new KeyValuePair<string, object?>("service", row.Service), new KeyValuePair<string, object?>("office", row.Office))),
            _reading.ReadAsync,
            description: "Open applications past their due moment, per service and office.");

    private sealed record Row(string Service, string Office, long Count);
}
