namespace Kazgov.Kernel.Observability;

/// <summary>
/// A value read from the database at most once per <c>maxAge</c>: scrapes and health probes share
/// the last reading, so a busy monitoring setup costs one cheap query every few seconds. A failed
/// read keeps the previous value (null before the first success) and is tried again next time.
/// The read is asynchronous and never waited for synchronously: a gauge callback
/// (<see cref="Value"/>) only looks at the last reading, and the scrape endpoint and the health
/// check refresh it first (<see cref="ReadAsync"/>). A synchronous database read there would block
/// one of the process's socket threads (with inline socket completions; BufferedRows).
/// </summary>
public sealed class CachedReading<T>(Func<CancellationToken, Task<T>> read, TimeSpan maxAge)
    where T : class
{
    private readonly Lock _lock = new();
    private volatile T? _value;
    private long _readAt = long.MinValue;
    private Task<T?>? _reading;

    /// <summary>The last reading, without reading (null before the first one).</summary>
    public T? Value => _value;

    /// <summary>
    /// The reading, read again first when it is older than the maximum age. Callers at the same moment
    /// share one read; <paramref name="cancellationToken"/> stops this caller's wait, not the read.
    /// </summary>
    public Task<T?> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (!IsStale())
        {
            return Task.FromResult(_value);
        }

        Task<T?> reading;
        lock (_lock)
        {
            reading = _reading ??= ReadAgainAsync();
        }

        return reading.WaitAsync(cancellationToken);
    }

    private async Task<T?> ReadAgainAsync()
    {
        // Off the caller's stack, so that the lock above is never held while reading.
        await Task.Yield();
        try
        {
            _value = await read(CancellationToken.None);
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // The database is away: the readiness check says so; the gauges keep their last value.
        }
        finally
        {
            Interlocked.Exchange(ref _readAt, Environment.TickCount64);
            lock (_lock)
            {
                _reading = null;
            }
        }

        return _value;
    }

    /// <summary>Forgets the last reading (tests).</summary>
    public void Invalidate()
    {
        Interlocked.Exchange(ref _readAt, long.MinValue);
        _value = null;
    }

    private bool IsStale() =>
        _value is null || Environment.TickCount64 - Interlocked.Read(ref _readAt) >= (long)maxAge.TotalMilliseconds;
}
