using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Applications;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Kazgov.Tests;
using Npgsql;
using static Kazgov.Api.Tests.Security.TokenTests;
using Kazgov.Kernel.Data;

namespace Kazgov.Api.Tests.Security;

/// <summary>
/// Object-level access. On the staff directory: a unit head sees their own office's staff, another
/// office's staff do not exist for them (404); administrators see everyone. On the applications
/// list: every row every reader is shown, on every page, is one they may read, judged against the
/// database's own office, service and submitter of that row.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ObjectAccessTests(KazgovApiFactory factory)
{
    [Theory]
    [InlineData("head.astana", "clerk.astana", HttpStatusCode.OK)]
    [InlineData("head.astana", "clerk.almaty", HttpStatusCode.NotFound)]
    [InlineData("head.almaty", "clerk.almaty", HttpStatusCode.OK)]
    [InlineData("head.almaty", "head.astana", HttpStatusCode.NotFound)]
    [InlineData("head.almaty", "auditor", HttpStatusCode.NotFound)]
    [InlineData("admin", "clerk.almaty", HttpStatusCode.OK)]
    [InlineData("admin", "auditor", HttpStatusCode.OK)]
    [InlineData("admin", "no.such.user", HttpStatusCode.NotFound)]
    public async Task Another_offices_staff_record_is_404(string actor, string login, HttpStatusCode expected)
    {
        var client = await factory.CreateClientAsAsync(actor);

        var response = await client.GetAsync($"/api/v1/staff/{login}");

        response.StatusCode.Should().Be(expected);
        if (expected == HttpStatusCode.NotFound)
        {
            await ShouldBeProblem(response, HttpStatusCode.NotFound, "not-found");
        }
        else
        {
            (await Json(response)).GetProperty("login").GetString().Should().Be(login);
        }
    }

    [Theory]
    [InlineData("clerk.astana")]
    [InlineData("head.astana")]
    [InlineData("clerk.almaty")]
    [InlineData("head.almaty")]
    [InlineData("auditor")]
    [InlineData(ApiAuth.Portal)]
    public async Task Every_listed_application_is_one_the_reader_may_read(string reader)
    {
        // Rows in both offices, so that every reader has some it must see and some it must not.
        var inAstana = await SubmitApplicationAsync("clerk.astana", DemoAccounts.AstanaOffice);
        var inAlmaty = await SubmitApplicationAsync("clerk.almaty", DemoAccounts.AlmatyOffice);
        var client = await factory.CreateClientAsAsync(reader);
        var me = JsonNode.Parse(await client.GetStringAsync("/api/v1/auth/me"))!;
        var actorId = me["id"]!.GetValue<string>();
        var role = me["role"]?.GetValue<string>();
        var office = me["officeId"]?.GetValue<string>();
        var services = me["services"]?.AsArray().Select(s => s!.GetValue<string>()).ToHashSet() ?? [];

        var listed = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = JsonNode.Parse(await client.GetStringAsync("/api/v1/applications?limit=200" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))))!;
            listed.AddRange(page["items"]!.AsArray().Select(item => item!));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var rows = (await connection.QueryRowsAsync<ApplicationOwner>(
                "SELECT id AS Id, office_id AS OfficeId, service_code AS ServiceCode, submitted_by AS SubmittedBy FROM platform.applications WHERE id = ANY(@ids)",
                new { ids = listed.Select(item => Guid.Parse(item["id"]!.GetValue<string>())).ToArray() }))
            .ToDictionary(row => row.Id.ToString());
        rows.Should().HaveCount(listed.Count, "every listed application exists, once");
        foreach (var item in listed)
        {
            var row = rows[item["id"]!.GetValue<string>()];
            item["officeId"]!.GetValue<string>().Should().Be(row.OfficeId, "the list shows the row's own office");
            item["service"]!.GetValue<string>().Should().Be(row.ServiceCode, "the list shows the row's own service");
            var allowed = role switch
            {
                Roles.Clerk => row.OfficeId == office && services.Contains(row.ServiceCode),
                Roles.UnitHead => row.OfficeId == office,
                Roles.Auditor => office is null || row.OfficeId == office,
                null => row.SubmittedBy == actorId,
                _ => false,
            };
            allowed.Should().BeTrue("{0} must not be shown {1} (office {2}, service {3}, submitted by {4})",
                reader, row.Id, row.OfficeId, row.ServiceCode, row.SubmittedBy);
        }

        var ids = listed.Select(item => item["id"]!.GetValue<string>()).ToHashSet();
        ids.Contains(inAstana).Should().Be(reader is "clerk.astana" or "head.astana" or "auditor");
        ids.Contains(inAlmaty).Should().Be(reader is "clerk.almaty" or "head.almaty" or "auditor");
    }

    [Fact]
    public async Task Creating_a_staff_user_validates_every_field()
    {
        var admin = await factory.CreateClientAsAsync("admin");

        var response = await admin.PostAsJsonAsync("/api/v1/staff", new
        {
            login = "Bad Login!", password = "short", fullName = "", position = "Инспектор", role = "clerk", services = new[] { "driving" },
        });

        var body = await ShouldBeProblem(response, HttpStatusCode.BadRequest, "validation-failed");
        body.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should()
            .BeEquivalentTo("login", "password", "fullName", "officeId", "services");
    }

    [Fact]
    public async Task A_login_is_taken_once()
    {
        var admin = await factory.CreateClientAsAsync("admin");

        var response = await admin.PostAsJsonAsync("/api/v1/staff", new
        {
            login = "clerk.astana", password = "long-enough-password", fullName = "Басқа Адам", position = "Инспектор", role = "auditor",
        });

        await ShouldBeProblem(response, HttpStatusCode.Conflict, "staff-user-exists");
    }

    [Fact]
    public async Task Idempotency_keys_belong_to_the_authenticated_actor()
    {
        var admin = await factory.CreateClientAsAsync("admin");
        var key = "staff-" + Guid.NewGuid().ToString("N");
        admin.DefaultRequestHeaders.Add("Idempotency-Key", key);
        var login = "idem." + Guid.NewGuid().ToString("N")[..8];
        var body = new { login, password = "long-enough-password", fullName = "Қайта Жіберу", position = "Инспектор", role = "auditor" };

        (await admin.PostAsJsonAsync("/api/v1/staff", body)).StatusCode.Should().Be(HttpStatusCode.Created);
        var replay = await admin.PostAsJsonAsync("/api/v1/staff", body);

        replay.StatusCode.Should().Be(HttpStatusCode.Created);
        replay.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        var dataSource = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Npgsql.NpgsqlDataSource>(factory.Services);
        await using var caller = dataSource.CreateCommand($"SELECT caller FROM platform.idempotency_records WHERE key = '{key}'");
        ((string)(await caller.ExecuteScalarAsync())!).Should().Be("staff:admin");
    }

    /// <summary>A driver-licence application through its typed route (any service would do: access is the platform's).</summary>
    private async Task<string> SubmitApplicationAsync(string clerk, string officeId)
    {
        var request = new JsonObject
        {
            ["officeId"] = officeId,
            ["applicant"] = new JsonObject
            {
                ["kind"] = "individual", ["iin"] = TestIins.Next(), ["lastName"] = "Ахметов", ["firstName"] = "Серік",
                ["citizenship"] = "KZ", ["phone"] = "+77017654321", ["language"] = "kk",
            },
            ["categories"] = new JsonArray("B"),
            ["documents"] = new JsonArray("application-form", "identity-document", "driving-school-certificate", "medical-certificate", "driver-personal-card", "state-duty-receipt"),
        };
        var response = await (await factory.CreateClientAsAsync(clerk)).PostAsJsonAsync("/api/v1/driver-licences/applications", request);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["application"]!["id"]!.GetValue<string>();
    }

    private sealed class ApplicationOwner
    {
        public Guid Id { get; set; }

        public string OfficeId { get; set; } = "";

        public string ServiceCode { get; set; } = "";

        public string SubmittedBy { get; set; } = "";
    }
}
