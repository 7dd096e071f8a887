using System.Text.Json.Serialization;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Platform.Calendar;
using NodaTime;

namespace Kazgov.Platform.Offices;

/// <summary>
/// A session in which an office receives applicants of one service, when the standard sets reception
/// by sessions rather than by the working week (weapon-registration §10 [L14246]). It recurs on
/// <see cref="Day"/> every week, or only on the given occurrences of that day in the month
/// (<see cref="WeeksOfMonth"/>: 1–5, or -1 for the last), from <see cref="From"/> to <see cref="To"/>
/// local time. Sessions may lie outside the office's hours (evening sessions) and on days off.
/// </summary>
public sealed record ReceptionSession(
    string Service,
    IsoDayOfWeek Day,
    LocalTime From,
    LocalTime To,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<int>? WeeksOfMonth = null)
{
    /// <summary>
    /// Reading of "кешкі уақытта" ("in the evening", [L14246]): the seed names no hours, so a session is
    /// an evening one when it begins at 17:00 or later and runs past 18:00, the default closing time.
    /// </summary>
    public static readonly LocalTime EveningStartsAt = new(17, 0);

    public static readonly LocalTime WorkingDayEndsAt = new(18, 0);

    [JsonIgnore]
    public bool IsEvening => From >= EveningStartsAt && To > WorkingDayEndsAt;

    [JsonIgnore]
    public bool EveryWeek => WeeksOfMonth is null || WeeksOfMonth.Count == 0;

    [JsonIgnore]
    public bool OnDayOff => Day is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;

    /// <summary>Whether the session falls on <paramref name="date"/> by its recurrence alone (the calendar is not asked).</summary>
    public bool RecursOn(LocalDate date)
    {
        if (date.DayOfWeek != Day)
        {
            return false;
        }

        if (EveryWeek)
        {
            return true;
        }

        var nth = (date.Day - 1) / 7 + 1;
        var last = date.PlusDays(7).Month != date.Month;
        return WeeksOfMonth!.Contains(nth) || (last && WeeksOfMonth!.Contains(-1));
    }

    /// <summary>
    /// Whether the session is held on <paramref name="date"/>: it recurs then, and the day is a working day
    /// of the calendar or an ordinary weekend day. A holiday, a carried-over or transferred day off
    /// cancels it: the seed's "жұмыс істемейтін күндері" are read as the weekend, not public holidays.
    /// </summary>
    public bool IsHeldOn(LocalDate date, WorkingCalendar calendar)
    {
        if (!RecursOn(date))
        {
            return false;
        }

        var day = calendar.Explain(date);
        return day.Working || day.Kind == DayKind.Weekend;
    }
}

/// <summary>The sessions of one service at one office, and the dated times they give.</summary>
public static class ReceptionSessions
{
    /// <summary>The sessions held on <paramref name="date"/>, ordered by start.</summary>
    public static IReadOnlyList<ReceptionSession> On(IEnumerable<ReceptionSession> sessions, LocalDate date, WorkingCalendar calendar) =>
        [.. sessions.Where(s => s.IsHeldOn(date, calendar)).OrderBy(s => s.From)];

    /// <summary>The first day on or after <paramref name="date"/> with a session held, within a year; null when none.</summary>
    public static LocalDate? FirstDayFrom(IReadOnlyCollection<ReceptionSession> sessions, LocalDate date, WorkingCalendar calendar)
    {
        for (var day = date; day < date.PlusYears(1); day = day.PlusDays(1))
        {
            if (sessions.Any(s => s.IsHeldOn(day, calendar)))
            {
                return day;
            }
        }

        return null;
    }

    /// <summary>"Tue 09:00–13:00; Sat (1st, 3rd) 10:00–13:00" in the language asked, for notices and problems.</summary>
    public static LocalizedText Describe(IEnumerable<ReceptionSession> sessions)
    {
        var ordered = sessions.OrderBy(s => s.Day).ThenBy(s => s.From).ToList();
        string Line(Func<IsoDayOfWeek, string> dayName, Func<int, string> nth) => string.Join("; ", ordered.Select(s =>
            dayName(s.Day) + (s.EveryWeek ? "" : " (" + string.Join(", ", s.WeeksOfMonth!.Select(nth)) + ")")
            + $" {OfficeHoursText(s.From)}–{OfficeHoursText(s.To)}"));
        return new LocalizedText(
            Line(d => DayNames.Kk[(int)d - 1], n => n == -1 ? "соңғы" : $"{n}-ші"),
            Line(d => DayNames.Ru[(int)d - 1], n => n == -1 ? "последняя" : $"{n}-я"),
            Line(d => DayNames.En[(int)d - 1], n => n switch { -1 => "last", 1 => "1st", 2 => "2nd", 3 => "3rd", _ => $"{n}th" }));
    }

    private static string OfficeHoursText(LocalTime time) => time.ToString("HH':'mm", System.Globalization.CultureInfo.InvariantCulture);

    private static class DayNames
    {
        public static readonly string[] Kk = ["дүйсенбі", "сейсенбі", "сәрсенбі", "бейсенбі", "жұма", "сенбі", "жексенбі"];
        public static readonly string[] Ru = ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"];
        public static readonly string[] En = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    }
}

/// <summary>
/// The minimum reception of weapon-registration §10 [L14246]: "аптасына кем дегенде екі реттен,
/// сондай-ақ екі рет кешкі уақытта және айына екі рет жұмыс істемейтін күндері". Read as: every week at
/// least two daytime sessions and, besides them, two evening sessions; every month at least two sessions
/// on days off (Saturday or Sunday). Counted from the recurrence: a day-off session every week gives
/// four a month at least; one on given weeks gives one per week 1–4 or "last" (a fifth week is not in
/// every month, so it does not count).
/// </summary>
public static class WeaponsReceptionMinimum
{
    public const string Service = "weapon-registration";

    public static (int DaytimePerWeek, int EveningPerWeek, int DaysOffPerMonth) Count(IEnumerable<ReceptionSession> sessions)
    {
        var own = sessions.Where(s => s.Service == Service).ToList();
        var weekly = own.Where(s => s.EveryWeek && !s.OnDayOff).ToList();
        var daytime = weekly.Count(s => !s.IsEvening);
        var evening = weekly.Count(s => s.IsEvening);
        var daysOff = own.Where(s => s.OnDayOff).Sum(s => s.EveryWeek ? 4 : s.WeeksOfMonth!.Distinct().Count(w => w is >= 1 and <= 4 or -1));
        return (daytime, evening, daysOff);
    }

    public static LocalizedText? Shortfall(IEnumerable<ReceptionSession> sessions)
    {
        var (daytime, evening, daysOff) = Count(sessions);
        return daytime >= 2 && evening >= 2 && daysOff >= 2
            ? null
            : new LocalizedText(
                "Қару бойынша қабылдау (7-стандарт, 10-т.): аптасына кемінде 2 күндізгі және 2 кешкі, айына 2 демалыс күнгі қабылдау; кестеде: {0}, {1}, {2}",
                "Приём по оружию (стандарт 7, п. 10): не реже 2 дневных и 2 вечерних приёмов в неделю и 2 приёмов в месяц в выходные; в графике: {0}, {1}, {2}",
                "Weapons reception (standard 7, §10): at least 2 daytime and 2 evening sessions a week and 2 sessions a month on days off; the schedule has {0}, {1}, {2}")
                .Format(daytime, evening, daysOff);
    }
}
