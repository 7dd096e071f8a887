using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using static Kazgov.Api.Tests.Security.TokenTests;

namespace Kazgov.Api.Tests.Security;

/// <summary>
/// Walks every operation of /openapi/v1.json: a public one answers without a token and never
/// with 401/403; a protected one answers 401 `unauthenticated` (with WWW-Authenticate) without a
/// token and 403 `forbidden` to every demo actor its policy does not admit.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiWalkTests(KazgovApiFactory factory)
{
    private const string Clerk = "clerk.astana";
    private const string Head = "head.astana";
    private const string Auditor = "auditor";
    private const string Admin = "admin";
    private const string PortalRead = "client:egov-portal driver-licence:read";
    private const string PortalSubmit = "client:egov-portal driver-licence:submit";
    private const string PortalVerify = "client:egov-portal driver-licence:verify";
    private const string PortalEvents = "client:egov-portal driver-licence:events";
    private const string PortalWebhooks = "client:egov-portal driver-licence:webhooks";

    private static readonly string[] Actors = [Clerk, Head, Auditor, Admin, PortalRead, PortalSubmit, PortalVerify, PortalEvents, PortalWebhooks];

    /// <summary>Who each policy admits. A new policy must be added here, or the walk fails.</summary>
    private static readonly Dictionary<string, string[]> Admitted = new()
    {
        [Policies.AnyActor] = Actors,
        [Policies.Staff] = [Clerk, Head, Auditor, Admin],
        [Policies.Admin] = [Admin],
        [Policies.AuditRead] = [Auditor, Admin],
        [Policies.StaffDirectory] = [Head, Admin],
        [Policies.ApplicationsRead] = [Clerk, Head, Auditor, PortalRead],
        [Policies.ApplicationsSubmit] = [Clerk, Head, PortalSubmit],
        [Policies.ApplicationsProcess] = [Clerk, Head],
        [Policies.DocumentsVerify] = [Clerk, Head, Auditor, PortalVerify],
        [Policies.ComplaintsRead] = [Clerk, Head, Auditor],
        [Policies.ComplaintsAnswer] = [Head],
        [Policies.IndicatorsRead] = [Head, Auditor],
        [Policies.EventsRead] = [PortalEvents],
        [Policies.WebhooksManage] = [PortalWebhooks],
        [Policies.IntegratorClient] = [PortalRead, PortalSubmit, PortalVerify, PortalEvents, PortalWebhooks],
    };

    [Fact]
    public void Every_policy_has_a_row_in_the_walks_table() =>
        Admitted.Keys.Should().BeEquivalentTo(Policies.All);

    [Fact]
    public async Task Every_operation_is_public_or_refuses_the_anonymous_and_the_unentitled()
    {
        var operations = await OperationsAsync();
        operations.Should().NotBeEmpty();
        var failures = new List<string>();

        foreach (var operation in operations)
        {
            var anonymous = await SendAsync(operation, token: null);
            if (operation.Policy is null)
            {
                if (anonymous.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    failures.Add($"{operation}: public but answered {(int)anonymous.StatusCode} without a token");
                }

                continue;
            }

            if (!Admitted.TryGetValue(operation.Policy, out var admitted))
            {
                failures.Add($"{operation}: policy '{operation.Policy}' has no row in the walk's table");
                continue;
            }

            await ExpectProblemAsync(failures, operation, "anonymous", anonymous, HttpStatusCode.Unauthorized, "unauthenticated");
            if (!anonymous.Headers.WwwAuthenticate.Any(header => header.Scheme == "Bearer"))
            {
                failures.Add($"{operation}: 401 without WWW-Authenticate: Bearer");
            }

            foreach (var actor in Actors)
            {
                var isAdmitted = admitted.Contains(actor);
                // Only safe operations are run for admitted actors: dummy values must not change data.
                if (isAdmitted && operation.Method != HttpMethod.Get)
                {
                    continue;
                }

                var response = await SendAsync(operation, await factory.TokenAsync(actor));
                if (isAdmitted && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    failures.Add($"{operation}: {actor} is admitted by '{operation.Policy}' but got {(int)response.StatusCode}");
                }
                else if (!isAdmitted)
                {
                    await ExpectProblemAsync(failures, operation, actor, response, HttpStatusCode.Forbidden, "forbidden");
                }
            }
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task The_document_names_the_bearer_scheme_and_each_protected_operations_policy()
    {
        var client = factory.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        scheme.GetProperty("type").GetString().Should().Be("http");
        scheme.GetProperty("scheme").GetString().Should().Be("bearer");
        var operations = await OperationsAsync();
        operations.Should().Contain(op => op.Method == HttpMethod.Get && op.Path == "/api/v1/audit" && op.Policy == Policies.AuditRead);
        operations.Should().Contain(op => op.Method == HttpMethod.Post && op.Path == "/api/v1/auth/token" && op.Policy == null);
    }

    private static async Task ExpectProblemAsync(
        List<string> failures, Operation operation, string actor, HttpResponseMessage response, HttpStatusCode status, string code)
    {
        if (response.StatusCode != status)
        {
            failures.Add($"{operation}: {actor} got {(int)response.StatusCode}, expected {(int)status}");
            return;
        }

        var text = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json"
            || JsonDocument.Parse(text).RootElement.GetProperty("code").GetString() != code)
        {
            failures.Add($"{operation}: {actor} got {(int)status} without the problem '{code}': {text}");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Operation operation, string? token)
    {
        var client = factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var request = new HttpRequestMessage(operation.Method, operation.Url);
        if (operation.Method == HttpMethod.Post || operation.Method == HttpMethod.Put || operation.Method == HttpMethod.Patch)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    private async Task<List<Operation>> OperationsAsync()
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var operations = new List<Operation>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var item in path.Value.EnumerateObject().Where(item => item.Name != "parameters"))
            {
                var url = path.Name;
                if (item.Value.TryGetProperty("parameters", out var parameters))
                {
                    foreach (var parameter in parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path"))
                    {
                        var name = parameter.GetProperty("name").GetString()!;
                        url = url.Replace("{" + name + "}", SampleValue(parameter), StringComparison.Ordinal);
                    }
                }

                var policy = item.Value.TryGetProperty("x-kazgov-policy", out var declared) ? declared.GetString() : null;
                var secured = item.Value.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
                if (secured != (policy is not null))
                {
                    throw new InvalidOperationException($"{item.Name} {path.Name}: security requirement and x-kazgov-policy disagree");
                }

                operations.Add(new Operation(new HttpMethod(item.Name.ToUpperInvariant()), path.Name, url, policy));
            }
        }

        return operations;
    }

    /// <summary>A value the route's constraint accepts, so that the request reaches authorization.</summary>
    private static string SampleValue(JsonElement parameter)
    {
        var schema = parameter.TryGetProperty("schema", out var s) ? s : default;
        var type = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var t) ? t.ToString() : "string";
        var format = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return (type, format) switch
        {
            (_, "date") => "2026-03-10",
            (_, "uuid") => "00000000-0000-0000-0000-000000000001",
            (_, "date-time") => "2026-03-10T05:00:00Z",
            _ when type.Contains("integer", StringComparison.Ordinal) || type.Contains("number", StringComparison.Ordinal) => "1",
            _ => "walk-sample",
        };
    }

    private sealed record Operation(HttpMethod Method, string Path, string Url, string? Policy)
    {
        public override string ToString() => $"{Method} {Path}";
    }
}
