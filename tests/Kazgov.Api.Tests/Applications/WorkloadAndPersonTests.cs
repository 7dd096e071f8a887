using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Tests;
using NodaTime;
using Npgsql;
using Kazgov.Kernel.Data;

namespace Kazgov.Api.Tests.Applications;

/// <summary>Issue 22: the unit head's workload and reassignment, and the person page's API.</summary>
[Collection(ApiCollection.Name)]
public sealed class WorkloadAndPersonTests(PlainServicesApiFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync()
    {
        factory.Clock.Reset(Instant.FromUtc(2026, 3, 10, 5, 0));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        factory.Clock.Reset(Instant.FromUtc(2026, 3, 10, 5, 0));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_unit_head_sees_the_workload_per_clerk_and_reassigns_with_a_history_entry()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var submitted = await clerk.PostAsJsonAsync("/api/v1/applications", LifecycleTests.VehicleRegistration());
        submitted.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!["id"]!.GetValue<string>();
        var head = await factory.CreateClientAsAsync("head.astana");

        var before = await WorkloadAsync(head);
        var clerkRow = before.GetProperty("clerks").EnumerateArray().Single(c => c.GetProperty("login").GetString() == "clerk.astana");
        clerkRow.GetProperty("open").GetInt32().Should().BeGreaterThan(0);
        clerkRow.GetProperty("services").EnumerateArray().Should().Contain(s => s.GetProperty("service").GetString() == "vehicle-registration");
        // Due today: still in term, due by the end of today in Almaty; the office's figure is the journal's count of them.
        var journal = await (await head.GetAsync("/api/v1/applications?limit=200")).Content.ReadFromJsonAsync<JsonElement>();
        var items = journal.GetProperty("items").EnumerateArray().ToList();
        var mine = items.Single(a => a.GetProperty("id").GetString() == id);
        mine.GetProperty("dueToday").GetBoolean().Should().BeTrue();
        mine.GetProperty("overdue").GetBoolean().Should().BeFalse();
        var dueToday = items.Count(a => a.GetProperty("dueToday").GetBoolean() && !a.GetProperty("overdue").GetBoolean()
            && a.GetProperty("status").GetString() != "suspended");
        before.GetProperty("dueToday").GetInt32().Should().Be(dueToday);
        clerkRow.GetProperty("dueToday").GetInt32().Should().BeGreaterThanOrEqualTo(1);
        clerkRow.GetProperty("dueToday").GetInt32().Should().Be(
            clerkRow.GetProperty("services").EnumerateArray().Sum(s => s.GetProperty("dueToday").GetInt32()));
        // Past its due time (PT6H of office time), the application counts as overdue for its clerk.
        factory.Clock.Reset(Instant.FromUtc(2026, 3, 12, 5, 0));
        var later = await WorkloadAsync(await factory.CreateClientAsAsync("head.astana"));
        var laterClerk = later.GetProperty("clerks").EnumerateArray().Single(c => c.GetProperty("login").GetString() == "clerk.astana");
        laterClerk.GetProperty("overdue").GetInt32().Should().BeGreaterThan(0);
        // Two days on, this one is overdue, no longer due today.
        var laterJournal = await (await (await factory.CreateClientAsAsync("head.astana")).GetAsync("/api/v1/applications?limit=200"))
            .Content.ReadFromJsonAsync<JsonElement>();
        var laterItems = laterJournal.GetProperty("items").EnumerateArray().ToList();
        laterItems.Single(a => a.GetProperty("id").GetString() == id).GetProperty("dueToday").GetBoolean().Should().BeFalse();
        later.GetProperty("dueToday").GetInt32().Should().Be(laterItems.Count(a => a.GetProperty("dueToday").GetBoolean()
            && !a.GetProperty("overdue").GetBoolean() && a.GetProperty("status").GetString() != "suspended"));
        factory.Clock.Reset(Instant.FromUtc(2026, 3, 10, 5, 0));
        head = await factory.CreateClientAsAsync("head.astana");

        var notAClerk = await head.PostAsJsonAsync($"/api/v1/applications/{id}/reassign", new { clerk = "head.astana" });
        await notAClerk.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "not-a-clerk-of-office");
        var elsewhere = await head.PostAsJsonAsync($"/api/v1/applications/{id}/reassign", new { clerk = "clerk.almaty" });
        await elsewhere.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "not-a-clerk-of-office");
        var missing = await head.PostAsJsonAsync($"/api/v1/applications/{id}/reassign", new { });
        await missing.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");

        var reassigned = await head.PostAsJsonAsync($"/api/v1/applications/{id}/reassign", new { clerk = "Clerk.Astana", reason = "отпуск" });
        reassigned.StatusCode.Should().Be(HttpStatusCode.OK, await reassigned.Content.ReadAsStringAsync());
        var body = await reassigned.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("assignedTo").GetString().Should().Be("clerk.astana");

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var events = (await connection.QueryRowsAsync<(string Action, string Actor, string Reason)>(
            "SELECT action, actor_id, reason FROM platform.application_events WHERE application_id = @id::uuid ORDER BY id", new { id })).ToList();
        events.Should().ContainSingle(e => e.Action == "reassign" && e.Actor == "staff:head.astana" && e.Reason == "отпуск");

        // Another office's head does not see the application or the office's workload.
        var almatyHead = await factory.CreateClientAsAsync("head.almaty");
        (await almatyHead.PostAsJsonAsync($"/api/v1/applications/{id}/reassign", new { clerk = "clerk.astana" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await almatyHead.GetAsync($"/api/v1/offices/{LifecycleTests.AstanaOffice}/workload")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_person_page_lists_the_applications_the_clerk_may_see_and_is_audited()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var request = LifecycleTests.VehicleRegistration();
        var iin = request["applicant"]!["iin"]!.GetValue<string>();
        (await clerk.PostAsJsonAsync("/api/v1/applications", request)).StatusCode.Should().Be(HttpStatusCode.Created);

        var response = await clerk.GetAsync("/api/v1/people/" + iin);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var person = await response.Content.ReadFromJsonAsync<JsonElement>();
        person.GetProperty("subject").GetString().Should().Be(iin);
        person.GetProperty("name").GetString().Should().Be("Ахметов Серік");
        person.GetProperty("applications").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("service").GetString().Should().Be("vehicle-registration");

        // A clerk of another office sees nothing of this office's applications.
        var almaty = await factory.CreateClientAsAsync("clerk.almaty");
        var hidden = await (await almaty.GetAsync("/api/v1/people/" + iin)).Content.ReadFromJsonAsync<JsonElement>();
        hidden.GetProperty("applications").GetArrayLength().Should().Be(0);

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM platform.audit_log WHERE operation = 'person.read' AND subject_id = @iin", new { iin })).Should().Be(2);

        var bad = await clerk.GetAsync("/api/v1/people/12345");
        await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
    }

    private static async Task<JsonElement> WorkloadAsync(HttpClient head)
    {
        var response = await head.GetAsync($"/api/v1/offices/{LifecycleTests.AstanaOffice}/workload");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
