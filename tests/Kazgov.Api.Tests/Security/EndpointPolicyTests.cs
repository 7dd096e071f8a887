using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Api.Tests.Security;

/// <summary>Every endpoint under /api declares who may call it (Security/README.md).</summary>
[Collection(ApiCollection.Name)]
public sealed class EndpointPolicyTests(KazgovApiFactory factory)
{
    [Fact]
    public void Every_api_endpoint_declares_a_policy_or_public_access()
    {
        var endpoints = ApiEndpoints().ToList();

        endpoints.Should().NotBeEmpty();
        var undeclared = endpoints
            .Where(endpoint => endpoint.Metadata.GetMetadata<DeclaredPolicy>() is not { } declared || declared.Name == Policies.Undeclared)
            .Select(Describe)
            .ToList();
        undeclared.Should().BeEmpty(
            "every endpoint under /api must call .RequirePolicy(Policies.X) or .AllowPublic() (modules/Kazgov.Platform/Security/README.md)");
    }

    [Fact]
    public void Public_endpoints_are_anonymous_and_protected_ones_require_their_policy()
    {
        foreach (var endpoint in ApiEndpoints())
        {
            var declared = endpoint.Metadata.GetMetadata<DeclaredPolicy>()!;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(data => data.Policy).ToList();
            if (declared.IsPublic)
            {
                endpoint.Metadata.GetMetadata<IAllowAnonymous>().Should().NotBeNull(Describe(endpoint));
            }
            else
            {
                endpoint.Metadata.GetMetadata<IAllowAnonymous>().Should().BeNull(Describe(endpoint));
                policies.Should().Contain(declared.Name, Describe(endpoint));
            }
        }
    }

    [Fact]
    public void The_public_endpoints_are_only_the_ones_issue_5_allows()
    {
        var publicRoutes = ApiEndpoints()
            .Where(endpoint => endpoint.Metadata.GetMetadata<DeclaredPolicy>()!.IsPublic)
            .Select(endpoint => endpoint.RoutePattern.RawText!["/api/v{version:apiVersion}".Length..])
            .ToList();

        // Catalogue, offices, regions, fee quotes, deadlines, the calendar, getting a token, and the
        // verification of issued documents (each module's /{number}/verification), and a citizen's
        // status lookup by registration number and IIN (issue 20), and the applicant's feedback through
        // the signed link of their notification (issue 21; the office's kiosk and display are under /offices).
        string[] allowedPrefixes = ["/auth/token", "/auth/revoke", "/services", "/offices", "/regions", "/fees", "/calendar/days", "/calendar/deadline", "/applications/status", "/feedback"];
        publicRoutes.Should().OnlyContain(route =>
            allowedPrefixes.Any(prefix => route.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) || route.EndsWith("/verification", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_endpoint_that_declares_nothing_is_closed_to_everybody()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddRouting();
        await using var app = builder.Build();
        var api = app.MapGroup("/api").RequireDeclaredPolicies();
        api.MapGet("/forgotten", () => "open?");
        api.MapGet("/public", () => "open").AllowPublic();
        api.MapGet("/admin", () => "admin").RequirePolicy(Policies.Admin);

        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .ToDictionary(endpoint => endpoint.RoutePattern.RawText!);

        endpoints["/api/forgotten"].Metadata.GetMetadata<DeclaredPolicy>()!.Name.Should().Be(Policies.Undeclared);
        endpoints["/api/forgotten"].Metadata.GetOrderedMetadata<IAuthorizeData>().Select(data => data.Policy).Should().Equal(Policies.Undeclared);
        endpoints["/api/public"].Metadata.GetMetadata<DeclaredPolicy>()!.IsPublic.Should().BeTrue();
        endpoints["/api/public"].Metadata.GetOrderedMetadata<IAuthorizeData>().Should().BeEmpty();
        endpoints["/api/admin"].Metadata.GetOrderedMetadata<IAuthorizeData>().Select(data => data.Policy).Should().Equal(Policies.Admin);
    }

    [Fact]
    public void A_policy_name_that_is_not_declared_in_Policies_is_a_programming_error()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var app = builder.Build();

        var act = () => app.MapGet("/x", () => "x").RequirePolicy("clerk");

        act.Should().Throw<ArgumentException>().WithMessage("'clerk' is not one of Kazgov.Kernel.Security.Policies.*");
    }

    private IEnumerable<RouteEndpoint> ApiEndpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) == true);

    private static string Describe(RouteEndpoint endpoint) =>
        $"{string.Join(",", endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])} {endpoint.RoutePattern.RawText}";
}
