using System.Text.Json.Nodes;
using Kazgov.Api.Hosting;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Kazgov.Api.Security;

/// <summary>
/// Puts the security contract into the OpenAPI document: the bearer scheme, and on every
/// protected operation its security requirement, its policy (x-kazgov-policy) and the 401/403
/// answers. Public operations carry an explicit empty requirement (<c>security: []</c>).
/// </summary>
internal static class OpenApiSecurity
{
    public const string SchemeName = "bearer";
    public const string PolicyExtension = "x-kazgov-policy";

    public static void AddKazgovOpenApiSecurity(this IServiceCollection services) =>
        services.Configure<OpenApiOptions>(OpenApiSetup.DocumentName, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An access token from POST /api/v1/auth/token (staff: grant_type password; "
                        + "integrators: grant_type client_credentials).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var declared = context.Description.ActionDescriptor.EndpointMetadata.OfType<DeclaredPolicy>().LastOrDefault();
                if (declared is null || declared.IsPublic)
                {
                    // A public operation says so explicitly: an empty requirement list, no token needed.
                    operation.Security = [];
                    return Task.CompletedTask;
                }

                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [],
                });
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions[PolicyExtension] = new JsonNodeExtension(JsonValue.Create(declared.Name));
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", Problem("No valid access token (problem `unauthenticated`)", context.Document));
                operation.Responses.TryAdd("403", Problem("The token's role or scope does not allow this (problem `forbidden`)", context.Document));
                return Task.CompletedTask;
            });
        });

    private static OpenApiResponse Problem(string description, OpenApiDocument? document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(OpenApiContract.ProblemSchema, document) },
        },
    };
}
