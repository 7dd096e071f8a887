using System.Text.Json.Nodes;
using Kazgov.Tests;

namespace Kazgov.Api.Tests.Contract;

/// <summary>What a client generator and an integrator need from the checked-in contract (the linter checks more, in ./build/test).</summary>
public sealed class ContractShapeTests
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private static JsonNode Document() => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "api", "openapi", "v1.json")))!;

    private static IEnumerable<(string Name, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => Methods
            .Where(method => path.Value![method] is not null)
            .Select(method => ($"{method.ToUpperInvariant()} {path.Key}", path.Value![method]!)));

    [Fact]
    public void Every_operation_has_an_operation_id_a_4xx_answer_and_a_security_statement()
    {
        var document = Document();
        var operations = Operations(document).ToList();

        operations.Should().OnlyContain(o => o.Operation["operationId"] != null, "client generators name methods after it");
        operations.Select(o => o.Operation["operationId"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
        operations.Should().OnlyContain(o => o.Operation["responses"]!.AsObject().Any(r => r.Key.StartsWith('4')));
        operations.Should().OnlyContain(o => o.Operation["security"] is JsonArray, "public operations say security: [] explicitly");
        document["servers"]!.AsArray().Should().NotBeEmpty();
    }

    [Fact]
    public void Public_operations_have_an_empty_security_requirement()
    {
        var document = Document();

        document["paths"]!["/api/v1/services"]!["get"]!["security"]!.AsArray().Should().BeEmpty();
        document["paths"]!["/api/v1/applications"]!["get"]!["security"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public void Problem_types_are_documented_with_their_codes()
    {
        var document = Document();

        var types = document["x-kazgov-problem-types"]!.AsArray();
        types.Select(type => type!["code"]!.GetValue<string>()).Should().Contain(["validation-failed", "rate-limited", "invalid-transition", "licence-not-found"]);
        document["components"]!["schemas"]!["ProblemDetails"]!["properties"]!["code"]!["type"]!.GetValue<string>().Should().Be("string");
    }
}
