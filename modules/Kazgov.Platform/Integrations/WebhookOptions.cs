namespace Kazgov.Platform.Integrations;

/// <summary>Settings of webhook delivery (section "Webhooks").</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Whether this host sends deliveries on its own (tests call <see cref="WebhookDispatcher.DispatchDueAsync"/>).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>
    /// Only https targets on public addresses (SSRF). Always on in Production whatever this says;
    /// off elsewhere by default so that tests and a developer can run a receiver on loopback http.
    /// </summary>
    public bool StrictTargets { get; set; }

    /// <summary>How long one HTTP call may take, connection included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries within one dispatch of a delivery (Polly, exponential with jitter), for a blip.</summary>
    public int RetriesPerDispatch { get; set; } = 2;

    /// <summary>The first retry's delay within a dispatch.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first wait before a failed delivery is dispatched again; doubles each time, with jitter.</summary>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between dispatches of a failing delivery.</summary>
    public TimeSpan MaxRedeliveryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A delivery still failing this long after its first failure becomes a dead letter.</summary>
    public TimeSpan DeadLetterAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How much of a receiver's answer is read (for the attempt's error text); the rest is dropped.</summary>
    public int MaxResponseBytes { get; set; } = 4096;

    /// <summary>How many subscriptions' deliveries one round sends at once.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claimed delivery is this host's before another host may take it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The default grace period of a rotated secret, during which the previous one signs too.</summary>
    public TimeSpan DefaultRotationGrace { get; set; } = TimeSpan.FromHours(24);
}
