using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using Kazgov.Api.Tests.Applications;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Tests;
using NodaTime;
using Npgsql;
using Kazgov.Kernel.Data;

namespace Kazgov.Api.Tests.Feedback;

/// <summary>
/// Applicant feedback (issue 21) through the real host: the signed link in the refusal's SMS, one
/// answer per application, expired, forged and reused links as problems, and the portal's answer.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class FeedbackApiTests(PlainServicesApiFactory factory) : IAsyncLifetime
{
    private readonly Instant _start = factory.Clock.GetCurrentInstant();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        factory.Clock.Reset(_start);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_refusal_sms_carries_a_signed_link_that_takes_one_answer()
    {
        var (id, number) = await RefusedAsync(await factory.CreateClientAsAsync(ApiAuth.Portal));
        var sms = await OutboxTextAsync(number);
        var token = Token(sms);
        var anonymous = factory.CreateClient();

        var link = await Json(await anonymous.GetAsync($"/api/v1/feedback/link?token={token}"));
        var answer = await anonymous.PostAsJsonAsync("/api/v1/feedback", new { token, quality = 5, information = 4, courtesy = 3 });
        var reused = await anonymous.PostAsJsonAsync("/api/v1/feedback", new { token, quality = 1, information = 1, courtesy = 1 });
        var portal = await (await factory.CreateClientAsAsync(ApiAuth.Portal)).PostAsJsonAsync($"/api/v1/applications/{id}/feedback", new { quality = 1, information = 1, courtesy = 1 });
        var readAgain = await anonymous.GetAsync($"/api/v1/feedback/link?token={token}");

        sms.Should().Contain("/feedback?token=");
        link["registrationNumber"]!.GetValue<string>().Should().Be(number);
        link["serviceCode"]!.GetValue<string>().Should().Be("vehicle-registration");
        link["expiresAt"]!.GetValue<string>().Should().Be((factory.Clock.GetCurrentInstant() + Duration.FromDays(30)).ToString());
        var saved = await Json(answer, HttpStatusCode.Created);
        saved["outcome"]!.GetValue<string>().Should().Be("refused");
        saved["channel"]!.GetValue<string>().Should().Be("link");
        (saved["quality"]!.GetValue<int>(), saved["information"]!.GetValue<int>(), saved["courtesy"]!.GetValue<int>()).Should().Be((5, 4, 3));
        await reused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "feedback-already-given");
        await portal.ShouldBeProblemAsync(HttpStatusCode.Conflict, "feedback-already-given");
        await readAgain.ShouldBeProblemAsync(HttpStatusCode.Conflict, "feedback-already-given");
        (await StoredAsync(id)).Should().Be((5, 4, 3), "the first answer stays; the reuse wrote nothing");
    }

    [Fact]
    public async Task A_forged_or_expired_link_is_a_problem_in_the_callers_language()
    {
        var (_, number) = await RefusedAsync(await factory.CreateClientAsAsync("clerk.astana"));
        var token = Token(await OutboxTextAsync(number));
        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        var anonymous = factory.CreateClient();
        anonymous.DefaultRequestHeaders.AcceptLanguage.ParseAdd("kk");

        var bad = await anonymous.PostAsJsonAsync("/api/v1/feedback", new { token = forged, quality = 5, information = 5, courtesy = 5 });
        var garbage = await anonymous.GetAsync("/api/v1/feedback/link?token=not-a-token");
        factory.Clock.Advance(Duration.FromDays(30));
        var expired = await anonymous.PostAsJsonAsync("/api/v1/feedback", new { token, quality = 5, information = 5, courtesy = 5 });

        (await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "feedback-link-invalid")).GetProperty("title").GetString().Should().Be("Бағалау сілтемесі жарамсыз");
        await garbage.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "feedback-link-invalid");
        (await expired.ShouldBeProblemAsync(HttpStatusCode.Gone, "feedback-link-expired")).GetProperty("title").GetString().Should().Be("Бағалау сілтемесінің мерзімі өтті");
    }

    [Fact]
    public async Task The_portal_answers_for_an_application_it_submitted_once_the_service_is_over()
    {
        var portal = await factory.CreateClientAsAsync(ApiAuth.Portal);
        var submitted = await portal.PostAsJsonAsync("/api/v1/applications", LifecycleTests.VehicleRegistration());
        var open = (await Json(submitted, HttpStatusCode.Created))["application"]!["id"]!.GetValue<string>();
        var (id, _) = await RefusedAsync(portal);
        var clerk = await factory.CreateClientAsAsync("clerk.astana");

        var early = await portal.PostAsJsonAsync($"/api/v1/applications/{open}/feedback", new { quality = 4, information = 4, courtesy = 4 });
        var outOfRange = await portal.PostAsJsonAsync($"/api/v1/applications/{id}/feedback", new { quality = 6, information = 0, courtesy = 3 });
        var byStaff = await clerk.PostAsJsonAsync($"/api/v1/applications/{id}/feedback", new { quality = 5, information = 5, courtesy = 5 });
        var answer = await portal.PostAsJsonAsync($"/api/v1/applications/{id}/feedback", new { quality = 2, information = 3, courtesy = 4 });

        (await early.ShouldBeProblemAsync(HttpStatusCode.Conflict, "feedback-not-yet")).GetProperty("currentStatus").GetString().Should().Be("submitted");
        var errors = (await outOfRange.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors");
        errors.TryGetProperty("quality", out _).Should().BeTrue();
        errors.TryGetProperty("information", out _).Should().BeTrue();
        errors.TryGetProperty("courtesy", out _).Should().BeFalse();
        await byStaff.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        (await Json(answer, HttpStatusCode.Created))["channel"]!.GetValue<string>().Should().Be("portal");
        (await StoredAsync(id)).Should().Be((2, 3, 4));
    }

    private async Task<(string Id, string Number)> RefusedAsync(HttpClient submitter)
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var response = await submitter.PostAsJsonAsync("/api/v1/applications", LifecycleTests.VehicleRegistration(language: "ru"));
        var application = (await Json(response, HttpStatusCode.Created))["application"]!;
        var id = application["id"]!.GetValue<string>();
        var review = await clerk.SendActionAsync(id, "start-review", response.Headers.ETag!.ToString());
        review.StatusCode.Should().Be(HttpStatusCode.OK, await review.Content.ReadAsStringAsync());
        var refused = await clerk.SendActionAsync(id, "refuse", review.Headers.ETag!.ToString(),
            new { grounds = new[] { "design-changes-non-compliant" }, explanation = "Конструкция изменена." });
        refused.StatusCode.Should().Be(HttpStatusCode.OK, await refused.Content.ReadAsStringAsync());
        return (id, application["registrationNumber"]!.GetValue<string>());
    }

    private static string Token(string text) => TokenPattern().Match(text).Groups[1].Value;

    [GeneratedRegex(@"token=([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)")]
    private static partial Regex TokenPattern();

    private static async Task<string> OutboxTextAsync(string reference)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<string>("SELECT body FROM platform.outbox_messages WHERE reference = @reference", new { reference }) ?? "";
    }

    private static async Task<(int, int, int)> StoredAsync(string id)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var row = await connection.QuerySingleRowAsync<(short, short, short)>(
            "SELECT quality, information, courtesy FROM platform.feedback WHERE application_id = @id", new { id = Guid.Parse(id) });
        return (row.Item1, row.Item2, row.Item3);
    }

    private static async Task<JsonNode> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        return JsonNode.Parse(body)!;
    }
}
