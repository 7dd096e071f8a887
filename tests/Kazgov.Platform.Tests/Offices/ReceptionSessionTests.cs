using Kazgov.Platform.Applications;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Offices;
using NodaTime;

namespace Kazgov.Platform.Tests.Offices;

/// <summary>
/// Weapon-registration §10 [L14246]: reception at least twice a week, twice in the evening and twice a
/// month on days off; the weapons units' default sessions (Tuesday and Thursday 09:00–13:00 and
/// 18:00–20:00, the 1st and 3rd Saturday 10:00–13:00), and the hand-over times and the term they give.
/// </summary>
public sealed class ReceptionSessionTests
{
    private static readonly WorkingCalendar Calendar = HolidayRuleDefaults.Calendar();
    private static readonly IReadOnlyList<ReceptionSession> Weapons = OfficeSchedule.Default(["weapon-registration"]).ReceptionsOf("weapon-registration");
    private static readonly HandOverTimetable Timetable = new(HandOverSource.Reception, [], Weapons);

    private static ReceptionSession Session(IsoDayOfWeek day, int from, int to, params int[] weeks) =>
        new("weapon-registration", day, new LocalTime(from, 0), new LocalTime(to, 0), weeks.Length == 0 ? null : weeks);

    [Fact]
    public void The_default_sessions_meet_the_minimum_of_10_exactly()
    {
        WeaponsReceptionMinimum.Count(Weapons).Should().Be((2, 2, 2));
        WeaponsReceptionMinimum.Shortfall(Weapons).Should().BeNull();
        var schedule = OfficeSchedule.Default(["weapon-registration"]);
        OfficeSchedule.Validate(schedule.Days, schedule.ServiceWindows, ["weapon-registration"], schedule.Receptions).IsEmpty.Should().BeTrue();
        OfficeSchedule.Default(["driver-licence"]).Receptions.Should().BeNull("only standard 7 receives by sessions");
    }

    [Fact]
    public void One_session_fewer_of_any_kind_is_refused_with_the_counts()
    {
        var schedule = OfficeSchedule.Default(["weapon-registration"]);
        foreach (var dropped in Weapons)
        {
            var fewer = Weapons.Where(s => s != dropped).ToList();
            var errors = OfficeSchedule.Validate(schedule.Days, [], ["weapon-registration"], fewer).ToDictionary();
            errors.Keys.Should().Equal(["receptions"], $"dropping {dropped} leaves less than §10 asks");
        }

        // A session in the 5th week is not in every month; the last one is.
        var fifth = Weapons.Take(4).Append(Session(IsoDayOfWeek.Sunday, 10, 13, 1, 5)).ToList();
        WeaponsReceptionMinimum.Count(fifth).DaysOffPerMonth.Should().Be(1);
        var last = Weapons.Take(4).Append(Session(IsoDayOfWeek.Sunday, 10, 13, 1, -1)).ToList();
        WeaponsReceptionMinimum.Count(last).DaysOffPerMonth.Should().Be(2);
        OfficeSchedule.Validate(schedule.Days, [], ["weapon-registration"], null).ToDictionary().Keys.Should().Equal("receptions");
    }

    [Theory]
    [InlineData(17, 0, 19, 0, true)]
    [InlineData(16, 59, 19, 0, false)] // begins in the working day
    [InlineData(17, 0, 18, 0, false)] // ends with the working day
    [InlineData(18, 0, 18, 1, true)]
    public void An_evening_session_begins_at_17_or_later_and_runs_past_18(int fromHour, int fromMinute, int toHour, int toMinute, bool evening) =>
        new ReceptionSession("weapon-registration", IsoDayOfWeek.Monday, new LocalTime(fromHour, fromMinute), new LocalTime(toHour, toMinute)).IsEvening.Should().Be(evening);

    [Fact]
    public void Bad_sessions_are_refused_field_by_field()
    {
        var bad = new List<ReceptionSession>
        {
            new("citizenship", IsoDayOfWeek.None, new LocalTime(13, 0), new LocalTime(9, 0), [0, 6]),
        };
        var errors = OfficeSchedule.Validate(OfficeSchedule.Default(["driver-licence"]).Days, [], ["driver-licence"], bad).ToDictionary();
        errors.Keys.Should().BeEquivalentTo("receptions[0].service", "receptions[0].day", "receptions[0].to", "receptions[0].weeksOfMonth");
    }

    [Theory]
    [InlineData("2026-03-07", true)] // the 1st Saturday of March
    [InlineData("2026-03-14", false)] // the 2nd
    [InlineData("2026-03-21", false)] // the 3rd, but Nauryz
    [InlineData("2026-03-10", true)] // a Tuesday
    [InlineData("2026-03-11", false)] // a Wednesday
    [InlineData("2026-03-24", false)] // a Tuesday, but the day off carried over from Nauryz on Saturday
    [InlineData("2026-04-18", true)] // the 3rd Saturday of April
    public void A_session_is_held_on_its_days_unless_a_holiday_or_day_off_falls_then(string date, bool held) =>
        ReceptionSessions.On(Weapons, LocalDate.FromDateTime(DateTime.Parse(date, System.Globalization.CultureInfo.InvariantCulture)), Calendar)
            .Any().Should().Be(held);

    [Fact]
    public void The_last_week_of_the_month_is_the_last_occurrence_of_the_day()
    {
        var last = Session(IsoDayOfWeek.Saturday, 10, 13, -1);
        last.RecursOn(new LocalDate(2026, 2, 28)).Should().BeTrue();
        last.RecursOn(new LocalDate(2026, 2, 21)).Should().BeFalse();
        last.RecursOn(new LocalDate(2026, 8, 29)).Should().BeTrue("August 2026 has five Saturdays; the 29th is the last");
        Session(IsoDayOfWeek.Saturday, 10, 13, 5).RecursOn(new LocalDate(2026, 8, 29)).Should().BeTrue();
        Session(IsoDayOfWeek.Saturday, 10, 13, 4).RecursOn(new LocalDate(2026, 8, 29)).Should().BeFalse();
    }

    [Theory]
    [InlineData(8, 59, false)]
    [InlineData(9, 0, true)]
    [InlineData(12, 59, true)]
    [InlineData(13, 0, false)]
    [InlineData(17, 59, false)]
    [InlineData(18, 0, true)]
    [InlineData(19, 59, true)]
    [InlineData(20, 0, false)]
    public void Hand_over_is_open_only_during_a_session(int hour, int minute, bool open) =>
        HandOverWindowRules.IsOpen(day => Timetable.On(day, Calendar), new LocalDateTime(2026, 3, 10, hour, minute)).Should().Be(open);

    [Fact]
    public void The_next_session_skips_days_without_reception_holidays_and_the_2nd_saturday()
    {
        Next(new LocalDateTime(2026, 3, 10, 13, 0)).Should().Be((new LocalDateTime(2026, 3, 10, 18, 0), new LocalDateTime(2026, 3, 10, 20, 0)));
        Next(new LocalDateTime(2026, 3, 10, 20, 0)).Should().Be((new LocalDateTime(2026, 3, 12, 9, 0), new LocalDateTime(2026, 3, 12, 13, 0)));
        Next(new LocalDateTime(2026, 3, 12, 20, 0)).Should().Be((new LocalDateTime(2026, 3, 17, 9, 0), new LocalDateTime(2026, 3, 17, 13, 0)), "the 14th is the 2nd Saturday");
        Next(new LocalDateTime(2026, 3, 19, 20, 0)).Should().Be((new LocalDateTime(2026, 3, 26, 9, 0), new LocalDateTime(2026, 3, 26, 13, 0)),
            "the 21st is Nauryz and the 24th its carried-over day off");
        Next(new LocalDateTime(2026, 3, 5, 20, 0)).Should().Be((new LocalDateTime(2026, 3, 7, 10, 0), new LocalDateTime(2026, 3, 7, 13, 0)), "the 1st Saturday");
    }

    private static (LocalDateTime, LocalDateTime)? Next(LocalDateTime now) => HandOverWindowRules.Next(day => Timetable.On(day, Calendar), now);

    [Theory]
    [InlineData("2026-02-10", "2026-03-10")] // the last day is a Tuesday: a reception day
    [InlineData("2026-02-11", "2026-03-12")] // Wednesday → Thursday
    [InlineData("2026-02-12", "2026-03-12")] // the day of
    [InlineData("2026-02-06", "2026-03-07")] // Friday 6 March → Saturday 7, the 1st Saturday
    [InlineData("2026-02-13", "2026-03-17")] // Friday 13 → the 2nd Saturday and Monday have none → Tuesday 17
    [InlineData("2026-02-20", "2026-03-26")] // Friday 20 → Nauryz and its carried-over day off → Thursday 26
    public void A_month_ends_on_a_reception_day_of_the_unit(string accepted, string due)
    {
        var acceptedAt = Instant.FromDateTimeOffset(DateTimeOffset.Parse(accepted + "T10:00:00+05:00", System.Globalization.CultureInfo.InvariantCulture));
        var deadline = new DeadlineEngine(Calendar).Compute(new DeadlineRequest(acceptedAt, Period.FromMonths(1), DeadlineClock.Calendar, Sessions: Weapons));
        deadline.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).Should().Be(due);
        var last = LocalDate.FromDateTime(DateTime.Parse(accepted, System.Globalization.CultureInfo.InvariantCulture)).PlusMonths(1);
        deadline.Rule.En.Should().Contain(deadline.DueDate == last ? "a reception day of the office" : "its next reception day");
    }

    [Fact]
    public void Without_sessions_the_month_ends_on_the_working_day()
    {
        var acceptedAt = Instant.FromUtc(2026, 2, 11, 5, 0);
        new DeadlineEngine(Calendar).Compute(new DeadlineRequest(acceptedAt, Period.FromMonths(1), DeadlineClock.Calendar)).DueDate
            .Should().Be(new LocalDate(2026, 3, 11));
    }
}
