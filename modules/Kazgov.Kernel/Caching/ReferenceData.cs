using Kazgov.Kernel.Data;

namespace Kazgov.Kernel.Caching;

/// <summary>
/// The request's view of <see cref="ReferenceDataCache"/>: reads through the cache, except for an
/// area this request's own transaction has changed (it must see its change, and must not put
/// uncommitted data in the shared cache). A change drops the area on every host once it commits.
/// </summary>
public sealed class ReferenceData(DbSession session, ReferenceDataCache cache)
{
    private HashSet<string>? _changed;

    public async ValueTask<T> GetAsync<T>(string area, string key, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken) =>
        _changed?.Contains(area) == true
            ? await load(cancellationToken)
            : await cache.GetAsync(area, key, load, cancellationToken);

    /// <summary>Call after writing an area's tables: bypasses the cache for the rest of the request, empties it on commit.</summary>
    public void Changed(string area)
    {
        (_changed ??= new HashSet<string>(StringComparer.Ordinal)).Add(area);
        session.AfterCommit(() => cache.Invalidate(area));
    }
}

/// <summary>The cached areas and the NOTIFY channel their tables' triggers use (Platform migration 0020).</summary>
public static class ReferenceAreas
{
    public const string Channel = "kazgov_reference_changed";

    /// <summary>The office directory and its schedules (the Offices capability's tables).</summary>
    public const string Offices = "offices";

    /// <summary>The holiday rules and the overrides (the Calendar capability's tables).</summary>
    public const string Calendar = "calendar";

    /// <summary>The MCI table (the Fees capability's).</summary>
    public const string Mci = "mci";

    /// <summary>Integrator clients' state: disabled, deleted, rate limit (the Security capability's).</summary>
    public const string Clients = "clients";
}
