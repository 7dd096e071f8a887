using System.Text.Json.Nodes;

namespace Kazgov.Api.Tests.Contract;

/// <summary>
/// The breaking-change check of the contract: compared with the last released document
/// (api/openapi/released/v1.json), the current one may add but not take away. Taking away is
/// removing an operation, a parameter, a response status, a schema, a field of a schema (also of an
/// inline or nested one) or an enum value. Such a change passes only with another info.version.
/// </summary>
public static class ContractCompatibility
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    /// <summary>Why <paramref name="current"/> breaks clients of <paramref name="released"/>; empty when it does not, or when the version changed.</summary>
    public static IReadOnlyList<string> Check(JsonNode released, JsonNode current)
    {
        var releasedVersion = released["info"]?["version"]?.GetValue<string>();
        var currentVersion = current["info"]?["version"]?.GetValue<string>();
        return releasedVersion != currentVersion ? [] : BreakingChanges(released, current);
    }

    /// <summary>Every removal, whatever the versions say.</summary>
    public static IReadOnlyList<string> BreakingChanges(JsonNode released, JsonNode current)
    {
        var changes = new List<string>();
        foreach (var (path, releasedItem) in Object(released["paths"]))
        {
            var currentItem = current["paths"]?[path];
            foreach (var method in Methods)
            {
                if (releasedItem?[method] is not { } before)
                {
                    continue;
                }

                var name = $"{method.ToUpperInvariant()} {path}";
                if (currentItem?[method] is not { } after)
                {
                    changes.Add($"operation removed: {name}");
                    continue;
                }

                var parameters = Array(after["parameters"]).Select(p => $"{p?["in"]}:{p?["name"]}").ToHashSet();
                foreach (var parameter in Array(before["parameters"]))
                {
                    if (!parameters.Contains($"{parameter?["in"]}:{parameter?["name"]}"))
                    {
                        changes.Add($"parameter removed: {name} {parameter?["in"]} {parameter?["name"]}");
                    }
                }

                foreach (var (status, response) in Object(before["responses"]))
                {
                    if (after["responses"]?[status] is not { } currentResponse)
                    {
                        changes.Add($"response removed: {name} {status}");
                        continue;
                    }

                    foreach (var (mediaType, content) in Object(response?["content"]))
                    {
                        CompareSchemas(content?["schema"], currentResponse["content"]?[mediaType]?["schema"], $"{name} {status} {mediaType}", changes);
                    }
                }

                foreach (var (mediaType, content) in Object(before["requestBody"]?["content"]))
                {
                    CompareSchemas(content?["schema"], after["requestBody"]?["content"]?[mediaType]?["schema"], $"{name} request {mediaType}", changes);
                }
            }
        }

        foreach (var (schemaName, schema) in Object(released["components"]?["schemas"]))
        {
            if (current["components"]?["schemas"]?[schemaName] is not { } currentSchema)
            {
                changes.Add($"schema removed: {schemaName}");
                continue;
            }

            CompareSchemas(schema, currentSchema, schemaName, changes);
        }

        return changes;
    }

    private static void CompareSchemas(JsonNode? before, JsonNode? after, string where, List<string> changes)
    {
        if (before is null)
        {
            return;
        }

        if (after is null)
        {
            changes.Add($"schema removed: {where}");
            return;
        }

        // A named schema is compared once, under components.
        if (before["$ref"] is not null)
        {
            return;
        }

        foreach (var (property, propertySchema) in Object(before["properties"]))
        {
            if (after["properties"]?[property] is not { } currentProperty)
            {
                changes.Add($"field removed: {where}.{property}");
                continue;
            }

            CompareSchemas(propertySchema, currentProperty, $"{where}.{property}", changes);
        }

        var values = Array(after["enum"]).Select(value => value?.ToJsonString()).ToHashSet();
        foreach (var value in Array(before["enum"]))
        {
            if (!values.Contains(value?.ToJsonString()))
            {
                changes.Add($"enum value removed: {where} {value?.ToJsonString()}");
            }
        }

        CompareSchemas(before["items"], after["items"], where + "[]", changes);
        if (before["additionalProperties"] is JsonObject valueSchema)
        {
            CompareSchemas(valueSchema, after["additionalProperties"] as JsonObject, where + "{}", changes);
        }
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Object(JsonNode? node) =>
        node as JsonObject ?? [];

    private static IEnumerable<JsonNode?> Array(JsonNode? node) =>
        node as JsonArray ?? [];
}
