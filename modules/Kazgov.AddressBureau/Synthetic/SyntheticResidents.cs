using Kazgov.AddressBureau.Domain;
using NodaTime;

namespace Kazgov.AddressBureau.Synthetic;

/// <summary>A generated resident with the search forms precomputed.</summary>
internal sealed record SyntheticPerson(
    string Iin,
    string LastName,
    string FirstName,
    string? MiddleName,
    string SearchLast,
    string SearchFirst,
    string SearchMiddle,
    LocalDate BirthDate,
    bool IsMale,
    IReadOnlyList<SyntheticRegistration> Registrations);

internal sealed record SyntheticRegistration(string Region, string Settlement, string Street, string House, string? Flat, LocalDate From, LocalDate? Until);

/// <summary>
/// Synthetic residents for tests and benchmarks: realistic Kazakh and Russian names (Kazakh patronymics
/// in -ұлы/-қызы or -ович/-овна), birth dates from 1936 to 2025, IINs whose date, century-and-sex digit
/// and check digit agree (the kernel's Iin accepts every one), regions weighted by population, and about
/// a third with one to three earlier addresses. The same seed gives the same residents.
/// </summary>
internal sealed class SyntheticResidents
{
    private static readonly string[] KazakhMale =
    [
        "Ерлан", "Нұрлан", "Асқар", "Бауыржан", "Серік", "Дәурен", "Ержан", "Қанат", "Марат", "Айдос", "Нұрсұлтан", "Әлихан", "Ғалым",
        "Мұрат", "Бекзат", "Жандос", "Арман", "Еркебұлан", "Тимур", "Санжар", "Дидар", "Олжас", "Руслан", "Самат", "Талғат", "Төлеген",
        "Жақсылық", "Ербол", "Әділ", "Бақытжан", "Нұржан", "Ілияс", "Мейрам", "Ақжол", "Ернар", "Болат", "Қайрат", "Абылай", "Рахат", "Шыңғыс",
    ];

    private static readonly string[] KazakhFemale =
    [
        "Айгерім", "Динара", "Гүлнар", "Жанар", "Әсем", "Мәдина", "Ботагөз", "Назерке", "Аружан", "Гүлмира", "Сәуле", "Ақмарал", "Жұлдыз",
        "Айжан", "Мөлдір", "Дана", "Аяжан", "Томирис", "Камила", "Әйгерім", "Салтанат", "Құралай", "Ләззат", "Балжан", "Эльмира", "Раушан",
        "Гүлжан", "Ләйлә", "Ұлпан", "Іңкәр", "Нұргүл", "Меруерт", "Әлия", "Сымбат", "Дариға", "Алтынай", "Жібек", "Көркем", "Шынар", "Бибігүл",
    ];

    private static readonly string[] KazakhSurnameRoots =
    [
        "Ахмет", "Сейіт", "Омар", "Бекет", "Жақсылық", "Нұрлан", "Қайрат", "Әбіл", "Жұмабай", "Сәрсен", "Есен", "Байжан", "Тоқа", "Қасым",
        "Әли", "Мұхамеди", "Тұрсын", "Сапар", "Ибрагим", "Сұлтан", "Оспан", "Құнанбай", "Әуез", "Мақаш", "Исабек", "Бейсен", "Шәріп",
        "Ермек", "Дүйсен", "Жүсіп", "Рысқұл", "Төлеу", "Қожахмет", "Смағұл", "Әбдірах", "Нұрғали", "Қуаныш", "Серікбай", "Өтеғұл", "Ұзақ",
        "Ғабдулл", "Мамыт", "Кенжебек", "Байтұрсын", "Сүлеймен", "Әмір", "Жанұзақ", "Ізбасар", "Ысқақ", "Ержан",
    ];

    private static readonly string[] RussianMale =
    [
        "Александр", "Сергей", "Владимир", "Андрей", "Алексей", "Дмитрий", "Николай", "Виктор", "Евгений", "Игорь", "Юрий", "Михаил",
        "Олег", "Павел", "Иван", "Максим", "Константин", "Артём", "Роман", "Вячеслав",
    ];

    private static readonly string[] RussianFemale =
    [
        "Елена", "Ольга", "Наталья", "Татьяна", "Светлана", "Ирина", "Людмила", "Галина", "Анна", "Марина", "Юлия", "Екатерина",
        "Валентина", "Надежда", "Оксана", "Виктория", "Анастасия", "Дарья", "Ксения", "Любовь",
    ];

    private static readonly (string Male, string Female)[] RussianSurnames =
    [
        ("Иванов", "Иванова"), ("Петров", "Петрова"), ("Смирнов", "Смирнова"), ("Кузнецов", "Кузнецова"), ("Попов", "Попова"),
        ("Васильев", "Васильева"), ("Соколов", "Соколова"), ("Михайлов", "Михайлова"), ("Новиков", "Новикова"), ("Фёдоров", "Фёдорова"),
        ("Морозов", "Морозова"), ("Волков", "Волкова"), ("Алексеев", "Алексеева"), ("Лебедев", "Лебедева"), ("Семёнов", "Семёнова"),
        ("Егоров", "Егорова"), ("Павлов", "Павлова"), ("Козлов", "Козлова"), ("Степанов", "Степанова"), ("Николаев", "Николаева"),
        ("Ким", "Ким"), ("Пак", "Пак"), ("Шевченко", "Шевченко"), ("Бондаренко", "Бондаренко"), ("Ковальчук", "Ковальчук"),
        ("Захаров", "Захарова"), ("Зайцев", "Зайцева"), ("Белов", "Белова"), ("Тарасов", "Тарасова"), ("Орлов", "Орлова"),
    ];

    /// <summary>Regions with their settlements and population weights (thousands, rounded; Shymkent and Turkistan in south-kazakhstan).</summary>
    private static readonly (string Code, int Weight, string[] Settlements)[] Regions =
    [
        ("astana", 1420, ["Астана"]),
        ("almaty-city", 2230, ["Алматы"]),
        ("akmola", 790, ["Көкшетау", "Степногорск", "Щучинск", "Атбасар"]),
        ("almaty-region", 2230, ["Қонаев", "Талдықорған", "Қаскелең", "Есік"]),
        ("atyrau", 700, ["Атырау", "Құлсары"]),
        ("aktobe", 930, ["Ақтөбе", "Хромтау", "Қандыағаш"]),
        ("east-kazakhstan", 1370, ["Өскемен", "Семей", "Риддер"]),
        ("zhambyl", 1220, ["Тараз", "Шу", "Қаратау"]),
        ("west-kazakhstan", 690, ["Орал", "Ақсай"]),
        ("karaganda", 1240, ["Қарағанды", "Теміртау", "Балқаш", "Жезқазған"]),
        ("kostanay", 830, ["Қостанай", "Рудный", "Лисаковск"]),
        ("kyzylorda", 830, ["Қызылорда", "Байқоңыр", "Арал"]),
        ("mangystau", 780, ["Ақтау", "Жаңаөзен"]),
        ("pavlodar", 750, ["Павлодар", "Екібастұз", "Ақсу"]),
        ("north-kazakhstan", 530, ["Петропавл", "Булаево"]),
        ("south-kazakhstan", 3340, ["Шымкент", "Түркістан", "Кентау", "Сарыағаш"]),
    ];

    private static readonly string[] Streets =
    [
        "Абай даңғылы", "Желтоқсан көшесі", "Төле би көшесі", "Сәтбаев көшесі", "Қабанбай батыр даңғылы", "Республика даңғылы",
        "Мәңгілік Ел даңғылы", "Пушкин көшесі", "Гагарин көшесі", "Жамбыл көшесі", "Бейбітшілік көшесі", "Тәуелсіздік даңғылы",
        "Достық даңғылы", "Абылай хан даңғылы", "Кенесары көшесі", "Наурызбай батыр көшесі", "Байтұрсынов көшесі", "Әуезов көшесі",
        "Майлин көшесі", "Сейфуллин көшесі", "Шевченко көшесі", "Ломоносов көшесі", "Құнаев көшесі", "Мира көшесі", "Момышұлы даңғылы",
    ];

    private static readonly Dictionary<string, string> Normalised = new(StringComparer.Ordinal);
    private static readonly int TotalWeight = Regions.Sum(r => r.Weight);

    private readonly Random _random;
    private readonly Dictionary<int, int> _serials = [];
    private readonly LocalDate _today;

    public SyntheticResidents(int seed, LocalDate today)
    {
        _random = new Random(seed);
        _today = today;
    }

    public IEnumerable<SyntheticPerson> Generate(long count)
    {
        for (long i = 0; i < count; i++)
        {
            yield return Next();
        }
    }

    public SyntheticPerson Next()
    {
        var male = _random.Next(2) == 0;
        var birth = new LocalDate(1936, 1, 1).PlusDays(_random.Next(Period.Between(new LocalDate(1936, 1, 1), _today, PeriodUnits.Days).Days));
        var iin = NewIin(birth, male);
        string last, first, middle;
        if (_random.Next(100) < 72)
        {
            var root = KazakhSurnameRoots[_random.Next(KazakhSurnameRoots.Length)];
            var suffix = EndsWithVowel(root) ? "ев" : "ов";
            last = male ? root + suffix : root + suffix + "а";
            first = male ? KazakhMale[_random.Next(KazakhMale.Length)] : KazakhFemale[_random.Next(KazakhFemale.Length)];
            var father = KazakhMale[_random.Next(KazakhMale.Length)];
            middle = _random.Next(2) == 0
                ? father + (male ? "ұлы" : "қызы")
                : father + (male ? (EndsWithVowel(father) ? "евич" : "ович") : (EndsWithVowel(father) ? "евна" : "овна"));
        }
        else
        {
            var surname = RussianSurnames[_random.Next(RussianSurnames.Length)];
            last = male ? surname.Male : surname.Female;
            first = male ? RussianMale[_random.Next(RussianMale.Length)] : RussianFemale[_random.Next(RussianFemale.Length)];
            var father = RussianMale[_random.Next(RussianMale.Length)];
            var stem = father.EndsWith('й') ? father[..^1] + "ев" : father + "ов";
            middle = stem + (male ? "ич" : "на");
        }

        return new SyntheticPerson(iin, last, first, middle, Norm(last), Norm(first), Norm(middle), birth, male, Addresses(birth));
    }

    private List<SyntheticRegistration> Addresses(LocalDate birth)
    {
        var earlier = _random.Next(100) < 35 ? 1 + _random.Next(3) : 0;
        var list = new List<SyntheticRegistration>(earlier + 1);
        var from = birth;
        var span = Period.Between(birth, _today, PeriodUnits.Days).Days;
        for (var k = 0; k <= earlier; k++)
        {
            var remaining = Period.Between(from, _today, PeriodUnits.Days).Days;
            var step = k == 0 ? 0 : Math.Max(1, _random.Next(Math.Max(1, remaining / (earlier - k + 2))));
            from = from.PlusDays(Math.Min(step, Math.Max(0, remaining - 1)));
            list.Add(Address(from, null));
        }

        // Close each earlier one on the day the next began; about 3 % have left and hold no open registration.
        for (var k = 0; k < list.Count - 1; k++)
        {
            list[k] = list[k] with { Until = list[k + 1].From };
        }

        if (_random.Next(100) < 3 && span > 1)
        {
            list[^1] = list[^1] with { Until = list[^1].From.PlusDays(Math.Min(_random.Next(span) + 1, Period.Between(list[^1].From, _today, PeriodUnits.Days).Days)) };
        }

        list.Reverse();
        return list;
    }

    private SyntheticRegistration Address(LocalDate from, LocalDate? until)
    {
        var pick = _random.Next(TotalWeight);
        var region = Regions[^1];
        foreach (var r in Regions)
        {
            if (pick < r.Weight)
            {
                region = r;
                break;
            }

            pick -= r.Weight;
        }

        var settlement = region.Settlements[_random.Next(region.Settlements.Length)];
        var flat = _random.Next(100) < 65 ? (1 + _random.Next(180)).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return new SyntheticRegistration(region.Code, settlement, Streets[_random.Next(Streets.Length)],
            (1 + _random.Next(220)).ToString(System.Globalization.CultureInfo.InvariantCulture), flat, from, until);
    }

    /// <summary>YYMMDD, the century-and-sex digit, four serial digits and the check digit; serials that give no check digit are skipped.</summary>
    private string NewIin(LocalDate birth, bool male)
    {
        var centuryDigit = (birth.Year / 100) switch { 18 => 1, 19 => 3, _ => 5 } + (male ? 0 : 1);
        var key = (birth.Year * 10000 + birth.Month * 100 + birth.Day) * 10 + centuryDigit;
        Span<char> digits = stackalloc char[12];
        while (true)
        {
            var serial = _serials.TryGetValue(key, out var s) ? s + 1 : 1;
            _serials[key] = serial;
            if (serial > 9999)
            {
                throw new InvalidOperationException($"More than 9 999 residents born on {birth} of one sex.");
            }

            var text = $"{birth.Year % 100:00}{birth.Month:00}{birth.Day:00}{centuryDigit}{serial:0000}";
            text.AsSpan().CopyTo(digits);
            if (CheckDigit(digits[..11]) is { } check)
            {
                return text + (char)('0' + check);
            }
        }
    }

    internal static int? CheckDigit(ReadOnlySpan<char> eleven)
    {
        int first = 0, second = 0;
        for (var i = 0; i < 11; i++)
        {
            first += (eleven[i] - '0') * (i + 1);
            second += (eleven[i] - '0') * ((i + 2) % 11 + 1);
        }

        first %= 11;
        if (first != 10)
        {
            return first;
        }

        second %= 11;
        return second == 10 ? null : second;
    }

    private static bool EndsWithVowel(string s) => "аеиоуыэюяәөүұіё".Contains(char.ToLowerInvariant(s[^1]), StringComparison.Ordinal);

    private static string Norm(string s)
    {
        lock (Normalised)
        {
            if (!Normalised.TryGetValue(s, out var n))
            {
                n = NameNormaliser.Normalise(s);
                Normalised[s] = n;
            }

            return n;
        }
    }
}
