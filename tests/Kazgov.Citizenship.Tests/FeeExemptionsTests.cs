using Kazgov.Citizenship.Domain;

namespace Kazgov.Citizenship.Tests;

/// <summary>citizenship §12.1 note: which exemption fits which category.</summary>
public sealed class FeeExemptionsTests
{
    [Theory]
    [InlineData("oralman", 1, null, true)]
    [InlineData("oralman", 7, null, false)]
    [InlineData("ukrainian-citizen-simplified-procedure", 2, null, true)]
    [InlineData("ukrainian-citizen-simplified-procedure", 3, null, false)]
    [InlineData("victim-of-mass-repression-or-descendant", 7, "Rehabilitation certificate 12/1998", true)]
    [InlineData("victim-of-mass-repression-or-descendant", 7, null, false)]
    [InlineData("victim-of-mass-repression-or-descendant", 8, "Rehabilitation certificate 12/1998", false)]
    [InlineData("oralman", 8, null, false)]
    public void An_exemption_fits_its_own_group_only(string exemption, int category, string? basis, bool fits) =>
        (FeeExemptions.Misfit(exemption, category, basis) is null).Should().Be(fits);

    [Fact]
    public void Only_the_oralman_and_repression_exemptions_are_once()
    {
        FeeExemptions.OneTime.Should().BeEquivalentTo("oralman", "victim-of-mass-repression-or-descendant");
    }
}
