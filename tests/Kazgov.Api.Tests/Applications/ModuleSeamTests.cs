using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Api.Tests.Probe;
using Kazgov.Tests;
using Npgsql;

namespace Kazgov.Api.Tests.Applications;

/// <summary>A module plugs its rules and its registry into the shared lifecycle (issue 6, extension point).</summary>
public sealed class ModuleSeamTests : IClassFixture<SeamApiFactory>
{
    private readonly SeamApiFactory _factory;

    public ModuleSeamTests(SeamApiFactory factory) => _factory = factory;

    [Fact]
    public async Task A_rule_the_applicant_fails_is_recorded_at_submission_and_blocks_approval_until_refused_on_its_ground()
    {
        var clerk = await _factory.CreateClientAsAsync("clerk.astana");
        var submitted = await clerk.PostAsJsonAsync("/api/v1/applications", ProxyDriver(trafficBan: true));
        submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var application = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!;
        application["eligibilityFindings"]![0]!["refusalGround"]!.GetValue<string>().Should().Be("traffic-participation-prohibited");
        var id = application["id"]!.GetValue<string>();

        var etag = (await clerk.SendActionAsync(id, "start-review", submitted.Headers.ETag!.ToString())).Headers.ETag!.ToString();
        var approve = await clerk.SendActionAsync(id, "approve", etag);

        var problem = await approve.ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed");
        problem.GetProperty("refusalGrounds")[0].GetString().Should().Be("traffic-participation-prohibited");
        var refused = await clerk.SendActionAsync(id, "refuse", etag, new { grounds = new[] { "traffic-participation-prohibited" }, explanation = "Сот шешімі" });
        refused.StatusCode.Should().Be(HttpStatusCode.OK, await refused.Content.ReadAsStringAsync());
        (await RegistryCountAsync(id)).Should().Be(0);
    }

    [Fact]
    public async Task Approval_creates_the_result_in_the_modules_registry_in_the_same_transaction()
    {
        var clerk = await _factory.CreateClientAsAsync("clerk.astana");
        var submitted = await clerk.PostAsJsonAsync("/api/v1/applications", ProxyDriver(trafficBan: false));
        var application = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!;
        var id = application["id"]!.GetValue<string>();

        var etag = (await clerk.SendActionAsync(id, "start-review", submitted.Headers.ETag!.ToString())).Headers.ETag!.ToString();
        var approved = await clerk.SendActionAsync(id, "approve", etag);

        approved.StatusCode.Should().Be(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        (await RegistryCountAsync(id)).Should().Be(1, "the free service needs no receipt; approval wrote the registry row");
        var view = JsonNode.Parse(await approved.Content.ReadAsStringAsync())!;
        view["resultReference"]!.GetValue<string>().Should().Be("SEAM-" + view["registrationNumber"]!.GetValue<string>());
    }

    private static JsonObject ProxyDriver(bool trafficBan) => new()
    {
        ["service"] = "proxy-driver-registration",
        ["officeId"] = LifecycleTests.AstanaOffice,
        ["applicantType"] = "individual",
        ["applicant"] = new JsonObject
        {
            ["kind"] = "individual",
            ["iin"] = TestIins.Next(),
            ["lastName"] = "Серікбаев",
            ["firstName"] = "Дәурен",
            ["email"] = "dauren@example.kz",
            ["language"] = "kk",
        },
        ["representative"] = new JsonObject
        {
            ["fullName"] = "Әсет Нұрланұлы",
            ["powerOfAttorney"] = new JsonObject { ["number"] = "СН-2026-17", ["issuedOn"] = "2026-03-01", ["issuedBy"] = "Нотариус Ахметова" },
        },
        ["documents"] = new JsonArray("vehicle-registration-certificate", "power-of-attorney", "identity-document"),
        ["moduleData"] = new JsonObject { ["trafficBan"] = trafficBan },
    };

    private static async Task<long> RegistryCountAsync(string id)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM test_seam.registrations WHERE application_id = @id::uuid", new { id });
    }
}
