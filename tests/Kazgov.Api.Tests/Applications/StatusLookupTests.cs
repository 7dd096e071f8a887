using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Tests;
using NodaTime;
using Npgsql;

namespace Kazgov.Api.Tests.Applications;

/// <summary>A citizen's status lookup by registration number and IIN (issue 20): public, minimal, audited.</summary>
[Collection(ApiCollection.Name)]
public sealed class StatusLookupTests(KazgovApiFactory factory) : IAsyncLifetime
{
    private static readonly Instant Morning = Instant.FromUtc(2026, 3, 10, 5, 0);

    public Task InitializeAsync()
    {
        factory.Clock.Reset(Morning);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_right_pair_answers_the_service_status_due_date_and_next_step_and_nothing_else()
    {
        var (number, iin, id) = await SubmitAsync();
        var anonymous = factory.CreateClient();
        anonymous.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");

        var response = await anonymous.GetAsync($"/api/v1/applications/status?number={number}&iin={iin}");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Select(p => p.Key).Should().BeEquivalentTo("service", "status", "dueDate", "nextStep");
        body["service"]!.GetValue<string>().Should().Be("driver-licence");
        body["status"]!.GetValue<string>().Should().Be("submitted");
        body["dueDate"]!.GetValue<string>().Should().Be("2026-03-10", "PT6H of office time from 10:00 ends the same day");
        body["nextStep"]!["code"]!.GetValue<string>().Should().Be("wait-for-decision");
        body["nextStep"]!["text"]!.GetValue<string>().Should().StartWith("Заявление рассматривается");
        body.ToJsonString().Should().NotContain("Ахметов").And.NotContain(iin);
        (await AuditCountAsync(number, "application.status-lookup")).Should().Be(1);

        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        (await clerk.SendActionAsync(id, "start-review", "\"1\"")).StatusCode.Should().Be(HttpStatusCode.OK);
        var later = JsonNode.Parse(await anonymous.GetStringAsync($"/api/v1/applications/status?number={number}&iin={iin}"))!;
        later["status"]!.GetValue<string>().Should().Be("in-review");
    }

    [Fact]
    public async Task A_wrong_pair_is_a_plain_404_that_does_not_say_which_value_was_wrong_and_is_audited()
    {
        var (number, iin, _) = await SubmitAsync();
        var other = TestIins.Next();
        var anonymous = factory.CreateClient();
        anonymous.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var wrongIin = await anonymous.GetAsync($"/api/v1/applications/status?number={number}&iin={other}");
        var wrongNumber = await anonymous.GetAsync($"/api/v1/applications/status?number={number}9&iin={iin}");

        var byIin = await wrongIin.ShouldBeProblemAsync(HttpStatusCode.NotFound, "application-not-found");
        var byNumber = await wrongNumber.ShouldBeProblemAsync(HttpStatusCode.NotFound, "application-not-found");
        foreach (var field in new[] { "type", "title", "status", "detail", "code" })
        {
            byIin.GetProperty(field).ToString().Should().Be(byNumber.GetProperty(field).ToString(), "no hint which value was wrong ({0})", field);
        }

        byIin.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(byNumber.EnumerateObject().Select(p => p.Name));
        (await AuditCountAsync(number, "application.status-lookup.miss")).Should().Be(1);
        (await AuditCountAsync(number + "9", "application.status-lookup.miss")).Should().Be(1);
    }

    [Fact]
    public async Task Both_values_are_required()
    {
        var anonymous = factory.CreateClient();

        var neither = await anonymous.GetAsync("/api/v1/applications/status");
        var badIin = await anonymous.GetAsync("/api/v1/applications/status?number=X&iin=123");

        (await neither.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").EnumerateObject()
            .Select(e => e.Name).Should().BeEquivalentTo("number", "iin");
        (await badIin.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").EnumerateObject()
            .Select(e => e.Name).Should().Equal("iin");
    }

    private async Task<(string Number, string Iin, string Id)> SubmitAsync()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var iin = TestIins.Next();
        var submitted = await clerk.PostAsJsonAsync("/api/v1/driver-licences/applications", new JsonObject
        {
            ["officeId"] = LifecycleTests.AstanaOffice,
            ["applicant"] = new JsonObject
            {
                ["kind"] = "individual",
                ["iin"] = iin,
                ["lastName"] = "Ахметов",
                ["firstName"] = "Серік",
                ["citizenship"] = "KZ",
                ["phone"] = "+77017654321",
                ["language"] = "kk",
            },
            ["categories"] = new JsonArray("B"),
            ["documents"] = new JsonArray("application-form", "identity-document", "driving-school-certificate", "medical-certificate", "driver-personal-card", "state-duty-receipt"),
        });
        submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var application = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!;
        return (application["registrationNumber"]!.GetValue<string>(), iin, application["id"]!.GetValue<string>());
    }

    private static async Task<long> AuditCountAsync(string number, string operation)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM platform.audit_log WHERE object_id = @number AND operation = @operation", new { number, operation });
    }
}
