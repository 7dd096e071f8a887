using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Kazgov.Vehicles.Domain;

/// <summary>
/// Number plates in the current Kazakh format: three digits, two or three Latin letters and the
/// two-digit code of the region whose office registers the vehicle (e.g. 123 ABC 01 in Astana).
/// The project's readings (the seed names no format): a person's plates carry three letters, an
/// organisation's two; the letters leave out I, O and Q, which read as 1 and 0; the digits run 001–999.
/// Transit plates are their own series: four digits, TR and the region code (0001 TR 01). Each
/// region and series has its own pool, a counter that only moves forward; serial n of a pool gives
/// the digits n mod 999 + 1 and the letters n div 999 written in base 23.
/// </summary>
internal static partial class Plates
{
    public const string Letters = "ABCDEFGHJKLMNPRSTUVWXYZ";

    public const string IndividualSeries = "individual";
    public const string EntitySeries = "legal-entity";
    public const string TransitSeries = "transit";

    /// <summary>The plate codes of the 16 regions of the directory (reference/regions.json).</summary>
    public static readonly IReadOnlyDictionary<string, string> RegionCodes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["astana"] = "01",
        ["almaty-city"] = "02",
        ["akmola"] = "03",
        ["aktobe"] = "04",
        ["almaty-region"] = "05",
        ["atyrau"] = "06",
        ["west-kazakhstan"] = "07",
        ["zhambyl"] = "08",
        ["karaganda"] = "09",
        ["kostanay"] = "10",
        ["kyzylorda"] = "11",
        ["mangystau"] = "12",
        ["south-kazakhstan"] = "13",
        ["pavlodar"] = "14",
        ["north-kazakhstan"] = "15",
        ["east-kazakhstan"] = "16",
    };

    public static int LetterCount(string series) => series == EntitySeries ? 2 : 3;

    /// <summary>How many plates a pool holds.</summary>
    public static long Capacity(string series) => series == TransitSeries ? 9999 : 999 * (long)Math.Pow(Letters.Length, LetterCount(series));

    /// <summary>The plate of serial <paramref name="serial"/> (0-based) of a region's pool, written without spaces.</summary>
    public static string Format(string series, long serial, string regionCode)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(serial);
        if (serial >= Capacity(series))
        {
            throw new ArgumentOutOfRangeException(nameof(serial), serial, "The pool is exhausted.");
        }

        if (series == TransitSeries)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{serial + 1:D4}TR{regionCode}");
        }

        var digits = serial % 999 + 1;
        var rest = serial / 999;
        var letters = new StringBuilder();
        for (var i = 0; i < LetterCount(series); i++)
        {
            letters.Insert(0, Letters[(int)(rest % Letters.Length)]);
            rest /= Letters.Length;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{digits:D3}{letters}{regionCode}");
    }

    /// <summary>A plate as written on it: "123 ABC 01", "0001 TR 01".</summary>
    public static string Display(string plate) => Standard().Match(plate) is { Success: true } m
        ? $"{m.Groups[1].Value} {m.Groups[2].Value} {m.Groups[3].Value}"
        : Transit().Match(plate) is { Success: true } t ? $"{t.Groups[1].Value} TR {t.Groups[2].Value}" : plate;

    /// <summary>Upper case, without spaces.</summary>
    public static string Normalise(string plate) => new([.. plate.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]);

    public static bool IsStandard(string plate) => Standard().IsMatch(plate);

    public static bool IsTransit(string plate) => Transit().IsMatch(plate);

    [GeneratedRegex("^([0-9]{3})([ABCDEFGHJKLMNPRSTUVWXYZ]{2,3})([0-9]{2})$")]
    private static partial Regex Standard();

    [GeneratedRegex("^([0-9]{4})TR([0-9]{2})$")]
    private static partial Regex Transit();
}
