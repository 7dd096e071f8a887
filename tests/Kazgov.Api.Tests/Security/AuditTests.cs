using System.Net;
using System.Net.Http.Json;
using Kazgov.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Kazgov.Api.Tests.Security.TokenTests;

namespace Kazgov.Api.Tests.Security;

[Collection(ApiCollection.Name)]
public sealed class AuditTests(KazgovApiFactory factory)
{
    [Fact]
    public async Task Reading_a_staff_record_writes_who_when_what_whose_and_the_correlation_id()
    {
        var head = await factory.CreateClientAsAsync("head.astana");
        var correlationId = "audit-test-" + Guid.NewGuid().ToString("N")[..12];
        head.DefaultRequestHeaders.Add("X-Correlation-Id", correlationId);

        (await head.GetAsync("/api/v1/staff/clerk.astana")).StatusCode.Should().Be(HttpStatusCode.OK);

        var auditor = await factory.CreateClientAsAsync("auditor");
        var page = await Json(await auditor.GetAsync("/api/v1/audit?actor=staff:head.astana&subject=clerk.astana&limit=200"));
        var record = page.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("correlationId").GetString() == correlationId);
        record.GetProperty("operation").GetString().Should().Be("staff.read");
        record.GetProperty("actor").GetString().Should().Be("staff:head.astana");
        record.GetProperty("actorKind").GetString().Should().Be("staff");
        record.GetProperty("subjectKind").GetString().Should().Be("staff");
        record.GetProperty("subjectId").GetString().Should().Be("clerk.astana");
        record.GetProperty("officeId").GetString().Should().Be("road-police-astana-671c3429");
        record.GetProperty("occurredAt").GetString().Should().Be(factory.Clock.GetCurrentInstant().ToString());
    }

    [Fact]
    public async Task The_audit_is_paged_newest_first_and_searching_it_is_audited_too()
    {
        var auditor = await factory.CreateClientAsAsync("auditor");
        var subject = "search-" + Guid.NewGuid().ToString("N")[..8];

        // Three searches for one subject leave three records about that subject.
        for (var i = 0; i < 3; i++)
        {
            (await auditor.GetAsync($"/api/v1/audit?subject={subject}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var first = await Json(await auditor.GetAsync($"/api/v1/audit?subject={subject}&limit=2"));
        var firstItems = first.GetProperty("items").EnumerateArray().ToList();
        // This search was recorded before it read: 4 records now, the newest first.
        firstItems.Should().HaveCount(2);
        firstItems.Should().OnlyContain(item => item.GetProperty("operation").GetString() == "audit.search"
            && item.GetProperty("subjectId").GetString() == subject
            && item.GetProperty("actor").GetString() == "staff:auditor");
        firstItems[0].GetProperty("id").GetInt64().Should().BeGreaterThan(firstItems[1].GetProperty("id").GetInt64());
        var cursor = first.GetProperty("nextCursor").GetString();
        cursor.Should().NotBeNull();

        var second = await Json(await auditor.GetAsync($"/api/v1/audit?subject={subject}&limit=2&cursor={cursor}"));
        var secondItems = second.GetProperty("items").EnumerateArray().ToList();
        secondItems.Should().HaveCount(2);
        secondItems[0].GetProperty("id").GetInt64().Should().BeLessThan(firstItems[1].GetProperty("id").GetInt64());
        second.GetProperty("nextCursor").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task The_audit_filters_by_time_and_refuses_bad_input()
    {
        var admin = await factory.CreateClientAsAsync("admin");
        var now = factory.Clock.GetCurrentInstant();
        var subject = "time-" + Guid.NewGuid().ToString("N")[..8];
        var second = NodaTime.Duration.FromSeconds(1);

        // Each search is recorded (at the fake clock's now) before it reads.
        var within = await Json(await admin.GetAsync($"/api/v1/audit?subject={subject}&from={now}&to={now + second}"));
        within.GetProperty("items").GetArrayLength().Should().Be(1);
        var later = await Json(await admin.GetAsync($"/api/v1/audit?subject={subject}&from={now + second}"));
        later.GetProperty("items").GetArrayLength().Should().Be(0);
        var earlier = await Json(await admin.GetAsync($"/api/v1/audit?subject={subject}&to={now}"));
        earlier.GetProperty("items").GetArrayLength().Should().Be(0);

        var bad = await admin.GetAsync("/api/v1/audit?from=yesterday&to=2026-03-10T00:00:00Z&limit=500&cursor=notacursor");
        var body = await ShouldBeProblem(bad, HttpStatusCode.BadRequest, "validation-failed");
        body.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("from", "limit", "cursor");
    }

    [Theory]
    [InlineData("clerk.astana")]
    [InlineData("head.astana")]
    [InlineData(ApiAuth.Portal)]
    public async Task Only_auditors_and_administrators_read_the_audit(string actor)
    {
        var client = await factory.CreateClientAsAsync(actor);

        await ShouldBeProblem(await client.GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task The_audit_log_cannot_be_changed_even_through_the_apis_own_connection()
    {
        var dataSource = factory.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO platform.audit_log (occurred_at, actor_id, actor_kind, operation, subject_kind, subject_id)
            VALUES (now(), 'system', 'system', 'test.insert', 'iin', '900101300123')
            """, connection))
        {
            (await insert.ExecuteNonQueryAsync()).Should().Be(1, "appending is allowed");
        }

        foreach (var sql in new[]
        {
            "UPDATE platform.audit_log SET subject_id = 'x' WHERE operation = 'test.insert'",
            "UPDATE platform.audit_log SET subject_id = 'x' WHERE false",
            "DELETE FROM platform.audit_log WHERE operation = 'test.insert'",
            "TRUNCATE platform.audit_log",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var act = () => command.ExecuteNonQueryAsync();
            (await act.Should().ThrowAsync<PostgresException>(sql))
                .Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
        }
    }

    [Fact]
    public async Task Staff_management_is_audited()
    {
        var admin = await factory.CreateClientAsAsync("admin");
        var login = "audited." + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostAsJsonAsync("/api/v1/staff", new
        {
            login, password = "long-enough-password", fullName = "Аудит Тексеру", position = "Инспектор", role = "auditor",
        })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync($"/api/v1/staff/{login}/password", new { password = "another-long-password" }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);

        var page = await Json(await admin.GetAsync($"/api/v1/audit?subject={login}&actor=staff:admin"));

        page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("operation").GetString())
            .Should().Equal("audit.search", "staff.password-reset", "staff.create");
    }
}
