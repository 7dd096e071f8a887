using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Kazgov.Platform.Fees;

/// <summary>One value of the monthly calculation index (MCI), in force from its date until the next row.</summary>
public sealed record MciRate(LocalDate EffectiveFrom, decimal Value);

/// <summary>The effective-dated MCI table (reference/README.md § mci.csv).</summary>
public sealed class MciTable
{
    private const string ResourceSuffix = ".Fees.Data.mci.csv";
    private readonly List<MciRate> _rates;

    public MciTable(IEnumerable<MciRate> rates)
    {
        _rates = rates.OrderBy(r => r.EffectiveFrom).ToList();
        if (_rates.Select(r => r.EffectiveFrom).Distinct().Count() != _rates.Count)
        {
            throw new ArgumentException("Two MCI rows have the same effective date.", nameof(rates));
        }
    }

    public IReadOnlyList<MciRate> Rates => _rates;

    /// <summary>The MCI in force on <paramref name="date"/> (Asia/Almaty), or null before the first row.</summary>
    public MciRate? InForceOn(LocalDate date) => _rates.LastOrDefault(r => r.EffectiveFrom <= date);

    /// <summary>The rows shipped with the platform (Fees/Data/mci.csv, embedded; a copy of reference/mci.csv).</summary>
    public static IReadOnlyList<MciRate> Defaults()
    {
        var assembly = typeof(MciTable).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Reads "effective_from,kzt" CSV (header line first).</summary>
    public static IReadOnlyList<MciRate> Parse(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0] != "effective_from,kzt")
        {
            throw new FormatException("The MCI table must start with the header 'effective_from,kzt'.");
        }

        return lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            if (cells.Length != 2)
            {
                throw new FormatException($"MCI row '{line}' must have two cells.");
            }

            var value = decimal.Parse(cells[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            return new MciRate(LocalDatePattern.Iso.Parse(cells[0]).GetValueOrThrow(), value);
        }).ToList();
    }
}
