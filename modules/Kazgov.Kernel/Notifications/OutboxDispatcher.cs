using Dapper;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Kazgov.Kernel.Notifications;

/// <summary>
/// Delivers outbox messages at least once, without holding a transaction while it talks to a gateway.
/// A round:
/// <list type="number">
/// <item>claims a batch of due messages in one short statement (FOR UPDATE SKIP LOCKED, then a
/// lease: <c>claimed_by</c>, <c>claimed_until</c>), so another dispatcher skips them until the lease ends;</item>
/// <item>sends each one outside any transaction through a Polly pipeline (timeout, retries);</item>
/// <item>records every gateway call in a statement of its own, the moment it returns: a delivery
/// is durable before the next message is sent, so nothing that fails later can undo it;</item>
/// <item>a message that failed waits (exponential backoff) or, after
/// <see cref="NotificationOptions.MaxAttempts"/> calls, becomes a dead letter.</item>
/// </list>
/// A dispatcher that dies keeps its claims only until the lease ends; then another takes them.
/// The one message that can be sent twice is the one in flight when the host died.
/// </summary>
public sealed class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    INotificationGateway gateway,
    IClock clock,
    IOptions<NotificationOptions> options,
    ILogger<OutboxDispatcher> logger,
    KazgovMetrics metrics) : BackgroundService
{
    private static readonly ResiliencePropertyKey<int> RetriesAllowed = new("kazgov.outbox.retries-allowed");
    private readonly ResiliencePipeline _pipeline = BuildPipeline(options.Value);

    /// <summary>The name this dispatcher's claims carry (host, process, instance).</summary>
    public string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Runs one round; returns how many messages were delivered in it.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken) =>
        (await DispatchRoundAsync(cancellationToken)).Delivered;

    /// <summary>Runs one round: claims what is due, sends it, records each result.</summary>
    public async Task<DispatchRound> DispatchRoundAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var claimed = await ClaimAsync(settings, cancellationToken);
        var round = new DispatchRound(claimed.Count, 0, 0, 0);
        var worstCase = WorstCaseSendTime(settings);
        var next = 0;
        try
        {
            for (; next < claimed.Count; next++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var message = claimed[next];
                // Never send what the lease would not cover: past it, another dispatcher may send it too.
                if (next > 0 && clock.GetCurrentInstant() + worstCase > message.ClaimedUntil)
                {
                    break;
                }

                round = await SendAsync(message, settings, cancellationToken) switch
                {
                    Outcome.Delivered => round with { Delivered = round.Delivered + 1 },
                    Outcome.Dead => round with { Failed = round.Failed + 1, DeadLettered = round.DeadLettered + 1 },
                    Outcome.Failed => round with { Failed = round.Failed + 1 },
                    _ => round,
                };
            }
        }
        finally
        {
            // What this round did not get to (the host is stopping, or the lease ran short) is given
            // back at once instead of waiting for the lease to end.
            if (next < claimed.Count)
            {
                await ReleaseAsync(claimed.Skip(next).Select(m => m.Id).ToArray());
            }
        }

        return round;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                var round = await DispatchRoundAsync(stoppingToken);
                full = round.Claimed >= options.Value.BatchSize;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be briefly away; the next round tries again.
                logger.LogError(exception, "Outbox dispatch round failed");
            }

            if (full)
            {
                continue; // more are waiting: no pause between full batches
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        // Claimed messages not sent were given back by the round's finally: another host takes them at once.
        logger.LogInformation("Outbox dispatcher stopped");
    }

    private async Task<List<ClaimedMessage>> ClaimAsync(NotificationOptions settings, CancellationToken cancellationToken)
    {
        // The stopping token ends the round between statements, never during one (QueryCancellation).
        cancellationToken.ThrowIfCancellationRequested();
        var now = clock.GetCurrentInstant();
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        // One statement, so one short transaction: the row locks last only as long as the UPDATE.
        var rows = await connection.QueryRowsAsync<ClaimedMessage>(new CommandDefinition(
            """
            WITH due AS (
                SELECT id FROM platform.outbox_messages
                WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= @now
                  AND (claimed_until IS NULL OR claimed_until <= @now)
                ORDER BY next_attempt_at, id
                LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            UPDATE platform.outbox_messages AS m
            SET claimed_by = @name, claimed_until = @until
            FROM due
            WHERE m.id = due.id
            RETURNING m.id AS Id, m.channel AS Channel, m.recipient AS Recipient, m.subject AS Subject, m.body AS Body,
                      m.reference AS Reference, m.attempts AS Attempts, m.attempts_before_replay AS AttemptsBeforeReplay,
                      m.next_attempt_at AS NextAttemptAt, m.claimed_until AS ClaimedUntil
            """,
            new { now, limit = Math.Max(1, settings.BatchSize), name = Name, until = now + Duration.FromTimeSpan(settings.LeaseDuration) }));
        return rows.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).ToList();
    }

    private async Task<Outcome> SendAsync(ClaimedMessage message, NotificationOptions settings, CancellationToken cancellationToken)
    {
        var allowance = settings.MaxAttempts - (message.Attempts - message.AttemptsBeforeReplay);
        if (allowance <= 0)
        {
            // The limit was lowered below what the message has already used.
            return await RecordFailedRoundAsync(message, message.Attempts, "The attempt limit was reached.", settings);
        }

        var attempts = message.Attempts;
        string? error = null;
        TimeSpan? retryAfter = null;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RetriesAllowed, Math.Min(Math.Max(0, settings.RetriesPerDispatch), allowance - 1));
        try
        {
            await _pipeline.ExecuteAsync(
                async (attemptContext, _) =>
                {
                    try
                    {
                        await gateway.SendAsync(
                            message.Id,
                            Channel(message.Channel), message.Recipient, message.Subject, message.Body, message.Reference, attemptContext.CancellationToken);
                    }
                    catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        attempts = await RecordAttemptAsync(message.Id, succeeded: false, Describe(exception));
                        throw;
                    }

                    attempts = await RecordAttemptAsync(message.Id, succeeded: true, error: null);
                },
                context,
                0);
            return Outcome.Delivered;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            error = Describe(exception);
            retryAfter = (exception as GatewayException)?.RetryAfter;
            logger.LogWarning("Outbox message {MessageId} not delivered after attempt {Attempt}: {Error}", message.Id, attempts, error);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        return await RecordFailedRoundAsync(message, attempts, error, settings, retryAfter);
    }

    /// <summary>
    /// One gateway call, recorded on its own (autocommit): the attempt row, the message's count
    /// and, when it succeeded, its delivery and the end of its claim. Returns the attempt's number.
    /// </summary>
    private async Task<int> RecordAttemptAsync(Guid id, bool succeeded, string? error)
    {
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            WITH counted AS (
                UPDATE platform.outbox_messages
                SET attempts = attempts + 1,
                    last_error = CASE WHEN @succeeded THEN NULL ELSE @error END,
                    delivered_at = CASE WHEN @succeeded THEN COALESCE(delivered_at, @at) ELSE delivered_at END,
                    dead_at = CASE WHEN @succeeded THEN NULL ELSE dead_at END,
                    claimed_by = CASE WHEN @succeeded THEN NULL ELSE claimed_by END,
                    claimed_until = CASE WHEN @succeeded THEN NULL ELSE claimed_until END
                WHERE id = @id
                RETURNING id, attempts)
            INSERT INTO platform.outbox_attempts (message_id, attempt, attempted_at, succeeded, error)
            SELECT id, attempts, @at, @succeeded, @error FROM counted
            RETURNING attempt
            """,
            new { id, succeeded, error, at = clock.GetCurrentInstant() }));
    }

    /// <summary>
    /// The round gave up on the message: it waits for a later round, or becomes a dead letter when
    /// it has used its allowance. Only while the claim is still this dispatcher's (a lease that ran
    /// out belongs to whoever claimed the message next).
    /// </summary>
    private async Task<Outcome> RecordFailedRoundAsync(
        ClaimedMessage message, int attempts, string? error, NotificationOptions settings, TimeSpan? retryAfter = null)
    {
        var now = clock.GetCurrentInstant();
        var used = Math.Max(1, attempts - message.AttemptsBeforeReplay);
        var wait = Duration.FromTimeSpan(settings.RedeliveryDelay) * Math.Pow(2, Math.Min(used, 20) - 1);
        wait = Duration.Min(wait, Duration.FromTimeSpan(settings.MaxRedeliveryDelay));
        if (retryAfter is { } asked)
        {
            // What the gateway asked for, even beyond the usual ceiling (within reason: a day).
            wait = Duration.Max(wait, Duration.Min(Duration.FromTimeSpan(asked), Duration.FromDays(1)));
        }

        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        var dead = await connection.ExecuteScalarAsync<bool?>(new CommandDefinition(
            """
            UPDATE platform.outbox_messages
            SET next_attempt_at = @next,
                last_error = COALESCE(@error, last_error),
                dead_at = CASE WHEN attempts - attempts_before_replay >= @maxAttempts THEN @now END,
                claimed_by = NULL, claimed_until = NULL
            WHERE id = @id AND delivered_at IS NULL AND claimed_by = @name
            RETURNING dead_at IS NOT NULL
            """,
            new { id = message.Id, next = now + wait, error, now, maxAttempts = settings.MaxAttempts, name = Name }));
        if (dead == true)
        {
            logger.LogError("Outbox message {MessageId} is a dead letter after {Attempts} attempts: {Error}", message.Id, attempts, error);
            metrics.DeadLetter(message.Channel);
            return Outcome.Dead;
        }

        return Outcome.Failed;
    }

    private async Task ReleaseAsync(Guid[] ids)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE platform.outbox_messages SET claimed_by = NULL, claimed_until = NULL
                WHERE id = ANY(@ids) AND claimed_by = @name
                """,
                new { ids, name = Name }));
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            // Their leases end on their own.
            logger.LogWarning(exception, "Could not release {Count} outbox claims", ids.Length);
        }
    }

    /// <summary>The longest one message can take: every call timing out, with the waits between retries.</summary>
    private static Duration WorstCaseSendTime(NotificationOptions settings)
    {
        var retries = Math.Max(0, settings.RetriesPerDispatch);
        var waits = settings.RetryDelay * (Math.Pow(2, retries) - 1);
        return Duration.FromTimeSpan(settings.GatewayTimeout * (retries + 1) + waits);
    }

    private static ResiliencePipeline BuildPipeline(NotificationOptions options) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, options.RetriesPerDispatch),
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                // A message near its attempt limit gets only the retries it has left; a gateway that
                // asks for a longer wait than one call may take is left alone until a later round.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is GatewayException or HttpRequestException or TimeoutRejectedException
                    && !(args.Outcome.Exception is GatewayException { RetryAfter: { } asked } && asked > options.GatewayTimeout)
                    && args.AttemptNumber < args.Context.Properties.GetValue(RetriesAllowed, 0)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is GatewayException { RetryAfter: { } asked } ? asked : (TimeSpan?)null),
            })
            .AddTimeout(options.GatewayTimeout)
            .Build();

    private static string Describe(Exception exception) =>
        exception is GatewayException or HttpRequestException or TimeoutRejectedException
            ? exception.Message
            : exception.GetType().Name + ": " + exception.Message;

    private static NotificationChannel Channel(string value) => value == "sms" ? NotificationChannel.Sms : NotificationChannel.Email;

    private enum Outcome
    {
        Delivered,
        Failed,
        Dead,
    }

    private sealed record ClaimedMessage(
        Guid Id,
        string Channel,
        string Recipient,
        string Subject,
        string Body,
        string? Reference,
        int Attempts,
        int AttemptsBeforeReplay,
        Instant NextAttemptAt,
        Instant ClaimedUntil);
}

/// <summary>What one round did: claimed, delivered, failed (and of those, became dead letters).</summary>
public sealed record DispatchRound(int Claimed, int Delivered, int Failed, int DeadLettered);
