using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Applications;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Kazgov.Tests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;
using Kazgov.Kernel.Data;

namespace Kazgov.Api.Tests.Authorization;

/// <summary>
/// The authorisation matrix: every operation × every role, against the declared answers in
/// authorization-matrix.md (its head explains the roles and the cells). Every operation of the
/// served contract and every routed /api endpoint must have a row, and every row an operation.
/// Rows marked personal data must leave an audit record naming the actor after every successful read.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationMatrixTests(KazgovApiFactory factory, ITestOutputHelper output)
{
    private const string MatrixResource = "Kazgov.Api.Tests.Authorization.authorization-matrix.md";

    [Fact]
    public async Task Every_operation_of_the_contract_and_every_routed_endpoint_has_exactly_one_row()
    {
        var matrix = AuthorizationMatrix.Load(MatrixResource);
        var contract = await ContractOperationsAsync();
        var routed = RoutedOperations();
        contract.Should().NotBeEmpty();
        routed.Should().NotBeEmpty();

        var failures = new List<string>();
        failures.AddRange(matrix.Duplicates.Select(op => $"{op}: more than one row"));
        failures.AddRange(contract.Except(matrix.Operations).Select(op => $"{op}: in the contract, no row in the matrix"));
        failures.AddRange(routed.Except(matrix.Operations).Select(op => $"{op}: routed, no row in the matrix"));
        failures.AddRange(matrix.Operations.Except(contract).Select(op => $"{op}: a row, but no such operation in the contract"));
        failures.AddRange(matrix.Operations.Except(routed).Select(op => $"{op}: a row, but no such routed endpoint"));

        failures.Should().BeEmpty("authorization-matrix.md must have one row per operation:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_role_gets_the_declared_answer_and_personal_data_reads_are_audited()
    {
        var matrix = AuthorizationMatrix.Load(MatrixResource);
        var world = await MatrixWorld.BuildAsync(factory);
        var results = new List<Observed>();
        var serial = 0;
        var prefix = "mx" + Guid.NewGuid().ToString("N")[..8];

        foreach (var row in matrix.Rows)
        {
            foreach (var role in AuthorizationMatrix.Roles)
            {
                var service = SampleRequests.ServiceOf(row.Path);
                var actor = await world.ActorAsync(role, service);
                var correlationId = $"{prefix}-{++serial}";
                using var request = await SampleRequests.BuildAsync(row, service, world);
                request.Headers.Add("X-Correlation-Id", correlationId);
                if (actor.Token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", actor.Token);
                }

                using var client = factory.CreateClient();
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                // An empty page shows nobody: there is no personal data read to audit.
                var emptyPage = row.PersonalDataFor.Contains(role) && status is >= 200 and < 300 && await IsEmptyPageAsync(response);
                results.Add(new Observed(row, role, actor.Id, correlationId, status, emptyPage));
            }
        }

        // One query for the whole run: which requests left an audit record, and under which actor.
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var audited = (await connection.QueryRowsAsync<(string CorrelationId, string ActorId)>(
                "SELECT DISTINCT correlation_id, actor_id FROM platform.audit_log WHERE correlation_id LIKE @prefix",
                new { prefix = prefix + "-%" }))
            .ToHashSet();

        var failures = new List<string>();
        foreach (var result in results)
        {
            var expected = result.Row.Cells[result.Role];
            if (!AuthorizationMatrix.Matches(expected, result.Status))
            {
                failures.Add($"{result.Row.Operation,-90} {result.Role,-18} expected {expected,-4} got {result.Status}");
            }

            if (result.Row.PersonalDataFor.Contains(result.Role) && result.Status is >= 200 and < 300 && !result.EmptyPage && !audited.Contains((result.CorrelationId, result.ActorId!)))
            {
                failures.Add($"{result.Row.Operation,-90} {result.Role,-18} read personal data ({result.Status}) without an audit record for {result.ActorId}");
            }
        }

        output.WriteLine($"{matrix.Rows.Count} operations × {AuthorizationMatrix.Roles.Count} roles = {results.Count} requests");
        output.WriteLine(Observed.Table(results, audited));
        failures.Should().BeEmpty($"the answers must match authorization-matrix.md ({failures.Count} mismatches):\n" + string.Join('\n', failures));
    }

    private static async Task<bool> IsEmptyPageAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return false;
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return body is JsonObject page && page["items"] is JsonArray { Count: 0 };
    }

    private async Task<HashSet<string>> ContractOperationsAsync()
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        return document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(item => item.Name != "parameters")
                .Select(item => item.Name.ToUpperInvariant() + " " + path.Name))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>"METHOD /api/v1/route" of every endpoint the host routes under /api, constraints removed.</summary>
    private HashSet<string> RoutedOperations() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) == true)
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => method + " " + AuthorizationMatrix.NormaliseRoute(endpoint.RoutePattern.RawText!)))
            .ToHashSet(StringComparer.Ordinal);

    private sealed record Observed(MatrixRow Row, string Role, string? ActorId, string CorrelationId, int Status, bool EmptyPage)
    {
        /// <summary>The answers as a matrix in the file's own format, for reading a failure (and for writing a new row).</summary>
        public static string Table(List<Observed> results, HashSet<(string CorrelationId, string ActorId)> audited)
        {
            var text = new StringBuilder();
            text.AppendLine("| operation | " + string.Join(" | ", AuthorizationMatrix.Roles) + " | pd | audited by |");
            foreach (var group in results.GroupBy(r => r.Row))
            {
                var cells = AuthorizationMatrix.Roles.Select(role => AuthorizationMatrix.Describe(group.Single(r => r.Role == role).Status));
                var auditedBy = group.Where(r => r.ActorId is not null && audited.Contains((r.CorrelationId, r.ActorId))).Select(r => r.Role).ToList();
                var successes = group.Count(r => r.Status is >= 200 and < 300);
                text.AppendLine($"| `{group.Key.Operation}` | {string.Join(" | ", cells)} | {(group.Key.PersonalData ? "pd" : "")} | {auditedBy.Count}/{successes} {string.Join(",", auditedBy)} |");
            }

            return text.ToString();
        }
    }
}

/// <summary>One row of the matrix: the operation, the expected cell of each role, whether a successful read is of personal data.</summary>
internal sealed record MatrixRow(string Operation, IReadOnlyDictionary<string, string> Cells, IReadOnlySet<string> PersonalDataFor)
{
    public bool PersonalData => PersonalDataFor.Count > 0;

    public string Method => Operation[..Operation.IndexOf(' ', StringComparison.Ordinal)];

    public string Path => Operation[(Operation.IndexOf(' ', StringComparison.Ordinal) + 1)..];
}

/// <summary>Reads authorization-matrix.md: the markdown tables whose first header cell is "operation".</summary>
internal sealed class AuthorizationMatrix
{
    /// <summary>The role columns, in the file's order (the file's head says who each one is).</summary>
    public static readonly IReadOnlyList<string> Roles =
    [
        "anonymous", "clerk", "clerk-elsewhere", "clerk-no-service", "unit-head", "auditor", "admin",
        "int-submit", "int-read", "int-verify", "int-events", "int-webhooks", "other-client",
    ];

    private static readonly string[] Cells = ["2xx", "ok", "401", "403", "404"];

    public List<MatrixRow> Rows { get; } = [];

    public List<string> Duplicates { get; } = [];

    public HashSet<string> Operations => Rows.Select(r => r.Operation).ToHashSet(StringComparer.Ordinal);

    public static AuthorizationMatrix Load(string resource)
    {
        using var stream = typeof(AuthorizationMatrix).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded");
        using var reader = new StreamReader(stream);
        var matrix = new AuthorizationMatrix();
        string[]? header = null;
        var inTable = false;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (!line.StartsWith('|'))
            {
                inTable = false;
                header = null;
                continue;
            }

            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim().Trim('`')).ToArray();
            if (!inTable)
            {
                // A table's first line is its header; only tables headed "operation" are the matrix (others explain it).
                inTable = true;
                if (cells[0] == "operation")
                {
                    header = cells;
                    var expected = new[] { "operation" }.Concat(Roles).Append("pd").ToArray();
                    if (!header.SequenceEqual(expected))
                    {
                        throw new InvalidOperationException($"authorization-matrix.md:{lineNumber}: the header must be | {string.Join(" | ", expected)} |");
                    }
                }

                continue;
            }

            if (header is null || cells.All(c => c.Length > 0 && c.All(ch => ch is '-' or ':')))
            {
                continue;
            }

            if (cells.Length != header.Length)
            {
                throw new InvalidOperationException($"authorization-matrix.md:{lineNumber}: {cells.Length} cells instead of {header.Length}");
            }

            var byRole = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < Roles.Count; i++)
            {
                if (!Cells.Contains(cells[i + 1]))
                {
                    throw new InvalidOperationException($"authorization-matrix.md:{lineNumber}: '{cells[i + 1]}' ({Roles[i]}) is not one of {string.Join(", ", Cells)}");
                }

                byRole[Roles[i]] = cells[i + 1];
            }

            // "pd": every successful read shows personal data; "pd: role, role": only these roles' reads do.
            IReadOnlySet<string> pd = cells[^1] switch
            {
                "pd" => Roles.ToHashSet(StringComparer.Ordinal),
                "" or "-" => new HashSet<string>(),
                var listed when listed.StartsWith("pd:", StringComparison.Ordinal) =>
                    listed[3..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
                var other => throw new InvalidOperationException($"authorization-matrix.md:{lineNumber}: the pd column is 'pd', 'pd: role, …' or empty, not '{other}'"),
            };
            if (pd.Except(Roles).FirstOrDefault() is { } unknown)
            {
                throw new InvalidOperationException($"authorization-matrix.md:{lineNumber}: '{unknown}' in the pd column is not a role");
            }

            if (matrix.Rows.Any(r => r.Operation == cells[0]))
            {
                matrix.Duplicates.Add(cells[0]);
            }

            matrix.Rows.Add(new MatrixRow(cells[0], byRole, pd));
        }

        return matrix.Rows.Count > 0 ? matrix : throw new InvalidOperationException("authorization-matrix.md has no rows");
    }

    public static bool Matches(string cell, int status) => cell switch
    {
        "2xx" => status is >= 200 and < 300,
        "ok" => status is not (401 or 403) and < 500,
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture) == cell,
    };

    /// <summary>How an observed status reads in the matrix's vocabulary.</summary>
    public static string Describe(int status) => status switch
    {
        >= 200 and < 300 => "2xx",
        401 or 403 or 404 => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "ok(" + status.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")",
    };

    /// <summary>"/api/v{version:apiVersion}/applications/{id:guid}" → "/api/v1/applications/{id}".</summary>
    public static string NormaliseRoute(string raw)
    {
        var route = raw.Replace("{version:apiVersion}", "1", StringComparison.Ordinal);
        route = System.Text.RegularExpressions.Regex.Replace(route, @"\{([A-Za-z0-9_]+)(:[^}]*|\?)?\}", "{$1}");
        // A group's root ("/api/v1/offices/") is the same route as its name without the slash.
        return route.Length > 1 ? route.TrimEnd('/') : route;
    }
}
