using Kazgov.Kernel.Localization;
using Kazgov.Platform.Reference;

namespace Kazgov.Platform.Offices;

/// <summary>
/// One of the 16 first-level units of the seed (2007): the cities of Astana and Almaty and the
/// 14 oblasts. <see cref="Code"/> is the API's stable key; <see cref="IsoCode"/> is the
/// ISO 3166-2:KZ code of that time. <see cref="Source"/> and <see cref="SeedLine"/>: the region's
/// heading in the first directory of the seed (Std 1 App 1).
/// </summary>
public sealed record KazRegion(string Code, string IsoCode, int SortOrder, LocalizedText Names, string Source, int SeedLine);

/// <summary>The 16 regions, from reference/regions.json.</summary>
public static class KazRegions
{
    public static readonly IReadOnlyList<KazRegion> All = ReferenceFiles.Regions.Regions.OrderBy(r => r.SortOrder).ToList();

    private static readonly Dictionary<string, KazRegion> ByCode =
        All.SelectMany(r => new[] { (r.Code, r), (r.IsoCode.ToUpperInvariant(), r) })
            .ToDictionary(p => p.Item1, p => p.r, StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds a region by its API code or ISO code, case-insensitively.</summary>
    public static KazRegion? Find(string? code) =>
        code is not null && ByCode.TryGetValue(code.Trim(), out var region) ? region : null;
}
