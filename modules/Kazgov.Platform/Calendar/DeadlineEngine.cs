using Kazgov.Kernel.Localization;
using Kazgov.Platform.Offices;
using NodaTime;
using NodaTime.Text;

namespace Kazgov.Platform.Calendar;

/// <summary>What to compute a due moment for.</summary>
/// <param name="AcceptedAt">When the documents were accepted (the acknowledgement slip's date and time).</param>
/// <param name="Term">The service term: date-based (P2M, P1M, P5D…) for <see cref="DeadlineClock.Calendar"/>,
/// time-based (PT6H, PT10M…) for <see cref="DeadlineClock.WorkingTime"/> and <see cref="DeadlineClock.AroundTheClock"/>
/// (<see cref="TermOf(Duration)"/> builds one from a Duration), P0D for <see cref="DeadlineClock.SameDay"/>.</param>
/// <param name="Clock">How the term runs.</param>
/// <param name="Hours">The office's hours for working-time terms; <see cref="OfficeHours.Default"/> when null.</param>
/// <param name="Suspended">How long the term was suspended: the clock stops for that span, so the term is
/// counted as if the documents had been accepted that much later.</param>
/// <param name="ReceptionDays">The office's reception days and their hours (its schedule), for working-time
/// terms: when given, the term counts the hours the office is open for reception — on working days of
/// the calendar it lists, and also on a weekend day it lists (§10 of most standards: "five days a week and
/// also on one of the days off"), never on a holiday or another day off of the calendar. A working day
/// by override that the office does not list counts <see cref="Hours"/>. Null: working days of the
/// calendar with <see cref="Hours"/>.</param>
/// <param name="Sessions">The office's reception sessions for the service, where its standard receives by
/// sessions (weapon-registration §10 [L14246]): a calendar term then ends on a day a session is held —
/// the last day, or the first such day after it — since the result can only be collected at one.</param>
public sealed record DeadlineRequest(
    Instant AcceptedAt,
    Period Term,
    DeadlineClock Clock,
    OfficeHours? Hours = null,
    Duration Suspended = default,
    IReadOnlyDictionary<IsoDayOfWeek, OfficeHours>? ReceptionDays = null,
    IReadOnlyList<ReceptionSession>? Sessions = null)
{
    /// <summary>A time-based term from a duration, in hours and smaller units (48 hours stay PT48H, not P2D).</summary>
    public static Period TermOf(Duration duration)
    {
        var ticks = duration.BclCompatibleTicks;
        return new PeriodBuilder
        {
            Hours = ticks / NodaConstants.TicksPerHour,
            Minutes = ticks % NodaConstants.TicksPerHour / NodaConstants.TicksPerMinute,
            Seconds = ticks % NodaConstants.TicksPerMinute / NodaConstants.TicksPerSecond,
            Ticks = ticks % NodaConstants.TicksPerSecond,
        }.Build();
    }
}

/// <summary>
/// The due moment. <see cref="DueAt"/> is exclusive: the application is in time if it is served
/// before that instant, and overdue from it on. For a term that ends "at the end of a day" it is the
/// start (00:00, Asia/Almaty) of the following day. <see cref="DueDate"/> is the last local day that is
/// still in time (the local date just before <see cref="DueAt"/>).
/// </summary>
public sealed record Deadline(Instant DueAt, LocalDate DueDate, Period Term, DeadlineClock Clock, LocalizedText Rule);

/// <summary>
/// Computes when an application is due. The rules (issue 3 § Working calendar and deadlines):
/// <list type="bullet">
/// <item>terms in months or days run in calendar time from the acceptance date: the acceptance day
///   itself is not counted, so P2M from 10 March ends on 10 May and P5D from 10 March on 15 March; a
///   month term from a day the last month lacks ends on that month's last day (31 January + P1M =
///   28/29 February). When the last day is a day off, the term ends at the end of the next working day;</item>
/// <item>terms in hours or minutes run in the office's working time: working days only, inside the
///   office hours (default 09:00–18:00); acceptance outside them starts the count at the next opening;</item>
/// <item>the address bureau's term for priority agencies (PT48H) runs around the clock;</item>
/// <item>same-day terms (temporary registration) end at the end of the acceptance day, or of the next
///   working day when accepted on a day off.</item>
/// </list>
/// All local dates and times are Asia/Almaty (<see cref="WorkingCalendar.Zone"/>).
/// </summary>
public sealed class DeadlineEngine(WorkingCalendar calendar)
{
    private static readonly LocalDateTimePattern Minutes = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm");

    public Deadline Compute(DeadlineRequest request)
    {
        if (request.Suspended < Duration.Zero)
        {
            throw new ArgumentException("A suspension cannot be negative.", nameof(request));
        }

        var start = request.AcceptedAt + request.Suspended;
        var (dueAt, rule) = request.Clock switch
        {
            DeadlineClock.Calendar => request.Sessions is { Count: > 0 } sessions ? SessionTerm(start, request.Term, sessions) : CalendarTerm(start, request.Term),
            DeadlineClock.WorkingTime => WorkingTime(start, ToDuration(request.Term, allowDays: false), request.Hours ?? OfficeHours.Default, request.ReceptionDays, request.Term),
            DeadlineClock.AroundTheClock => AroundTheClock(start, ToDuration(request.Term, allowDays: true), request.Term),
            DeadlineClock.SameDay => SameDay(start),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Clock, "Unknown clock."),
        };

        if (request.Suspended > Duration.Zero)
        {
            var span = Period.FromTicks(request.Suspended.BclCompatibleTicks).Normalize().ToString();
            var shifted = Local(start);
            rule = new LocalizedText(
                $"Мерзім {span} тоқтатылды, сондықтан {shifted} қабылданғандай есептеледі. " + rule.Kk,
                $"Срок приостанавливался на {span}, поэтому считается как при приёме {shifted}. " + rule.Ru,
                $"The term was suspended for {span}, so it is counted as if accepted at {shifted}. " + rule.En);
        }

        var dueDate = dueAt.Minus(Duration.Epsilon).InZone(WorkingCalendar.Zone).Date;
        return new Deadline(dueAt, dueDate, request.Term, request.Clock, rule);
    }


    private static void EnsureCalendarTerm(Period term)
    {
        if (term.HasTimeComponent || term.Equals(Period.Zero) || term.Years < 0 || term.Months < 0 || term.Weeks < 0 || term.Days < 0)
        {
            throw new ArgumentException($"A calendar term must be a positive number of years, months, weeks or days, not {term}.", nameof(term));
        }
    }

    private (Instant, LocalizedText) CalendarTerm(Instant start, Period term)
    {
        EnsureCalendarTerm(term);
        var accepted = start.InZone(WorkingCalendar.Zone).Date;
        var last = accepted + term;
        var head = new LocalizedText(
            $"{term} қабылданған күннен ({Iso(accepted)}) бастап күнтізбелік уақытпен есептеледі: соңғы күн — {Iso(last)}",
            $"{term} в календарном исчислении с даты приёма ({Iso(accepted)}): последний день — {Iso(last)}",
            $"{term} in calendar time from the acceptance date ({Iso(accepted)}): the last day is {Iso(last)}");
        if (calendar.IsWorkingDay(last))
        {
            return (EndOf(last), Append(head,
                ", жұмыс күні; мерзім сол күннің соңында аяқталады (Asia/Almaty).",
                ", рабочий день; срок истекает в конце этого дня (Asia/Almaty).",
                ", a working day; due by the end of that day (Asia/Almaty)."));
        }

        var (due, skipped) = SkipDaysOff(last);
        return (EndOf(due), Append(head,
            $"; {skipped.Kk} → мерзім келесі жұмыс күні {Iso(due)} соңында аяқталады (Asia/Almaty).",
            $"; {skipped.Ru} → срок истекает в конце следующего рабочего дня {Iso(due)} (Asia/Almaty).",
            $"; {skipped.En} → due by the end of {Iso(due)}, the next working day (Asia/Almaty)."));
    }

    /// <summary>
    /// A calendar term at an office that receives by sessions: it ends at the end of the last day when a
    /// session is held that day, else at the end of the next day one is (a day-off session counts; a
    /// holiday holds none).
    /// </summary>
    private (Instant, LocalizedText) SessionTerm(Instant start, Period term, IReadOnlyList<ReceptionSession> sessions)
    {
        EnsureCalendarTerm(term);
        var accepted = start.InZone(WorkingCalendar.Zone).Date;
        var last = accepted + term;
        var due = ReceptionSessions.FirstDayFrom(sessions, last, calendar)
            ?? throw new ArgumentException("The reception sessions are held on no day within a year.", nameof(sessions));
        var when = ReceptionSessions.Describe(sessions);
        var body = new LocalizedText(
            $"{term} қабылданған күннен ({Iso(accepted)}) бастап күнтізбелік уақытпен есептеледі: соңғы күн — {Iso(last)}",
            $"{term} в календарном исчислении с даты приёма ({Iso(accepted)}): последний день — {Iso(last)}",
            $"{term} in calendar time from the acceptance date ({Iso(accepted)}): the last day is {Iso(last)}");
        return due == last
            ? (EndOf(due), Append(body,
                $", бөлімшенің қабылдау күні ({when.Kk}); мерзім сол күннің соңында аяқталады (Asia/Almaty).",
                $", день приёма подразделения ({when.Ru}); срок истекает в конце этого дня (Asia/Almaty).",
                $", a reception day of the office ({when.En}); due by the end of that day (Asia/Almaty)."))
            : (EndOf(due), Append(body,
                $"; бөлімше ол күні қабылдамайды ({when.Kk}) → мерзім келесі қабылдау күні {Iso(due)} соңында аяқталады (Asia/Almaty).",
                $"; в этот день подразделение не ведёт приём ({when.Ru}) → срок истекает в конце следующего дня приёма {Iso(due)} (Asia/Almaty).",
                $"; the office holds no reception that day ({when.En}) → due by the end of {Iso(due)}, its next reception day (Asia/Almaty)."));
    }

    /// <summary>The hours counted on <paramref name="date"/>, or null (with the reason) when the office does not receive then.</summary>
    private (OfficeHours? Hours, CalendarDay? Skipped) HoursOn(LocalDate date, OfficeHours hours, IReadOnlyDictionary<IsoDayOfWeek, OfficeHours>? reception)
    {
        var day = calendar.Explain(date);
        if (reception is null)
        {
            return day.Working ? (hours, null) : (null, day);
        }

        if (reception.TryGetValue(date.DayOfWeek, out var own))
        {
            // The office's weekend reception day counts; holidays and other days off of the calendar do not.
            return day.Working || day.Kind == DayKind.Weekend ? (own, null) : (null, day);
        }

        return day.Kind == DayKind.OverrideWorkingDay ? (hours, null)
            : day.Working ? (null, day with { Reason = new LocalizedText("Бөлімше қабылдамайды", "Подразделение не ведёт приём", "The office does not receive applicants") })
            : (null, day);
    }

    private (Instant, LocalizedText) WorkingTime(Instant start, Duration term, OfficeHours hours, IReadOnlyDictionary<IsoDayOfWeek, OfficeHours>? reception, Period iso)
    {
        if (term <= Duration.Zero)
        {
            throw new ArgumentException("A working-time term must be positive.", nameof(term));
        }

        if (!hours.IsValid || reception?.Values.Any(h => !h.IsValid) == true)
        {
            throw new ArgumentException($"Office hours {hours} are not valid.", nameof(hours));
        }

        var local = start.InZone(WorkingCalendar.Zone).LocalDateTime;
        var date = local.Date;
        var time = local.TimeOfDay;
        var remaining = term;
        var segments = new List<string>();
        var skipped = new List<CalendarDay>();
        LocalDateTime due;
        var weekendDays = new List<LocalDate>();
        while (true)
        {
            var (today, skip) = HoursOn(date, hours, reception);
            if (today is null)
            {
                skipped.Add(skip!);
                date = date.PlusDays(1);
                time = LocalTime.Midnight;
                continue;
            }

            if (!calendar.IsWorkingDay(date))
            {
                weekendDays.Add(date);
            }

            LocalDateTime? end = null;
            foreach (var (from, to) in today.Intervals)
            {
                if (time >= to)
                {
                    continue;
                }

                var begin = time > from ? time : from;
                var available = Duration.FromTicks(to.TickOfDay - begin.TickOfDay);
                if (remaining <= available)
                {
                    var finish = begin.PlusTicks(remaining.BclCompatibleTicks);
                    segments.Add($"{Iso(date)} {OfficeHours.Hm(begin)}–{OfficeHours.Hm(finish)}");
                    end = date + finish;
                    break;
                }

                segments.Add($"{Iso(date)} {OfficeHours.Hm(begin)}–{OfficeHours.Hm(to)}");
                remaining -= available;
                time = to;
            }

            if (end is { } found)
            {
                due = found;
                break;
            }

            date = date.PlusDays(1);
            time = LocalTime.Midnight;
        }

        var dueAt = due.InZoneLeniently(WorkingCalendar.Zone).ToInstant();
        var path = string.Join(", ", segments);
        // Each part formatted once for the three languages.
        var (since, until) = (Minutes.Format(local), Minutes.Format(due));
        var counted = reception is null ? hours.ToString() : Week(reception);
        var rule = reception is null
            ? new LocalizedText(
                $"{iso} жұмыс уақытымен (жұмыс күндері, {counted}) {since} бастап: {path} → мерзім {until} аяқталады (Asia/Almaty).",
                $"{iso} рабочего времени (рабочие дни, {counted}) с {since}: {path} → срок истекает {until} (Asia/Almaty).",
                $"{iso} of working time (working days, {counted}) from {since}: {path} → due at {until} (Asia/Almaty).")
            : new LocalizedText(
                $"{iso} бөлімшенің қабылдау уақытымен ({counted}) {since} бастап: {path} → мерзім {until} аяқталады (Asia/Almaty).",
                $"{iso} времени приёма подразделения ({counted}) с {since}: {path} → срок истекает {until} (Asia/Almaty).",
                $"{iso} of the office's reception hours ({counted}) from {since}: {path} → due at {until} (Asia/Almaty).");
        if (weekendDays.Count > 0)
        {
            var days = string.Join(", ", weekendDays.Select(Iso));
            rule = Append(rule, $" Демалыс күнгі қабылдау күні есептелді: {days}.", $" Учтён приём в выходной день: {days}.", $" Weekend reception day counted: {days}.");
        }
        if (skipped.Count > 0)
        {
            var list = Describe(skipped);
            rule = Append(rule, $" Өткізілген демалыс күндері: {list.Kk}.", $" Пропущены нерабочие дни: {list.Ru}.", $" Days off skipped: {list.En}.");
        }

        return (dueAt, rule);
    }

    private static (Instant, LocalizedText) AroundTheClock(Instant start, Duration term, Period iso)
    {
        if (term <= Duration.Zero)
        {
            throw new ArgumentException("An around-the-clock term must be positive.", nameof(term));
        }

        var dueAt = start + term;
        var from = Local(start);
        var to = Local(dueAt);
        return (dueAt, new LocalizedText(
            $"{iso} тәулік бойы (демалыс күндерін қоса) {from} бастап → мерзім {to} аяқталады (Asia/Almaty).",
            $"{iso} круглосуточно (включая нерабочие дни) с {from} → срок истекает {to} (Asia/Almaty).",
            $"{iso} around the clock (days off included) from {from} → due at {to} (Asia/Almaty)."));
    }

    private (Instant, LocalizedText) SameDay(Instant start)
    {
        var accepted = start.InZone(WorkingCalendar.Zone).Date;
        if (calendar.IsWorkingDay(accepted))
        {
            return (EndOf(accepted), new LocalizedText(
                $"Қызмет құжаттар берілген күні көрсетіледі: {Iso(accepted)} қабылданды, жұмыс күні → мерзім сол күннің соңында аяқталады (Asia/Almaty).",
                $"Услуга оказывается в день подачи документов: принято {Iso(accepted)}, рабочий день → срок истекает в конце этого дня (Asia/Almaty).",
                $"Served on the day the documents are handed in: accepted on {Iso(accepted)}, a working day → due by the end of that day (Asia/Almaty)."));
        }

        var (due, skipped) = SkipDaysOff(accepted);
        return (EndOf(due), new LocalizedText(
            $"Қызмет құжаттар берілген күні көрсетіледі: {Iso(accepted)} демалыс күні қабылданды ({skipped.Kk}) → мерзім келесі жұмыс күні {Iso(due)} соңында аяқталады (Asia/Almaty).",
            $"Услуга оказывается в день подачи документов: принято в нерабочий день {Iso(accepted)} ({skipped.Ru}) → срок истекает в конце следующего рабочего дня {Iso(due)} (Asia/Almaty).",
            $"Served on the day the documents are handed in: accepted on a day off, {Iso(accepted)} ({skipped.En}) → due by the end of {Iso(due)}, the next working day (Asia/Almaty)."));
    }

    /// <summary>From a day off to the next working day, with the reasons of every day passed over.</summary>
    private (LocalDate Due, LocalizedText Skipped) SkipDaysOff(LocalDate dayOff)
    {
        var skipped = new List<CalendarDay>();
        var date = dayOff;
        while (!calendar.IsWorkingDay(date))
        {
            skipped.Add(calendar.Explain(date));
            date = date.PlusDays(1);
        }

        return (date, Describe(skipped));
    }

    private static LocalizedText Describe(IReadOnlyList<CalendarDay> days) => new(
        string.Join("; ", days.Select(d => $"{Iso(d.Date)} — {d.Reason.Kk}")),
        string.Join("; ", days.Select(d => $"{Iso(d.Date)} — {d.Reason.Ru}")),
        string.Join("; ", days.Select(d => $"{Iso(d.Date)} — {d.Reason.En}")));

    /// <summary>The end of a local day, as the exclusive instant: 00:00 of the next day in Asia/Almaty.</summary>
    private static Instant EndOf(LocalDate date) => WorkingCalendar.Zone.AtStartOfDay(date.PlusDays(1)).ToInstant();

    private static string Week(IReadOnlyDictionary<IsoDayOfWeek, OfficeHours> reception) =>
        string.Join("; ", reception.OrderBy(d => d.Key).Select(d => $"{d.Key.ToString()[..3]} {d.Value}"));

    private static Duration ToDuration(Period term, bool allowDays)
    {
        if (term.Years != 0 || term.Months != 0 || (!allowDays && (term.Weeks != 0 || term.Days != 0)))
        {
            throw new ArgumentException($"{term} is not a term in hours or minutes.", nameof(term));
        }

        return term.ToDuration();
    }

    private static string Local(Instant instant) => Minutes.Format(instant.InZone(WorkingCalendar.Zone).LocalDateTime);

    private static string Iso(LocalDate date) => WorkingCalendar.Iso(date);

    private static LocalizedText Append(LocalizedText text, string kk, string ru, string en) => new(text.Kk + kk, text.Ru + ru, text.En + en);
}
