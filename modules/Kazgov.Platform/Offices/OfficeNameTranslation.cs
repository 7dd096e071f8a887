using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Kazgov.Platform.Offices;

/// <summary>
/// Russian names of the seed's Kazakh office names, addresses and staff positions, by rule: the
/// standard abbreviations (ІІД → ДВД, ЖПБ → УДП, ЕТБ → РЭО…), the generic words (қаласы → г.,
/// ауданы → район, көшесі → ул.…), the Russian names of cities and regions, and everything else
/// (proper names) with the Kazakh letters written as their Russian base letters (Қарабалық →
/// Карабалык). A name lists its units from the largest down ("Астана қаласы ІІД ЖПБ ЕТБ"); the
/// Russian lists them from the smallest up, the place last in the genitive ("РЭО УДП ДВД г. Астаны").
/// Addresses keep their order. <see cref="ToLatin"/> is the ASCII transliteration used for search
/// and for English pages. The import tool writes the results into reference/office-names.json,
/// where they are reviewed; the readings are in Offices/README.md.
/// </summary>
public static partial class OfficeNameTranslation
{
    /// <summary>Abbreviations of units, Kazakh → Russian (the seed's spellings, Latin look-alikes and "-нің" already removed).</summary>
    public static readonly IReadOnlyDictionary<string, string> Abbreviations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ІІД"] = "ДВД", // Ішкі істер департаменті — департамент внутренних дел
        ["ІІБ"] = "УВД", // Ішкі істер басқармасы — управление внутренних дел
        ["АІІБ"] = "РОВД", // Аудандық ішкі істер бөлімі — районный отдел внутренних дел
        ["АІІб"] = "РОВД",
        ["ҚІІб"] = "ГОВД",
        ["қІІБ"] = "ГОВД",
        ["ҚІІБ"] = "ГОВД", // Қалалық ішкі істер бөлімі — городской отдел внутренних дел
        ["ҚАІІБ"] = "ГРОВД", // Қалалық-аудандық ішкі істер бөлімі
        ["ЖПБ"] = "УДП", // Жол полициясы басқармасы — управление дорожной полиции
        ["ЖП"] = "ДП", // жол полициясы — дорожная полиция
        ["ЕТБ"] = "РЭО", // Емтихан-тіркеу бөлімшесі — регистрационно-экзаменационное отделение
        ["ТЕБ"] = "РЭО",
        ["АЕТБ"] = "МРЭО", // Ауданаралық емтихан-тіркеу бөлімшесі — межрайонное РЭО
        ["ЕТТ"] = "РЭГ", // Емтихан-тіркеу тобы — регистрационно-экзаменационная группа
        ["АЕТТ"] = "МРЭГ",
        ["ТБ"] = "РО", // Тіркеу бөлімшесі — регистрационное отделение
        ["ЕБ"] = "ЭО", // Емтихан бөлімшесі — экзаменационное отделение
        ["КҚП"] = "МП", // Көші-қон полициясы — миграционная полиция
        ["КҚПБ"] = "УМП", // Көші-қон полициясы басқармасы — управление миграционной полиции
        ["КҚПт"] = "группа МП", // Көші-қон полициясы тобы
        ["ПБ"] = "ОП", // Полиция бөлімі — отдел полиции
        ["ПО"] = "ОП",
        ["ШҚО"] = "ВКО",
        ["БҚО"] = "ЗКО",
        ["СҚО"] = "СКО",
        ["ОҚО"] = "ЮКО",
    };

    /// <summary>Cities, towns and regions whose Russian name is not the letter-for-letter one (nominative, genitive).</summary>
    public static readonly IReadOnlyDictionary<string, (string Nominative, string Genitive)> Places =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["Астана"] = ("Астана", "Астаны"),
            ["Алматы"] = ("Алматы", "Алматы"),
            ["Қарағанды"] = ("Караганда", "Караганды"),
            ["Ақтөбе"] = ("Актобе", "Актобе"),
            ["Өскемен"] = ("Усть-Каменогорск", "Усть-Каменогорска"),
            ["Орал"] = ("Уральск", "Уральска"),
            ["Петропавл"] = ("Петропавловск", "Петропавловска"),
            ["Шымкент"] = ("Шымкент", "Шымкента"),
            ["Тараз"] = ("Тараз", "Тараза"),
            ["Павлодар"] = ("Павлодар", "Павлодара"),
            ["Қостанай"] = ("Костанай", "Костаная"),
            ["Көкшетау"] = ("Кокшетау", "Кокшетау"),
            ["Талдықорған"] = ("Талдыкорган", "Талдыкоргана"),
            ["Түркістан"] = ("Туркестан", "Туркестана"),
            ["Балқаш"] = ("Балхаш", "Балхаша"),
            ["Екібастұз"] = ("Экибастуз", "Экибастуза"),
            ["Жетіқара"] = ("Житикара", "Житикары"),
            ["Семей"] = ("Семей", "Семея"),
            ["Ақтау"] = ("Актау", "Актау"),
            ["Атырау"] = ("Атырау", "Атырау"),
            ["Қызылорда"] = ("Кызылорда", "Кызылорды"),
            ["Жезқазған"] = ("Жезказган", "Жезказгана"),
            ["Теміртау"] = ("Темиртау", "Темиртау"),
            ["Арқалық"] = ("Аркалык", "Аркалыка"),
            ["Жаңаөзен"] = ("Жанаозен", "Жанаозена"),
            ["Қапшағай"] = ("Капшагай", "Капшагая"),
            ["Ерейментау"] = ("Ерейментау", "Ерейментау"),
        };

    /// <summary>Regions by the Kazakh word before "облысы": Russian nominative and genitive.</summary>
    public static readonly IReadOnlyDictionary<string, (string Nominative, string Genitive)> Regions =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["Ақмола"] = ("Акмолинская область", "Акмолинской области"),
            ["Ақтөбе"] = ("Актюбинская область", "Актюбинской области"),
            ["Алматы"] = ("Алматинская область", "Алматинской области"),
            ["Атырау"] = ("Атырауская область", "Атырауской области"),
            ["Шығыс-Қазақстан"] = ("Восточно-Казахстанская область", "Восточно-Казахстанской области"),
            ["Жамбыл"] = ("Жамбылская область", "Жамбылской области"),
            ["Батыс-Қазақстан"] = ("Западно-Казахстанская область", "Западно-Казахстанской области"),
            ["Қарағанды"] = ("Карагандинская область", "Карагандинской области"),
            ["Қызылорда"] = ("Кызылординская область", "Кызылординской области"),
            ["Қостанай"] = ("Костанайская область", "Костанайской области"),
            ["Маңғыстау"] = ("Мангистауская область", "Мангистауской области"),
            ["Павлодар"] = ("Павлодарская область", "Павлодарской области"),
            ["Солтүстік-Қазақстан"] = ("Северо-Казахстанская область", "Северо-Казахстанской области"),
            ["Оңтүстік-Қазақстан"] = ("Южно-Казахстанская область", "Южно-Казахстанской области"),
            ["Түркістан"] = ("Туркестанская область", "Туркестанской области"),
        };

    /// <summary>Words after a place name: Russian before the name (nominative form, genitive form).</summary>
    private static readonly Dictionary<string, (string Nominative, string Genitive)> PlaceHeads = new(StringComparer.Ordinal)
    {
        ["қаласы"] = ("г.", "г."),
        ["қаласының"] = ("г.", "г."),
        ["қ."] = ("г.", "г."),
        ["қ"] = ("г.", "г."),
        ["ауданы"] = ("район", "района"),
        ["ауданының"] = ("район", "района"),
        ["ауылы"] = ("с.", "с."),
        ["ау."] = ("с.", "с."),
        ["ау"] = ("с.", "с."),
        ["кенті"] = ("пос.", "пос."),
        ["көшесі"] = ("ул.", "ул."),
        ["к-сі"] = ("ул.", "ул."),
        ["к."] = ("ул.", "ул."),
        ["к"] = ("ул.", "ул."),
        ["даңғылы"] = ("пр.", "пр."),
        ["ш/а"] = ("мкр.", "мкр."),
        ["ш/а."] = ("мкр.", "мкр."),
        ["б"] = ("бульвар", "бульвара"),
        ["жолы"] = ("дорога", "дороги"),
    };

    /// <summary>Units named by words: the Russian head noun, then its modifier in the genitive.</summary>
    private static readonly Dictionary<string, string> UnitHeads = new(StringComparer.Ordinal)
    {
        ["бөлімшесі"] = "отделение",
        ["бөлімше"] = "отделение",
        ["бөлімі"] = "отдел",
        ["бөлім"] = "отдел",
        ["тобы"] = "группа",
        ["басқармасы"] = "управление",
        ["департаменті"] = "департамент",
        ["бюросы"] = "бюро",
        ["бөлмесі"] = "кабинет",
    };

    /// <summary>Multi-word phrases, longest first, matched on lower-case text.</summary>
    private static readonly (string Kazakh, string Russian)[] Phrases =
    [
        ("лицензиялық-рұқсат беру жүйесі", "лицензионно-разрешительной системы"),
        ("көші-қон полициясы", "миграционной полиции"),
        ("көші-қон полиция", "миграционной полиции"),
        ("ішкі істер департаменті", "ДВД"),
        ("ішкі істер", "внутренних дел"),
        ("мекенжай бюросы", "адресное бюро"),
        ("елді мекені", "населённый пункт"),
        ("полиция бөлімі", "отдел полиции"),
        ("тас жолы", "трасса"),
        ("тіркеу-емтихан бөлімшесінің", "регистрационно-экзаменационного отделения"),
        ("көші-қон полициясы бөлімшесінің", "отделения миграционной полиции"),
        ("көші-қон полициясы басқармасының", "управления миграционной полиции"),
        ("лицензиялық-рұқсат беру жүйесі бөлімшесінің", "отделения лицензионно-разрешительной системы"),
        ("мекенжай бюросының", "адресного бюро"),
        ("ішкі бақылау бөлімінің", "отдела внутреннего контроля"),
    ];

    /// <summary>Other generic words.</summary>
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["полиция"] = "полиция",
        ["үй"] = "дом",
        ["үй."] = "дом",
        ["н/ж"] = "б/н",
        ["нөмірсіз"] = "б/н",
        ["ғимараты"] = "здание",
        ["қиылысы"] = "пересечение",
        ["км"] = "км",
        ["км."] = "км",
        ["аудандық"] = "районный",
        ["қалалық"] = "городской",
        ["инспекторы"] = "инспектор",
        ["аға"] = "старший",
        ["бастығы"] = "начальник",
        ["операторы"] = "оператор",
        ["жүйелік"] = "системный",
        ["әкімші"] = "администратор",
        ["батыр"] = "батыра",
        ["би"] = "би",
        ["ақын"] = "акына",
        ["Оңтүстік"] = "Южный",
        ["Солтүстік"] = "Северный",
        ["Шығыс"] = "Восточный",
    };

    /// <summary>Words a person reads before the head in Russian ("инспектор", "начальник") in a position.</summary>
    private static readonly HashSet<string> PositionHeads = ["инспектор", "начальник", "оператор", "старший"];

    /// <summary>The Russian of an office name: units from the smallest up, the place last in the genitive.</summary>
    public static string NameToRussian(string kazakh)
    {
        var segments = Segments(Normalize(kazakh), genitive: true);
        // Place segments (г. Астаны) go after the units; the units go from the last (smallest) to the first.
        var units = segments.Where(s => !s.IsPlace).Reverse().Select(s => s.Text);
        var places = segments.Where(s => s.IsPlace).Reverse().Select(s => s.Text);
        return Capitalise(Tidy(string.Join(' ', units.Concat(places))));
    }

    /// <summary>The Russian of an address, district or town: the same order as the Kazakh, places in the nominative.</summary>
    public static string AddressToRussian(string kazakh) =>
        Tidy(string.Join(' ', Segments(Normalize(kazakh), genitive: false).Select(s => s.Text)));

    /// <summary>The Russian of a staff position ("Тіркеу-емтихан бөлімшесінің инспекторы" → "Инспектор регистрационно-экзаменационного отделения").</summary>
    public static string PositionToRussian(string kazakh)
    {
        var segments = Segments(Normalize(kazakh), genitive: true).Select(s => s.Text).ToList();
        var heads = segments.Where(s => PositionHeads.Contains(s)).ToList();
        var rest = segments.Where(s => !PositionHeads.Contains(s)).ToList();
        return Capitalise(Tidy(string.Join(' ', heads.Concat(rest))));
    }

    private sealed record Segment(string Text, bool IsPlace);

    private static string Normalize(string text)
    {
        var clean = SeedText.Clean(text);
        // Latin look-alikes in the abbreviations ("IIД", "ҚIIБ", "Бaлкашин").
        return LookAlikes().Replace(clean, m => m.Value.Replace('I', 'І').Replace('a', 'а'));
    }

    private static List<Segment> Segments(string text, bool genitive)
    {
        var tokens = Tokens().Matches(text).Select(m => m.Value).ToList();
        var segments = new List<Segment>();
        var pending = new List<string>();

        void FlushPending()
        {
            foreach (var word in pending)
            {
                segments.Add(new Segment(ProperName(word), IsPlace: false));
            }

            pending.Clear();
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token is "," or ";")
            {
                FlushPending();
                segments.Add(new Segment(token, IsPlace: false));
                continue;
            }

            var phrase = Phrases
                .Where(p => MatchesAt(tokens, i, p.Kazakh))
                .OrderByDescending(p => p.Kazakh.Length)
                .FirstOrDefault();
            if (phrase.Kazakh is not null)
            {
                var length = phrase.Kazakh.Split(' ').Length;
                i += length - 1;
                var russian = phrase.Russian;
                // "көші-қон полициясы бөлімшесі" → "отделение миграционной полиции": the unit word comes first.
                if (i + 1 < tokens.Count && UnitHeads.TryGetValue(tokens[i + 1].ToLowerInvariant(), out var headOfPhrase))
                {
                    russian = headOfPhrase + " " + russian;
                    i++;
                }

                FlushPending();
                segments.Add(new Segment(russian, IsPlace: false));
                continue;
            }

            var bare = token.EndsWith("-нің", StringComparison.Ordinal) || token.EndsWith("-ның", StringComparison.Ordinal) ? token[..^4] : token;
            if (Abbreviations.TryGetValue(bare, out var abbreviation))
            {
                FlushPending();
                if (i + 1 < tokens.Count && UnitHeads.TryGetValue(tokens[i + 1].ToLowerInvariant(), out var headOfAbbreviation))
                {
                    // "КҚП бөлімшесі" → "отделение МП".
                    segments.Add(new Segment(headOfAbbreviation + " " + abbreviation, IsPlace: false));
                    i++;
                }
                else
                {
                    segments.Add(new Segment(abbreviation, IsPlace: bare is "ШҚО" or "БҚО" or "СҚО" or "ОҚО"));
                }

                continue;
            }

            var numbered = NumberedUnit().Match(token);
            if (numbered.Success && Abbreviations.TryGetValue(numbered.Groups[1].Value, out var numberedAbbreviation))
            {
                FlushPending();
                segments.Add(new Segment(numberedAbbreviation + "-" + numbered.Groups[2].Value, IsPlace: false));
                continue;
            }

            var lower = token.ToLowerInvariant();
            if (lower is "облысы" or "облысының" && pending.Count > 0)
            {
                var key = pending[^1];
                pending.RemoveAt(pending.Count - 1);
                FlushPending();
                segments.Add(Regions.TryGetValue(key, out var region)
                    ? new Segment(genitive ? region.Genitive : region.Nominative, IsPlace: true)
                    : new Segment(Transliterate(key) + (genitive ? " области" : " область"), IsPlace: true));
                continue;
            }

            if (PlaceHeads.TryGetValue(lower, out var head) && pending.Count > 0)
            {
                var isStreet = head.Nominative is "ул." or "пр." or "мкр." or "бульвар" or "дорога";
                // A street takes every word since the last recognised one ("Ағайынды Жұбановтар", "312 стрелковой дивизии");
                // a town or district takes one word (a postcode before it stays a postcode).
                var take = isStreet ? pending.Count : 1;
                if (!isStreet && pending.Count >= 2 && (pending[^2] is "Өтеген" or "Үлкен" or "Жаңа" || pending[^1].StartsWith('\u0001')))
                {
                    take = 2;
                }

                var name = pending.Skip(pending.Count - take).ToList();
                pending.RemoveRange(pending.Count - take, take);
                FlushPending();
                var properName = string.Join(' ', name.Select(w => PlaceName(w, genitive && head.Nominative is "г.")));
                if (head.Nominative is "район" && genitive)
                {
                    segments.Add(new Segment("района " + properName, IsPlace: true));
                }
                else
                {
                    var isPlace = !isStreet && genitive;
                    segments.Add(new Segment((genitive ? head.Genitive : head.Nominative) + " " + properName, isPlace));
                }

                continue;
            }

            if (UnitHeads.TryGetValue(lower, out var unit))
            {
                FlushPending();
                segments.Add(new Segment(unit, IsPlace: false));
                continue;
            }

            if (Words.TryGetValue(token, out var word) || Words.TryGetValue(lower, out word))
            {
                // "Жанқожа батыр" → "Жанкожа батыра" is still a name: keep it with the pending words.
                if (word is "батыра" or "би" or "акына" && pending.Count > 0)
                {
                    pending.Add("\u0001" + word);
                    continue;
                }

                FlushPending();
                segments.Add(new Segment(word, IsPlace: false));
                continue;
            }

            pending.Add(token);
        }

        FlushPending();
        return segments;
    }

    private static bool MatchesAt(List<string> tokens, int at, string phrase)
    {
        var words = phrase.Split(' ');
        if (at + words.Length > tokens.Count)
        {
            return false;
        }

        for (var k = 0; k < words.Length; k++)
        {
            if (!string.Equals(tokens[at + k].ToLowerInvariant(), words[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string PlaceName(string word, bool genitive)
    {
        if (word.StartsWith('\u0001'))
        {
            return word[1..];
        }

        return Places.TryGetValue(word, out var place) ? (genitive ? place.Genitive : place.Nominative) : Transliterate(word);
    }

    private static string ProperName(string word) => word.StartsWith('\u0001') ? word[1..] : PlaceName(word, genitive: false);

    /// <summary>The Kazakh-specific letters as their Russian base letters (Қарабалық → Карабалык).</summary>
    public static string Transliterate(string kazakh)
    {
        var builder = new StringBuilder(kazakh.Length);
        foreach (var c in kazakh)
        {
            builder.Append(c switch
            {
                'ә' => 'а',
                'Ә' => 'А',
                'ғ' => 'г',
                'Ғ' => 'Г',
                'қ' => 'к',
                'Қ' => 'К',
                'ң' => 'н',
                'Ң' => 'Н',
                'ө' => 'о',
                'Ө' => 'О',
                'ұ' or 'ү' => 'у',
                'Ұ' or 'Ү' => 'У',
                'һ' => 'х',
                'Һ' => 'Х',
                'і' => 'и',
                'І' => 'И',
                _ => c,
            });
        }

        return builder.ToString();
    }

    /// <summary>
    /// ASCII Latin letters for a Kazakh or Russian text (Алматы → Almaty, Өскемен → Oskemen,
    /// Щучинск → Shchuchinsk): what a visitor types on a Latin keyboard, and the English pages' names.
    /// </summary>
    public static string ToLatin(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            var latin = lower switch
            {
                'а' or 'ә' => "a",
                'б' => "b",
                'в' => "v",
                'г' or 'ғ' => "g",
                'д' => "d",
                'е' or 'э' => "e",
                'ё' => "yo",
                'ж' => "zh",
                'з' => "z",
                'и' or 'і' or 'й' => lower == 'й' ? "y" : "i",
                'к' or 'қ' => "k",
                'л' => "l",
                'м' => "m",
                'н' or 'ң' => "n",
                'о' or 'ө' => "o",
                'п' => "p",
                'р' => "r",
                'с' => "s",
                'т' => "t",
                'у' or 'ұ' or 'ү' => "u",
                'ф' => "f",
                'х' or 'һ' => "kh",
                'ц' => "ts",
                'ч' => "ch",
                'ш' => "sh",
                'щ' => "shch",
                'ъ' or 'ь' => "",
                'ы' => "y",
                'ю' => "yu",
                'я' => "ya",
                _ => null,
            };
            if (latin is null)
            {
                builder.Append(c);
            }
            else if (char.IsUpper(c) && latin.Length > 0)
            {
                builder.Append(char.ToUpperInvariant(latin[0])).Append(latin.AsSpan(1));
            }
            else
            {
                builder.Append(latin);
            }
        }

        return builder.ToString();
    }

    private static string Capitalise(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];

    /// <summary>No space before punctuation; one space between words.</summary>
    private static string Tidy(string text) => SpaceBeforePunctuation().Replace(SeedText.Clean(text), "$1");

    [GeneratedRegex(@"[^\s,;]+|[,;]")]
    private static partial Regex Tokens();

    [GeneratedRegex(@"^(ТБ|ПБ|АЕТБ)-(\d+)$")]
    private static partial Regex NumberedUnit();

    [GeneratedRegex(@"(?<=[ІIҚ])I|I(?=[ІIДБ])|(?<=Б)a(?=л)")]
    private static partial Regex LookAlikes();

    [GeneratedRegex(@"\s+([,;.])")]
    private static partial Regex SpaceBeforePunctuation();
}
