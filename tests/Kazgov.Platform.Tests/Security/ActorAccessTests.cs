using System.Security.Claims;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;

namespace Kazgov.Platform.Tests.Security;

/// <summary>Object-level access rules of issue 5, actor by actor.</summary>
public sealed class ActorAccessTests
{
    private const string Astana = "office-astana";
    private const string Almaty = "office-almaty";

    private static readonly HttpCurrentActor ClerkAstana = Staff("clerk.astana", Roles.Clerk, Astana, "driver-licence", "vehicle-registration");
    private static readonly HttpCurrentActor HeadAstana = Staff("head.astana", Roles.UnitHead, Astana);
    private static readonly HttpCurrentActor MinistryAuditor = Staff("auditor", Roles.Auditor, null);
    private static readonly HttpCurrentActor AlmatyAuditor = Staff("auditor.almaty", Roles.Auditor, Almaty);
    private static readonly HttpCurrentActor Admin = Staff("admin", Roles.Admin, null);
    private static readonly HttpCurrentActor Portal = Client("egov-portal", "driver-licence:submit", "driver-licence:read");
    private static readonly HttpCurrentActor Anonymous = new HttpCurrentActor((ClaimsPrincipal?)null);

    [Fact]
    public void A_clerk_reads_and_changes_their_offices_applications_of_the_services_they_serve()
    {
        ClerkAstana.CanRead(Astana, "driver-licence").Should().BeTrue();
        ClerkAstana.CanChange(Astana, "vehicle-registration").Should().BeTrue();
        ClerkAstana.CanRead(Astana, "citizenship").Should().BeFalse("the clerk does not serve citizenship");
        ClerkAstana.CanRead(Almaty, "driver-licence").Should().BeFalse("another office");
        ClerkAstana.CanChange(Almaty, "driver-licence").Should().BeFalse();
    }

    [Fact]
    public void A_unit_head_sees_and_acts_on_the_whole_office()
    {
        HeadAstana.CanRead(Astana, "citizenship").Should().BeTrue();
        HeadAstana.CanChange(Astana, "address-certificate").Should().BeTrue();
        HeadAstana.CanRead(Almaty, "driver-licence").Should().BeFalse();
    }

    [Fact]
    public void An_auditor_reads_never_writes()
    {
        MinistryAuditor.CanRead(Astana, "driver-licence").Should().BeTrue();
        MinistryAuditor.CanRead(Almaty, "citizenship").Should().BeTrue();
        MinistryAuditor.CanChange(Astana, "driver-licence").Should().BeFalse();
        AlmatyAuditor.CanRead(Almaty, "citizenship").Should().BeTrue();
        AlmatyAuditor.CanRead(Astana, "citizenship").Should().BeFalse("an auditor bound to an office audits that office");
    }

    [Fact]
    public void An_administrator_does_not_see_citizens_applications()
    {
        Admin.CanRead(Astana, "driver-licence").Should().BeFalse();
        Admin.CanChange(Astana, "driver-licence").Should().BeFalse();
        Admin.CanSeeOffice(Astana).Should().BeTrue("administrators manage every office's staff");
    }

    [Fact]
    public void A_client_sees_only_what_it_submitted_and_only_with_the_scope()
    {
        Portal.CanRead(Astana, "driver-licence", submittedBy: "client:egov-portal").Should().BeTrue();
        Portal.CanChange(Almaty, "driver-licence", submittedBy: "client:egov-portal").Should().BeTrue();
        Portal.CanRead(Astana, "driver-licence", submittedBy: "client:bank").Should().BeFalse("another client's application");
        Portal.CanRead(Astana, "driver-licence", submittedBy: null).Should().BeFalse("taken in at the counter");
        Portal.CanRead(Astana, "citizenship", submittedBy: "client:egov-portal").Should().BeFalse("no citizenship scope");
        Client("reader", "driver-licence:read").CanChange(Astana, "driver-licence", "client:reader").Should().BeFalse("read scope only");
    }

    [Fact]
    public void Nobody_anonymous_sees_anything()
    {
        Anonymous.IsAuthenticated.Should().BeFalse();
        Anonymous.Id.Should().Be("anonymous");
        Anonymous.CanRead(Astana, "driver-licence").Should().BeFalse();
        Anonymous.CanSeeOffice(Astana).Should().BeFalse();
    }

    [Fact]
    public void What_an_actor_may_not_read_is_404_and_what_they_may_only_read_is_403()
    {
        var hidden = () => ClerkAstana.EnsureCanRead(Almaty, "driver-licence");
        hidden.Should().Throw<ProblemException>().Which.Type.Should().Be(PlatformProblems.NotFound);

        var hiddenChange = () => ClerkAstana.EnsureCanChange(Almaty, "driver-licence");
        hiddenChange.Should().Throw<ProblemException>().Which.Type.Should().Be(PlatformProblems.NotFound);

        var readOnly = () => MinistryAuditor.EnsureCanChange(Astana, "driver-licence");
        readOnly.Should().Throw<ProblemException>().Which.Type.Should().Be(SecurityProblems.Forbidden);

        var allowed = () => ClerkAstana.EnsureCanChange(Astana, "driver-licence");
        allowed.Should().NotThrow();
    }

    [Fact]
    public void The_actor_is_read_from_the_tokens_claims()
    {
        var actor = ClerkAstana;

        actor.Kind.Should().Be(ActorKind.Staff);
        actor.Id.Should().Be("staff:clerk.astana");
        actor.DisplayName.Should().Be("Full Name of clerk.astana");
        actor.Position.Should().Be("Inspector");
        actor.OfficeId.Should().Be(Astana);
        actor.Services.Should().BeEquivalentTo("driver-licence", "vehicle-registration");
        Portal.Scopes.Should().BeEquivalentTo("driver-licence:submit", "driver-licence:read");
    }

    [Theory]
    [InlineData("driver-licence:submit", true)]
    [InlineData("address-certificate:verify", true)]
    [InlineData("driver-licence:delete", false)]
    [InlineData("driving:read", false)]
    [InlineData("read", false)]
    public void Scopes_name_a_known_service_and_operation(string scope, bool valid) =>
        Scopes.IsValid(scope, ["driver-licence", "address-certificate"]).Should().Be(valid);

    private static HttpCurrentActor Staff(string login, string role, string? office, params string[] services) =>
        new(Principal(ActorClaims.For(new ActorProfile(
            ActorClaims.StaffId(login), ActorKind.Staff, "Full Name of " + login, "Inspector", role, office, services, []))));

    private static HttpCurrentActor Client(string id, params string[] scopes) =>
        new(Principal(ActorClaims.For(new ActorProfile(ActorClaims.ClientId(id), ActorKind.Client, id, null, null, null, [], scopes))));

    private static ClaimsPrincipal Principal(Dictionary<string, object> claims)
    {
        var list = claims.SelectMany(claim => claim.Value switch
        {
            string[] values => values.Select(value => new Claim(claim.Key, value)),
            _ => [new Claim(claim.Key, Convert.ToString(claim.Value, System.Globalization.CultureInfo.InvariantCulture)!)],
        });
        return new ClaimsPrincipal(new ClaimsIdentity(list, "test", ActorClaims.Subject, ActorClaims.Role));
    }
}
