using Microsoft.OpenApi;
using NodaTime;

namespace Kazgov.Api.Hosting;

/// <summary>
/// The OpenAPI 3 document at /openapi/v1.json (checked in as api/openapi/v1.json; a test fails
/// when they differ) and Swagger UI at /swagger reading it.
/// </summary>
internal static class OpenApiSetup
{
    public const string DocumentName = "v1";

    public static void AddKazgovOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Kazgov API",
                    Version = "v1",
                    Description = "Public services of the Ministry of Internal Affairs of Kazakhstan (order No. 362, 2007): "
                        + "catalogue, offices, fees, deadlines, applications. Errors are RFC 9457 problem documents with a stable "
                        + "`code`; `Accept-Language` (kk, ru, en) picks the language of every text. Creating POSTs accept an "
                        + "`Idempotency-Key` header.",
                };
                // The document must not depend on the host it was fetched from (it is compared with the
                // checked-in copy): the one server is "this host", a relative URL.
                document.Servers = [new OpenApiServer { Url = "/", Description = "The host that serves this document" }];
                OpenApiContract.DescribeTags(document);
                OpenApiContract.DescribeProblems(document);
                OpenApiContract.AddRateLimitAnswers(document);
                OpenApiContract.AddInputAnswers(document);
                OpenApiContract.DeclareIfMatch(document);
                OpenApiContract.InlineNullablePrimitives(document);

                // Records list every constructor parameter as required; a property that may be null
                // is one a client may leave out, so the contract says so.
                foreach (var schema in document.Components?.Schemas?.Values ?? [])
                {
                    if (schema.Required is { Count: > 0 } required && schema.Properties is { } properties)
                    {
                        foreach (var (name, property) in properties)
                        {
                            if (AllowsNull(property))
                            {
                                required.Remove(name);
                            }
                        }
                    }
                }
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
                var (format, example) = type switch
                {
                    _ when type == typeof(Instant) => ("date-time", "2026-03-10T05:00:00Z"),
                    _ when type == typeof(LocalDate) => ("date", "2026-03-10"),
                    // JSON Schema's "time" is RFC 3339 full-time (with an offset): a wall-clock time is a pattern instead.
                    _ when type == typeof(LocalTime) => ("", "09:00:00"),
                    _ when type == typeof(Period) => ("duration", "P2M"),
                    _ when type == typeof(Duration) => ("duration", "PT6H"),
                    _ => (null, null),
                };
                // Enums are written as kebab-case strings: say so, or client generators read them as numbers.
                if (type.IsEnum && schema.Enum is { Count: > 0 } && schema.Type is null)
                {
                    schema.Type = JsonSchemaType.String;
                }

                if (format is not null)
                {
                    schema.Type = JsonSchemaType.String;
                    schema.Format = format.Length > 0 ? format : null;
                    if (format.Length == 0)
                    {
                        schema.Pattern = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?$";
                        schema.Description = "A local (wall-clock) time, HH:mm:ss";
                    }

                    schema.Properties?.Clear();
                    schema.Required?.Clear();
                    schema.Examples = [System.Text.Json.Nodes.JsonValue.Create(example)!];
                }

                return Task.CompletedTask;
            });
        });

    private static bool AllowsNull(IOpenApiSchema schema) =>
        (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        || (schema.OneOf?.Any(option => option.Type is { } optionType && optionType.HasFlag(JsonSchemaType.Null)) ?? false);

    public static void MapKazgovOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/openapi/v1.json", "Kazgov API v1");
            options.RoutePrefix = "swagger";
            options.DocumentTitle = "Kazgov API";
        });
    }
}
