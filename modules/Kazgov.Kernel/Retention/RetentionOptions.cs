namespace Kazgov.Kernel.Retention;

/// <summary>Configuration section "Retention": how long records that are only kept for a while live.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Whether this process runs the retention jobs (any number of hosts may; they skip each other's rows).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the jobs run (the first run is a minute after start).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows per DELETE statement: each one commits on its own, so no lock is held for long.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// Stored responses of Idempotency-Key requests (they hold personal data): deleted this many hours
    /// after they were stored, after which a retry with the same key runs as a new request. 0 keeps them.
    /// </summary>
    public int IdempotencyRecordHours { get; set; } = 24;

    /// <summary>
    /// Refresh tokens (used, revoked or just expired): deleted this many days after they expired.
    /// Until it expires a used token is kept, because presenting it again ends the whole session. 0 keeps them.
    /// </summary>
    public int RefreshTokenDays { get; set; } = 7;

    /// <summary>Delivered outbox messages and their attempts: deleted this many days after delivery. 0 keeps them.</summary>
    public int DeliveredOutboxDays { get; set; } = 30;
}
