using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Applications;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Platform.Applications;
using Kazgov.Tests;
using NodaTime;
using Npgsql;

namespace Kazgov.Api.Tests.Platform;

/// <summary>
/// Integration events (issue 11 §4): written in the change's transaction, delivered to each
/// subscriber at least once and in commit order, and never skipped when a transaction that began
/// earlier commits later.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IntegrationEventTests(PlainServicesApiFactory factory)
{
    [Fact]
    public async Task Every_status_change_of_an_application_reaches_a_subscriber_in_order()
    {
        factory.Clock.Reset(Instant.FromUtc(2026, 3, 10, 5, 0));
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var submitted = await clerk.PostAsJsonAsync("/api/v1/applications", LifecycleTests.ProxyDriverRegistration());
        submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var id = Guid.Parse(JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!["id"]!.GetValue<string>());
        var etag = submitted.Headers.ETag!.ToString();
        foreach (var action in new[] { "start-review", "approve" })
        {
            var response = await clerk.SendActionAsync(id.ToString(), action, etag);
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            etag = response.Headers.ETag!.ToString();
        }

        var seen = await EventuallyAsync(() => RecordingSubscriber.Received.Where(e => e.ApplicationId == id).ToList(), events => events.Count >= 3);

        seen.Select(e => (e.From, e.To)).Should().Equal((null, "submitted"), ("submitted", "in-review"), ("in-review", "approved"));
        seen.Should().OnlyContain(e => e.ServiceCode == "proxy-driver-registration" && e.OfficeId == LifecycleTests.AstanaOffice);
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM platform.integration_events WHERE payload->>'applicationId' = @id", new { id = id.ToString() }))
            .Should().Be(3, "one event per change, written with it");
    }

    [Fact]
    public async Task An_event_whose_transaction_began_earlier_but_commits_later_is_not_skipped()
    {
        _ = factory.Services; // the host, and so its dispatcher, is running
        var early = Guid.NewGuid();
        var late = Guid.NewGuid();
        await using var first = new NpgsqlConnection(TestDatabase.ConnectionString);
        await first.OpenAsync();
        await using var open = await first.BeginTransactionAsync();
        await first.ExecuteAsync(Insert, new { payload = Payload(early) }, open);

        await using (var second = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            await second.ExecuteAsync(Insert, new { payload = Payload(late) });
        }

        // While the earlier transaction is open, the later event waits behind it rather than overtaking it.
        await Task.Delay(TimeSpan.FromSeconds(2));
        RecordingSubscriber.Received.Should().NotContain(e => e.ApplicationId == late || e.ApplicationId == early);

        await open.CommitAsync();
        var seen = await EventuallyAsync(
            () => RecordingSubscriber.Received.Where(e => e.ApplicationId == early || e.ApplicationId == late).ToList(),
            events => events.Count >= 2);

        seen.Select(e => e.ApplicationId).Should().Equal(early, late);
    }

    private const string Insert =
        "INSERT INTO platform.integration_events (type, payload, occurred_at) VALUES ('application.status-changed', @payload::jsonb, now())";

    private static string Payload(Guid id) =>
        $$"""{"applicationId":"{{id}}","registrationNumber":"TEST","serviceCode":"citizenship","officeId":"x","from":null,"to":"submitted","at":"2026-03-10T05:00:00Z"}""";

    private static async Task<List<ApplicationStatusChanged>> EventuallyAsync(Func<List<ApplicationStatusChanged>> read, Func<List<ApplicationStatusChanged>, bool> done)
    {
        // Up to about 30 s: on a loaded machine the dispatcher may take seconds to get round to it.
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var events = read();
            if (done(events))
            {
                return events;
            }

            await Task.Delay(100);
        }

        return read();
    }
}
