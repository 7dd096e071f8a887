using System.Diagnostics;
using System.Net;
using System.Text;
using Dapper;
using Kazgov.Kernel.Data;
using Kazgov.Platform.Security.Clients;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using StandardWebhooks;

namespace Kazgov.Platform.Integrations;

/// <summary>
/// Sends webhook deliveries, at least once, in the way <see cref="Kernel.Notifications.OutboxDispatcher"/>
/// sends notifications: claim in one short statement (SKIP LOCKED and a lease), send outside any
/// transaction, record each HTTP call the moment it returns. What differs:
/// <list type="bullet">
/// <item>ordering: a round claims only the head of each subscription's queue (its oldest delivery
/// in commit order not yet delivered nor dead), so a subscription's events go out in sequence;
/// the heads of different subscriptions are sent side by side, so one slow or failing receiver
/// holds up only its own queue;</item>
/// <item>a failed delivery waits RedeliveryDelay · 2ⁿ⁻¹ (at most MaxRedeliveryDelay) with ±25 % jitter,
/// and becomes a dead letter once it has failed for DeadLetterAfter (a day); a dead letter no longer
/// blocks its queue;</item>
/// <item>410 Gone disables the subscription (its deliveries wait until it is enabled again).</item>
/// <item>A disabled client's deliveries wait the same way until an administrator enables it again.</item>
/// </list>
/// </summary>
public sealed class WebhookDispatcher(
    NpgsqlDataSource dataSource,
    InactiveClients inactiveClients,
    IHttpClientFactory httpClients,
    IClock clock,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = BuildPipeline(options.Value);

    public string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Runs rounds until nothing is due; returns how many deliveries were delivered.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        while (true)
        {
            var (claimed, succeeded) = await DispatchRoundAsync(cancellationToken);
            delivered += succeeded;
            if (claimed == 0 || succeeded == 0)
            {
                return delivered;
            }
        }
    }

    /// <summary>One round: the due head of each subscription's queue, sent side by side.</summary>
    public async Task<(int Claimed, int Delivered)> DispatchRoundAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(cancellationToken);
        var results = await Task.WhenAll(claimed.Select(d => SendAsync(d, cancellationToken)));
        return (claimed.Count, results.Count(r => r));
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
                logger.LogError(exception, "Webhook dispatch round failed");
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

    private async Task<List<ClaimedDelivery>> ClaimAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetCurrentInstant();
        var inactive = await inactiveClients.ListAsync(cancellationToken);
        // The stopping token ends the round between statements, never during one (QueryCancellation).
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        var rows = await connection.QueryRowsAsync<ClaimedDelivery>(new CommandDefinition(
            """
            WITH heads AS (
                SELECT DISTINCT ON (d.subscription_id) d.id, d.next_attempt_at, d.claimed_until
                FROM platform.webhook_deliveries d
                JOIN platform.webhook_subscriptions s ON s.id = d.subscription_id AND s.enabled
                WHERE d.delivered_at IS NULL AND d.dead_at IS NULL
                  -- A disabled (or deleted) client is sent nothing; its deliveries wait, like a disabled subscription's.
                  AND NOT (s.client_id = ANY (@inactive))
                ORDER BY d.subscription_id, d.event_tx, d.event_id),
            due AS (
                SELECT d.id FROM platform.webhook_deliveries d
                JOIN heads h ON h.id = d.id
                WHERE h.next_attempt_at <= @now AND (h.claimed_until IS NULL OR h.claimed_until <= @now)
                ORDER BY h.next_attempt_at
                LIMIT @limit
                FOR UPDATE OF d SKIP LOCKED)
            UPDATE platform.webhook_deliveries AS d
            SET claimed_by = @name, claimed_until = @until
            FROM due, platform.webhook_subscriptions s
            WHERE d.id = due.id AND s.id = d.subscription_id
            RETURNING d.id AS Id, d.subscription_id AS SubscriptionId, s.url AS Url, s.secret AS Secret,
                      CASE WHEN s.previous_secret_until > @now THEN s.previous_secret END AS PreviousSecret,
                      d.payload::text AS Payload, d.attempts AS Attempts, d.first_failed_at AS FirstFailedAt
            """,
            new { now, limit = Math.Max(1, settings.BatchSize), name = Name, until = now + Duration.FromTimeSpan(settings.LeaseDuration), inactive }));
        return rows.ToList();
    }

    /// <summary>Sends one delivery (with its in-dispatch retries); true when the receiver took it.</summary>
    private async Task<bool> SendAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = httpClients.CreateClient(HttpClientName);
        var messageId = "msg_" + delivery.Id.ToString("N");
        int? lastStatus = null;
        string? lastError = null;
        try
        {
            using var response = await _pipeline.ExecuteAsync(
                async token =>
                {
                    var watch = Stopwatch.StartNew();
                    try
                    {
                        using var request = BuildRequest(delivery, messageId);
                        var answer = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                        var excerpt = await ReadCappedAsync(answer, settings.MaxResponseBytes, token);
                        lastStatus = (int)answer.StatusCode;
                        lastError = answer.IsSuccessStatusCode ? null : $"HTTP {(int)answer.StatusCode}{(excerpt.Length > 0 ? ": " + excerpt : string.Empty)}";
                        await RecordAttemptAsync(delivery.Id, lastStatus, lastError, watch.Elapsed);
                        return answer;
                    }
                    catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        lastStatus = null;
                        lastError = Describe(exception);
                        await RecordAttemptAsync(delivery.Id, null, lastError, watch.Elapsed);
                        throw;
                    }
                },
                cancellationToken);

            if (response.IsSuccessStatusCode)
            {
                await FinishAsync(delivery, delivered: true, lastStatus, null);
                return true;
            }

            if (response.StatusCode == HttpStatusCode.Gone)
            {
                await DisableAsync(delivery);
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            lastError ??= Describe(exception);
        }

        logger.LogWarning("Webhook delivery {DeliveryId} to subscription {SubscriptionId} failed: {Error}", delivery.Id, delivery.SubscriptionId, lastError);
        await FinishAsync(delivery, delivered: false, lastStatus, lastError);
        return false;
    }

    private static HttpRequestMessage BuildRequest(ClaimedDelivery delivery, string messageId)
    {
        // The signature's timestamp is the wall clock of the send, not the platform's IClock: the
        // receiver checks it against its own clock to refuse replayed requests.
        var timestamp = DateTimeOffset.UtcNow;
        var signature = new StandardWebhook(delivery.Secret).Sign(messageId, timestamp, delivery.Payload);
        if (delivery.PreviousSecret is { } previous)
        {
            // During a rotation's grace period both secrets sign: a receiver that still holds the old one verifies too.
            signature += " " + new StandardWebhook(previous).Sign(messageId, timestamp, delivery.Payload);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("webhook-id", messageId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", signature);
        return request;
    }

    /// <summary>At most <paramref name="limit"/> bytes of the answer, for the attempt's record; the rest is never read.</summary>
    private static async Task<string> ReadCappedAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[Math.Max(0, Math.Min(limit, 4096))];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return Encoding.UTF8.GetString(buffer, 0, read).Trim();
    }

    private async Task RecordAttemptAsync(Guid id, int? status, string? error, TimeSpan elapsed)
    {
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            WITH counted AS (
                UPDATE platform.webhook_deliveries SET attempts = attempts + 1, last_status = @status, last_error = @error
                WHERE id = @id
                RETURNING id, attempts)
            INSERT INTO platform.webhook_attempts (delivery_id, attempt, attempted_at, status_code, error, duration_ms)
            SELECT id, attempts, @at, @status, @error, @ms FROM counted
            """,
            new { id, status, error, at = clock.GetCurrentInstant(), ms = (int)Math.Min(int.MaxValue, elapsed.TotalMilliseconds) }));
    }

    /// <summary>Ends the claim: delivered, or waiting for the next dispatch, or a dead letter after DeadLetterAfter of failures.</summary>
    private async Task FinishAsync(ClaimedDelivery delivery, bool delivered, int? status, string? error)
    {
        var settings = options.Value;
        var now = clock.GetCurrentInstant();
        var firstFailed = delivery.FirstFailedAt ?? now;
        var failures = Math.Max(1, delivery.Attempts + 1);
        var wait = Duration.FromTimeSpan(settings.RedeliveryDelay) * Math.Pow(2, Math.Min(failures, 20) - 1);
        wait = Duration.Min(wait, Duration.FromTimeSpan(settings.MaxRedeliveryDelay)) * (0.75 + (Random.Shared.NextDouble() * 0.5));
        var dead = !delivered && now - firstFailed >= Duration.FromTimeSpan(settings.DeadLetterAfter);
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE platform.webhook_deliveries
            SET delivered_at = CASE WHEN @delivered THEN @now END,
                first_failed_at = CASE WHEN @delivered THEN NULL ELSE @firstFailed END,
                dead_at = CASE WHEN @dead THEN @now END,
                next_attempt_at = CASE WHEN @delivered OR @dead THEN next_attempt_at ELSE @next END,
                last_status = COALESCE(@status, last_status),
                last_error = CASE WHEN @delivered THEN NULL ELSE COALESCE(@error, last_error) END,
                claimed_by = NULL, claimed_until = NULL
            WHERE id = @id AND claimed_by = @name
            """,
            new { id = delivery.Id, delivered, now, firstFailed, dead, next = now + wait, status, error, name = Name }));
        if (dead)
        {
            logger.LogError("Webhook delivery {DeliveryId} is a dead letter: {Error}", delivery.Id, error);
        }
    }

    private async Task DisableAsync(ClaimedDelivery delivery)
    {
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE platform.webhook_subscriptions SET enabled = false, disabled_reason = 'gone', updated_at = @now WHERE id = @id",
            new { id = delivery.SubscriptionId, now = clock.GetCurrentInstant() }));
        logger.LogWarning("Webhook subscription {SubscriptionId} answered 410 Gone and is disabled", delivery.SubscriptionId);
    }

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(WebhookOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.RetriesPerDispatch > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.RetriesPerDispatch,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // A blip (timeout, refused connection, 5xx, 429, 408) is tried again at once; other answers wait for the next dispatch.
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        return builder.AddTimeout(options.RequestTimeout).Build();
    }

    private static string Describe(Exception exception) => exception switch
    {
        TimeoutRejectedException => "timed out",
        HttpRequestException { InnerException: WebhookTargetRefusedException refused } => "refused target: " + refused.Message,
        WebhookTargetRefusedException refused => "refused target: " + refused.Message,
        _ => exception.GetType().Name + ": " + exception.Message,
    };

    private sealed record ClaimedDelivery(
        Guid Id, Guid SubscriptionId, string Url, string Secret, string? PreviousSecret, string Payload, int Attempts, Instant? FirstFailedAt);
}
