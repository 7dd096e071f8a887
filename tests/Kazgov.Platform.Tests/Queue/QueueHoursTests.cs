using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Platform.Offices;
using Kazgov.Platform.Queue;
using NodaTime;

namespace Kazgov.Platform.Tests.Queue;

/// <summary>The queue's pure rules: waits without the lunch break, the hours tickets are given in, norms and numbers.</summary>
public sealed class QueueHoursTests
{
    private static readonly OfficeSchedule RoadPolice = OfficeSchedule.Default(["driver-licence"]);
    private static readonly WorkingCalendar Calendar = HolidayRuleDefaults.Calendar();

    private static Instant At(int month, int day, int hour, int minute) =>
        new LocalDateTime(2026, month, day, hour, minute).InZoneStrictly(WorkingCalendar.Zone).ToInstant();

    [Theory]
    [InlineData(10, 0, 10, 40, 40)]
    [InlineData(12, 30, 14, 15, 45)]
    [InlineData(12, 50, 14, 20, 30)]
    [InlineData(13, 0, 14, 0, 0)]
    [InlineData(12, 59, 14, 1, 2)]
    [InlineData(14, 0, 14, 0, 0)]
    public void A_wait_leaves_out_the_lunch_break(int fromHour, int fromMinute, int toHour, int toMinute, int minutes) =>
        QueueHours.WaitMinutes(At(4, 15, fromHour, fromMinute), At(4, 15, toHour, toMinute), RoadPolice).Should().Be(minutes);

    [Fact]
    public void Part_minutes_are_not_counted() =>
        QueueHours.WaitMinutes(At(4, 15, 10, 0), At(4, 15, 10, 0) + Duration.FromSeconds(59), RoadPolice).Should().Be(0);

    [Theory]
    [InlineData(4, 15, 9, 0, null)]
    [InlineData(4, 15, 12, 59, null)]
    [InlineData(4, 15, 13, 0, QueueClosure.LunchBreak)]
    [InlineData(4, 15, 14, 0, null)]
    [InlineData(4, 15, 17, 59, null)]
    [InlineData(4, 15, 18, 0, QueueClosure.OutsideHours)]
    [InlineData(4, 15, 8, 59, QueueClosure.OutsideHours)]
    [InlineData(4, 18, 10, 0, null)] // Saturday: driver-licence §10 [L99] receives on one day off
    [InlineData(4, 19, 10, 0, QueueClosure.DayOff)] // Sunday
    [InlineData(3, 23, 10, 0, QueueClosure.DayOff)] // Nauryz
    public void Tickets_are_given_in_reception_hours_only(int month, int day, int hour, int minute, QueueClosure? closure) =>
        QueueHours.ClosureAt(RoadPolice, "driver-licence", At(month, day, hour, minute), Calendar).Should().Be(closure);

    [Fact]
    public void Weapons_tickets_follow_the_reception_sessions()
    {
        var weapons = OfficeSchedule.Default(["weapon-registration"]);

        // Tuesday 14 April 2026: sessions 09:00–13:00 and 18:00–20:00; Wednesday none.
        QueueHours.ClosureAt(weapons, "weapon-registration", At(4, 14, 10, 0), Calendar).Should().BeNull();
        QueueHours.ClosureAt(weapons, "weapon-registration", At(4, 14, 19, 0), Calendar).Should().BeNull();
        QueueHours.ClosureAt(weapons, "weapon-registration", At(4, 14, 15, 0), Calendar).Should().Be(QueueClosure.OutsideHours);
        QueueHours.ClosureAt(weapons, "weapon-registration", At(4, 15, 10, 0), Calendar).Should().Be(QueueClosure.OutsideHours);
    }

    [Theory]
    [InlineData("driver-licence", QueuePurpose.Submission, 40)]
    [InlineData("driver-licence", QueuePurpose.PickUp, 30)]
    [InlineData("citizenship", QueuePurpose.Submission, 60)]
    [InlineData("citizenship", QueuePurpose.PickUp, 30)]
    [InlineData("proxy-driver-registration", QueuePurpose.Submission, 20)]
    public void The_norm_comes_from_the_catalogue(string service, QueuePurpose purpose, int minutes) =>
        QueueHours.NormMinutes(ServiceCatalogue.Load().Find(service)!, purpose).Should().Be(minutes);

    [Fact]
    public void Numbers_name_the_service_and_purpose() =>
        (TicketNumbers.Format(TicketNumbers.Prefix("driver-licence", QueuePurpose.Submission), 7),
         TicketNumbers.Format(TicketNumbers.Prefix("citizenship", QueuePurpose.PickUp), 1234))
        .Should().Be(("DT-007", "CA-1234"));
}
