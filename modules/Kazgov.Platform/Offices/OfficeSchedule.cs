using System.Text.Json.Serialization;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using NodaTime;

namespace Kazgov.Platform.Offices;

/// <summary>A span of local time, [From, To).</summary>
public sealed record TimeRange(LocalTime From, LocalTime To);

/// <summary>One working day of an office: opening hours and the lunch break inside them.</summary>
public sealed record OfficeDay(IsoDayOfWeek Day, LocalTime Opens, LocalTime Closes, TimeRange? Lunch);

/// <summary>
/// An office's own window of a working day for one step of one service, overriding the
/// catalogue's issuanceWindows of that service at this office (e.g. licence hand-over at other
/// hours). Windows may lie outside the reception hours: the seed's 18:00-19:00 licence window ends
/// after the default 18:00 closing.
/// </summary>
public sealed record ServiceWindow(string Service, string Purpose, LocalTime From, LocalTime To, string? Source);

/// <summary>
/// When an office receives applicants, in its local time. All offices of the seed are in
/// Kazakhstan and, for this project, in one zone: Asia/Almaty (DESIGN.md § Technology).
/// </summary>
public sealed record OfficeSchedule(
    string TimeZone, IReadOnlyList<OfficeDay> Days, IReadOnlyList<ServiceWindow> ServiceWindows,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ReceptionSession>? Receptions = null)
{
    /// <summary>The reception sessions of <paramref name="service"/>; empty when the office receives for it in its working hours.</summary>
    public IReadOnlyList<ReceptionSession> ReceptionsOf(string service) => [.. (Receptions ?? []).Where(r => r.Service == service)];

    public const string OfficeTimeZone = "Asia/Almaty";

    private static readonly LocalTime Opening = new(9, 0);
    private static readonly LocalTime Closing = new(18, 0);
    private static readonly TimeRange LunchBreak = new(new LocalTime(13, 0), new LocalTime(14, 0));

    // §10 of the standards, as read here:
    // - Std 1, 8, 9 [L99], [L14978], [L15269]: "аптасына бес күн ..., сонымен бірге демалыс
    //   күндерінің бірінде" — five days a week and also on one of the days off; lunch observed.
    // - Std 2, 4, 5, 6 [L372], [L3915], [L7259], [L10508]: "аптаның бес күнінде, соның ішінде ...
    //   демалыс күндерінің бірінде" — literally "on five days, including one of the days off";
    //   read like STANDARDS.md: the five working days plus one day off.
    //   The day off is not named; Saturday is the default, an office can change it.
    // - Std 3 [L3523]: five days, no days off (24/7 for law enforcement during operative-search
    //   measures [L3525] is not public reception and is not modelled here).
    // - Std 7 [L14246]: reception "at least twice a week, twice in the evening and twice a month on
    //   non-working days" — no fixed days. The working week stays the unit's office hours, and the
    //   public is received in reception sessions (WeaponsReception below, ReceptionSession.cs), which
    //   an admin may move but not below that minimum.
    // Hours are not in the seed: 09:00-18:00 with lunch 13:00-14:00 is the default.
    private static readonly HashSet<string> WeekendReception =
    [
        OfficeServiceCodes.DriverLicence, OfficeServiceCodes.VehicleRegistration, OfficeServiceCodes.ProxyDriverRegistration,
        OfficeServiceCodes.ResidencePermit, OfficeServiceCodes.TemporaryRegistration, OfficeServiceCodes.PermanentResidence,
        OfficeServiceCodes.Citizenship,
    ];

    /// <summary>
    /// The schedule an office starts with, from the services it provides. It sets no service
    /// windows: hand-over windows are a fact of the service's catalogue entry (issuanceWindows), and
    /// an office lists its own only to override them (Applications/HandOverWindows.cs).
    /// </summary>
    public static OfficeSchedule Default(IEnumerable<string> services)
    {
        var serviceSet = services.ToHashSet();
        var days = new List<IsoDayOfWeek>
        {
            IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday,
        };
        if (serviceSet.Overlaps(WeekendReception))
        {
            days.Add(IsoDayOfWeek.Saturday);
        }

        var receptions = serviceSet.Contains(WeaponsReceptionMinimum.Service) ? WeaponsReception : null;
        return new OfficeSchedule(OfficeTimeZone, days.Select(d => new OfficeDay(d, Opening, Closing, LunchBreak)).ToList(), [], receptions);
    }

    /// <summary>
    /// The sessions a weapons unit starts with, meeting weapon-registration §10 [L14246] exactly: daytime
    /// on Tuesday and Thursday, in the evening on the same days, and on the 1st and 3rd Saturday.
    /// </summary>
    public static readonly IReadOnlyList<ReceptionSession> WeaponsReception =
    [
        new(WeaponsReceptionMinimum.Service, IsoDayOfWeek.Tuesday, new LocalTime(9, 0), new LocalTime(13, 0)),
        new(WeaponsReceptionMinimum.Service, IsoDayOfWeek.Tuesday, new LocalTime(18, 0), new LocalTime(20, 0)),
        new(WeaponsReceptionMinimum.Service, IsoDayOfWeek.Thursday, new LocalTime(9, 0), new LocalTime(13, 0)),
        new(WeaponsReceptionMinimum.Service, IsoDayOfWeek.Thursday, new LocalTime(18, 0), new LocalTime(20, 0)),
        new(WeaponsReceptionMinimum.Service, IsoDayOfWeek.Saturday, new LocalTime(10, 0), new LocalTime(13, 0), [1, 3]),
    ];

    /// <summary>Checks a schedule an admin sends; every broken rule becomes a field error.</summary>
    public static ValidationErrors Validate(
        IReadOnlyList<OfficeDay>? days, IReadOnlyList<ServiceWindow>? windows, IReadOnlyCollection<string> officeServices, IReadOnlyList<ReceptionSession>? receptions = null)
    {
        var errors = new ValidationErrors();
        if (days is null || days.Count == 0)
        {
            errors.Add("days", Messages.AtLeastOneDay);
        }
        else
        {
            for (var i = 0; i < days.Count; i++)
            {
                var day = days[i];
                var field = $"days[{i}]";
                if (day.Day == IsoDayOfWeek.None || !Enum.IsDefined(day.Day))
                {
                    errors.Add(field + ".day", Messages.UnknownDay);
                }
                else if (days.Take(i).Any(d => d.Day == day.Day))
                {
                    errors.Add(field + ".day", Messages.DuplicateDay);
                }

                if (day.Opens >= day.Closes)
                {
                    errors.Add(field + ".closes", Messages.EndBeforeStart);
                }

                if (day.Lunch is { } lunch)
                {
                    if (lunch.From >= lunch.To)
                    {
                        errors.Add(field + ".lunch.to", Messages.EndBeforeStart);
                    }
                    else if (lunch.From < day.Opens || lunch.To > day.Closes)
                    {
                        errors.Add(field + ".lunch", Messages.LunchOutsideHours);
                    }
                }
            }
        }

        for (var i = 0; i < (windows?.Count ?? 0); i++)
        {
            var window = windows![i];
            var field = $"serviceWindows[{i}]";
            if (window.Service is null || !officeServices.Contains(window.Service))
            {
                errors.Add(field + ".service", Messages.ServiceNotOffered);
            }

            if (string.IsNullOrWhiteSpace(window.Purpose))
            {
                errors.Add(field + ".purpose", CommonMessages.Required);
            }

            if (window.From >= window.To)
            {
                errors.Add(field + ".to", Messages.EndBeforeStart);
            }
        }

        ValidateReceptions(receptions ?? [], officeServices, errors);
        return errors;
    }

    private static void ValidateReceptions(IReadOnlyList<ReceptionSession> sessions, IReadOnlyCollection<string> officeServices, ValidationErrors errors)
    {
        for (var i = 0; i < sessions.Count; i++)
        {
            var session = sessions[i];
            var field = $"receptions[{i}]";
            if (session.Service is null || !officeServices.Contains(session.Service))
            {
                errors.Add(field + ".service", Messages.ServiceNotOffered);
            }

            if (session.Day == IsoDayOfWeek.None || !Enum.IsDefined(session.Day))
            {
                errors.Add(field + ".day", Messages.UnknownDay);
            }

            if (session.From >= session.To)
            {
                errors.Add(field + ".to", Messages.EndBeforeStart);
            }

            if (session.WeeksOfMonth?.Any(w => w is not (>= 1 and <= 5 or -1)) == true)
            {
                errors.Add(field + ".weeksOfMonth", Messages.BadWeekOfMonth);
            }
        }

        // Weapons units may not receive less than §10 of their standard asks.
        if (officeServices.Contains(WeaponsReceptionMinimum.Service) && WeaponsReceptionMinimum.Shortfall(sessions) is { } shortfall)
        {
            errors.Add("receptions", shortfall);
        }
    }

    private static class Messages
    {
        public static readonly LocalizedText AtLeastOneDay = new(
            "Кемінде бір жұмыс күні көрсетілуі керек",
            "Нужно указать хотя бы один рабочий день",
            "At least one working day is required");

        public static readonly LocalizedText UnknownDay = new(
            "Апта күні белгісіз (monday … sunday)",
            "Неизвестный день недели (monday … sunday)",
            "Unknown day of the week (monday … sunday)");

        public static readonly LocalizedText DuplicateDay = new(
            "Бұл күн бірнеше рет көрсетілген",
            "Этот день указан несколько раз",
            "This day is given more than once");

        public static readonly LocalizedText EndBeforeStart = new(
            "Аяқталу уақыты басталу уақытынан кейін болуы керек",
            "Время окончания должно быть позже времени начала",
            "The end time must be after the start time");

        public static readonly LocalizedText LunchOutsideHours = new(
            "Түскі үзіліс жұмыс уақытының ішінде болуы керек",
            "Обеденный перерыв должен быть внутри рабочего времени",
            "The lunch break must lie within the working hours");

        public static readonly LocalizedText BadWeekOfMonth = new(
            "Айдың аптасы 1–5 немесе -1 (соңғы) болуы керек",
            "Неделя месяца — 1–5 или -1 (последняя)",
            "A week of the month is 1–5, or -1 for the last");

        public static readonly LocalizedText ServiceNotOffered = new(
            "Бұл бөлімше бұл қызметті көрсетпейді",
            "Это подразделение не оказывает эту услугу",
            "This office does not provide this service");
    }
}
