using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Kazgov.Kernel.Problems;
using Microsoft.OpenApi;

namespace Kazgov.Api.Hosting;

/// <summary>
/// What makes the generated document a contract an integrator can rely on: tag descriptions, the
/// problem document (RFC 9457) with its stable <c>code</c> and every problem type the API answers
/// with, and the 429 that the per-caller rate limit can give any operation under /api.
/// </summary>
internal static class OpenApiContract
{
    public const string ProblemSchema = "ProblemDetails";
    public const string ProblemTypesExtension = "x-kazgov-problem-types";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Catalogue"] = "The public services of order No. 362: forms, terms, fees, documents.",
        ["Calendar"] = "The working calendar of Kazakhstan (Asia/Almaty) and its overrides.",
        ["Deadlines"] = "When an application accepted at a moment is due, in working days or hours.",
        ["Fees"] = "State duties and fees in tenge from the monthly calculation index (MCI).",
        ["Offices"] = "The office directory: addresses, services, opening hours.",
        ["Security"] = "Tokens, the current actor, staff accounts and the audit trail.",
        ["Reference data"] = "Reference tables such as the MCI.",
        ["Applications"] = "The lifecycle of an application of any service: submit, review, decide, hand over.",
        ["Complaints"] = "Complaints about a decision or about the service, and their answers.",
        ["Notifications"] = "The outbox of notifications and integration deliveries.",
        ["Integration"] = "For integrators (the e-gov portal, agency systems): the change feed and webhooks.",
    };

    public static void DescribeTags(OpenApiDocument document)
    {
        foreach (var tag in document.Tags ?? (IEnumerable<OpenApiTag>)[])
        {
            if (tag is OpenApiTag { Name: { } name } openTag && string.IsNullOrEmpty(openTag.Description))
            {
                openTag.Description = TagDescriptions.TryGetValue(name, out var description)
                    ? description
                    : $"Operations of the {name.ToLowerInvariant()} service.";
            }
        }
    }

    /// <summary>
    /// The problem document names its stable <c>code</c> and allows the extension members a problem
    /// carries (e.g. <c>errors</c>, <c>nextWindow</c>); the list of problem types is in
    /// <see cref="ProblemTypesExtension"/> and in the schema's description.
    /// </summary>
    public static void DescribeProblems(OpenApiDocument document)
    {
        var types = KnownProblemTypes();
        var table = new StringBuilder("An RFC 9457 problem document. `type` is `urn:kazgov:problem:<code>`; `code` is stable and "
            + "is what a client should branch on; `title` and `detail` follow `Accept-Language`.\n\n| code | status | title |\n|---|---|---|\n");
        foreach (var type in types)
        {
            table.Append("| `").Append(type.Code).Append("` | ").Append(type.Status).Append(" | ").Append(type.Title.En).Append(" |\n");
        }

        foreach (var name in new[] { ProblemSchema, "HttpValidationProblemDetails" })
        {
            if (document.Components?.Schemas?.TryGetValue(name, out var found) is true && found is OpenApiSchema schema)
            {
                schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
                schema.Properties["code"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "The problem's stable machine code (see the table in ProblemDetails).",
                    Examples = [JsonValue.Create("validation-failed")!],
                };
                schema.AdditionalPropertiesAllowed = true;
                schema.AdditionalProperties = new OpenApiSchema();
                if (name == ProblemSchema)
                {
                    schema.Description = table.ToString();
                }
            }
        }

        var list = new JsonArray();
        foreach (var type in types)
        {
            list.Add(new JsonObject
            {
                ["code"] = type.Code,
                ["type"] = type.TypeUri,
                ["status"] = type.Status,
                ["title"] = new JsonObject { ["kk"] = type.Title.Kk, ["ru"] = type.Title.Ru, ["en"] = type.Title.En },
            });
        }

        document.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        document.Extensions[ProblemTypesExtension] = new JsonNodeExtension(list);
    }

    /// <summary>Every operation under /api is behind the per-caller rate limit: it may answer 429.</summary>
    public static void AddRateLimitAnswers(OpenApiDocument document)
    {
        foreach (var (path, item) in document.Paths ?? [])
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var operation in item.Operations?.Values ?? (IEnumerable<OpenApiOperation>)[])
            {
                operation.Responses ??= [];
                operation.Responses.TryAdd("429", new OpenApiResponse
                {
                    Description = "Too many requests from this caller (problem `rate-limited`); retry after `Retry-After` seconds",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new()
                        {
                            Schema = new OpenApiSchemaReference(ProblemSchema, document),
                        },
                    },
                });
            }
        }
    }

    /// <summary>
    /// What any operation answers to input it cannot take, unless it declares its own: 400 when it takes
    /// parameters or a body (a value that does not parse or validate), 404 when the path names a record
    /// (no such record). Found by fuzzing the contract: without them a client meets undeclared answers.
    /// </summary>
    public static void AddInputAnswers(OpenApiDocument document)
    {
        foreach (var (path, item) in document.Paths ?? [])
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var operation in item.Operations?.Values ?? (IEnumerable<OpenApiOperation>)[])
            {
                operation.Responses ??= [];
                var parameters = operation.Parameters ?? [];
                if (parameters.Any(p => p.In is ParameterLocation.Path or ParameterLocation.Query) || operation.RequestBody is not null)
                {
                    operation.Responses.TryAdd("400", ProblemAnswer(
                        "The request is not valid (problem `validation-failed` with `errors`, `malformed-json` or `bad-request`)", document));
                }

                if (parameters.Any(p => p.In == ParameterLocation.Path))
                {
                    operation.Responses.TryAdd("404", ProblemAnswer(
                        "No record with the identifier in the path (problem `not-found` or the record's own `…-not-found`)", document));
                }
            }
        }
    }

    private static OpenApiResponse ProblemAnswer(string description, OpenApiDocument document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
        },
    };

    /// <summary>
    /// An operation that can answer 428 if-match-required takes the application's ETag in If-Match:
    /// the contract says so, or generated clients have no way to send it.
    /// </summary>
    public static void DeclareIfMatch(OpenApiDocument document)
    {
        foreach (var item in document.Paths?.Values ?? (IEnumerable<IOpenApiPathItem>)[])
        {
            foreach (var operation in item.Operations?.Values ?? (IEnumerable<OpenApiOperation>)[])
            {
                if (operation.Responses?.ContainsKey("428") != true
                    || operation.Parameters?.Any(p => string.Equals(p.Name, "If-Match", StringComparison.OrdinalIgnoreCase)) == true)
                {
                    continue;
                }

                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Required = true,
                    Description = "The ETag of the resource as last read (e.g. `\"3\"`, its `version` in quotes); a stale one answers 412.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    Example = JsonValue.Create("\"3\""),
                });
            }
        }
    }

    /// <summary>
    /// A nullable date, time or instant is described as <c>oneOf: [null, $ref LocalDate]</c> by the
    /// generator, which client generators read as an untyped object (NSwag then sends a date-time where
    /// a date is expected): it becomes the primitive schema itself, with null allowed.
    /// </summary>
    public static void InlineNullablePrimitives(OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null)
        {
            return;
        }

        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
        {
            foreach (var name in schema.Properties?.Keys.ToList() ?? [])
            {
                if (schema.Properties![name] is OpenApiSchema { OneOf: { Count: 2 } options } property
                    && options.Any(o => o.Type == JsonSchemaType.Null)
                    && options.OfType<OpenApiSchemaReference>().FirstOrDefault() is { Reference.Id: { } id }
                    && schemas.TryGetValue(id, out var target)
                    && target.Type == JsonSchemaType.String && target.Enum is not { Count: > 0 })
                {
                    schema.Properties[name] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String | JsonSchemaType.Null,
                        Format = target.Format,
                        Pattern = target.Pattern,
                        Description = property.Description ?? target.Description,
                        Examples = target.Examples,
                    };
                }
            }
        }
    }

    /// <summary>Every <see cref="ProblemType"/> declared as a static member of a Kazgov assembly, by code.</summary>
    public static IReadOnlyList<ProblemType> KnownProblemTypes() =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(assembly => assembly.GetName().Name?.StartsWith("Kazgov.", StringComparison.Ordinal) == true
                && !assembly.GetName().Name!.EndsWith(".Tests", StringComparison.Ordinal))
            .SelectMany(SafeTypes)
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(field => field.FieldType == typeof(ProblemType) && field.IsInitOnly)
            .Select(field => field.GetValue(null) as ProblemType)
            .OfType<ProblemType>()
            .DistinctBy(type => (type.Code, type.Status))
            .OrderBy(type => type.Code, StringComparer.Ordinal)
            .ThenBy(type => type.Status)
            .ToList();

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            return exception.Types.OfType<Type>();
        }
    }
}
