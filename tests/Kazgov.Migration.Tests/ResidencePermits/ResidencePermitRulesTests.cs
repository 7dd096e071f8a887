using CsCheck;
using Kazgov.Migration.ResidencePermits.Domain;
using NodaTime;

namespace Kazgov.Migration.Tests.ResidencePermits;

public class ResidencePermitRulesTests
{
    private static readonly LocalDate Day = new(2026, 3, 10);

    [Theory]
    [InlineData("residence-permit", "foreigner", "residence-permit", "RP")]
    [InlineData("stateless-certificate", "stateless-person", "stateless-certificate", "SC")]
    public void The_sub_type_gives_the_applicant_type_and_the_fee_item(string subType, string applicantType, string feeItem, string prefix)
    {
        var kind = ResidencePermitKind.Of(subType)!;

        kind.ApplicantType.Should().Be(applicantType);
        kind.FeeItem.Should().Be(feeItem);
        kind.NumberPrefix.Should().Be(prefix);
        ResidencePermitKind.Of("permanent-residence").Should().BeNull();
        ResidencePermitKind.Of(null).Should().BeNull();
    }

    [Theory]
    // §6 on 10 March 2026: 16 on the 16th birthday, 15 the day before it.
    [InlineData("2010-03-10", 16)]
    [InlineData("2010-03-11", 15)]
    // Born on 29 February: 16 on 28 February of a common year (NodaTime truncates the anniversary), 15 the day before.
    [InlineData("2008-02-29", 18)]
    public void Age_is_counted_in_full_years_on_the_day(string birthDate, int age)
    {
        ResidencePermitRules.AgeOn(Parse(birthDate), Day).Should().Be(age);
    }

    [Fact]
    public void A_29_february_birthday_turns_16_on_28_february_of_a_common_year()
    {
        var born = new LocalDate(2012, 2, 29);

        ResidencePermitRules.AgeOn(born, new LocalDate(2028, 2, 28)).Should().Be(15, "2028 is a leap year: the birthday is 29 February");
        ResidencePermitRules.AgeOn(born, new LocalDate(2028, 2, 29)).Should().Be(16);
        ResidencePermitRules.AgeOn(new LocalDate(2011, 2, 28), new LocalDate(2027, 2, 27)).Should().Be(15);
        ResidencePermitRules.AgeOn(new LocalDate(2011, 2, 28), new LocalDate(2027, 2, 28)).Should().Be(16);
    }

    [Theory]
    [InlineData("residence-permit", "2010-03-10", null, "Allowed")]
    [InlineData("residence-permit", "2010-03-11", null, "TooYoung")]
    [InlineData("residence-permit", "2010-03-11", "Нотариаттық келісім № 77", "TooYoung")]
    [InlineData("stateless-certificate", "2010-03-10", null, "Allowed")]
    [InlineData("stateless-certificate", "2010-03-11", null, "ProofOfUnaccompaniedTravelMissing")]
    [InlineData("stateless-certificate", "2010-03-11", "  ", "ProofOfUnaccompaniedTravelMissing")]
    [InlineData("stateless-certificate", "2010-03-11", "Нотариаттық келісім № 77", "Allowed")]
    public void Under_16_only_a_stateless_certificate_for_travel_abroad_without_parents(string subType, string birthDate, string? proof, string verdict)
    {
        ResidencePermitRules.CheckAge(ResidencePermitKind.Of(subType)!, Parse(birthDate), Day, proof).ToString().Should().Be(verdict);
    }

    [Theory]
    // §18.2 "fewer than 2 months remain": 10 March + 2 months = 10 May.
    [InlineData("2026-05-09", true)]
    [InlineData("2026-05-10", false)]
    [InlineData("2026-03-10", true)]
    [InlineData("2026-03-09", true)]
    [InlineData("2030-01-31", false)]
    public void A_passport_expiring_before_the_day_plus_two_months_refuses(string expiresOn, bool refused)
    {
        ResidencePermitRules.PassportTooShort(Parse(expiresOn), Day).Should().Be(refused);
    }

    [Fact]
    public void Two_months_from_31_december_end_on_the_last_day_of_february()
    {
        var day = new LocalDate(2026, 12, 31);

        ResidencePermitRules.PassportTooShort(new LocalDate(2027, 2, 27), day).Should().BeTrue();
        ResidencePermitRules.PassportTooShort(new LocalDate(2027, 2, 28), day).Should().BeFalse();
    }

    [Fact]
    public void The_passport_rule_is_monotonic_a_later_expiry_never_refuses_where_an_earlier_one_passes()
    {
        Gen.Int[0, 5000].Select(Gen.Int[0, 400], Gen.Int[0, 400]).Sample((day, a, b) =>
        {
            var today = new LocalDate(2020, 1, 1).PlusDays(day);
            var earlier = today.PlusDays(Math.Min(a, b) - 30);
            var later = today.PlusDays(Math.Max(a, b) - 30);
            return !ResidencePermitRules.PassportTooShort(earlier, today) ? !ResidencePermitRules.PassportTooShort(later, today) : true;
        });
    }

    [Theory]
    [InlineData("residence-permit", "2030-01-31", "2030-01-31")]
    [InlineData("residence-permit", "2040-01-31", "2036-03-10")]
    [InlineData("stateless-certificate", "2030-01-31", "2036-03-10")]
    [InlineData("stateless-certificate", null, "2036-03-10")]
    public void Validity_is_ten_years_and_a_permit_not_beyond_its_passport(string subType, string? passport, string validUntil)
    {
        ResidencePermitRules.ValidUntil(ResidencePermitKind.Of(subType)!, Day, passport is null ? null : Parse(passport)).Should().Be(Parse(validUntil));
    }

    [Theory]
    [InlineData("75 1234567", "751234567")]
    [InlineData("aa-0000002", "AA0000002")]
    public void Travel_document_numbers_are_compared_without_spaces_dashes_or_case(string written, string compared)
    {
        ResidencePermitRules.NormaliseDocumentNumber(written).Should().Be(compared);
    }

    private static LocalDate Parse(string text) => NodaTime.Text.LocalDatePattern.Iso.Parse(text).Value;
}
