using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Kazgov.Platform.Notifications;

/// <summary>
/// Delivers outbox messages at least once. Each round takes the due undelivered messages
/// (FOR UPDATE SKIP LOCKED, so several hosts never send one message twice at the same time), sends
/// each through a Polly pipeline (timeout + retries), records every attempt, and marks it delivered
/// or reschedules it with a growing delay. A message written before a crash is simply found by the
/// next round.
/// </summary>
public sealed class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    GatewayClient gateway,
    IClock clock,
    IOptions<NotificationOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 20;
    private readonly ResiliencePipeline _pipeline = BuildPipeline(options.Value);

    /// <summary>Runs one round; returns how many messages were delivered in it.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var due = (await connection.QueryAsync<DueMessage>(new CommandDefinition(
            """
            SELECT id AS Id, channel AS Channel, recipient AS Recipient, subject AS Subject, body AS Body,
                   reference AS Reference, attempts AS Attempts
            FROM platform.outbox_messages
            WHERE delivered_at IS NULL AND next_attempt_at <= @now
            ORDER BY next_attempt_at
            LIMIT @limit
            FOR UPDATE SKIP LOCKED
            """,
            new { now = clock.GetCurrentInstant(), limit = BatchSize },
            transaction,
            cancellationToken: cancellationToken))).ToList();

        var delivered = 0;
        foreach (var message in due)
        {
            var attempt = message.Attempts;
            string? lastError = null;
            var succeeded = false;
            try
            {
                await _pipeline.ExecuteAsync(
                    async token =>
                    {
                        attempt++;
                        try
                        {
                            await gateway.SendAsync(Channel(message.Channel), message.Recipient, message.Subject, message.Body, message.Reference, token);
                            await RecordAttemptAsync(connection, transaction, message.Id, attempt, true, null, clock.GetCurrentInstant(), token);
                        }
                        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                        {
                            await RecordAttemptAsync(connection, transaction, message.Id, attempt, false, exception.Message, clock.GetCurrentInstant(), token);
                            throw;
                        }
                    },
                    cancellationToken);
                succeeded = true;
            }
            catch (Exception exception) when (exception is GatewayException or HttpRequestException or TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                lastError = exception.Message;
                logger.LogWarning("Outbox message {MessageId} not delivered after attempt {Attempt}: {Error}", message.Id, attempt, exception.Message);
            }

            var now = clock.GetCurrentInstant();
            var rounds = Math.Min(attempt, 6);
            var wait = Duration.FromTimeSpan(options.Value.RedeliveryDelay) * Math.Pow(2, rounds - 1);
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE platform.outbox_messages
                SET attempts = @attempt, delivered_at = @deliveredAt, last_error = @lastError, next_attempt_at = @nextAttemptAt
                WHERE id = @id
                """,
                new
                {
                    id = message.Id,
                    attempt,
                    deliveredAt = succeeded ? now : (Instant?)null,
                    lastError,
                    nextAttemptAt = succeeded ? now : now + Duration.Min(wait, Duration.FromHours(1)),
                },
                transaction,
                cancellationToken: cancellationToken));
            delivered += succeeded ? 1 : 0;
        }

        await transaction.CommitAsync(cancellationToken);
        return delivered;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be briefly away; the next round tries again.
                logger.LogError(exception, "Outbox dispatch round failed");
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static ResiliencePipeline BuildPipeline(NotificationOptions options) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, options.RetriesPerDispatch),
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                ShouldHandle = new PredicateBuilder()
                    .Handle<GatewayException>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>(),
            })
            .AddTimeout(options.GatewayTimeout)
            .Build();

    private static async Task RecordAttemptAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, int attempt, bool succeeded, string? error, Instant at, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO platform.outbox_attempts (message_id, attempt, attempted_at, succeeded, error) VALUES (@id, @attempt, @at, @succeeded, @error)",
            new { id, attempt, at, succeeded, error },
            transaction,
            cancellationToken: cancellationToken));

    private static NotificationChannel Channel(string value) => value == "sms" ? NotificationChannel.Sms : NotificationChannel.Email;

    private sealed record DueMessage(Guid Id, string Channel, string Recipient, string Subject, string Body, string? Reference, int Attempts);
}
