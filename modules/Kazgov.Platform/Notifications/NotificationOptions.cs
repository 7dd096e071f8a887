namespace Kazgov.Platform.Notifications;

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

    /// <summary>How long an undelivered message waits before the next round, doubled per round up to an hour.</summary>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromMinutes(1);
}
