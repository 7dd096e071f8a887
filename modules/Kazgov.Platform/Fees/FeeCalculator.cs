using Kazgov.Kernel.Problems;
using NodaTime;

namespace Kazgov.Platform.Fees;

public sealed record FeeLine(string Item, decimal PercentOfMci, decimal Amount);

public sealed record FeeQuote(LocalDate PaymentDate, MciRate Mci, IReadOnlyList<FeeLine> Lines, decimal Total);

/// <summary>
/// Every fee of the nine standards is a percentage of the MCI in force on the payment date
/// (reference/README.md). Amount = MCI × percent / 100, in KZT, to the tiyn (0.01). With the
/// current whole-tenge MCI values and whole percentages the exact amount never has more than two
/// decimals, so nothing is rounded; should a value ever need it, it is rounded to the tiyn with
/// <see cref="MidpointRounding.AwayFromZero"/> (never silently to whole tenge). The total is the sum
/// of the rounded lines.
/// </summary>
public sealed class FeeCalculator(MciTable table)
{
    public FeeQuote Quote(IReadOnlyList<(string Item, decimal PercentOfMci)> items, LocalDate paymentDate)
    {
        var mci = table.InForceOn(paymentDate) ?? throw FeeProblems.MciNotDefinedOn(paymentDate, table.Rates.Count > 0 ? table.Rates[0].EffectiveFrom : null);
        var lines = items
            .Select(item => new FeeLine(item.Item, Normalize(item.PercentOfMci), Amount(mci.Value, item.PercentOfMci)))
            .ToList();
        return new FeeQuote(paymentDate, mci with { Value = Normalize(mci.Value) }, lines, Normalize(lines.Sum(l => l.Amount)));
    }

    public static decimal Amount(decimal mci, decimal percentOfMci) =>
        Normalize(Math.Round(mci * percentOfMci / 100m, 2, MidpointRounding.AwayFromZero));

    /// <summary>Drops trailing zeros (4325.00 from a numeric(12,2) column is written as 4325).</summary>
    internal static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;
}

/// <summary>The problems of fee quotes and the MCI table.</summary>
public static class FeeProblems
{
    public static readonly ProblemType MciNotDefined = new("mci-not-defined", 422, new(
        "Төлем күніне АЕК белгіленбеген",
        "МРП на дату оплаты не определён",
        "No MCI is defined for the payment date"));

    public static readonly ProblemType MciRateNotFound = new("mci-rate-not-found", 404, new(
        "Бұл күннен бастап қолданылатын АЕК жоқ",
        "МРП с этой даты действия не найден",
        "There is no MCI row effective from this date"));

    internal static ProblemException MciNotDefinedOn(LocalDate date, LocalDate? first)
    {
        var iso = Iso(date);
        var from = first is { } f ? Iso(f) : "—";
        return new ProblemException(MciNotDefined, new(
            $"{iso} күніне АЕК белгіленбеген; кесте {from} күнінен басталады",
            $"МРП на {iso} не определён; таблица начинается с {from}",
            $"No MCI is defined for {iso}; the table starts on {from}"),
            extensions: new Dictionary<string, object?> { ["paymentDate"] = iso, ["firstEffectiveFrom"] = first is null ? null : from });
    }

    private static string Iso(LocalDate date) => NodaTime.Text.LocalDatePattern.Iso.Format(date);
}
