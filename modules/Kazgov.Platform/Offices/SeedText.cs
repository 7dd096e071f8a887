using System.Globalization;
using System.Text;

namespace Kazgov.Platform.Offices;

/// <summary>Text clean-up shared by the seed parsers and the office search.</summary>
public static class SeedText
{
    /// <summary>NBSP (5,547 of them in the seed) and tabs become spaces; runs of spaces collapse.</summary>
    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\u00A0')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// The search form of a text: lower case, Latin look-alikes inside Cyrillic words read as
    /// Cyrillic ("IIД" → "ііж"), the Kazakh-specific letters folded to their Russian base letters
    /// (ә→а, ғ→г, қ→к, ң→н, ө→о, ұ/ү→у, һ→х, і→и, ё→е) so that "Өскемен", "ӨСКЕМЕН" and
    /// "оскемен" are one word, and punctuation reduced to single spaces.
    /// </summary>
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var word in Clean(text).Split(' '))
        {
            var cyrillic = word.Any(IsCyrillic);
            foreach (var raw in word)
            {
                var c = char.ToLower(cyrillic ? CyrillicLookAlike(raw) : raw, CultureInfo.InvariantCulture);
                c = c switch
                {
                    'ә' => 'а',
                    'ғ' => 'г',
                    'қ' => 'к',
                    'ң' => 'н',
                    'ө' => 'о',
                    'ұ' or 'ү' => 'у',
                    'һ' => 'х',
                    'і' => 'и',
                    'ё' => 'е',
                    _ => c,
                };
                builder.Append(char.IsLetterOrDigit(c) ? c : ' ');
            }

            builder.Append(' ');
        }

        return Clean(builder.ToString());
    }

    public static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    /// <summary>Latin letters the seed types in place of Cyrillic ones (STANDARDS-DETAIL §10.5.4 item 4).</summary>
    private static char CyrillicLookAlike(char c) => c switch
    {
        'I' => 'І',
        'i' => 'і',
        'A' => 'А',
        'a' => 'а',
        'B' => 'В',
        'C' => 'С',
        'c' => 'с',
        'E' => 'Е',
        'e' => 'е',
        'H' => 'Н',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'o' => 'о',
        'P' => 'Р',
        'p' => 'р',
        'T' => 'Т',
        'X' => 'Х',
        'x' => 'х',
        'y' => 'у',
        _ => c,
    };
}
