using System.Text.RegularExpressions;
using Kazgov.Platform.Offices;

namespace Kazgov.SeedImport.Offices;

/// <summary>
/// Splits a phone cell or phone tail of the seed into numbers and normalises what can be
/// normalised. Kazakh national numbers have ten digits after the trunk prefix 8: area code plus
/// subscriber number. Rules, in order:
/// - the area code is what the seed puts in parentheses ("8(7162) 77-04-75", "8-(7153-3)-2-18-06"),
///   or the first group of a hyphenated "8-7232-234292";
/// - an area code starting with 3 is the pre-2005 form of the 7 code (8-(3162) = 8(7162), Kokshetau;
///   STANDARDS-DETAIL §10.5.4 item 12) and is read as such;
/// - a number without an area code takes the area code of the number before it in the same
///   cell when its subscriber part has the same length ("8(71643) 4-29-43, 4-06-69"), or else the
///   caller's <c>defaultAreaCode</c> when the lengths add up to ten;
/// - anything that does not come to exactly ten digits starting with 7 stays un-normalised
///   ("8(712233)-2-14-79", "8(81133) 3-11-33", "858(7122)982023", "8-724-233-22785").
/// </summary>
public static partial class PhoneParser
{
    public static IReadOnlyList<OfficePhone> Parse(string? raw, string? defaultAreaCode = null, string? label = null)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return [];
        }

        var text = SeedText.Clean(raw).Replace('{', '(');
        text = SpaceAroundParenthesis().Replace(text, m => m.Value.Trim());
        text = TrailingLabel().Replace(text, m => " §" + m.Groups[1].Value.TrimEnd('.') + "§ ");

        var phones = new List<OfficePhone>();
        string? pendingLabel = null;
        Reading? previous = null;
        foreach (var rawToken in text.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var token = rawToken;
            if (token.Length > 2 && token[0] == '§' && token[^1] == '§')
            {
                // "(деж.)" after a number labels that number.
                if (phones.Count > 0)
                {
                    phones[^1] = phones[^1] with { Label = Join(phones[^1].Label, token.Trim('§')) };
                }

                continue;
            }

            var prefix = PrefixLabel().Match(token);
            if (prefix.Success)
            {
                // "Тел:", "т.98-45-30" say nothing; "Деж.часть:" and "ГМП:" label the number that follows.
                var word = prefix.Value.TrimEnd('.', ':', ',');
                if (!word.StartsWith('т') && !word.StartsWith('Т'))
                {
                    pendingLabel = word;
                }

                token = token[prefix.Length..];
            }

            if (token.StartsWith("вн.", StringComparison.Ordinal))
            {
                phones.Add(new OfficePhone(token, null, Join(label, "вн.")));
                continue;
            }

            token = BalanceParentheses(token.TrimEnd('.'));
            if (token.Count(char.IsDigit) < 4)
            {
                continue;
            }

            var reading = Read(token, previous, defaultAreaCode);
            phones.Add(new OfficePhone(token, reading.Normalized, Join(label, pendingLabel)));
            pendingLabel = null;
            previous = reading;
        }

        return phones;
    }

    private static string? Join(string? a, string? b) =>
        string.IsNullOrEmpty(a) ? b : string.IsNullOrEmpty(b) ? a : a + ", " + b;

    private static string BalanceParentheses(string token)
    {
        // "28-69-01)" [L274] and "8-(31646)-2-10-02)" carry a stray closing parenthesis.
        while (token.Count(c => c == ')') > token.Count(c => c == '(') && token.EndsWith(')'))
        {
            token = token[..^1];
        }

        while (token.Count(c => c == '(') > token.Count(c => c == ')') && token.StartsWith('('))
        {
            token = token[1..];
        }

        return token;
    }

    private sealed record Reading(string? AreaCode, string Subscriber, string? Normalized);

    private static Reading Read(string token, Reading? previous, string? defaultAreaCode)
    {
        string? trunk = null;
        string? area = null;
        string subscriber;
        var open = token.IndexOf('(', StringComparison.Ordinal);
        var close = token.IndexOf(')', StringComparison.Ordinal);
        if (open >= 0 && close > open)
        {
            trunk = Digits(token[..open]);
            area = Digits(token[(open + 1)..close]);
            subscriber = Digits(token[(close + 1)..]);
            if (subscriber.Length == 0)
            {
                // The whole number sits in the parentheses: "(87282-24-14-88)", "8(7182-32-04-08)".
                var all = trunk + area;
                (trunk, area, subscriber) = SplitPlain(all, token);
            }
        }
        else
        {
            (trunk, area, subscriber) = SplitPlain(Digits(token), token);
        }

        var continuation = area is null;
        if (continuation && previous?.AreaCode is not null && previous.Subscriber.Length == subscriber.Length)
        {
            area = previous.AreaCode;
        }
        else if (continuation && defaultAreaCode is not null && defaultAreaCode.Length + subscriber.Length == 10)
        {
            area = defaultAreaCode;
        }

        if (area is { Length: >= 3 and <= 5 } && area[0] == '3')
        {
            area = "7" + area[1..];
        }

        var valid = (trunk is null or "" or "8") && area is not null && area[0] == '7' && area.Length + subscriber.Length == 10;
        return new Reading(area, subscriber, valid ? "+7" + area + subscriber : null);
    }

    /// <summary>Splits a number written without parentheses.</summary>
    private static (string? Trunk, string? Area, string Subscriber) SplitPlain(string digits, string token)
    {
        if (digits.Length == 11 && digits[0] == '8')
        {
            // "8-7232-234292": the hyphen after the area code says where it ends; else take 4 digits.
            var groups = token.TrimStart('(').Split('-', StringSplitOptions.RemoveEmptyEntries);
            var areaLength = groups.Length > 2 && groups[0] == "8" && groups[1].All(char.IsDigit) ? groups[1].Length : 4;
            return ("8", digits.Substring(1, areaLength), digits[(1 + areaLength)..]);
        }

        var parts = token.Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 2 && parts[0] == "8" && parts[1].All(char.IsDigit))
        {
            // "8-724-233-22785": an explicit area code, but the total is not ten digits.
            return ("8", parts[1], string.Concat(parts.Skip(2).Select(Digits)));
        }

        return (null, null, digits);
    }

    private static string Digits(string text) => string.Concat(text.Where(char.IsDigit));

    [GeneratedRegex(@"\s*\(\s*|\s*\)(?=[\s\d-])\s*")]
    private static partial Regex SpaceAroundParenthesis();

    [GeneratedRegex(@"\((деж\.?|факс|вахта)\)", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingLabel();

    [GeneratedRegex(@"^((?i:тел|т)[.:,]|(?i:тел)$|(?i:деж\.часть):?|ГМП:?)")]
    private static partial Regex PrefixLabel();
}
