using System.Text.RegularExpressions;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;

namespace Kazgov.Platform.Applications;

/// <summary>
/// What the inbox's one search box (<c>q=</c>) asks for: an IIN or BIN (12 digits, spaces allowed, as
/// people read them out), a registration number (<c>671C3429-2026-000012</c>), or the words of a name
/// found in the applicant's surname, name, patronymic or organisation name, whatever the case and
/// whether typed with Kazakh or Russian letters (Қ/К, Ә/А, …).
/// </summary>
public sealed partial record ApplicationSearch(string? SubjectId, string? RegistrationNumber, IReadOnlyList<string> NameWords)
{
    public const int MaxLength = 100;

    /// <summary>
    /// The letters folded in names, kept in step with the generated column platform.applications.applicant_search
    /// (Migrations/0018_application_search.sql): Kazakh letters to the Russian letters they are typed as
    /// on a Russian keyboard, Ё to Е. Search text is lower-cased first.
    /// </summary>
    public const string KazakhLetters = "әөүұқғңіһё";

    public const string RussianLetters = "аоуукгнихе";

    private static readonly LocalizedText TooShort = new(
        "Іздеу үшін ЖСН/БСН, тіркеу нөмірі немесе атының кемінде 2 әрпі керек",
        "Для поиска нужен ИИН/БИН, регистрационный номер или не менее 2 букв имени",
        "Search by an IIN/BIN, a registration number or at least 2 letters of a name");

    private static readonly LocalizedText TooLong = new LocalizedText(
        "Іздеу мәтіні {0} таңбадан аспауы керек", "Текст поиска не длиннее {0} символов", "The search text is at most {0} characters").Format(MaxLength);

    public static ApplicationSearch? Parse(string? q, ValidationErrors errors)
    {
        if (q is null)
        {
            return null;
        }

        var text = q.Trim();
        if (text.Length > MaxLength)
        {
            errors.Add("q", TooLong);
            return null;
        }

        var digits = text.Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length == 12 && digits.All(char.IsAsciiDigit))
        {
            return new ApplicationSearch(digits, null, []);
        }

        if (RegistrationNumberPattern().IsMatch(text))
        {
            return new ApplicationSearch(null, text.ToUpperInvariant(), []);
        }

        var words = Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(w => w.Length >= 2).Distinct().Take(5).ToList();
        if (words.Count == 0)
        {
            errors.Add("q", TooShort);
            return null;
        }

        return new ApplicationSearch(null, null, words);
    }

    /// <summary>Lower case, Kazakh letters as their Russian keyboard twins; LIKE's own characters become spaces.</summary>
    public static string Fold(string text)
    {
        var chars = text.ToLowerInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var at = KazakhLetters.IndexOf(chars[i], StringComparison.Ordinal);
            if (at >= 0)
            {
                chars[i] = RussianLetters[at];
            }
            else if (chars[i] is '%' or '_' or '\\')
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }

    [GeneratedRegex(@"^[0-9A-Fa-f]{8}-\d{4}-\d{6}$")]
    private static partial Regex RegistrationNumberPattern();
}
