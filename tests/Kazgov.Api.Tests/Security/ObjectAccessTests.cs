using System.Net;
using System.Net.Http.Json;
using Kazgov.Api.Tests.Infrastructure;
using static Kazgov.Api.Tests.Security.TokenTests;

namespace Kazgov.Api.Tests.Security;

/// <summary>
/// Object-level access on the staff directory: a unit head sees their own office's staff, another
/// office's staff do not exist for them (404); administrators see everyone.
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
}
