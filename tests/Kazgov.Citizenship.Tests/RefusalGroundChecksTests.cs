using Kazgov.Citizenship.Domain;
using Kazgov.Platform.Catalogue;

namespace Kazgov.Citizenship.Tests;

public sealed class RefusalGroundChecksTests
{
    [Fact]
    public void Every_ground_of_18_and_19_is_established_exactly_once()
    {
        var entry = ServiceCatalogue.Load().Find("citizenship")!;
        var covered = RefusalGroundChecks.All().ToList();

        entry.RefusalGrounds.Should().HaveCount(11);
        covered.Select(c => c.Ground).Should().OnlyHaveUniqueItems()
            .And.BeEquivalentTo(entry.RefusalGrounds.Select(g => g.Code));
    }

    [Fact]
    public void Renunciation_grounds_are_asked_of_the_court_administration_prosecutors_and_national_security()
    {
        var byGround = RefusalGroundChecks.All().ToDictionary(c => c.Ground, c => c.EstablishedBy);

        byGround["holds-other-citizenship"].Should().Be("rule");
        byGround["convicted-terrorism"].Should().Be("external:admission:criminal-record");
        byGround["incites-hatred-or-against-state-language"].Should().Be("external:admission:national-security");
        byGround["renunciation-outstanding-obligations"].Should().Be("external:renunciation:property-obligations");
        byGround["renunciation-accused-in-criminal-case"].Should().Be("external:renunciation:criminal-record");
        byGround["renunciation-serving-sentence"].Should().Be("external:renunciation:criminal-record");
        byGround["renunciation-contrary-to-state-security"].Should().Be("external:renunciation:national-security");
    }

    [Fact]
    public void The_24_professions_of_appendix_2_are_reference_data_with_seed_lines()
    {
        var professions = ServiceCatalogue.Load().Find("citizenship")!.Professions;

        professions.Select(p => p.Number).Should().Equal(Enumerable.Range(1, CategoryRules.ProfessionCount));
        professions.Should().OnlyContain(p => p.Source.Length > 0 && p.Requirements.En.Length > 0);
    }
}
