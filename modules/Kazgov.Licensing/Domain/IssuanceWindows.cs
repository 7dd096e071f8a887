using Kazgov.Platform.Calendar;
using NodaTime;

namespace Kazgov.Licensing.Domain;

/// <summary>A hand-over window of a working day, in office local time.</summary>
internal sealed record HandOverWindow(LocalTime From, LocalTime To);

/// <summary>
/// Licences are handed out twice a working day, 12:00–13:00 and 18:00–19:00 office local time
/// (the seed's note to driver-licence §7, [L88]); an office may set its own windows in its schedule.
/// </summary>
internal static class IssuanceWindows
{
    public static readonly IReadOnlyList<HandOverWindow> Default =
    [
        new(new LocalTime(12, 0), new LocalTime(13, 0)),
        new(new LocalTime(18, 0), new LocalTime(19, 0)),
    ];

    public static bool IsOpen(IReadOnlyList<HandOverWindow> windows, WorkingCalendar calendar, LocalDateTime now) =>
        calendar.IsWorkingDay(now.Date) && windows.Any(w => w.From <= now.TimeOfDay && now.TimeOfDay < w.To);

    /// <summary>The next window that opens after <paramref name="now"/> (on a working day).</summary>
    public static (LocalDateTime From, LocalDateTime To) Next(IReadOnlyList<HandOverWindow> windows, WorkingCalendar calendar, LocalDateTime now)
    {
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
