using Kazgov.Platform.Calendar;
using Kazgov.Kernel.Localization;
using NodaTime;

namespace Kazgov.Platform.Tests.Calendar;

public sealed class DeadlineEngineTests
{
    private static readonly DeadlineEngine Engine = new(HolidayRuleDefaults.Calendar());

    /// <summary>A local Asia/Almaty moment (UTC+5 since 2024-03-01).</summary>
    private static Instant At(int year, int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(WorkingCalendar.Zone).ToInstant();

    private static Instant Utc(int year, int month, int day, int hour, int minute = 0) => Instant.FromUtc(year, month, day, hour, minute);

    [Fact]
    public void Permanent_residence_accepted_10_March_is_due_at_the_end_of_12_May()
    {
        // P2M from 2026-03-10 → 2026-05-10, a Sunday; 11 May is the day off carried over from Victory Day (Saturday 9 May).
        var deadline = Engine.Compute(new DeadlineRequest(At(2026, 3, 10, 10), Period.FromMonths(2), DeadlineClock.Calendar));

        deadline.DueDate.Should().Be(new LocalDate(2026, 5, 12));
        deadline.DueAt.Should().Be(Utc(2026, 5, 12, 19), "the end of 12 May is 00:00 of 13 May in Almaty (UTC+5), exclusive");
        deadline.Rule.Should().Be(new LocalizedText(
            "P2M қабылданған күннен (2026-03-10) бастап күнтізбелік уақытпен есептеледі: соңғы күн — 2026-05-10; "
            + "2026-05-10 — Демалыс күні: жексенбі; 2026-05-11 — Ауыстырылған демалыс күні: Жеңіс күні (2026-05-09) демалыс күнге сәйкес келді "
            + "→ мерзім келесі жұмыс күні 2026-05-12 соңында аяқталады (Asia/Almaty).",
            "P2M в календарном исчислении с даты приёма (2026-03-10): последний день — 2026-05-10; "
            + "2026-05-10 — Выходной день: воскресенье; 2026-05-11 — Перенесённый выходной день: День Победы (2026-05-09) совпал с выходным днём "
            + "→ срок истекает в конце следующего рабочего дня 2026-05-12 (Asia/Almaty).",
            "P2M in calendar time from the acceptance date (2026-03-10): the last day is 2026-05-10; "
            + "2026-05-10 — Weekend: Sunday; 2026-05-11 — Carried-over day off: Victory Day (2026-05-09) fell on a weekend "
            + "→ due by the end of 2026-05-12, the next working day (Asia/Almaty)."));
    }

    [Theory]
    [InlineData(2025, 2025, 2, 28)] // 28 February 2025, a Friday
    [InlineData(2024, 2024, 2, 29)] // a leap year: 29 February 2024, a Thursday
    [InlineData(2026, 2026, 3, 2)]  // 28 February 2026 is a Saturday → Monday 2 March
    public void A_month_from_31_January_ends_on_the_last_day_of_February(int year, int dueYear, int dueMonth, int dueDay)
    {
        var deadline = Engine.Compute(new DeadlineRequest(At(year, 1, 31, 11), Period.FromMonths(1), DeadlineClock.Calendar));

        deadline.DueDate.Should().Be(new LocalDate(dueYear, dueMonth, dueDay));
    }

    [Fact]
    public void A_term_ending_on_a_working_day_ends_at_the_end_of_that_day()
    {
        var deadline = Engine.Compute(new DeadlineRequest(At(2026, 4, 8, 15), Period.FromMonths(1), DeadlineClock.Calendar));

        deadline.DueDate.Should().Be(new LocalDate(2026, 5, 8));
        deadline.DueAt.Should().Be(Utc(2026, 5, 8, 19));
        deadline.Rule.En.Should().Be(
            "P1M in calendar time from the acceptance date (2026-04-08): the last day is 2026-05-08, a working day; due by the end of that day (Asia/Almaty).");
    }

    [Theory]
    [InlineData(2026, 3, 10, "P5D", 2026, 3, 16)]  // 15 March a Sunday → Monday 16
    [InlineData(2026, 3, 16, "P5D", 2026, 3, 26)]  // 21 March Nauryz (Saturday) … 25 March carried over → Thursday 26
    [InlineData(2026, 2, 9, "P1M", 2026, 3, 10)]   // 9 March carried over from Women's Day (Sunday 8 March) → 10 March
    [InlineData(2025, 12, 6, "P3M", 2026, 3, 6)]   // citizenship, simplified
    [InlineData(2025, 12, 25, "P6M", 2026, 6, 25)] // citizenship, general
    [InlineData(2026, 7, 30, "P1M", 2026, 9, 1)]   // 30 August Constitution Day (Sunday), 31 August carried over
    public void Calendar_terms_move_past_days_off(int y, int m, int d, string term, int dueY, int dueM, int dueD)
    {
        var period = NodaTime.Text.PeriodPattern.NormalizingIso.Parse(term).Value;

        var deadline = Engine.Compute(new DeadlineRequest(At(y, m, d, 12), period, DeadlineClock.Calendar));

        deadline.DueDate.Should().Be(new LocalDate(dueY, dueM, dueD));
        deadline.DueAt.Should().Be(WorkingCalendar.Zone.AtStartOfDay(new LocalDate(dueY, dueM, dueD).PlusDays(1)).ToInstant());
    }

    [Fact]
    public void Six_working_hours_from_Friday_16_00_end_on_Monday_at_13_00()
    {
        // 2026-03-13 is a Friday: 16:00–18:00 counts 2 h, Monday 16 March 09:00–13:00 the other 4 h.
        var deadline = Engine.Compute(new DeadlineRequest(At(2026, 3, 13, 16), Period.FromHours(6), DeadlineClock.WorkingTime));

        deadline.DueAt.Should().Be(Utc(2026, 3, 16, 8));
        deadline.DueDate.Should().Be(new LocalDate(2026, 3, 16));
        deadline.Rule.En.Should().Be(
            "PT6H of working time (working days, 09:00–18:00) from 2026-03-13 16:00: 2026-03-13 16:00–18:00, 2026-03-16 09:00–13:00 "
            + "→ due at 2026-03-16 13:00 (Asia/Almaty). Days off skipped: 2026-03-14 — Weekend: Saturday; 2026-03-15 — Weekend: Sunday.");
    }

    /// <summary>A road-police office's schedule (driver-licence §10): Monday to Friday and Saturday, 09:00–18:00, lunch 13:00–14:00.</summary>
    private static readonly Dictionary<IsoDayOfWeek, OfficeHours> SaturdayReception = new[]
    {
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday,
    }.ToDictionary(d => d, _ => new OfficeHours(new LocalTime(9, 0), new LocalTime(18, 0), new LocalTime(13, 0), new LocalTime(14, 0)));

    [Fact]
    public void Six_reception_hours_from_Friday_16_00_run_into_the_offices_Saturday_reception()
    {
        // driver-licence §10: reception five days a week and also on one of the days off. Friday 13 March
        // 2026 16:00–18:00 counts 2 h, Saturday 14 March 09:00–13:00 the other 4 h.
        var deadline = Engine.Compute(new DeadlineRequest(At(2026, 3, 13, 16), Period.FromHours(6), DeadlineClock.WorkingTime, ReceptionDays: SaturdayReception));

        deadline.DueAt.Should().Be(At(2026, 3, 14, 13));
        deadline.Rule.En.Should().Contain("2026-03-13 16:00–18:00, 2026-03-14 09:00–13:00").And.Contain("Weekend reception day counted: 2026-03-14.");
    }

    [Fact]
    public void Reception_hours_skip_a_holiday_on_the_reception_Saturday_and_its_carried_over_days()
    {
        // Friday 20 March 2026 17:00: 1 h; Saturday 21 March is Nauryz (no reception), 22 Sunday, 23 Nauryz,
        // 24–25 carried over; Thursday 26 March 09:00–13:00 and 14:00–15:00 the other 5 h.
        var deadline = Engine.Compute(new DeadlineRequest(At(2026, 3, 20, 17), Period.FromHours(6), DeadlineClock.WorkingTime, ReceptionDays: SaturdayReception));

        deadline.DueAt.Should().Be(At(2026, 3, 26, 15));
        deadline.Rule.En.Should().Contain("2026-03-21 — National holiday");
    }

    [Fact]
    public void A_weekday_the_office_does_not_list_is_not_counted_but_its_own_saturday_hours_are()
    {
        var reception = new Dictionary<IsoDayOfWeek, OfficeHours>(SaturdayReception)
        {
            [IsoDayOfWeek.Saturday] = new OfficeHours(new LocalTime(10, 0), new LocalTime(14, 0)),
        };
        reception.Remove(IsoDayOfWeek.Monday);

        // Friday 13 March 16:00: 2 h; Saturday 10:00–14:00 4 h → due Saturday 14:00; with PT8H Monday is skipped: Tuesday 11:00.
        Engine.Compute(new DeadlineRequest(At(2026, 3, 13, 16), Period.FromHours(6), DeadlineClock.WorkingTime, ReceptionDays: reception))
            .DueAt.Should().Be(At(2026, 3, 14, 14));
        Engine.Compute(new DeadlineRequest(At(2026, 3, 13, 16), Period.FromHours(8), DeadlineClock.WorkingTime, ReceptionDays: reception))
            .DueAt.Should().Be(At(2026, 3, 17, 11));
    }

    [Fact]
    public void An_hour_term_runs_across_the_night()
    {
        var deadline = Engine.Compute(new DeadlineRequest(At(2026, 3, 10, 15), Period.FromHours(6), DeadlineClock.WorkingTime));

        deadline.DueAt.Should().Be(At(2026, 3, 11, 12));
    }

    [Fact]
    public void An_hour_term_skips_a_weekday_holiday()
    {
        // Wednesday 6 May 2026 16:00, PT3H: 2 h on Wednesday, Thursday 7 May is Defender of the Fatherland Day, 1 h on Friday.
        var deadline = Engine.Compute(new DeadlineRequest(At(2026, 5, 6, 16), Period.FromHours(3), DeadlineClock.WorkingTime));

        deadline.DueAt.Should().Be(At(2026, 5, 8, 10));
        deadline.Rule.En.Should().EndWith("Days off skipped: 2026-05-07 — National holiday: Defender of the Fatherland Day.");
    }

    [Fact]
    public void An_hour_term_skips_a_weekend_holiday_and_its_carried_over_day()
    {
        // Friday 8 May 2026 14:00, PT6H: 4 h on Friday; Saturday 9 (Victory Day), Sunday 10, Monday 11 (carried over) off; 2 h on Tuesday.
        var deadline = Engine.Compute(new DeadlineRequest(At(2026, 5, 8, 14), Period.FromHours(6), DeadlineClock.WorkingTime));

        deadline.DueAt.Should().Be(At(2026, 5, 12, 11));
    }

    [Fact]
    public void An_hour_term_skips_the_whole_of_Nauryz()
    {
        // Friday 20 March 2026 17:00: 1 h, then 21–25 March off, then 5 h on Thursday 26 March.
        var deadline = Engine.Compute(new DeadlineRequest(At(2026, 3, 20, 17), Period.FromHours(6), DeadlineClock.WorkingTime));

        deadline.DueAt.Should().Be(At(2026, 3, 26, 14));
    }

    [Theory]
    [InlineData(10, 0, 2026, 3, 10, 10, 10)] // inside office hours
    [InlineData(17, 55, 2026, 3, 11, 9, 5)]  // 5 minutes left on the day, 5 the next morning
    [InlineData(8, 30, 2026, 3, 10, 9, 10)]  // before opening: the count starts at 09:00
    [InlineData(19, 0, 2026, 3, 11, 9, 10)]  // after closing: the count starts the next working morning
    public void Ten_minutes_in_person_count_office_minutes(int hour, int minute, int y, int m, int d, int dueHour, int dueMinute)
    {
        var deadline = Engine.Compute(new DeadlineRequest(At(2026, 3, 10, hour, minute), Period.FromMinutes(10), DeadlineClock.WorkingTime));

        deadline.DueAt.Should().Be(At(y, m, d, dueHour, dueMinute));
    }

    [Fact]
    public void An_hour_term_accepted_on_a_day_off_starts_on_the_next_working_morning()
    {
        var deadline = Engine.Compute(new DeadlineRequest(At(2026, 3, 15, 11), Period.FromHours(3), DeadlineClock.WorkingTime));

        deadline.DueAt.Should().Be(At(2026, 3, 16, 12));
    }

    [Fact]
    public void A_lunch_break_from_the_office_schedule_is_not_counted()
    {
        var hours = new OfficeHours(new LocalTime(9, 0), new LocalTime(18, 0), new LocalTime(13, 0), new LocalTime(14, 0));

        var withBreak = Engine.Compute(new DeadlineRequest(At(2026, 3, 10, 10), Period.FromHours(6), DeadlineClock.WorkingTime, hours));
        var withoutBreak = Engine.Compute(new DeadlineRequest(At(2026, 3, 10, 10), Period.FromHours(6), DeadlineClock.WorkingTime));

        withBreak.DueAt.Should().Be(At(2026, 3, 10, 17));
        withoutBreak.DueAt.Should().Be(At(2026, 3, 10, 16));
    }

    [Fact]
    public void Forty_eight_hours_for_priority_agencies_run_around_the_clock()
    {
        // Friday 8 May 2026 10:00 → Sunday 10 May 10:00, although Saturday is Victory Day and Sunday a weekend day.
        var deadline = Engine.Compute(new DeadlineRequest(At(2026, 5, 8, 10), DeadlineRequest.TermOf(Duration.FromHours(48)), DeadlineClock.AroundTheClock));

        deadline.DueAt.Should().Be(Utc(2026, 5, 10, 5));
        deadline.DueDate.Should().Be(new LocalDate(2026, 5, 10));
        deadline.Rule.En.Should().Be("PT48H around the clock (days off included) from 2026-05-08 10:00 → due at 2026-05-10 10:00 (Asia/Almaty).");
    }

    [Fact]
    public void Temporary_registration_is_due_at_the_end_of_the_acceptance_day()
    {
        var deadline = Engine.Compute(new DeadlineRequest(At(2026, 3, 10, 10), Period.Zero, DeadlineClock.SameDay));

        deadline.DueDate.Should().Be(new LocalDate(2026, 3, 10));
        deadline.DueAt.Should().Be(Utc(2026, 3, 10, 19));
        deadline.Rule.Ru.Should().Be("Услуга оказывается в день подачи документов: принято 2026-03-10, рабочий день → срок истекает в конце этого дня (Asia/Almaty).");
    }

    [Theory]
    [InlineData(2026, 3, 15, 2026, 3, 16)] // a Sunday → Monday
    [InlineData(2026, 3, 22, 2026, 3, 26)] // Sunday of Nauryz → Thursday 26 March
    [InlineData(2026, 5, 27, 2026, 5, 28)] // Kurban Ait → the next day
    public void Temporary_registration_accepted_on_a_day_off_is_due_at_the_end_of_the_next_working_day(int y, int m, int d, int dueY, int dueM, int dueD)
    {
        var deadline = Engine.Compute(new DeadlineRequest(At(y, m, d, 12), Period.Zero, DeadlineClock.SameDay));

        deadline.DueDate.Should().Be(new LocalDate(dueY, dueM, dueD));
        deadline.DueAt.Should().Be(WorkingCalendar.Zone.AtStartOfDay(new LocalDate(dueY, dueM, dueD).PlusDays(1)).ToInstant());
    }

    [Fact]
    public void The_end_of_a_day_follows_the_zone_offset_of_that_day()
    {
        // Asia/Almaty was UTC+6 until 2024-03-01 and is UTC+5 since.
        Engine.Compute(new DeadlineRequest(At(2024, 2, 28, 10), Period.Zero, DeadlineClock.SameDay)).DueAt.Should().Be(Utc(2024, 2, 28, 18));
        Engine.Compute(new DeadlineRequest(At(2024, 3, 4, 10), Period.Zero, DeadlineClock.SameDay)).DueAt.Should().Be(Utc(2024, 3, 4, 19));
    }

    [Fact]
    public void Overrides_move_deadlines()
    {
        var reason = new LocalizedText("Ауыстыру", "Перенос", "Transfer");
        var calendar = new WorkingCalendar(HolidayRuleDefaults.Load(), [new CalendarOverride(new LocalDate(2026, 5, 12), false, reason, null)]);

        var deadline = new DeadlineEngine(calendar).Compute(new DeadlineRequest(At(2026, 3, 10, 10), Period.FromMonths(2), DeadlineClock.Calendar));

        deadline.DueDate.Should().Be(new LocalDate(2026, 5, 13));
        deadline.Rule.En.Should().Contain("2026-05-12 — Transfer");
    }

    [Fact]
    public void A_suspension_extends_the_term_by_the_suspended_span()
    {
        var request = new DeadlineRequest(At(2026, 3, 10, 10), Period.FromMonths(2), DeadlineClock.Calendar, Suspended: Duration.FromDays(10));

        var deadline = Engine.Compute(request);

        deadline.DueDate.Should().Be(new LocalDate(2026, 5, 20));
        deadline.Rule.En.Should().StartWith("The term was suspended for P10D, so it is counted as if accepted at 2026-03-20 10:00. P2M in calendar time");
    }

    [Theory]
    [InlineData("PT6H", DeadlineClock.Calendar)]
    [InlineData("P0D", DeadlineClock.Calendar)]
    [InlineData("P2M", DeadlineClock.WorkingTime)]
    [InlineData("P1D", DeadlineClock.WorkingTime)]
    [InlineData("P1M", DeadlineClock.AroundTheClock)]
    [InlineData("PT0H", DeadlineClock.WorkingTime)]
    public void A_term_that_does_not_fit_its_clock_is_refused(string term, DeadlineClock clock)
    {
        var period = NodaTime.Text.PeriodPattern.NormalizingIso.Parse(term).Value;

        var compute = () => Engine.Compute(new DeadlineRequest(At(2026, 3, 10, 10), period, clock));

        compute.Should().Throw<ArgumentException>();
    }
}
