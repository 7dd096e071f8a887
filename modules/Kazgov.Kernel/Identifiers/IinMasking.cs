using System.Text.RegularExpressions;

namespace Kazgov.Kernel.Identifiers;

/// <summary>
/// Masks IINs in free text (log lines): every run of exactly 12 digits that is a valid IIN
/// (<see cref="Iin.TryParse"/>) keeps its first four and last two digits, e.g. 8503******28.
/// Other numbers (registration numbers, amounts, ids) are left as they are.
/// </summary>
public static partial class IinMasking
{
    public static string Mask(string text)
    {
        if (text.Length < 12 || !ContainsTwelveDigits(text))
        {
            return text;
        }

        return TwelveDigits().Replace(text, match => Iin.TryParse(match.Value, out _, out _) ? MaskOne(match.Value) : match.Value);
    }

    public static string MaskOne(string iin) => string.Concat(iin.AsSpan(0, 4), "******", iin.AsSpan(10, 2));

    // A cheap pre-check, so that most log lines never reach the regex.
    private static bool ContainsTwelveDigits(string text)
    {
        var run = 0;
        foreach (var c in text)
        {
            run = char.IsAsciiDigit(c) ? run + 1 : 0;
            if (run >= 12)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"(?<![0-9])[0-9]{12}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex TwelveDigits();
}
