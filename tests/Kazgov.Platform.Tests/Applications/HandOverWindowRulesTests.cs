using Kazgov.Platform.Applications;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using NodaTime;

namespace Kazgov.Platform.Tests.Applications;

/// <summary>
/// Hand-over windows as the catalogue gives them: driver-licence §7 note [L88] 12:00–13:00 and
/// 18:00–19:00, vehicle-registration §7 note [L14957] 12:00–13:00 and 17:00–18:00, on working days.
/// </summary>
public sealed class HandOverWindowRulesTests
{
    private static readonly WorkingCalendar Calendar = HolidayRuleDefaults.Calendar();
    private static readonly ServiceCatalogue Catalogue = Kazgov.Platform.Tests.Catalogue.SeedText.Catalogue;
    private static readonly IReadOnlyList<HandOverWindow> Licences = HandOverWindows.FromCatalogue(Catalogue.Find("driver-licence")!);
    private static readonly IReadOnlyList<HandOverWindow> Vehicles = HandOverWindows.FromCatalogue(Catalogue.Find("vehicle-registration")!);

    [Theory]
    [InlineData(11, 59, false)]
    [InlineData(12, 0, true)]
    [InlineData(12, 59, true)]
    [InlineData(13, 0, false)]
    [InlineData(17, 59, false)]
    [InlineData(18, 0, true)]
    [InlineData(19, 0, false)]
    public void Licence_windows_open_at_their_start_and_close_at_their_end(int hour, int minute, bool open) =>
        HandOverWindowRules.IsOpen(Licences, Calendar, new LocalDateTime(2026, 3, 10, hour, minute)).Should().Be(open);

    [Theory]
    [InlineData(16, 59, false)]
    [InlineData(17, 0, true)]
    [InlineData(17, 30, true)]
    [InlineData(18, 0, false)]
    [InlineData(20, 22, false)]
    public void Vehicle_windows_are_their_own(int hour, int minute, bool open) =>
        HandOverWindowRules.IsOpen(Vehicles, Calendar, new LocalDateTime(2026, 3, 10, hour, minute)).Should().Be(open);

    [Fact]
    public void No_window_opens_on_a_day_off() =>
        HandOverWindowRules.IsOpen(Licences, Calendar, new LocalDateTime(2026, 3, 9, 12, 30)).Should().BeFalse("9 March 2026 is the carried-over day off for 8 March");

    [Fact]
    public void After_the_midday_window_the_evening_one_is_next()
    {
        var (from, to) = HandOverWindowRules.Next(Licences, Calendar, new LocalDateTime(2026, 3, 10, 13, 30));

        from.Should().Be(new LocalDateTime(2026, 3, 10, 18, 0));
        to.Should().Be(new LocalDateTime(2026, 3, 10, 19, 0));
    }

    [Fact]
    public void After_Friday_evening_the_next_window_skips_the_weekend_and_a_holiday()
    {
        // Friday 20 March 2026, 19:30; 21–23 March is Nauryz and 24–25 March its carried-over days.
        var (from, _) = HandOverWindowRules.Next(Licences, Calendar, new LocalDateTime(2026, 3, 20, 19, 30));

        from.Should().Be(new LocalDateTime(2026, 3, 26, 12, 0));
    }
}
