using Kazgov.Licensing.Domain;
using NodaTime;

namespace Kazgov.Licensing.Tests;

/// <summary>driver-licence §17, each ground at its boundary.</summary>
public sealed class DriverLicenceRulesTests
{
    private static readonly LocalDate Birth = new(2008, 6, 15);

    [Theory]
    [InlineData("A", 16)]
    [InlineData("B", 18)]
    [InlineData("C", 18)]
    [InlineData("D", 20)]
    public void The_day_before_the_birthday_is_too_young_and_the_birthday_itself_is_old_enough(string category, int years)
    {
        var birthday = Birth.PlusYears(years);
        var categories = new[] { Enum.Parse<LicenceCategory>(category) };

        Grounds(Case(categories), birthday.PlusDays(-1)).Should().Equal("applicant-too-young");
        Grounds(Case(categories), birthday).Should().BeEmpty();
    }

    [Fact]
    public void The_strictest_category_asked_for_decides()
    {
        var day = Birth.PlusYears(19);

        var finding = DriverLicenceRules.Check(Case([LicenceCategory.B, LicenceCategory.D]), day).Single();

        finding.RefusalGround.Should().Be("applicant-too-young");
        finding.Explanation.En.Should().Be("The applicant is 19; the minimum age for the categories: D (20) (§17.5)");
    }

    /// <summary>A term in years ending in a month without that day ends on the month's last day (Civil Code), as NodaTime counts it.</summary>
    [Fact]
    public void A_birthday_on_29_February_is_reached_on_28_February_in_a_common_year()
    {
        var leapling = new LocalDate(2008, 2, 29);

        Grounds(Case([LicenceCategory.B]) with { BirthDate = leapling }, new LocalDate(2026, 2, 27)).Should().Equal("applicant-too-young");
        Grounds(Case([LicenceCategory.B]) with { BirthDate = leapling }, new LocalDate(2026, 2, 28)).Should().BeEmpty();
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(11, true)]
    [InlineData(12, false)]
    public void Category_E_needs_twelve_months_of_driving_experience(int? months, bool refused)
    {
        var day = Birth.PlusYears(30);

        var grounds = Grounds(Case([LicenceCategory.E]) with { DrivingExperienceMonths = months }, day);

        grounds.Contains("driving-experience-insufficient").Should().Be(refused);
    }

    [Fact]
    public void A_confirmed_medical_decision_refuses()
    {
        Grounds(Case([LicenceCategory.B]) with { MedicalDecisionPreventsDriving = true }, Birth.PlusYears(30))
            .Should().Equal("health-prevents-driving");
    }

    [Fact]
    public void A_deprivation_refuses_from_its_first_day_to_its_last_and_not_after()
    {
        var ban = new DrivingBan(DrivingBan.Deprivation, new LocalDate(2026, 1, 10), new LocalDate(2026, 7, 9), "Сот қаулысы № 2-123/2026");
        var withBan = Case([LicenceCategory.B]) with { BirthDate = new LocalDate(1990, 1, 1), Bans = [ban] };

        Grounds(withBan, new LocalDate(2026, 1, 9)).Should().BeEmpty();
        Grounds(withBan, new LocalDate(2026, 1, 10)).Should().Equal("right-to-drive-deprived");
        Grounds(withBan, new LocalDate(2026, 7, 9)).Should().Equal("right-to-drive-deprived");
        Grounds(withBan, new LocalDate(2026, 7, 10)).Should().BeEmpty();
    }

    [Fact]
    public void An_open_ended_court_restriction_refuses_on_its_own_ground()
    {
        var ban = new DrivingBan(DrivingBan.CourtRestriction, new LocalDate(2025, 5, 1), null, "Сот шешімі № 7");

        Grounds(Case([LicenceCategory.B]) with { Bans = [ban] }, new LocalDate(2030, 1, 1)).Should().Equal("right-to-drive-restricted-by-court");
    }

    private static DriverLicenceCase Case(IReadOnlyList<LicenceCategory> categories) => new(Birth, categories, false, null, []);

    private static List<string> Grounds(DriverLicenceCase licenceCase, LocalDate day) =>
        DriverLicenceRules.Check(licenceCase, day).Select(f => f.RefusalGround).ToList();
}
