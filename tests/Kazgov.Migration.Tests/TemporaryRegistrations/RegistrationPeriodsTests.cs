using CsCheck;
using Kazgov.Migration.TemporaryRegistrations.Domain;
using NodaTime;

namespace Kazgov.Migration.Tests.TemporaryRegistrations;

/// <summary>temporary-registration §6 and §16, each rule at its boundary, and the period's bounds as properties.</summary>
public sealed class RegistrationPeriodsTests
{
    // Tuesday 10 March 2026.
    private static readonly LocalDate Today = new(2026, 3, 10);

    private static readonly LocalDate FarAway = new(2035, 1, 1);

    [Fact]
    public void The_fifth_day_after_the_crossing_is_on_time_and_the_sixth_is_one_day_late()
    {
        var crossed = new LocalDate(2026, 3, 1);

        RegistrationPeriods.DueBy(crossed).Should().Be(new LocalDate(2026, 3, 6), "the crossing day is not counted");
        RegistrationPeriods.DaysLate(crossed, crossed).Should().Be(0);
        RegistrationPeriods.DaysLate(crossed, new LocalDate(2026, 3, 6)).Should().Be(0);
        RegistrationPeriods.DaysLate(crossed, new LocalDate(2026, 3, 7)).Should().Be(1);
        RegistrationPeriods.DaysLate(crossed, new LocalDate(2026, 3, 20)).Should().Be(14);
    }

    [Fact]
    public void Sixteen_is_reached_on_the_sixteenth_birthday_not_the_day_before()
    {
        var birth = new LocalDate(2010, 3, 10);

        RegistrationPeriods.IsOldEnough(birth, new LocalDate(2026, 3, 9)).Should().BeFalse();
        RegistrationPeriods.IsOldEnough(birth, new LocalDate(2026, 3, 10)).Should().BeTrue();
    }

    [Fact]
    public void The_requested_period_stands_when_no_limit_is_shorter()
    {
        var period = RegistrationPeriods.Compute(new PeriodRequest(Today, new LocalDate(2026, 5, 1), FarAway, StayBasis.Visa, VisaValidUntil: new LocalDate(2026, 12, 31)));

        period.Should().Be(new RegistrationPeriod(Today, new LocalDate(2026, 5, 1), RegistrationPeriods.ByRequest));
    }

    [Fact]
    public void The_travel_document_expiring_the_day_before_the_requested_end_cuts_the_period_and_on_that_day_does_not()
    {
        var requested = new LocalDate(2026, 5, 1);

        RegistrationPeriods.Compute(new PeriodRequest(Today, requested, requested.PlusDays(-1), StayBasis.Visa, VisaValidUntil: FarAway))
            .Should().Be(new RegistrationPeriod(Today, requested.PlusDays(-1), RegistrationPeriods.ByTravelDocument));
        RegistrationPeriods.Compute(new PeriodRequest(Today, requested, requested, StayBasis.Visa, VisaValidUntil: FarAway))
            .Should().Be(new RegistrationPeriod(Today, requested, RegistrationPeriods.ByRequest));
    }

    [Fact]
    public void A_document_that_expired_yesterday_leaves_nothing_to_register_and_one_expiring_today_leaves_today()
    {
        RegistrationPeriods.Compute(new PeriodRequest(Today, FarAway, Today.PlusDays(-1), StayBasis.Visa, VisaValidUntil: FarAway)).Should().BeNull();
        RegistrationPeriods.Compute(new PeriodRequest(Today, FarAway, Today, StayBasis.Visa, VisaValidUntil: FarAway))
            .Should().Be(new RegistrationPeriod(Today, Today, RegistrationPeriods.ByTravelDocument));
    }

    [Fact]
    public void A_multiple_entry_visa_registers_the_actual_stay_until_the_visa_ends()
    {
        var visa = new LocalDate(2026, 8, 31);

        RegistrationPeriods.Compute(new PeriodRequest(Today, new LocalDate(2026, 9, 30), FarAway, StayBasis.Visa, VisaValidUntil: visa))
            .Should().Be(new RegistrationPeriod(Today, visa, RegistrationPeriods.ByVisa));
        RegistrationPeriods.Compute(new PeriodRequest(Today, new LocalDate(2026, 4, 30), FarAway, StayBasis.Visa, VisaValidUntil: visa))!
            .Until.Should().Be(new LocalDate(2026, 4, 30));
    }

    [Fact]
    public void Visa_free_is_ninety_days_with_the_first_day_counted()
    {
        // 10 March + 90 days, first day counted: the 90th day is 7 June.
        var ninetiethDay = new LocalDate(2026, 6, 7);

        RegistrationPeriods.Compute(new PeriodRequest(Today, ninetiethDay, FarAway, StayBasis.VisaFree, VisaFreeLimit: Period.FromDays(90)))
            .Should().Be(new RegistrationPeriod(Today, ninetiethDay, RegistrationPeriods.ByRequest));
        RegistrationPeriods.Compute(new PeriodRequest(Today, ninetiethDay.PlusDays(1), FarAway, StayBasis.VisaFree, VisaFreeLimit: Period.FromDays(90)))
            .Should().Be(new RegistrationPeriod(Today, ninetiethDay, RegistrationPeriods.ByVisaFreeLimit));
        RegistrationPeriods.Compute(new PeriodRequest(Today, FarAway, FarAway, StayBasis.VisaFree))!
            .Until.Should().Be(ninetiethDay, "a state with no limit of its own has the §16 ninety days");
    }

    [Fact]
    public void Turkey_has_one_month_and_a_longer_state_limit_would_not_lengthen_ninety_days()
    {
        RegistrationPeriods.Compute(new PeriodRequest(Today, FarAway, FarAway, StayBasis.VisaFree, VisaFreeLimit: Period.FromMonths(1)))
            .Should().Be(new RegistrationPeriod(Today, new LocalDate(2026, 4, 9), RegistrationPeriods.ByVisaFreeLimit));
        RegistrationPeriods.VisaFreeLimitOf(Period.FromDays(120)).Should().Be(Period.FromDays(90));
    }

    [Fact]
    public void A_visa_free_extension_starts_the_day_after_the_first_ends_and_is_possible_once()
    {
        var first = new RegistrationPeriod(Today, new LocalDate(2026, 6, 7), RegistrationPeriods.ByVisaFreeLimit);
        var request = new PeriodRequest(Today, FarAway, FarAway, StayBasis.VisaFree, VisaFreeLimit: Period.FromDays(90));

        RegistrationPeriods.Extend(first, StayBasis.VisaFree, firstIsExtension: false, request)
            .Should().Be(new RegistrationPeriod(new LocalDate(2026, 6, 8), new LocalDate(2026, 9, 5), RegistrationPeriods.ByVisaFreeLimit));
        RegistrationPeriods.Extend(first, StayBasis.VisaFree, firstIsExtension: true, request).Should().BeNull();
        RegistrationPeriods.Extend(first, StayBasis.Visa, firstIsExtension: false, request).Should().BeNull();
    }

    [Fact]
    public void A_work_permit_gives_its_validity()
    {
        var permit = new LocalDate(2027, 1, 31);

        RegistrationPeriods.Compute(new PeriodRequest(Today, FarAway, FarAway, StayBasis.WorkPermit, VisaValidUntil: FarAway, WorkPermitValidUntil: permit))
            .Should().Be(new RegistrationPeriod(Today, permit, RegistrationPeriods.ByWorkPermit));
    }

    [Theory]
    [InlineData("2026-03-10", "2026-06-30")]
    [InlineData("2026-06-30", "2026-06-30")]
    [InlineData("2026-07-01", "2027-06-30")]
    [InlineData("2026-09-01", "2027-06-30")]
    public void A_student_is_registered_until_30_June_of_the_academic_year(string from, string end)
    {
        var day = NodaTime.Text.LocalDatePattern.Iso.Parse(from).Value;

        RegistrationPeriods.Compute(new PeriodRequest(day, FarAway, FarAway, StayBasis.Study, VisaValidUntil: FarAway))
            .Should().Be(new RegistrationPeriod(day, NodaTime.Text.LocalDatePattern.Iso.Parse(end).Value, RegistrationPeriods.ByAcademicYear));
    }

    [Fact]
    public void Six_months_to_the_day_is_not_over_six_months_and_one_day_more_is()
    {
        // From 10 March, six months end on 9 September.
        RegistrationPeriods.ExceedsSixMonths(new RegistrationPeriod(Today, new LocalDate(2026, 9, 9), "requested")).Should().BeFalse();
        RegistrationPeriods.ExceedsSixMonths(new RegistrationPeriod(Today, new LocalDate(2026, 9, 10), "requested")).Should().BeTrue();
    }

    private static readonly Gen<LocalDate> Day = Gen.Int[0, 3000].Select(d => new LocalDate(2024, 1, 1).PlusDays(d));

    private static readonly Period?[] VisaFreeLimits = [null, Period.FromDays(90), Period.FromMonths(1)];

    private static readonly Period?[] CategoryLimits = [null, Period.FromMonths(1), Period.FromMonths(3)];

    /// <summary>An offset in days from the first day, or none (-31).</summary>
    private static readonly Gen<int?> OptionalDays = Gen.Int[-31, 1000].Select(d => d == -31 ? (int?)null : d);

    private static readonly Gen<PeriodRequest> Requests =
        Gen.Select(Day, Gen.Int[-30, 800], Gen.Int[-30, 3000], Gen.Int[0, 3].Select(b => (StayBasis)b), OptionalDays, Gen.Int[0, 2].Select(i => VisaFreeLimits[i]), OptionalDays, Gen.Int[0, 2].Select(i => CategoryLimits[i]))
            .Select(t => new PeriodRequest(
                t.Item1,
                t.Item1.PlusDays(t.Item2),
                t.Item1.PlusDays(t.Item3),
                t.Item4,
                t.Item5 is { } visa ? t.Item1.PlusDays(visa) : null,
                t.Item6,
                t.Item7 is { } permit ? t.Item1.PlusDays(permit) : null,
                t.Item8));

    [Fact]
    public void The_period_never_ends_after_the_travel_document_nor_the_request_nor_any_limit()
    {
        Requests.Sample(request =>
        {
            var period = RegistrationPeriods.Compute(request);
            if (period is null)
            {
                return new[] { request.RequestedUntil, request.TravelDocumentExpiresOn, request.VisaValidUntil ?? LocalDate.MaxIsoValue }.Min() < request.From
                    || request.Basis is StayBasis.WorkPermit && request.WorkPermitValidUntil < request.From;
            }

            return period.From == request.From
                && period.Until >= period.From
                && period.Until <= request.TravelDocumentExpiresOn
                && period.Until <= request.RequestedUntil
                && (request.VisaValidUntil is null || period.Until <= request.VisaValidUntil)
                && (request.Basis != StayBasis.VisaFree || period.Until <= RegistrationPeriods.LastDay(request.From, RegistrationPeriods.VisaFreeMaximum))
                && (request.Basis != StayBasis.VisaFree || request.VisaFreeLimit is null || period.Until <= RegistrationPeriods.LastDay(request.From, request.VisaFreeLimit))
                && (request.Basis != StayBasis.WorkPermit || request.WorkPermitValidUntil is null || period.Until <= request.WorkPermitValidUntil)
                && (request.Basis != StayBasis.Study || period.Until <= RegistrationPeriods.AcademicYearEnd(request.From))
                && (request.CategoryLimit is null || period.Until <= RegistrationPeriods.LastDay(request.From, request.CategoryLimit));
        });
    }

    [Fact]
    public void A_visa_free_extension_never_ends_later_than_twice_the_limit_after_the_first_day()
    {
        Requests.Where(r => r.Basis == StayBasis.VisaFree).Sample(request =>
        {
            var first = RegistrationPeriods.Compute(request);
            if (first is null)
            {
                return true;
            }

            var extension = RegistrationPeriods.Extend(first, StayBasis.VisaFree, false, request);
            return extension is null
                || (extension.From == first.Until.PlusDays(1)
                    && extension.Until <= request.TravelDocumentExpiresOn
                    && extension.Until <= RegistrationPeriods.LastDay(extension.From, RegistrationPeriods.VisaFreeMaximum)
                    && extension.Until <= RegistrationPeriods.LastDay(request.From, RegistrationPeriods.VisaFreeMaximum).PlusDays(90));
        });
    }
}
