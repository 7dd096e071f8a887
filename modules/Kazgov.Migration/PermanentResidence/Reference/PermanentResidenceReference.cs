using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Kazgov.Migration.PermanentResidence.Reference;

/// <summary>
/// permanent-residence §12.2.з: tenge per m² of housing by settlement code — the checked-in
/// Reference/housing-prices.json (indicative; see its "about"), overridden or extended by
/// configuration Migration:PermanentResidence:HousingPrices:&lt;code&gt;.
/// </summary>
internal sealed class HousingPrices(IReadOnlyDictionary<string, decimal> prices, IReadOnlyDictionary<string, string>? names = null)
{
    /// <summary>The settlements' names as the reference file gives them (none for one added in configuration).</summary>
    public IReadOnlyDictionary<string, string> Names { get; } = names ?? new Dictionary<string, string>();

    public const string ConfigurationSection = "Migration:PermanentResidence:HousingPrices";

    public IReadOnlyDictionary<string, decimal> Prices { get; } = prices;

    public decimal? PricePerSquareMetre(string? settlement) =>
        settlement is not null && Prices.TryGetValue(settlement, out var price) ? price : null;

    public static HousingPrices Load(IConfiguration configuration)
    {
        var prices = new Dictionary<string, decimal>(Defaults(), StringComparer.Ordinal);
        foreach (var entry in configuration.GetSection(ConfigurationSection).GetChildren())
        {
            if (!decimal.TryParse(entry.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) || price <= 0)
            {
                throw new InvalidOperationException($"{ConfigurationSection}:{entry.Key} must be a positive number of tenge per m².");
            }

            prices[entry.Key] = price;
        }

        return new HousingPrices(prices, DefaultNames());
    }

    private static Dictionary<string, string> DefaultNames()
    {
        using var document = ReferenceResource.Read("housing-prices.json");
        return document.RootElement.GetProperty("settlements").EnumerateArray()
            .ToDictionary(s => s.GetProperty("code").GetString()!, s => s.GetProperty("name").GetString()!, StringComparer.Ordinal);
    }

    public static IReadOnlyDictionary<string, decimal> Defaults()
    {
        using var document = ReferenceResource.Read("housing-prices.json");
        return document.RootElement.GetProperty("settlements").EnumerateArray()
            .ToDictionary(s => s.GetProperty("code").GetString()!, s => s.GetProperty("pricePerSquareMetre").GetDecimal(), StringComparer.Ordinal);
    }
}

/// <summary>
/// permanent-residence §12 note, §18.4: the states (ISO 3166-1 alpha-2) whose citizens need not
/// prove solvency — Reference/treaty-states.json, with the treaties and the reading in its "about".
/// </summary>
internal sealed class TreatyStates(IReadOnlySet<string> codes)
{
    public IReadOnlySet<string> Codes { get; } = codes;

    public bool Contains(string? country) => country is not null && Codes.Contains(country);

    public static TreatyStates Load()
    {
        using var document = ReferenceResource.Read("treaty-states.json");
        return new TreatyStates(document.RootElement.GetProperty("states").EnumerateArray()
            .Select(s => s.GetProperty("code").GetString()!).ToHashSet(StringComparer.Ordinal));
    }
}

internal static class ReferenceResource
{
    public static JsonDocument Read(string file)
    {
        var assembly = typeof(ReferenceResource).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".PermanentResidence.Reference." + file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        return JsonDocument.Parse(stream);
    }
}
