using Kazgov.Kernel.Localization;
using Kazgov.Platform.Offices;

namespace Kazgov.SeedImport.Offices;

/// <summary>
/// One of the 16 first-level units of the seed (2007): the cities of Astana and Almaty and the
/// 14 oblasts. <see cref="Code"/> is the API's stable key; <see cref="IsoCode"/> is the
/// ISO 3166-2:KZ code of that time. <see cref="CentreAreaCode"/> is the trunk area code of the
/// regional centre as the seed's own offices there print it (e.g. Kokshetau 8(7162) [L211]).
/// </summary>
public sealed record SeedRegion(
    string Code,
    string IsoCode,
    int SortOrder,
    LocalizedText Names,
    string CentreAreaCode,
    bool IsCity,
    IReadOnlyList<string> SeedSpellings);

/// <summary>
/// The 16 regions and the ways the seed spells them (full, hyphenated, abbreviated): the import
/// tool's own table. It writes reference/regions.json (code, ISO code, order, names), which is what
/// the host serves; the spellings and area codes are only needed to read the seed.
/// </summary>
public static class SeedRegions
{
    // Order: the order of the line-format directories (Std 1 App 1, [L196-L318]).
    public static readonly IReadOnlyList<SeedRegion> All =
    [
        new("astana", "KZ-AST", 1, new("Астана қаласы", "город Астана", "Astana city"), "7172", true, ["Астана қаласы", "Астана"]),
        new("almaty-city", "KZ-ALA", 2, new("Алматы қаласы", "город Алматы", "Almaty city"), "727", true, ["Алматы қаласы"]),
        new("akmola", "KZ-AKM", 3, new("Ақмола облысы", "Акмолинская область", "Akmola Region"), "7162", false, ["Ақмола облысы", "Ақмола"]),
        new("almaty-region", "KZ-ALM", 4, new("Алматы облысы", "Алматинская область", "Almaty Region"), "7282", false, ["Алматы облысы"]),
        new("atyrau", "KZ-ATY", 5, new("Атырау облысы", "Атырауская область", "Atyrau Region"), "7122", false, ["Атырау облысы", "Атырау"]),
        new("aktobe", "KZ-AKT", 6, new("Ақтөбе облысы", "Актюбинская область", "Aktobe Region"), "7132", false, ["Ақтөбе облысы", "Ақтөбе"]),
        new("east-kazakhstan", "KZ-VOS", 7, new("Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region"), "7232", false, ["Шығыс Қазақстан облысы", "Шығыс Қазақстан", "ШҚО"]),
        new("zhambyl", "KZ-ZHA", 8, new("Жамбыл облысы", "Жамбылская область", "Zhambyl Region"), "7262", false, ["Жамбыл облысы", "Жамбыл"]),
        new("west-kazakhstan", "KZ-ZAP", 9, new("Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region"), "7112", false, ["Батыс Қазақстан облысы", "Батыс Қазақстан", "БҚО"]),
        new("karaganda", "KZ-KAR", 10, new("Қарағанды облысы", "Карагандинская область", "Karaganda Region"), "7212", false, ["Қарағанды облысы", "Қарағанды"]),
        new("kostanay", "KZ-KUS", 11, new("Қостанай облысы", "Костанайская область", "Kostanay Region"), "7142", false, ["Қостанай облысы", "Қостанай"]),
        new("kyzylorda", "KZ-KZY", 12, new("Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"), "7242", false, ["Қызылорда облысы", "Қызылорда"]),
        new("mangystau", "KZ-MAN", 13, new("Маңғыстау облысы", "Мангистауская область", "Mangystau Region"), "7292", false, ["Маңғыстау облысы", "Маңғыстау"]),
        new("pavlodar", "KZ-PAV", 14, new("Павлодар облысы", "Павлодарская область", "Pavlodar Region"), "7182", false, ["Павлодар облысы", "Павлодар"]),
        new("north-kazakhstan", "KZ-SEV", 15, new("Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region"), "7152", false, ["Солтүстік Қазақстан облысы", "Солтүстік Қазақстан", "СҚО"]),
        new("south-kazakhstan", "KZ-YUZ", 16, new("Оңтүстік Қазақстан облысы", "Южно-Казахстанская область", "South Kazakhstan Region"), "7252", false, ["Оңтүстік Қазақстан облысы", "Оңтүстік Қазақстан", "ОҚО"]),
    ];

    private static readonly Dictionary<string, SeedRegion> ByCode =
        All.SelectMany(r => new[] { (r.Code, r), (r.IsoCode.ToUpperInvariant(), r) })
            .ToDictionary(p => p.Item1, p => p.r, StringComparer.OrdinalIgnoreCase);

    // Longest spelling first, so that "Алматы облысы" is not taken for a bare "Алматы…".
    private static readonly (string Folded, SeedRegion Region)[] Spellings =
        All.SelectMany(r => r.SeedSpellings.Select(s => (SeedText.Fold(s), r)))
            .OrderByDescending(p => p.Item1.Length)
            .ToArray();

    /// <summary>Finds a region by its API code or ISO code, case-insensitively.</summary>
    public static SeedRegion? Find(string? code) =>
        code is not null && ByCode.TryGetValue(code.Trim(), out var region) ? region : null;

    /// <summary>
    /// The region a heading line names exactly ("ШҚО", "Батыс Қазақстан облысы",
    /// "Ақмола облысы бойынша:"), or null when the line is anything else.
    /// </summary>
    public static SeedRegion? FromHeading(string line)
    {
        var folded = SeedText.Fold(line);
        if (folded.EndsWith(" бойынша", StringComparison.Ordinal))
        {
            folded = folded[..^" бойынша".Length];
        }

        return Spellings.FirstOrDefault(p => p.Folded == folded).Region;
    }

    /// <summary>
    /// The region a cell starts with ("Астана қаласының ІІД", "Шығыс-Қазақстан облысының ІІД",
    /// "ШҚО ІІД ЖПБ ЕТБ"), or null.
    /// </summary>
    public static SeedRegion? FromTextStart(string text)
    {
        var folded = SeedText.Fold(text);
        foreach (var (spelling, region) in Spellings)
        {
            if (folded.StartsWith(spelling, StringComparison.Ordinal))
            {
                return region;
            }
        }

        return null;
    }
}
