using System.Text;

namespace Kazgov.AddressBureau.Domain;

/// <summary>
/// The search form of a name: Kazakh, Russian and common Latin spellings of one name normalise
/// alike. Kazakh letters fold to their Russian neighbours (Ә/А, Ө/О, Ү/Ұ/У, Қ/К, Ғ/Г, Ң/Н, І/И,
/// Һ/Х, Ё/Е), Cyrillic is transliterated by the passport (ICAO 9303) table, Kazakh Latin letters
/// (Ä, Ö, Ü, Ū, Q, Ğ, Ñ, İ, Ş, Ç) fold to plain Latin, and the usual spelling variants meet: ZH/DZH/J,
/// KH/H, Y/I (Й, Ы, Aigerim/Aygerim), YE/E at the start (Yerlan/Erlan), doubled letters. Only A–Z
/// remain; parts are separated by one space.
/// </summary>
internal static class NameNormaliser
{
    private static readonly Dictionary<char, string> Cyrillic = new()
    {
        ['А'] = "A", ['Ә'] = "A", ['Б'] = "B", ['В'] = "V", ['Г'] = "G", ['Ғ'] = "G", ['Д'] = "D", ['Е'] = "E", ['Ё'] = "E",
        ['Ж'] = "ZH", ['З'] = "Z", ['И'] = "I", ['Й'] = "I", ['І'] = "I", ['К'] = "K", ['Қ'] = "K", ['Л'] = "L", ['М'] = "M",
        ['Н'] = "N", ['Ң'] = "N", ['О'] = "O", ['Ө'] = "O", ['П'] = "P", ['Р'] = "R", ['С'] = "S", ['Т'] = "T", ['У'] = "U",
        ['Ұ'] = "U", ['Ү'] = "U", ['Ф'] = "F", ['Х'] = "KH", ['Һ'] = "KH", ['Ц'] = "TS", ['Ч'] = "CH", ['Ш'] = "SH",
        ['Щ'] = "SHCH", ['Ъ'] = "", ['Ы'] = "Y", ['Ь'] = "", ['Э'] = "E", ['Ю'] = "YU", ['Я'] = "YA",
    };

    private static readonly Dictionary<char, string> LatinFolds = new()
    {
        ['Ä'] = "A", ['Á'] = "A", ['Ö'] = "O", ['Ó'] = "O", ['Ü'] = "U", ['Ú'] = "U", ['Ū'] = "U", ['Ğ'] = "G", ['Ǵ'] = "G",
        ['Ñ'] = "N", ['Ń'] = "N", ['İ'] = "I", ['Ī'] = "I", ['Ý'] = "Y", ['Ş'] = "SH", ['Ç'] = "CH", ['Q'] = "K", ['W'] = "V",
        ['X'] = "KS",
    };

    /// <summary>The search form of a whole name: each part normalised, joined by single spaces.</summary>
    public static string Normalise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var parts = name.Split([' ', '-', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries)
            .Select(NormalisePart)
            .Where(part => part.Length > 0);
        return string.Join(' ', parts);
    }

    /// <summary>One word of a name.</summary>
    public static string NormalisePart(string word)
    {
        var latin = new StringBuilder(word.Length + 4);
        foreach (var raw in word.ToUpperInvariant())
        {
            if (Cyrillic.TryGetValue(raw, out var cyr))
            {
                latin.Append(cyr);
            }
            else if (LatinFolds.TryGetValue(raw, out var fold))
            {
                latin.Append(fold);
            }
            else if (raw is >= 'A' and <= 'Z')
            {
                latin.Append(raw);
            }
        }

        // The rules until nothing changes, so that the search form of a search form is itself.
        var text = latin.ToString();
        for (var pass = 0; pass < 4; pass++)
        {
            var next = Collapse(Rules(Collapse(text)));
            if (next == text)
            {
                break;
            }

            text = next;
        }

        return text;
    }

    private static string Rules(string text)
    {
        if (text.StartsWith("YE", StringComparison.Ordinal))
        {
            text = text[1..];
        }

        return text.Replace("KH", "H", StringComparison.Ordinal)
            .Replace("DZH", "J", StringComparison.Ordinal)
            .Replace("ZH", "J", StringComparison.Ordinal)
            .Replace("DJ", "J", StringComparison.Ordinal)
            .Replace("SHCH", "SH", StringComparison.Ordinal)
            .Replace("Y", "I", StringComparison.Ordinal)
            .Replace("C", "TS", StringComparison.Ordinal)
            .Replace("TSH", "CH", StringComparison.Ordinal);
    }

    /// <summary>Doubled letters count once (Alla/Ala, Ганна/Гана, Seyitova/Seitova after Y→I).</summary>
    private static string Collapse(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (result.Length == 0 || result[^1] != c)
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}
