using System.Text.Json;
using System.Text.Json.Nodes;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Tests;

namespace Kazgov.Api.Tests.Platform;

/// <summary>
/// The OpenAPI document is a contract: the checked-in copy (api/openapi/v1.json) must equal what
/// the code generates, so every contract change shows up in review. KAZGOV_UPDATE_OPENAPI=1 rewrites
/// a stale copy but fails the run all the same.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(KazgovApiFactory factory)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task The_checked_in_document_matches_the_generated_one() =>
        await MatchesCheckedIn(await factory.CreateClient().GetStringAsync("/openapi/v1.json"), "v1.json");

    /// <summary>
    /// The catalogue page is drawn into the client's HTML at build time from this copy of
    /// GET /services/summary (client/scripts/prerender.mjs, issue 22: the cards on 4G before the app's
    /// code runs), so it must equal what the API serves; ./build/openapi refreshes it with the document.
    /// </summary>
    [Fact]
    public async Task The_checked_in_catalogue_summary_matches_the_served_one() =>
        await MatchesCheckedIn(await factory.CreateClient().GetStringAsync("/api/v1/services/summary"), "services-summary.json");

    /// <summary>
    /// KAZGOV_UPDATE_OPENAPI=1 (./build/openapi) rewrites a stale file, and the run still fails: the variable
    /// can refresh the file but never make a run with a stale one green.
    /// </summary>
    private static async Task MatchesCheckedIn(string served, string file)
    {
        var generated = Normalise(served);
        var path = Path.Combine(RepositoryPaths.Root, "api", "openapi", file);
        var checkedIn = File.Exists(path) ? Normalise(await File.ReadAllTextAsync(path)) : "(missing)";

        if (checkedIn != generated && Environment.GetEnvironmentVariable("KAZGOV_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, generated);
            Assert.Fail($"api/openapi/{file} differed from the API and has been rewritten (KAZGOV_UPDATE_OPENAPI=1): "
                + "review the change and commit the file; the next run passes.");
        }

        checkedIn.Should().Be(generated,
            $"api/openapi/{file} must match the API; if the change is intended, refresh it with ./build/openapi and commit the file");
    }

    [Fact]
    public async Task Properties_that_may_be_null_are_not_required()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        var applicant = document["components"]!["schemas"]!["ApplicantDetails"]!;
        applicant["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().BeEquivalentTo("kind", "language");
    }

    /// <summary>
    /// A receipt whose bank number is already on record answers 409 receipt-already-recorded, wherever
    /// receipts are taken: an integrator's generated client must know that answer.
    /// </summary>
    [Fact]
    public async Task Every_operation_that_takes_receipts_declares_the_conflict_of_a_receipt_on_record()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]!["schemas"]!;

        var takingReceipts = document["paths"]!.AsObject()
            .Where(path => path.Value!["post"] is not null)
            .Select(path => (Path: path.Key, Operation: path.Value!["post"]!))
            .Where(post => post.Operation["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>().Split('/')[^1] is { } name
                && (name == "ReceiptRequest" || schemas[name]?["properties"]?["receipts"] is not null))
            .ToList();

        takingReceipts.Select(post => post.Path).Should().Contain(["/api/v1/applications", "/api/v1/applications/{id}/receipts", "/api/v1/driver-licences/applications"]);
        takingReceipts.Should().OnlyContain(post => post.Operation["responses"]!["409"] != null);
    }

    private static string Normalise(string json) => JsonNode.Parse(json)!.ToJsonString(Indented).Replace("\r\n", "\n") + "\n";
}

/// <summary>Module endpoints land in the document under their versioned URL.</summary>
[Collection(Probe.ProbeCollection.Name)]
public sealed class OpenApiVersioningTests(Probe.ProbeApiFactory factory)
{
    [Fact]
    public async Task Every_enum_is_declared_as_strings_so_generated_clients_read_it()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        var enums = document["components"]!["schemas"]!.AsObject().Where(schema => schema.Value?["enum"] is not null).ToList();

        enums.Should().NotBeEmpty();
        enums.Should().OnlyContain(schema => schema.Value!["type"]!.GetValue<string>() == "string", "e.g. ActorKind, DeadlineClock, IsoDayOfWeek");
    }

    [Fact]
    public async Task Module_endpoints_are_described_under_api_v1()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        document["openapi"]!.GetValue<string>().Should().StartWith("3.");
        document["info"]!["version"]!.GetValue<string>().Should().Be("v1");
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.Should().Contain(["/api/v1/test-probes", "/api/v1/test-probes/{id}"]);
        paths.Should().OnlyContain(path => path.StartsWith("/api/v1/"));
    }

    [Fact]
    public async Task The_api_version_is_reported()
    {
        var response = await factory.CreateClient().GetAsync("/api/v1/test-probes/1");

        response.Headers.GetValues("api-supported-versions").Should().Equal("1.0");
    }
}
