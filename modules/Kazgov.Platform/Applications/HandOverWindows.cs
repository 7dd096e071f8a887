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
/// Whether a window is open and which opens next, on the working days of the calendar. Pure rules,
/// so that the boundaries (a window's first and last minute, weekends, holidays) are tested alone.
/// </summary>
public static class HandOverWindowRules
{
    public static bool IsOpen(IReadOnlyList<HandOverWindow> windows, WorkingCalendar calendar, LocalDateTime now) =>
        calendar.IsWorkingDay(now.Date) && windows.Any(w => w.From <= now.TimeOfDay && now.TimeOfDay < w.To);

    /// <summary>The next window that opens after <paramref name="now"/> (on a working day).</summary>
    public static (LocalDateTime From, LocalDateTime To) Next(IReadOnlyList<HandOverWindow> windows, WorkingCalendar calendar, LocalDateTime now)
    {
        if (windows.Count == 0)
        {
            throw new ArgumentException("No windows to choose from.", nameof(windows));
        }

        var ordered = windows.OrderBy(w => w.From).ToList();
        for (var day = now.Date; ; day = day.PlusDays(1))
        {
            if (!calendar.IsWorkingDay(day))
            {
                continue;
            }

            foreach (var window in ordered)
            {
                var from = day + window.From;
                if (from > now)
                {
                    return (from, day + window.To);
                }
            }
        }
    }
}

/// <summary>
/// The one place hand-over windows are decided, for every service: the windows are a fact of the
/// service's catalogue entry (<c>issuanceWindows</c>, e.g. driver-licence §7 note [L88],
/// vehicle-registration §7 note [L14957]); an office may set its own for a service in its schedule
/// (<c>serviceWindows</c>), which then replace the catalogue's. A service without windows in the
/// catalogue is handed over at any time. The lifecycle's Issue handler applies it before any module
/// hook runs.
/// </summary>
public sealed class HandOverWindows(ServiceCatalogue catalogue, IWorkingCalendars calendars, IOfficeSchedules schedules)
{
    private static readonly LocalTimePattern Hm = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    /// <summary>The windows of <paramref name="service"/> at <paramref name="officeId"/>; empty when the service has none.</summary>
    public async Task<IReadOnlyList<HandOverWindow>> ForAsync(string service, string officeId, CancellationToken cancellationToken)
    {
        var entry = catalogue.Find(service);
        if (entry is null || entry.IssuanceWindows.Count == 0)
        {
            return [];
        }

        var schedule = await schedules.FindAsync(officeId, cancellationToken);
        var own = schedule?.ServiceWindows.Where(w => w.Service == service).Select(w => new HandOverWindow(w.From, w.To)).ToList();
        return own is { Count: > 0 } ? own : FromCatalogue(entry);
    }

    /// <summary>The catalogue's windows of a service, parsed ("HH:mm"; the catalogue validator checks the format).</summary>
    public static IReadOnlyList<HandOverWindow> FromCatalogue(ServiceEntry entry) =>
        [.. entry.IssuanceWindows.Select(w => new HandOverWindow(Hm.Parse(w.From).Value, Hm.Parse(w.To).Value))];

    /// <summary>Refuses with 409 outside-issuance-window, naming the next window, when none is open at <paramref name="now"/>.</summary>
    public async Task EnsureOpenAsync(string service, string officeId, Instant now, CancellationToken cancellationToken)
    {
        var windows = await ForAsync(service, officeId, cancellationToken);
        if (windows.Count == 0)
        {
            return;
        }

        var calendar = await calendars.LoadAsync(cancellationToken);
        var local = now.InZone(WorkingCalendar.Zone).LocalDateTime;
        if (HandOverWindowRules.IsOpen(windows, calendar, local))
        {
            return;
        }

        var (from, to) = HandOverWindowRules.Next(windows, calendar, local);
        var at = string.Create(CultureInfo.InvariantCulture, $"{from.Date:yyyy-MM-dd} {from.TimeOfDay:HH:mm}–{to.TimeOfDay:HH:mm}");
        var all = string.Join(", ", windows.OrderBy(w => w.From).Select(w => $"{Hm.Format(w.From)}–{Hm.Format(w.To)}"));
        throw new ProblemException(ApplicationProblems.OutsideIssuanceWindow, new LocalizedText(
                "Беру уақыты: {0} (жұмыс күндері). Келесі беру уақыты: {1}",
                "Часы выдачи: {0} (рабочие дни). Следующее время выдачи: {1}",
                "Hand-over windows: {0} (working days). The next window: {1}").Format(all, at),
            extensions: new Dictionary<string, object?>
            {
                ["nextWindow"] = new
                {
                    from = from.InZoneLeniently(WorkingCalendar.Zone).ToInstant(),
                    to = to.InZoneLeniently(WorkingCalendar.Zone).ToInstant(),
                    local = at,
                },
            });
    }
}
