using Kazgov.Licensing.Domain;
using Kazgov.Platform.Calendar;
using NodaTime;

namespace Kazgov.Licensing.Tests;

/// <summary>The seed's note to driver-licence §7: licences are handed out 12:00–13:00 and 18:00–19:00 on working days.</summary>
public sealed class IssuanceWindowsTests
{
    private static readonly WorkingCalendar Calendar = HolidayRuleDefaults.Calendar();

    [Theory]
    [InlineData(11, 59, false)]
    [InlineData(12, 0, true)]
    [InlineData(12, 59, true)]
    [InlineData(13, 0, false)]
    [InlineData(17, 59, false)]
    [InlineData(18, 0, true)]
    [InlineData(19, 0, false)]
    public void Windows_open_at_their_start_and_close_at_their_end(int hour, int minute, bool open) =>
        IssuanceWindows.IsOpen(IssuanceWindows.Default, Calendar, new LocalDateTime(2026, 3, 10, hour, minute)).Should().Be(open);

    [Fact]
    public void No_window_opens_on_a_day_off() =>
        IssuanceWindows.IsOpen(IssuanceWindows.Default, Calendar, new LocalDateTime(2026, 3, 9, 12, 30)).Should().BeFalse("9 March 2026 is the carried-over day off for 8 March");

    [Fact]
    public void After_the_midday_window_the_evening_one_is_next()
    {
        var (from, to) = IssuanceWindows.Next(IssuanceWindows.Default, Calendar, new LocalDateTime(2026, 3, 10, 13, 30));

        from.Should().Be(new LocalDateTime(2026, 3, 10, 18, 0));
        to.Should().Be(new LocalDateTime(2026, 3, 10, 19, 0));
    }

    [Fact]
    public void After_Friday_evening_the_next_window_skips_the_weekend_and_a_holiday()
    {
        // Friday 20 March 2026, 19:30; 21–23 March is Nauryz and 24–25 March its carried-over days.
        var (from, _) = IssuanceWindows.Next(IssuanceWindows.Default, Calendar, new LocalDateTime(2026, 3, 20, 19, 30));

        from.Should().Be(new LocalDateTime(2026, 3, 26, 12, 0));
    }
}
