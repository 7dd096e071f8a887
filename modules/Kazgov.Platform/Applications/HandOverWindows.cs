using System.Globalization;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Localization;
using Kazgov.Platform.Offices;
using Kazgov.Kernel.Problems;
using NodaTime;
using NodaTime.Text;

namespace Kazgov.Platform.Applications;

/// <summary>A hand-over window of a working day, [From, To) in office local time.</summary>
public sealed record HandOverWindow(LocalTime From, LocalTime To);

/// <summary>
/// Whether a window is open and which opens next. Pure rules, so that the boundaries (a window's first
/// and last minute, weekends, holidays, a month's 1st and 3rd Saturday) are tested alone. The general
/// form takes the windows of each day; the short form gives the same windows on every working day.
/// </summary>
public static class HandOverWindowRules
{
    /// <summary>How far ahead a next window is looked for; a timetable with nothing in a year has none.</summary>
    private const int Horizon = 400;

    public static bool IsOpen(IReadOnlyList<HandOverWindow> windows, WorkingCalendar calendar, LocalDateTime now) =>
        IsOpen(Daily(windows, calendar), now);

    /// <summary>The next window that opens after <paramref name="now"/> (on a working day).</summary>
    public static (LocalDateTime From, LocalDateTime To) Next(IReadOnlyList<HandOverWindow> windows, WorkingCalendar calendar, LocalDateTime now)
    {
        if (windows.Count == 0)
        {
            throw new ArgumentException("No windows to choose from.", nameof(windows));
        }

        return Next(Daily(windows, calendar), now) ?? throw new InvalidOperationException("No working day within the horizon.");
    }

    public static bool IsOpen(Func<LocalDate, IReadOnlyList<HandOverWindow>> windowsOn, LocalDateTime now) =>
        windowsOn(now.Date).Any(w => w.From <= now.TimeOfDay && now.TimeOfDay < w.To);

    /// <summary>The next window that opens after <paramref name="now"/>; null when none opens within the horizon.</summary>
    public static (LocalDateTime From, LocalDateTime To)? Next(Func<LocalDate, IReadOnlyList<HandOverWindow>> windowsOn, LocalDateTime now)
    {
        for (var day = now.Date; day < now.Date.PlusDays(Horizon); day = day.PlusDays(1))
        {
            foreach (var window in windowsOn(day).OrderBy(w => w.From))
            {
                var from = day + window.From;
                if (from > now)
                {
                    return (from, day + window.To);
                }
            }
        }

        return null;
    }

    private static Func<LocalDate, IReadOnlyList<HandOverWindow>> Daily(IReadOnlyList<HandOverWindow> windows, WorkingCalendar calendar) =>
        day => calendar.IsWorkingDay(day) ? windows : [];
}

/// <summary>Where a service's hand-over times at an office come from.</summary>
public enum HandOverSource
{
    /// <summary>No windows: handed over whenever the office is open.</summary>
    AnyTime,

    /// <summary>The catalogue entry's issuanceWindows, on working days.</summary>
    Catalogue,

    /// <summary>The office's own windows for the service (its schedule's serviceWindows), on working days.</summary>
    Office,

    /// <summary>The office's reception sessions for the service (weapon-registration §10), on the days they are held.</summary>
    Reception,
}

/// <summary>The hand-over times of one service at one office: daily windows, or reception sessions.</summary>
public sealed record HandOverTimetable(HandOverSource Source, IReadOnlyList<HandOverWindow> Daily, IReadOnlyList<ReceptionSession> Receptions)
{
    public bool AnyTime => Source == HandOverSource.AnyTime;

    /// <summary>The windows of <paramref name="date"/>: the sessions held that day, or the daily windows on a working day.</summary>
    public IReadOnlyList<HandOverWindow> On(LocalDate date, WorkingCalendar calendar) =>
        Source == HandOverSource.Reception
            ? [.. ReceptionSessions.On(Receptions, date, calendar).Select(s => new HandOverWindow(s.From, s.To))]
            : calendar.IsWorkingDay(date) ? Daily : [];

    /// <summary>The times in words, for the applicant's next step and the 409 problem.</summary>
    public LocalizedText Describe()
    {
        if (Source == HandOverSource.Reception)
        {
            var sessions = ReceptionSessions.Describe(Receptions);
            return new LocalizedText($"қабылдау күндері: {sessions.Kk}", $"в дни приёма: {sessions.Ru}", $"at the reception sessions: {sessions.En}");
        }

        var hours = string.Join(", ", Daily.OrderBy(w => w.From).Select(w => $"{OfficeHours.Hm(w.From)}–{OfficeHours.Hm(w.To)}"));
        return new LocalizedText($"жұмыс күндері {hours}", $"в рабочие дни {hours}", $"on working days {hours}");
    }
}

/// <summary>
/// The one place hand-over times are decided, for every service: the windows are a fact of the
/// service's catalogue entry (<c>issuanceWindows</c>, e.g. driver-licence §7 note [L88],
/// vehicle-registration §7 note [L14957]); an office may set its own for a service in its schedule
/// (<c>serviceWindows</c>), which then replace the catalogue's; and where a standard receives by
/// sessions (weapon-registration §10 [L14246]) the office's reception sessions for the service are the
/// hand-over times. A service with none of these is handed over at any time. The lifecycle's Issue
/// handler applies it before any module hook runs.
/// </summary>
public sealed class HandOverWindows(ServiceCatalogue catalogue, IWorkingCalendars calendars, IOfficeSchedules schedules)
{
    private static readonly LocalTimePattern Hm = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    /// <summary>The hand-over times of <paramref name="service"/> at <paramref name="officeId"/>.</summary>
    public async Task<HandOverTimetable> TimetableAsync(string service, string officeId, CancellationToken cancellationToken)
    {
        var schedule = await schedules.FindAsync(officeId, cancellationToken);
        var receptions = schedule?.ReceptionsOf(service) ?? [];
        if (receptions.Count > 0)
        {
            return new HandOverTimetable(HandOverSource.Reception, [], receptions);
        }

        var entry = catalogue.Find(service);
        if (entry is null || entry.IssuanceWindows.Count == 0)
        {
            return new HandOverTimetable(HandOverSource.AnyTime, [], []);
        }

        var own = schedule?.ServiceWindows.Where(w => w.Service == service).Select(w => new HandOverWindow(w.From, w.To)).ToList();
        return own is { Count: > 0 }
            ? new HandOverTimetable(HandOverSource.Office, own, [])
            : new HandOverTimetable(HandOverSource.Catalogue, FromCatalogue(entry), []);
    }

    /// <summary>The catalogue's windows of a service, parsed ("HH:mm"; the catalogue validator checks the format).</summary>
    public static IReadOnlyList<HandOverWindow> FromCatalogue(ServiceEntry entry) =>
        [.. entry.IssuanceWindows.Select(w => new HandOverWindow(Hm.Parse(w.From).Value, Hm.Parse(w.To).Value))];

    /// <summary>The dated windows of <paramref name="days"/> days from <paramref name="from"/>, for a front office that shows them.</summary>
    public async Task<(HandOverTimetable Timetable, IReadOnlyList<(LocalDate Date, HandOverWindow Window)> Windows)> BetweenAsync(
        string service, string officeId, LocalDate from, int days, CancellationToken cancellationToken)
    {
        var timetable = await TimetableAsync(service, officeId, cancellationToken);
        if (timetable.AnyTime)
        {
            return (timetable, []);
        }

        var calendar = await calendars.LoadAsync(cancellationToken);
        var windows = new List<(LocalDate, HandOverWindow)>();
        for (var day = from; day < from.PlusDays(days); day = day.PlusDays(1))
        {
            windows.AddRange(timetable.On(day, calendar).OrderBy(w => w.From).Select(w => (day, w)));
        }

        return (timetable, windows);
    }

    /// <summary>Refuses with 409 outside-issuance-window, naming the next window, when none is open at <paramref name="now"/>.</summary>
    public async Task EnsureOpenAsync(string service, string officeId, Instant now, CancellationToken cancellationToken)
    {
        var timetable = await TimetableAsync(service, officeId, cancellationToken);
        if (timetable.AnyTime)
        {
            return;
        }

        var calendar = await calendars.LoadAsync(cancellationToken);
        var local = now.InZone(WorkingCalendar.Zone).LocalDateTime;
        Func<LocalDate, IReadOnlyList<HandOverWindow>> windowsOn = date => timetable.On(date, calendar);
        if (HandOverWindowRules.IsOpen(windowsOn, local))
        {
            return;
        }

        var next = HandOverWindowRules.Next(windowsOn, local);
        var all = timetable.Describe();
        var extensions = new Dictionary<string, object?> { ["source"] = timetable.Source };
        var at = "—";
        if (next is var (from, to))
        {
            at = string.Create(CultureInfo.InvariantCulture, $"{from.Date:yyyy-MM-dd} {from.TimeOfDay:HH:mm}–{to.TimeOfDay:HH:mm}");
            extensions["nextWindow"] = new
            {
                from = from.InZoneLeniently(WorkingCalendar.Zone).ToInstant(),
                to = to.InZoneLeniently(WorkingCalendar.Zone).ToInstant(),
                local = at,
            };
        }

        throw new ProblemException(ApplicationProblems.OutsideIssuanceWindow, new LocalizedText(
                $"Беру уақыты: {all.Kk}. Келесі беру уақыты: {at}",
                $"Часы выдачи: {all.Ru}. Следующее время выдачи: {at}",
                $"Hand-over: {all.En}. The next window: {at}"),
            extensions: extensions);
    }
}
