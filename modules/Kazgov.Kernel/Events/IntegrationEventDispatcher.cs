using System.Text.Json;
using Kazgov.Kernel.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Kazgov.Kernel.Events;

/// <summary>
/// Delivers integration events to their subscribers, each at its own cursor: one transaction per
/// batch locks the subscriber's row (SKIP LOCKED, so hosts never run one subscriber twice at once),
/// runs the handler for each event in (tx, id) order and moves the cursor. A failing handler rolls
/// its batch back and the subscriber retries later with a growing delay; the others go on.
/// </summary>
public sealed class IntegrationEventDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<IntegrationEventSubscription> subscriptions,
    IClock clock,
    ILogger<IntegrationEventDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 100;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Runs every subscriber once; returns how many events were handled.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        foreach (var subscription in subscriptions)
        {
            handled += await DispatchAsync(subscription, cancellationToken);
        }

        return handled;
    }

    private async Task<int> DispatchAsync(IntegrationEventSubscription subscription, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        var now = clock.GetCurrentInstant();
        await session.ExecuteAsync(
            "INSERT INTO platform.integration_event_subscriptions (subscriber) VALUES (@subscriber) ON CONFLICT DO NOTHING",
            new { subscriber = subscription.Subscriber },
            cancellationToken);
        try
        {
            await using var transaction = await session.BeginAsync(cancellationToken);
            var cursor = await session.QuerySingleOrDefaultAsync<Cursor>(
                """
                SELECT last_tx::text AS LastTx, last_id AS LastId FROM platform.integration_event_subscriptions
                WHERE subscriber = @subscriber AND (retry_at IS NULL OR retry_at <= @now)
                FOR UPDATE SKIP LOCKED
                """,
                new { subscriber = subscription.Subscriber, now },
                cancellationToken);
            if (cursor is null)
            {
                return 0;
            }

            var events = (await session.QueryAsync<EventRow>(
                """
                SELECT id AS Id, tx::text AS Tx, payload::text AS Payload FROM platform.integration_events
                WHERE type = @type AND (tx, id) > (@lastTx::xid8, @lastId)
                  AND tx < pg_snapshot_xmin(pg_current_snapshot())
                ORDER BY tx, id
                LIMIT @batch
                """,
                new { type = subscription.EventType, lastTx = cursor.LastTx, lastId = cursor.LastId, batch = BatchSize },
                cancellationToken)).ToList();
            var current = scope.ServiceProvider.GetService<CurrentIntegrationEvent>();
            foreach (var row in events)
            {
                // A stopping host cuts the batch between events, never during a statement
                // (QueryCancellation): what was handled rolls back with the cursor.
                cancellationToken.ThrowIfCancellationRequested();
                if (current is not null)
                {
                    current.Id = row.Id;
                    current.Tx = row.Tx;
                }

                using var payload = JsonDocument.Parse(row.Payload);
                await subscription.Handle(scope.ServiceProvider, payload.RootElement, cancellationToken);
            }

            if (events.Count > 0)
            {
                await session.ExecuteAsync(
                    """
                    UPDATE platform.integration_event_subscriptions
                    SET last_tx = @tx::xid8, last_id = @id, failures = 0, last_error = NULL, retry_at = NULL
                    WHERE subscriber = @subscriber
                    """,
                    new { subscriber = subscription.Subscriber, tx = events[^1].Tx, id = events[^1].Id },
                    cancellationToken);
            }

            await transaction.CommitAsync();
            return events.Count;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The batch rolled back; the subscriber waits 1 s, 2 s, 4 s … up to 5 minutes, then tries again.
            logger.LogWarning(exception, "Integration event subscriber {Subscriber} failed", subscription.Subscriber);
            await session.ExecuteAsync(
                """
                UPDATE platform.integration_event_subscriptions
                SET failures = failures + 1, last_error = @error,
                    retry_at = @now + make_interval(secs => least(300, power(2, failures)))
                WHERE subscriber = @subscriber
                """,
                new { subscriber = subscription.Subscriber, error = exception.Message, now },
                cancellationToken);
            return 0;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchOnceAsync(stoppingToken) > 0)
                {
                }

                await Task.Delay(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // The database may be briefly away: try again after the interval.
                logger.LogError(exception, "Integration event dispatch failed");
                await Task.Delay(PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        // A batch cut short rolled back with its cursor: the next start hands the same events over again.
        logger.LogInformation("Integration event dispatcher stopped");
    }

    private sealed class Cursor
    {
        public string LastTx { get; init; } = "0";

        public long LastId { get; init; }
    }

    private sealed class EventRow
    {
        public long Id { get; init; }

        public string Tx { get; init; } = "0";

        public string Payload { get; init; } = "{}";
    }
}
