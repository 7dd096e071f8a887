using Kazgov.Platform.Applications;

namespace Kazgov.Weapons.Tests;

public class WeaponChecksTests
{
    [Theory]
    [InlineData(ApplicantKind.Individual, new[] { "criminal-record", "administrative-offences" })]
    [InlineData(ApplicantKind.Foreigner, new[] { "criminal-record", "administrative-offences" })]
    [InlineData(ApplicantKind.LegalEntity, new string[0])]
    public void A_person_is_checked_by_the_agencies_and_an_organisation_is_not(ApplicantKind applicant, string[] checks) =>
        WeaponChecks.For(applicant).Select(k => k.Code).Should().Equal(checks);

    [Fact]
    public void A_found_answer_names_the_checks_own_ground() =>
        WeaponChecks.All.Select(k => k.AsExternalCheck()).Select(k => string.Join(",", k.Grounds))
            .Should().Equal("conviction-not-expunged", "repeated-administrative-offences");
}
