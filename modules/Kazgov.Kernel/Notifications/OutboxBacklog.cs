using System.Diagnostics.Metrics;
using Dapper;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Observability;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace Kazgov.Kernel.Notifications;

/// <summary>
/// How far the outbox is behind: messages waiting (neither delivered nor dead), the age of the
/// oldest of them, and dead letters waiting for an administrator. One query on the outbox's own
/// table (partial index on undelivered rows), cached a few seconds; it feeds the gauges
/// kazgov_outbox_backlog, kazgov_outbox_oldest_message_age_seconds and
/// kazgov_outbox_dead_letters_waiting, and the readiness check "outbox".
/// </summary>
public sealed class OutboxBacklog
{
    private readonly CachedReading<Reading> _reading;

    public OutboxBacklog(NpgsqlDataSource dataSource, IClock clock)
    {
        _reading = new CachedReading<Reading>(
            async cancellationToken =>
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                var now = clock.GetCurrentInstant();
                var row = await connection.QuerySingleRowAsync<(long Waiting, Instant? Oldest, long Dead)>(new CommandDefinition(
                    """
                    SELECT count(*) FILTER (WHERE dead_at IS NULL),
                           min(created_at) FILTER (WHERE dead_at IS NULL),
                           count(*) FILTER (WHERE dead_at IS NOT NULL)
                    FROM platform.outbox_messages
                    WHERE delivered_at IS NULL
                    """,
                    cancellationToken: cancellationToken));
                var age = row.Oldest is { } oldest && oldest < now ? (now - oldest).TotalSeconds : 0;
                return new Reading(row.Waiting, age, row.Dead);
            },
            TimeSpan.FromSeconds(5));
    }

    /// <summary>The backlog, read again when the last reading is older than five seconds.</summary>
    public Task<Reading?> ReadAsync(CancellationToken cancellationToken) => _reading.ReadAsync(cancellationToken);

    public void Invalidate() => _reading.Invalidate();

    internal void Register(KazgovMetrics metrics)
    {
        metrics.ObserveGauge("kazgov.outbox.backlog", () => Measure(r => r.Waiting), ReadAsync, description: "Notifications neither delivered nor dead.");
        metrics.ObserveGauge("kazgov.outbox.oldest_message_age", () => Measure(r => r.OldestAgeSeconds), ReadAsync, unit: "s", description: "Age of the oldest notification waiting.");
        metrics.ObserveGauge("kazgov.outbox.dead_letters.waiting", () => Measure(r => r.DeadLetters), ReadAsync, description: "Dead letters not replayed.");
    }

    private IEnumerable<Measurement<double>> Measure(Func<Reading, double> value) =>
        _reading.Value is { } reading ? [new Measurement<double>(value(reading))] : [];

    public sealed record Reading(long Waiting, double OldestAgeSeconds, long DeadLetters);
}

/// <summary>Readiness: degraded while more than Notifications:BacklogDegradedAbove messages wait.</summary>
internal sealed class OutboxHealthCheck(OutboxBacklog backlog, IOptionsMonitor<NotificationOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var threshold = options.CurrentValue.BacklogDegradedAbove;
        var data = new Dictionary<string, object>();
        if (await backlog.ReadAsync(cancellationToken) is not { } reading)
        {
            return HealthCheckResult.Degraded("The outbox backlog could not be read.");
        }

        data["backlog"] = reading.Waiting;
        data["oldestMessageAgeSeconds"] = Math.Round(reading.OldestAgeSeconds);
        data["deadLetters"] = reading.DeadLetters;
        return reading.Waiting > threshold
            ? HealthCheckResult.Degraded($"{reading.Waiting} notifications wait for delivery (more than {threshold}).", data: data)
            : HealthCheckResult.Healthy($"{reading.Waiting} notifications wait for delivery.", data);
    }
}
