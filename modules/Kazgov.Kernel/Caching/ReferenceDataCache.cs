using System.Collections.Concurrent;

namespace Kazgov.Kernel.Caching;

/// <summary>
/// Reference data (offices and their schedules, the working calendar, the MCI table) kept in memory,
/// shared by every request of the host. Each area is dropped as a whole when its tables change: the
/// tables' triggers NOTIFY on commit and <see cref="ReferenceChangeListener"/> invalidates here, so a
/// change made through any host, or by SQL, reaches every host. While the listener has no connection
/// the cache is bypassed (a notification may be missed then), and it starts empty when it reconnects.
/// </summary>
public sealed class ReferenceDataCache
{
    /// <summary>Entries per area before the area is emptied: bounds memory against lookups of many ids.</summary>
    public const int MaxEntriesPerArea = 10_000;

    private readonly ConcurrentDictionary<string, Area> _areas = new(StringComparer.Ordinal);
    private volatile bool _listening;
    private long _loads;

    /// <summary>True while changes are being heard; only then is anything served from memory.</summary>
    public bool Listening => _listening;

    /// <summary>Counts loads that went to the database (for tests and metrics).</summary>
    public long Loads => Interlocked.Read(ref _loads);

    /// <summary>
    /// The value for the key of an area, loaded by <paramref name="load"/> when not in memory. A null
    /// answer (no such office) is not kept. A load that raced with a change of its area is returned
    /// but not kept, so a value read before a commit never outlives that commit's invalidation.
    /// </summary>
    public async ValueTask<T> GetAsync<T>(string area, string key, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
    {
        var entries = _areas.GetOrAdd(area, _ => new Area());
        if (_listening && entries.Values.TryGetValue(key, out var cached))
        {
            return (T)cached!;
        }

        var generation = Interlocked.Read(ref entries.Generation);
        Interlocked.Increment(ref _loads);
        var value = await load(cancellationToken);
        if (value is not null && _listening && Interlocked.Read(ref entries.Generation) == generation)
        {
            if (entries.Values.Count >= MaxEntriesPerArea)
            {
                entries.Values.Clear();
            }

            entries.Values[key] = value;
        }

        return value;
    }

    /// <summary>Drops everything of an area (its tables changed).</summary>
    public void Invalidate(string area)
    {
        var entries = _areas.GetOrAdd(area, _ => new Area());
        Interlocked.Increment(ref entries.Generation);
        entries.Values.Clear();
    }

    /// <summary>Drops every area.</summary>
    public void InvalidateAll()
    {
        foreach (var area in _areas.Keys)
        {
            Invalidate(area);
        }
    }

    /// <summary>
    /// Set by the listener: true once it hears changes, false when it lost them. Either way the cache
    /// is emptied, before trusting it again or after ceasing to: notifications may have been missed.
    /// </summary>
    internal void SetListening(bool listening)
    {
        if (listening)
        {
            InvalidateAll();
            _listening = true;
        }
        else
        {
            _listening = false;
            InvalidateAll();
        }
    }

    private sealed class Area
    {
        public readonly ConcurrentDictionary<string, object> Values = new(StringComparer.Ordinal);
        public long Generation;
    }
}
