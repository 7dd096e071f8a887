namespace Kazgov.Kernel.Notifications;

/// <summary>Configuration section "Notifications".</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>Where SMS messages are POSTed as JSON { to, text, reference }.</summary>
    public Uri? SmsGatewayUrl { get; set; }

    /// <summary>Where e-mails are POSTed as JSON { to, subject, text, reference }.</summary>
    public Uri? EmailGatewayUrl { get; set; }

    /// <summary>Whether the background dispatcher runs in this process.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries inside one dispatch (Polly), before the message waits for the next round.</summary>
    public int RetriesPerDispatch { get; set; } = 2;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan GatewayTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an undelivered message waits before the next round, doubled per attempt up to <see cref="MaxRedeliveryDelay"/>.</summary>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRedeliveryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>/health/ready reports "Degraded" while more notifications than this wait for delivery.</summary>
    public int BacklogDegradedAbove { get; set; } = 500;

    /// <summary>
    /// Gateway calls a message may take (each retry counts) before it becomes a dead letter.
    /// With three calls a round and the waits above, about five hours of a gateway's outage.
    /// </summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>How many messages one round claims.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// How long a claim lasts. A dispatcher that dies leaves its claims behind; after this long
    /// another one takes the messages. A round sends no message it could not finish within its lease.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);
}
