using Kazgov.Migration.PermanentResidence.Domain;
using Kazgov.Platform.Catalogue;

namespace Kazgov.Migration.Tests.PermanentResidence;

public sealed class RefusalGroundChecksTests
{
    [Fact]
    public void Every_ground_of_18_is_established_exactly_once_by_a_rule_an_agency_or_the_clerk()
    {
        var catalogue = ServiceCatalogue.Load().Find("permanent-residence")!;
        var covered = RefusalGroundChecks.All().ToList();

        catalogue.RefusalGrounds.Should().HaveCount(13);
        covered.Select(c => c.Ground).Should().OnlyHaveUniqueItems()
            .And.BeEquivalentTo(catalogue.RefusalGrounds.Select(g => g.Code));
    }

    [Fact]
    public void The_outside_agencies_answer_criminal_record_epidemic_expulsion_and_national_security_grounds()
    {
        var byGround = RefusalGroundChecks.All().ToDictionary(c => c.Ground, c => c.EstablishedBy);

        byGround["solvency-not-proven"].Should().Be("rule");
        byGround["convicted-terrorism-or-grave-crime"].Should().Be("external:criminal-record");
        byGround["epidemic-disease"].Should().Be("external:epidemic-disease");
        byGround["previously-expelled"].Should().Be("external:expulsion");
        byGround["violent-change-of-constitutional-order"].Should().Be("external:national-security");
        byGround["incites-hatred"].Should().Be("clerk");
        byGround["false-information-or-late-documents"].Should().Be("clerk");
        byGround["protect-rights-of-others"].Should().Be("clerk");
    }
}
