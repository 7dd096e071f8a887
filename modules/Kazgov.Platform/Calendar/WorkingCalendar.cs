using System.Collections.Concurrent;
using Kazgov.Kernel.Localization;
using NodaTime;

namespace Kazgov.Platform.Calendar;

/// <summary>
/// The working calendar of Kazakhstan, built from the holiday rules and the per-date overrides
/// (reference/README.md § Working calendar). Days are resolved in this order:
/// <list type="number">
/// <item>an override for the date wins (Government transfers of days off, one-off decisions);</item>
/// <item>a holiday rule for the date: a national holiday or a religious day off (national first);</item>
/// <item>Saturday and Sunday are weekend days;</item>
/// <item>a carried-over day off: a national holiday that fell on a Saturday or Sunday makes the
///   next working day a day off (religious holidays carry no day over).</item>
/// </list>
/// Carry-over, decided for the cases the law leaves open: every holiday on a weekend carries its
/// own day, and the days are handed out in order, one per following working day — a carried day never
/// lands on another holiday or a weekend, it moves on to the next working day. So New Year on
/// Saturday–Sunday (1–2 January) gives Monday 3 and Tuesday 4 January; Nauryz on Saturday 21 to
/// Monday 23 March (2026) gives Tuesday 24 and Wednesday 25 March. Carry-over follows the statutory
/// rules only; overrides are applied on top of the result and do not move carried days (the
/// Government's decrees are written with the statutory carry-over already known).
/// </summary>
public sealed class WorkingCalendar
{
    public const int FirstYear = 1991;
    public const int LastYear = 2100;

    /// <summary>The zone every local date and office hour of the platform is in.</summary>
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Almaty"];

    private readonly IReadOnlyList<HolidayRule> _rules;
    private readonly Dictionary<LocalDate, CalendarOverride> _overrides;
    private readonly ConcurrentDictionary<int, IReadOnlyDictionary<LocalDate, CalendarDay>> _years = new();

    public WorkingCalendar(IEnumerable<HolidayRule> rules, IEnumerable<CalendarOverride> overrides)
    {
        // National rules first, so a national holiday wins when a religious day falls on the same date.
        _rules = rules.OrderBy(rule => rule.Kind).ThenBy(rule => rule.Code, StringComparer.Ordinal).ToList();
        _overrides = overrides.ToDictionary(o => o.Date);
    }

    public IReadOnlyList<HolidayRule> Rules => _rules;

    public bool IsWorkingDay(LocalDate date) => Explain(date).Working;

    /// <summary>The kind of the day and why, in three languages.</summary>
    public CalendarDay Explain(LocalDate date)
    {
        if (date.Year is < FirstYear or > LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, $"The calendar covers the years {FirstYear}–{LastYear}.");
        }

        if (_overrides.TryGetValue(date, out var decision))
        {
            return new CalendarDay(date, decision.Working, decision.Working ? DayKind.OverrideWorkingDay : DayKind.OverrideDayOff, decision.Reason, null);
        }

        return _years.GetOrAdd(date.Year, Statutory)[date];
    }

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public LocalDate NextWorkingDayAfter(LocalDate date)
    {
        var next = date.PlusDays(1);
        while (!IsWorkingDay(next))
        {
            next = next.PlusDays(1);
        }

        return next;
    }

    public IEnumerable<CalendarDay> Days(LocalDate from, LocalDate to)
    {
        for (var date = from; date <= to; date = date.PlusDays(1))
        {
            yield return Explain(date);
        }
    }

    /// <summary>
    /// The year by the rules alone. The walk starts a month early so that carry-overs from the end of the
    /// previous year are known, and runs a month late so that a holiday can name the day it was carried to.
    /// </summary>
    private IReadOnlyDictionary<LocalDate, CalendarDay> Statutory(int year)
    {
        var pending = new Queue<(HolidayRule Rule, LocalDate Date)>();
        var carriedTo = new Dictionary<LocalDate, LocalDate>();
        var entries = new List<(LocalDate Date, DayKind Kind, HolidayRule? Rule, LocalDate? CarriedFrom)>();
        var end = new LocalDate(year, 12, 31).PlusMonths(1);
        for (var date = new LocalDate(year - 1, 12, 1); date <= end; date = date.PlusDays(1))
        {
            var weekend = date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
            var rule = _rules.FirstOrDefault(r => r.FallsOn(date));
            if (rule is not null)
            {
                if (weekend && rule.CarryOver)
                {
                    pending.Enqueue((rule, date));
                }

                entries.Add((date, rule.Kind == HolidayKind.National ? DayKind.NationalHoliday : DayKind.ReligiousHoliday, rule, null));
            }
            else if (weekend)
            {
                entries.Add((date, DayKind.Weekend, null, null));
            }
            else if (pending.TryDequeue(out var carried))
            {
                carriedTo[carried.Date] = date;
                entries.Add((date, DayKind.CarriedOverDayOff, carried.Rule, carried.Date));
            }
            else
            {
                entries.Add((date, DayKind.WorkingDay, null, null));
            }
        }

        return entries
            .Where(e => e.Date.Year == year)
            .ToDictionary(e => e.Date, e => new CalendarDay(
                e.Date,
                e.Kind == DayKind.WorkingDay,
                e.Kind,
                Reason(e.Date, e.Kind, e.Rule, e.CarriedFrom, carriedTo.TryGetValue(e.Date, out var to) ? to : null),
                e.Rule?.Code));
    }

    private static LocalizedText Reason(LocalDate date, DayKind kind, HolidayRule? rule, LocalDate? carriedFrom, LocalDate? carriedTo)
    {
        var name = rule?.Name;
        switch (kind)
        {
            case DayKind.Weekend:
                return date.DayOfWeek == IsoDayOfWeek.Saturday
                    ? new("Демалыс күні: сенбі", "Выходной день: суббота", "Weekend: Saturday")
                    : new("Демалыс күні: жексенбі", "Выходной день: воскресенье", "Weekend: Sunday");
            case DayKind.NationalHoliday:
                var national = new LocalizedText("Мереке күні: " + name!.Kk, "Праздничный день: " + name.Ru, "National holiday: " + name.En);
                if (carriedTo is { } to)
                {
                    var iso = Iso(to);
                    national = date.DayOfWeek == IsoDayOfWeek.Saturday
                        ? Append(national, $" (сенбіге сәйкес келді, демалыс {iso} күніне ауыстырылды)", $" (выпадает на субботу, выходной переносится на {iso})", $" (falls on a Saturday; the day off is carried over to {iso})")
                        : Append(national, $" (жексенбіге сәйкес келді, демалыс {iso} күніне ауыстырылды)", $" (выпадает на воскресенье, выходной переносится на {iso})", $" (falls on a Sunday; the day off is carried over to {iso})");
                }

                return national;
            case DayKind.ReligiousHoliday:
                var religious = new LocalizedText(
                    "Діни мереке, демалыс күні: " + name!.Kk, "Религиозный праздник, выходной день: " + name.Ru, "Religious holiday, day off: " + name.En);
                return date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday
                    ? Append(religious, " (демалыс күнге сәйкес келді, ауыстырылмайды)", " (совпадает с выходным, не переносится)", " (falls on a weekend; not carried over)")
                    : religious;
            case DayKind.CarriedOverDayOff:
                var from = Iso(carriedFrom!.Value);
                return new(
                    $"Ауыстырылған демалыс күні: {name!.Kk} ({from}) демалыс күнге сәйкес келді",
                    $"Перенесённый выходной день: {name.Ru} ({from}) совпал с выходным днём",
                    $"Carried-over day off: {name.En} ({from}) fell on a weekend");
            default:
                return new("Жұмыс күні", "Рабочий день", "Working day");
        }
    }

    private static LocalizedText Append(LocalizedText text, string kk, string ru, string en) => new(text.Kk + kk, text.Ru + ru, text.En + en);

    internal static string Iso(LocalDate date) => NodaTime.Text.LocalDatePattern.Iso.Format(date);
}
