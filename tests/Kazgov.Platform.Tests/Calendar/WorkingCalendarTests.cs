using Kazgov.Platform.Calendar;
using Kazgov.Kernel.Localization;
using NodaTime;

namespace Kazgov.Platform.Tests.Calendar;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = HolidayRuleDefaults.Calendar();

    private static LocalDate D(int year, int month, int day) => new(year, month, day);

    /// <summary>Every day of 2025 that is not a plain Saturday/Sunday and not a working day.</summary>
    public static TheoryData<int, Dictionary<LocalDate, (DayKind Kind, string? Holiday)>> DaysOffBesidesWeekends => new()
    {
        {
            2025, new()
            {
                [D(2025, 1, 1)] = (DayKind.NationalHoliday, "new-year-1"),
                [D(2025, 1, 2)] = (DayKind.NationalHoliday, "new-year-2"),
                [D(2025, 1, 7)] = (DayKind.ReligiousHoliday, "orthodox-christmas"),
                [D(2025, 3, 8)] = (DayKind.NationalHoliday, "womens-day"), // Saturday
                [D(2025, 3, 10)] = (DayKind.CarriedOverDayOff, "womens-day"),
                [D(2025, 3, 21)] = (DayKind.NationalHoliday, "nauryz-1"),
                [D(2025, 3, 22)] = (DayKind.NationalHoliday, "nauryz-2"), // Saturday
                [D(2025, 3, 23)] = (DayKind.NationalHoliday, "nauryz-3"), // Sunday
                [D(2025, 3, 24)] = (DayKind.CarriedOverDayOff, "nauryz-2"),
                [D(2025, 3, 25)] = (DayKind.CarriedOverDayOff, "nauryz-3"),
                [D(2025, 5, 1)] = (DayKind.NationalHoliday, "unity-day"),
                [D(2025, 5, 7)] = (DayKind.NationalHoliday, "defender-day"),
                [D(2025, 5, 9)] = (DayKind.NationalHoliday, "victory-day"),
                [D(2025, 6, 6)] = (DayKind.ReligiousHoliday, "kurban-ait-2025"),
                [D(2025, 7, 6)] = (DayKind.NationalHoliday, "capital-day"), // Sunday
                [D(2025, 7, 7)] = (DayKind.CarriedOverDayOff, "capital-day"),
                [D(2025, 8, 30)] = (DayKind.NationalHoliday, "constitution-day"), // Saturday
                [D(2025, 9, 1)] = (DayKind.CarriedOverDayOff, "constitution-day"),
                [D(2025, 10, 25)] = (DayKind.NationalHoliday, "republic-day-2022"), // Saturday
                [D(2025, 10, 27)] = (DayKind.CarriedOverDayOff, "republic-day-2022"),
                [D(2025, 12, 16)] = (DayKind.NationalHoliday, "independence-day-1"),
            }
        },
        {
            2026, new()
            {
                [D(2026, 1, 1)] = (DayKind.NationalHoliday, "new-year-1"),
                [D(2026, 1, 2)] = (DayKind.NationalHoliday, "new-year-2"),
                [D(2026, 1, 7)] = (DayKind.ReligiousHoliday, "orthodox-christmas"),
                [D(2026, 3, 8)] = (DayKind.NationalHoliday, "womens-day"), // Sunday
                [D(2026, 3, 9)] = (DayKind.CarriedOverDayOff, "womens-day"),
                [D(2026, 3, 21)] = (DayKind.NationalHoliday, "nauryz-1"), // Saturday
                [D(2026, 3, 22)] = (DayKind.NationalHoliday, "nauryz-2"), // Sunday
                [D(2026, 3, 23)] = (DayKind.NationalHoliday, "nauryz-3"), // Monday: the carried days pass over it
                [D(2026, 3, 24)] = (DayKind.CarriedOverDayOff, "nauryz-1"),
                [D(2026, 3, 25)] = (DayKind.CarriedOverDayOff, "nauryz-2"),
                [D(2026, 5, 1)] = (DayKind.NationalHoliday, "unity-day"),
                [D(2026, 5, 7)] = (DayKind.NationalHoliday, "defender-day"),
                [D(2026, 5, 9)] = (DayKind.NationalHoliday, "victory-day"), // Saturday
                [D(2026, 5, 11)] = (DayKind.CarriedOverDayOff, "victory-day"),
                [D(2026, 5, 27)] = (DayKind.ReligiousHoliday, "kurban-ait-2026"),
                [D(2026, 7, 6)] = (DayKind.NationalHoliday, "capital-day"),
                [D(2026, 8, 30)] = (DayKind.NationalHoliday, "constitution-day"), // Sunday
                [D(2026, 8, 31)] = (DayKind.CarriedOverDayOff, "constitution-day"),
                [D(2026, 10, 25)] = (DayKind.NationalHoliday, "republic-day-2022"), // Sunday
                [D(2026, 10, 26)] = (DayKind.CarriedOverDayOff, "republic-day-2022"),
                [D(2026, 12, 16)] = (DayKind.NationalHoliday, "independence-day-1"),
            }
        },
    };

    [Theory]
    [MemberData(nameof(DaysOffBesidesWeekends))]
    public void Every_day_of_the_year_has_exactly_the_expected_kind(int year, Dictionary<LocalDate, (DayKind Kind, string? Holiday)> expected)
    {
        var special = Calendar.Days(D(year, 1, 1), D(year, 12, 31))
            .Where(day => day.Kind is not (DayKind.WorkingDay or DayKind.Weekend))
            .ToDictionary(day => day.Date, day => (day.Kind, day.HolidayCode));

        special.Should().BeEquivalentTo(expected);
        foreach (var date in expected.Keys)
        {
            Calendar.IsWorkingDay(date).Should().BeFalse("{0} is a day off", date);
        }

        // Everything else: Saturdays and Sundays are weekend days, all other days are working days.
        foreach (var day in Calendar.Days(D(year, 1, 1), D(year, 12, 31)).Where(day => !expected.ContainsKey(day.Date)))
        {
            var weekend = day.Date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
            day.Kind.Should().Be(weekend ? DayKind.Weekend : DayKind.WorkingDay, "{0}", day.Date);
            day.Working.Should().Be(!weekend);
        }
    }

    // 104 Saturdays and Sundays in each year, and 15 weekdays off (holidays on weekdays and carried-over days).
    [Theory]
    [InlineData(2025, 246, 119)]
    [InlineData(2026, 246, 119)]
    public void A_year_has_the_expected_number_of_working_days(int year, int working, int off)
    {
        var days = Calendar.Days(D(year, 1, 1), D(year, 12, 31)).ToList();

        days.Count(d => d.Working).Should().Be(working);
        days.Count(d => !d.Working).Should().Be(off);
    }

    [Fact]
    public void Victory_day_on_a_Saturday_makes_Monday_a_carried_over_day_off()
    {
        var saturday = Calendar.Explain(D(2026, 5, 9));
        var monday = Calendar.Explain(D(2026, 5, 11));

        saturday.Reason.Should().Be(new LocalizedText(
            "Мереке күні: Жеңіс күні (сенбіге сәйкес келді, демалыс 2026-05-11 күніне ауыстырылды)",
            "Праздничный день: День Победы (выпадает на субботу, выходной переносится на 2026-05-11)",
            "National holiday: Victory Day (falls on a Saturday; the day off is carried over to 2026-05-11)"));
        monday.Working.Should().BeFalse();
        monday.Reason.En.Should().Be("Carried-over day off: Victory Day (2026-05-09) fell on a weekend");
        monday.Reason.Ru.Should().Be("Перенесённый выходной день: День Победы (2026-05-09) совпал с выходным днём");
        Calendar.IsWorkingDay(D(2026, 5, 12)).Should().BeTrue();
    }

    [Fact]
    public void Two_holidays_on_one_weekend_carry_two_days_that_pass_over_a_holiday_Monday()
    {
        // Nauryz 2026: Saturday 21, Sunday 22 and Monday 23 March. Each weekend holiday carries its own day;
        // Monday is itself a holiday, so the carried days are Tuesday 24 and Wednesday 25.
        Calendar.Days(D(2026, 3, 20), D(2026, 3, 26)).Select(d => (d.Date.Day, d.Working, d.Kind)).Should().Equal(
            (20, true, DayKind.WorkingDay),
            (21, false, DayKind.NationalHoliday),
            (22, false, DayKind.NationalHoliday),
            (23, false, DayKind.NationalHoliday),
            (24, false, DayKind.CarriedOverDayOff),
            (25, false, DayKind.CarriedOverDayOff),
            (26, true, DayKind.WorkingDay));
    }

    [Fact]
    public void New_year_on_Saturday_and_Sunday_gives_Monday_and_Tuesday_off()
    {
        // 2022: 1 January a Saturday, 2 January a Sunday; 7 January (religious) a Friday.
        Calendar.Days(D(2022, 1, 1), D(2022, 1, 10)).Where(d => !d.Working).Select(d => (d.Date.Day, d.Kind)).Should().Equal(
            (1, DayKind.NationalHoliday),
            (2, DayKind.NationalHoliday),
            (3, DayKind.CarriedOverDayOff),
            (4, DayKind.CarriedOverDayOff),
            (7, DayKind.ReligiousHoliday),
            (8, DayKind.Weekend),
            (9, DayKind.Weekend));
    }

    [Fact]
    public void A_religious_holiday_on_a_weekend_carries_nothing_over()
    {
        // Orthodox Christmas 2024 was a Sunday: Monday 8 January 2024 stays a working day.
        var sunday = Calendar.Explain(D(2024, 1, 7));

        sunday.Kind.Should().Be(DayKind.ReligiousHoliday);
        sunday.Reason.En.Should().Be("Religious holiday, day off: Orthodox Christmas (falls on a weekend; not carried over)");
        Calendar.Explain(D(2024, 1, 8)).Kind.Should().Be(DayKind.WorkingDay);
    }

    [Fact]
    public void Holiday_history_follows_the_valid_years()
    {
        // 17 December a day off until 2021; 25 October a day off again from 2022; 1 December 2012–2021.
        Calendar.Explain(D(2021, 12, 17)).Kind.Should().Be(DayKind.NationalHoliday);
        Calendar.Explain(D(2024, 12, 17)).Kind.Should().Be(DayKind.WorkingDay);
        Calendar.Explain(D(2021, 10, 25)).Kind.Should().Be(DayKind.WorkingDay);
        Calendar.Explain(D(2022, 10, 25)).Kind.Should().Be(DayKind.NationalHoliday);
        Calendar.Explain(D(2020, 12, 1)).Kind.Should().Be(DayKind.NationalHoliday);
        Calendar.Explain(D(2022, 12, 1)).Kind.Should().Be(DayKind.WorkingDay);
        // 2018: 16 December a Sunday, 17 December a Monday (holiday) → the carried day is Tuesday 18.
        Calendar.Explain(D(2018, 12, 18)).Kind.Should().Be(DayKind.CarriedOverDayOff);
    }

    [Fact]
    public void Overrides_beat_the_rules()
    {
        var reason = new LocalizedText("Күн ауыстыру", "Перенос дня", "Day transfer");
        var calendar = new WorkingCalendar(HolidayRuleDefaults.Load(),
        [
            new CalendarOverride(D(2025, 1, 3), Working: false, reason, "Government decree"),
            new CalendarOverride(D(2025, 1, 5), Working: true, reason, null),
        ]);

        calendar.Explain(D(2025, 1, 3)).Should().Be(new CalendarDay(D(2025, 1, 3), false, DayKind.OverrideDayOff, reason, null));
        calendar.Explain(D(2025, 1, 5)).Kind.Should().Be(DayKind.OverrideWorkingDay);
        calendar.IsWorkingDay(D(2025, 1, 5)).Should().BeTrue();
        calendar.NextWorkingDayAfter(D(2025, 1, 2)).Should().Be(D(2025, 1, 5));
    }

    [Fact]
    public void The_shipped_rules_are_the_expected_set()
    {
        var rules = HolidayRuleDefaults.Load();

        rules.Should().HaveCount(19);
        rules.Select(r => r.Code).Should().OnlyHaveUniqueItems();
        rules.Where(r => r.Kind == HolidayKind.Religious).Should().OnlyContain(r => !r.CarryOver);
        rules.Where(r => r.Kind == HolidayKind.National).Should().OnlyContain(r => r.CarryOver);
        rules.Should().OnlyContain(r => r.Name.Kk.Length > 0 && r.Name.Ru.Length > 0 && r.Name.En.Length > 0 && r.Source.Length > 0);
    }
}
