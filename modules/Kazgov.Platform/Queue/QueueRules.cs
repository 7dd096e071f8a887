using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Platform.Offices;
using NodaTime;
using NodaTime.Text;

namespace Kazgov.Platform.Queue;

/// <summary>Why a ticket is taken: to hand in documents or to collect the result (the standards' §7.2 and §7.3).</summary>
public enum QueuePurpose
{
    Submission,
    PickUp,
}

public enum TicketStatus
{
    Waiting,
    Called,
    Served,
    NoShow,
}

/// <summary>Where the ticket was taken: the office's kiosk, or in advance through the portal API.</summary>
public enum TicketChannel
{
    Kiosk,
    Portal,
}

/// <summary>The kebab-case codes of the queue's values, in the API and in the database.</summary>
public static class QueueCodes
{
    public static string ToCode(this QueuePurpose purpose) => purpose == QueuePurpose.Submission ? "submission" : "pick-up";

    public static QueuePurpose? ParsePurpose(string? code) => code switch
    {
        "submission" => QueuePurpose.Submission,
        "pick-up" => QueuePurpose.PickUp,
        _ => null,
    };

    public static string ToCode(this TicketStatus status) => status switch
    {
        TicketStatus.Waiting => "waiting",
        TicketStatus.Called => "called",
        TicketStatus.Served => "served",
        _ => "no-show",
    };

    public static TicketStatus ParseStatus(string code) => code switch
    {
        "waiting" => TicketStatus.Waiting,
        "called" => TicketStatus.Called,
        "served" => TicketStatus.Served,
        "no-show" => TicketStatus.NoShow,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Not a ticket status."),
    };

    public static string ToCode(this TicketChannel channel) => channel == TicketChannel.Kiosk ? "kiosk" : "portal";
}

/// <summary>
/// Ticket numbers an applicant can read and hear: a letter for the service, a letter for the purpose
/// (T тапсыру — hand in, A алу — collect), a dash and the place in that prefix's line of the office's
/// day from 001 (DT-007: the seventh driver-licence hand-in of the day).
/// </summary>
public static class TicketNumbers
{
    private static readonly Dictionary<string, char> ServiceLetters = new(StringComparer.Ordinal)
    {
        [OfficeServiceCodes.DriverLicence] = 'D',
        [OfficeServiceCodes.VehicleRegistration] = 'V',
        [OfficeServiceCodes.ProxyDriverRegistration] = 'P',
        [OfficeServiceCodes.ResidencePermit] = 'R',
        [OfficeServiceCodes.TemporaryRegistration] = 'Z',
        [OfficeServiceCodes.PermanentResidence] = 'M',
        [OfficeServiceCodes.Citizenship] = 'C',
        [OfficeServiceCodes.WeaponRegistration] = 'W',
        [OfficeServiceCodes.AddressCertificate] = 'B',
    };

    public static string Prefix(string serviceCode, QueuePurpose purpose) =>
        (ServiceLetters.TryGetValue(serviceCode, out var letter) ? letter : 'X') + (purpose == QueuePurpose.Submission ? "T" : "A");

    public static string Format(string prefix, int sequence) => $"{prefix}-{sequence:000}";
}

/// <summary>When the office's queue takes tickets, and how long a ticket waited.</summary>
public static class QueueHours
{
    /// <summary>Why no ticket can be taken at <paramref name="at"/>, or null when the queue is open.</summary>
    public static QueueClosure? ClosureAt(OfficeSchedule schedule, string serviceCode, Instant at, WorkingCalendar calendar)
    {
        var local = at.InZone(WorkingCalendar.Zone).LocalDateTime;
        var day = calendar.Explain(local.Date);
        // A weekday off of the calendar (holiday, carried-over day, override) closes the office; an
        // ordinary weekend day is open where the office's schedule receives on it (the seed's §10).
        if (!day.Working && day.Kind != DayKind.Weekend)
        {
            return QueueClosure.DayOff;
        }

        var sessions = schedule.ReceptionsOf(serviceCode);
        if (sessions.Count > 0)
        {
            // weapon-registration §10 [L14246]: the public is received in sessions only.
            return sessions.Any(s => s.IsHeldOn(local.Date, calendar) && s.From <= local.TimeOfDay && local.TimeOfDay < s.To)
                ? null
                : QueueClosure.OutsideHours;
        }

        var office = schedule.Days.FirstOrDefault(d => d.Day == local.DayOfWeek);
        if (office is null || (!day.Working && day.Kind != DayKind.Weekend))
        {
            return QueueClosure.DayOff;
        }

        if (local.TimeOfDay < office.Opens || local.TimeOfDay >= office.Closes)
        {
            return QueueClosure.OutsideHours;
        }

        return office.Lunch is { } lunch && lunch.From <= local.TimeOfDay && local.TimeOfDay < lunch.To
            ? QueueClosure.LunchBreak
            : null;
    }

    /// <summary>
    /// Whole minutes from <paramref name="from"/> to <paramref name="to"/> less the part inside the
    /// office's lunch break of each day between them: nobody is called at lunch, so it is not the
    /// applicant's wait the standard limits.
    /// </summary>
    public static int WaitMinutes(Instant from, Instant to, OfficeSchedule schedule)
    {
        if (to <= from)
        {
            return 0;
        }

        var total = to - from;
        var start = from.InZone(WorkingCalendar.Zone).Date;
        var end = to.InZone(WorkingCalendar.Zone).Date;
        for (var date = start; date <= end; date = date.PlusDays(1))
        {
            if (schedule.Days.FirstOrDefault(d => d.Day == date.DayOfWeek)?.Lunch is not { } lunch)
            {
                continue;
            }

            var lunchFrom = date.At(lunch.From).InZoneLeniently(WorkingCalendar.Zone).ToInstant();
            var lunchTo = date.At(lunch.To).InZoneLeniently(WorkingCalendar.Zone).ToInstant();
            var overlapFrom = Instant.Max(from, lunchFrom);
            var overlapTo = Instant.Min(to, lunchTo);
            if (overlapTo > overlapFrom)
            {
                total -= overlapTo - overlapFrom;
            }
        }

        return (int)Math.Floor(total.TotalMinutes);
    }

    /// <summary>The standard's longest wait in minutes for the purpose (catalogue terms.queue), or null where it sets none.</summary>
    public static int? NormMinutes(ServiceEntry entry, QueuePurpose purpose)
    {
        var value = purpose == QueuePurpose.Submission ? entry.Terms.Queue?.Submission : entry.Terms.Queue?.PickUp;
        return value is null ? null : (int)PeriodPattern.NormalizingIso.Parse(value).Value.ToDuration().TotalMinutes;
    }
}

/// <summary>Why the queue takes no ticket now.</summary>
public enum QueueClosure
{
    DayOff,
    OutsideHours,
    LunchBreak,
}
