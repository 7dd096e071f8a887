namespace Kazgov.Platform.Indicators;

/// <summary>
/// The JSON of the ministry-wide tables (an auditor's, not narrowed to one office), kept for a few
/// seconds and built once for concurrent identical requests. The all-office month is ~16 000 rows:
/// summing its day rows and writing 3.4 MB of JSON costs the host and the database far more than any
/// other read, and a ministry dashboard asks for it again on every visit. A cached table is at most
/// <c>Indicators:TableCacheSeconds</c> (default 5; 0 turns it off) behind the last commit; a single
/// office's table — the unit head's, or the auditor's drill-down — is never cached and stays exact at
/// every commit (Indicators/README.md).
/// </summary>
/// <param name="seconds">How long a table is kept.</param>
/// <param name="time">The clock of the lifetime (the system's; a test passes its own).</param>
internal sealed class IndicatorTableCache(double seconds, TimeProvider? time = null)
{
    /// <summary>What makes two requests the same table (the caller's reach is part of it: only auditors' unnarrowed tables are kept).</summary>
    public readonly record struct Key(string? Period, string? Start, string? By, string? Region, string? Service, Kazgov.Kernel.Localization.Language Language);

    private sealed record Entry(long Started, Lazy<Task<byte[]>> Json);

    private const int MaxEntries = 32;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly long _lifetime = (long)(seconds * (time ?? TimeProvider.System).TimestampFrequency);
    private readonly Dictionary<Key, Entry> _entries = [];
    private readonly Lock _gate = new();

    public bool Enabled => _lifetime > 0;

    public async Task<byte[]> GetAsync(Key key, Func<Task<byte[]>> build)
    {
        Entry entry;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (!_entries.TryGetValue(key, out entry!) || now - entry.Started >= _lifetime)
            {
                foreach (var stale in _entries.Where(e => now - e.Value.Started >= _lifetime).Select(e => e.Key).ToList())
                {
                    _entries.Remove(stale);
                }

                if (_entries.Count >= MaxEntries)
                {
                    _entries.Remove(_entries.MinBy(e => e.Value.Started).Key);
                }

                // Started outside the lock (Lazy), so a slow build never holds it; the callers who find it await the same task.
                entry = new Entry(now, new Lazy<Task<byte[]>>(build));
                _entries[key] = entry;
            }
        }

        try
        {
            return await entry.Json.Value;
        }
        catch
        {
            // A problem (a bad query, a lost connection) is never kept.
            lock (_gate)
            {
                if (_entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
                {
                    _entries.Remove(key);
                }
            }

            throw;
        }
    }
}
