using System.Diagnostics.Metrics;

namespace Kazgov.Kernel.Observability;

/// <summary>
/// The domain metrics of the Meter "Kazgov", counted where things happen. Counters of the
/// lifecycle are tagged with the service code and the office id; everything the host exports
/// is named in <see cref="ExportedNames"/> (the Prometheus form, which the dashboard's test reads).
/// Gauges read the database through callbacks registered by the owner of each table
/// (<see cref="ObserveGauge"/>): the outbox's in the kernel, the applications' in the platform.
/// Registered as a singleton of the host; its counters are the process's.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Injected where things happen, so that a test host or another meter could stand in.")]
public sealed class KazgovMetrics : IDisposable
{
    public const string MeterName = "Kazgov";

    // One Meter per process (not one per IMeterFactory): OpenTelemetry merges instruments of equal
    // names from several meters into one stream and drops it when the first meter is disposed, which
    // several hosts in one process (the API tests) would do. A production process has one host.
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Submitted = Meter.CreateCounter<long>("kazgov.applications.submitted", description: "Applications registered, per service and office.");
    private static readonly Counter<long> Decided = Meter.CreateCounter<long>("kazgov.applications.decided", description: "Applications approved or refused, per service, office and decision.");
    private static readonly Counter<long> Issued = Meter.CreateCounter<long>("kazgov.applications.issued", description: "Results handed over against signature, per service and office.");
    private static readonly Counter<long> DeadLetters = Meter.CreateCounter<long>("kazgov.outbox.dead_letters", description: "Notifications that became dead letters, per channel.");
    private static readonly Counter<long> IdempotentReplays = Meter.CreateCounter<long>("kazgov.idempotency.replays", description: "Requests answered from a stored response (Idempotency-Key retries).");
    private static readonly Counter<long> RateLimitRejections = Meter.CreateCounter<long>("kazgov.rate_limit.rejections", description: "Requests refused with 429 by a rate limit.");
    private static readonly Counter<long> LoginFailures = Meter.CreateCounter<long>("kazgov.security.login_failures", description: "Staff password grants refused (wrong or unknown credentials, locked or disabled account).");
    private static readonly Counter<long> Lockouts = Meter.CreateCounter<long>("kazgov.security.lockouts", description: "Staff accounts locked after too many wrong passwords.");

    // Observable gauges exist once per process; each reads the newest live host's source.
    private static readonly Lock GaugesLock = new();
    private static readonly Dictionary<string, List<GaugeSource>> GaugeSources = [];

    private readonly List<(string Name, GaugeSource Source)> _registered = [];

    private sealed record GaugeSource(Func<IEnumerable<Measurement<double>>> Observe, Func<CancellationToken, Task>? Refresh);

    /// <summary>The Prometheus names the host exports for the Meter "Kazgov" (counters end in _total).</summary>
    public static IReadOnlyList<string> ExportedNames { get; } =
    [
        "kazgov_applications_submitted_total",
        "kazgov_applications_decided_total",
        "kazgov_applications_issued_total",
        "kazgov_applications_overdue",
        "kazgov_outbox_backlog",
        "kazgov_outbox_oldest_message_age_seconds",
        "kazgov_outbox_dead_letters_waiting",
        "kazgov_outbox_dead_letters_total",
        "kazgov_idempotency_replays_total",
        "kazgov_rate_limit_rejections_total",
        "kazgov_security_login_failures_total",
        "kazgov_security_lockouts_total",
    ];

    public void ApplicationSubmitted(string service, string office) => Submitted.Add(1, Tags(service, office));

    public void ApplicationDecided(string service, string office, string decision) =>
        Decided.Add(1, new KeyValuePair<string, object?>("service", service), new KeyValuePair<string, object?>("office", office), new KeyValuePair<string, object?>("decision", decision));

    public void ApplicationIssued(string service, string office) => Issued.Add(1, Tags(service, office));

    public void DeadLetter(string channel) => DeadLetters.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void IdempotentReplay() => IdempotentReplays.Add(1);

    public void RateLimitRejection(string path) => RateLimitRejections.Add(1, new KeyValuePair<string, object?>("area", Area(path)));

    public void LoginFailure(string reason) => LoginFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Lockout() => Lockouts.Add(1);

    /// <summary>
    /// An observable gauge of the meter, read through <paramref name="observe"/> until this host is
    /// disposed. The callback must not do I/O: it returns the last reading of a
    /// <see cref="CachedReading{T}"/>, which <paramref name="refresh"/> reads again before each scrape.
    /// </summary>
    public void ObserveGauge(string name, Func<IEnumerable<Measurement<double>>> observe, Func<CancellationToken, Task>? refresh = null, string? unit = null, string? description = null)
    {
        lock (GaugesLock)
        {
            if (!GaugeSources.TryGetValue(name, out var sources))
            {
                sources = [];
                GaugeSources[name] = sources;
                Meter.CreateObservableGauge(name, () => Observe(name), unit, description);
            }

            var source = new GaugeSource(observe, refresh);
            sources.Add(source);
            _registered.Add((name, source));
        }
    }

    /// <summary>Reads the gauges' cached values again where they are stale (the scrape endpoint, before it collects).</summary>
    public async Task RefreshGaugesAsync(CancellationToken cancellationToken)
    {
        // The sources the gauges read: each gauge's newest (see Observe).
        Func<CancellationToken, Task>[] refreshers;
        lock (GaugesLock)
        {
            refreshers = [.. GaugeSources.Values.Where(sources => sources.Count > 0).Select(sources => sources[^1].Refresh).OfType<Func<CancellationToken, Task>>().Distinct()];
        }

        foreach (var refresh in refreshers)
        {
            await refresh(cancellationToken);
        }
    }

    public void Dispose()
    {
        lock (GaugesLock)
        {
            foreach (var (name, source) in _registered)
            {
                GaugeSources[name].Remove(source);
            }

            _registered.Clear();
        }
    }

    private static IEnumerable<Measurement<double>> Observe(string name)
    {
        Func<IEnumerable<Measurement<double>>>? newest;
        lock (GaugesLock)
        {
            newest = GaugeSources[name] is { Count: > 0 } sources ? sources[^1].Observe : null;
        }

        return newest is null ? [] : newest();
    }

    private static KeyValuePair<string, object?>[] Tags(string service, string office) =>
        [new("service", service), new("office", office)];

    // A few stable values, never the raw path (unbounded cardinality, and paths can carry identifiers).
    private static string Area(string path) =>
        path.StartsWith("/api/v1/auth", StringComparison.OrdinalIgnoreCase) ? "auth"
        : path.Contains("/verification", StringComparison.OrdinalIgnoreCase) ? "verification"
        : path.StartsWith("/api", StringComparison.OrdinalIgnoreCase) ? "api"
        : "other";
}
