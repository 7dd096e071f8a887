namespace Kazgov.Kernel.Observability;

/// <summary>
/// A value read from the database at most once per <c>maxAge</c>: scrapes and health probes share
/// the last reading, so a busy monitoring setup costs one cheap query every few seconds. A failed
/// read keeps the previous value (null before the first success) and is tried again next time.
/// </summary>
public sealed class CachedReading<T>(Func<T> read, TimeSpan maxAge)
    where T : class
{
    private readonly Lock _lock = new();
    private T? _value;
    private long _readAt = long.MinValue;

    public T? Value
    {
        get
        {
            lock (_lock)
            {
                var now = Environment.TickCount64;
                if (_value is null || now - _readAt >= (long)maxAge.TotalMilliseconds)
                {
                    try
                    {
                        _value = read();
                    }
                    catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
                    {
                        // The database is away: the readiness check says so; the gauges keep their last value.
                    }

                    _readAt = now;
                }

                return _value;
            }
        }
    }

    /// <summary>Forgets the last reading (tests).</summary>
    public void Invalidate()
    {
        lock (_lock)
        {
            _readAt = long.MinValue;
            _value = null;
        }
    }
}
