using System.Text.RegularExpressions;
using Kazgov.Platform.Offices;

namespace Kazgov.SeedImport.Offices;

/// <summary>An "electronic address" cell: the verbatim value, and the e-mail or website it yields when it validates.</summary>
public sealed record EAddress(string? Raw, string? Email, string? Website);

/// <summary>
/// Reads the e-address cells (Std 2/4/5 App 2, Std 6 App 3, the "WЕВ-сайты" column of Std 7 App 1),
/// which hold e-mail addresses and websites in one column (STANDARDS-DETAIL §10.5.4 items 19-20).
/// E-mail: the part in angle brackets when there is one ("Degurka&lt;degurka@uvd.com&gt;"), spaces
/// removed ("Umpguvd @ guvd.kst"), a trailing dot dropped. Website: a trailing dot dropped; a space
/// inside leaves it unreadable ("kostanay police.kz"). Either must end in a top-level domain the
/// seed's real addresses use (kz, ru, com, net, org): ".kst", ".mil" and "onlainkz" stay raw only.
/// "жоқ" (none) and empty cells give nothing.
/// </summary>
public static partial class EAddressParser
{
    private static readonly HashSet<string> KnownTopLevelDomains = new(StringComparer.OrdinalIgnoreCase) { "kz", "ru", "com", "net", "org" };

    public static EAddress Parse(string? cell)
    {
        var raw = cell is null ? "" : SeedText.Clean(cell);
        if (raw.Length == 0)
        {
            return new EAddress(null, null, null);
        }

        if (raw.Equals("жоқ", StringComparison.OrdinalIgnoreCase))
        {
            return new EAddress(raw, null, null);
        }

        if (raw.Contains('@', StringComparison.Ordinal))
        {
            var angle = AngleBrackets().Match(raw);
            var candidate = (angle.Success ? angle.Groups[1].Value : raw).Replace(" ", "", StringComparison.Ordinal).TrimEnd('.');
            var at = candidate.LastIndexOf('@');
            if (at > 0)
            {
                candidate = candidate[..at] + "@" + candidate[(at + 1)..].ToLowerInvariant();
            }

            return new EAddress(raw, EmailPattern().IsMatch(candidate) && HasKnownTld(candidate) ? candidate : null, null);
        }

        var site = raw.TrimEnd('.');
        return new EAddress(raw, null, WebsitePattern().IsMatch(site) && HasKnownTld(site) ? site.ToLowerInvariant() : null);
    }

    private static bool HasKnownTld(string value) => KnownTopLevelDomains.Contains(value[(value.LastIndexOf('.') + 1)..]);

    [GeneratedRegex(@"<([^>]+)>")]
    private static partial Regex AngleBrackets();

    [GeneratedRegex(@"^[A-Za-z0-9._%+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^(?:[A-Za-z0-9_-]+\.)+[A-Za-z]{2,}$")]
    private static partial Regex WebsitePattern();
}
