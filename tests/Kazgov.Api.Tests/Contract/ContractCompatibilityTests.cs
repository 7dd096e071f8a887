using System.Text.Json.Nodes;
using Kazgov.Tests;

namespace Kazgov.Api.Tests.Contract;

/// <summary>
/// The breaking-change check: the checked-in contract keeps everything of the last released one
/// (api/openapi/released/v1.json) unless info.version changed; and the check does catch a removed
/// field, operation and enum value.
/// </summary>
public sealed class ContractCompatibilityTests
{
    private static JsonNode Current() => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "api", "openapi", "v1.json")))!;

    private static JsonNode Released() => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "api", "openapi", "released", "v1.json")))!;

    [Fact]
    public void The_contract_keeps_everything_of_the_released_one()
    {
        ContractCompatibility.Check(Released(), Current()).Should().BeEmpty(
            "a field, operation or enum value of the released contract may only go with a new info.version "
            + "(then copy the new contract to api/openapi/released/)");
    }

    [Fact]
    public void A_deliberately_removed_field_fails_the_check()
    {
        var current = Current();
        current["components"]!["schemas"]!["ApplicationView"]!["properties"]!.AsObject().Remove("registrationNumber").Should().BeTrue();

        ContractCompatibility.Check(Released(), current).Should().Equal("field removed: ApplicationView.registrationNumber");
    }

    [Fact]
    public void A_removed_operation_fails_the_check()
    {
        var current = Current();
        current["paths"]!["/api/v1/services/{code}"]!.AsObject().Remove("get");

        ContractCompatibility.Check(Released(), current).Should().Contain("operation removed: GET /api/v1/services/{code}");
    }

    [Fact]
    public void A_removed_enum_value_fails_the_check()
    {
        var current = Current();
        var values = current["components"]!["schemas"]!["DeadlineClock"]!["enum"]!.AsArray();
        values.Remove(values.First(value => value!.GetValue<string>() == "same-day"));

        ContractCompatibility.Check(Released(), current).Should().Equal("enum value removed: DeadlineClock \"same-day\"");
    }

    [Fact]
    public void A_new_version_may_remove_what_it_likes()
    {
        var current = Current();
        current["components"]!["schemas"]!["ApplicationView"]!["properties"]!.AsObject().Remove("registrationNumber");
        current["info"]!["version"] = "v2";

        ContractCompatibility.Check(Released(), current).Should().BeEmpty();
    }

    [Fact]
    public void Adding_is_not_breaking()
    {
        var current = Current();
        current["components"]!["schemas"]!["ApplicationView"]!["properties"]!["somethingNew"] = new JsonObject { ["type"] = "string" };
        current["paths"]!["/api/v1/something-new"] = new JsonObject { ["get"] = new JsonObject { ["operationId"] = "New" } };

        ContractCompatibility.Check(Released(), current).Should().BeEmpty();
    }
}
