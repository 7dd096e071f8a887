using Kazgov.Platform.Offices;
using Kazgov.Tests;
using NodaTime;
using Npgsql;

namespace Kazgov.Platform.Tests.Offices;

public sealed class OfficeScheduleTests
{
    [Fact]
    public void Road_police_receive_on_saturday_and_take_hand_over_windows_from_the_catalogue()
    {
        var schedule = OfficeSchedule.Default(["driver-licence", "vehicle-registration", "proxy-driver-registration"]);

        schedule.TimeZone.Should().Be("Asia/Almaty");
        schedule.Days.Select(d => d.Day).Should().Equal(
            IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday);
        schedule.Days.Should().OnlyContain(d => d.Opens == new LocalTime(9, 0) && d.Closes == new LocalTime(18, 0)
            && d.Lunch == new TimeRange(new LocalTime(13, 0), new LocalTime(14, 0)));
        schedule.ServiceWindows.Should().BeEmpty("the windows are the catalogue's; an office lists its own only to override them");
    }

    [Fact]
    public void Address_bureaus_and_licensing_units_work_the_five_day_week()
    {
        OfficeSchedule.Default(["address-certificate"]).Days.Select(d => d.Day).Should().NotContain([IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday])
            .And.HaveCount(5);
        OfficeSchedule.Default(["weapon-registration"]).Days.Should().HaveCount(5);
        OfficeSchedule.Default(["citizenship"]).Days.Should().HaveCount(6);
        OfficeSchedule.Default(["address-certificate"]).ServiceWindows.Should().BeEmpty();
    }

    [Fact]
    public void A_schedule_with_end_before_start_or_lunch_outside_hours_is_refused_field_by_field()
    {
        var days = new List<OfficeDay>
        {
            new(IsoDayOfWeek.Monday, new(9, 0), new(8, 0), null),
            new(IsoDayOfWeek.Monday, new(9, 0), new(13, 0), new TimeRange(new(12, 0), new(14, 0))),
            new(IsoDayOfWeek.None, new(9, 0), new(18, 0), new TimeRange(new(14, 0), new(13, 0))),
        };
        var windows = new List<ServiceWindow> { new("citizenship", "x", new(12, 0), new(12, 0), null) };

        var errors = OfficeSchedule.Validate(days, windows, ["driver-licence"]).ToDictionary();

        errors.Keys.Should().BeEquivalentTo(
            "days[0].closes", "days[1].day", "days[1].lunch", "days[2].day", "days[2].lunch.to",
            "serviceWindows[0].service", "serviceWindows[0].to");
        OfficeSchedule.Validate([], null, []).ToDictionary().Keys.Should().Equal("days");
        var good = OfficeSchedule.Default(["driver-licence"]);
        OfficeSchedule.Validate(good.Days, good.ServiceWindows, ["driver-licence"]).IsEmpty.Should().BeTrue();
    }

    [Fact]
    public async Task PostgreSQL_lower_handles_kazakh_letters_in_the_clusters_locale()
    {
        // The search does its own folding in C# (SeedText.Fold); this pins that the cluster's
        // C.UTF-8 lower() would agree, for anyone who searches in SQL.
        var builder = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT lower('ӨСКЕМЕН ҚҰҒІҢӘҮҺ') = 'өскемен құғіңәүһ'", connection);

        (await command.ExecuteScalarAsync()).Should().Be(true);
    }
}
