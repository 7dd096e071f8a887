using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Applications;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Api.Tests.Licensing;
using Kazgov.Kernel.Events;
using Kazgov.Platform.Integrations;
using Kazgov.Tests;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace Kazgov.Api.Tests.Integrations;

/// <summary>A host whose webhook budget is short (a failing delivery is dead after an hour) and sent without in-dispatch retries.</summary>
public sealed class WebhookApiFactory() : KazgovApiFactory(new Dictionary<string, string?>
{
    ["Webhooks:RetriesPerDispatch"] = "0",
    ["Webhooks:RedeliveryDelay"] = "00:00:30",
    ["Webhooks:DeadLetterAfter"] = "01:00:00",
    ["Webhooks:RequestTimeout"] = "00:00:05",
});

/// <summary>A host with production's target rules (https only, public addresses only).</summary>
public sealed class StrictWebhookApiFactory() : KazgovApiFactory(new Dictionary<string, string?> { ["Webhooks:StrictTargets"] = "true" });

/// <summary>
/// Webhooks and the change feed (issue 20) against a real receiver on loopback: a test portal that
/// verifies signatures with the StandardWebhooks package and counts duplicates.
/// </summary>
public sealed class WebhookTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>, IAsyncLifetime
{
    private static readonly Instant Morning = Instant.FromUtc(2026, 3, 10, 5, 0);

    public Task InitializeAsync()
    {
        factory.Clock.Reset(Morning);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_portal_follows_a_licence_by_webhooks_misses_some_in_an_outage_and_catches_up_from_the_feed()
    {
        // 11:45 in Astana: the hand-over window opens at 12:00, so the whole outage fits in this host's one-hour budget.
        factory.Clock.Reset(Instant.FromUtc(2026, 3, 10, 6, 45));
        await using var receiver = await WebhookReceiver.StartAsync();
        var portal = await factory.CreateClientAsAsync(ApiAuth.Portal);
        await SubscribeAsync(portal, receiver, [WebhookEventTypes.StatusChanged], ["driver-licence"]);
        var (id, etag) = await SubmitAsync(portal);
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        etag = await ActAsync(clerk, id, "start-review", etag);
        await PumpUntilAsync(() => receiver.State.TryGetValue(id, out var s) && s.Status == "in-review");
        var (_, cursorBeforeOutage) = await FeedAsync(portal, null);

        // The outage: the portal answers 503 while the licence is approved, made ready and issued.
        receiver.Answer = HttpStatusCode.ServiceUnavailable;
        etag = await DriverLicenceTests.PassExamsAsync(clerk, id.ToString(), etag);
        etag = await ActAsync(clerk, id, "approve", etag);
        etag = await ActAsync(clerk, id, "mark-ready", etag);
        await PumpUntilAsync(() => receiver.All.Any(r => r.ApplicationId == id && r.Sequence == 3));
        factory.Clock.Reset(Instant.FromUtc(2026, 3, 10, 7, 15));
        clerk = await factory.CreateClientAsAsync("clerk.astana");
        portal = await factory.CreateClientAsAsync(ApiAuth.Portal);
        await ActAsync(clerk, id, "issue", etag, DriverLicenceTests.HandOver);
        await PumpUntilAsync(() => false, rounds: 5);
        receiver.State[id].Status.Should().Be("in-review", "every delivery since failed");
        receiver.All.Where(r => r.ApplicationId == id && r.Sequence > 2).Should().OnlyContain(r => r.Sequence == 3, "later events wait behind the failing one");

        // Catching up from the feed, from the cursor held before the outage.
        var (missed, _) = await FeedAsync(portal, cursorBeforeOutage);
        var caughtUp = new ConcurrentDictionary<Guid, (int Sequence, string Status)>(receiver.State);
        foreach (var data in missed)
        {
            WebhookReceiver.Apply(caughtUp, data);
        }

        missed.Where(d => d.GetProperty("applicationId").GetGuid() == id).Select(d => d.GetProperty("type").GetString())
            .Should().Equal("application.status-changed", "application.ready-for-issue", "application.issued");
        var api = JsonNode.Parse(await portal.GetStringAsync($"/api/v1/applications/{id}"))!;
        caughtUp[id].Status.Should().Be("issued").And.Be(api["status"]!.GetValue<string>());
        caughtUp[id].Sequence.Should().Be(5);

        // From any cursor of the feed, replaying the rest ends in the same state.
        var (all, _) = await FeedAsync(portal, null);
        var positions = all.Select((d, i) => (d, i)).Where(x => x.d.GetProperty("applicationId").GetGuid() == id).Select(x => x.i).ToList();
        positions.Should().HaveCount(5);
        foreach (var position in positions)
        {
            var state = new ConcurrentDictionary<Guid, (int Sequence, string Status)>();
            foreach (var data in all.Take(position))
            {
                WebhookReceiver.Apply(state, data);
            }

            var cursor = await CursorAfterAsync(portal, position);
            var (rest, _) = await FeedAsync(portal, cursor);
            foreach (var data in rest)
            {
                WebhookReceiver.Apply(state, data);
            }

            state[id].Should().Be((5, "issued"));
        }

        // The portal is back: the webhooks it missed arrive, in order, each once, and agree with the feed.
        receiver.Answer = HttpStatusCode.OK;
        factory.Clock.Reset(Instant.FromUtc(2026, 3, 10, 7, 30));
        await PumpUntilAsync(() => receiver.State[id].Status == "issued");
        var accepted = receiver.Accepted.Where(r => r.ApplicationId == id).ToList();
        accepted.Select(r => r.Sequence).Should().Equal(1, 2, 3, 4, 5);
        accepted.Select(r => r.Type).Should().Equal(
            "application.submitted", "application.status-changed", "application.status-changed", "application.ready-for-issue", "application.issued");
        receiver.All.Should().OnlyContain(r => r.Verified);
        receiver.Duplicates.Should().Be(0);
        receiver.State[id].Should().Be(caughtUp[id]);
        accepted.Select(r => r.Data.GetProperty("eventId").GetString())
            .Should().Equal(all.Where(d => d.GetProperty("applicationId").GetGuid() == id).Select(d => d.GetProperty("eventId").GetString()));
        var first = accepted[0].Data;
        first.GetProperty("registrationNumber").GetString().Should().Be(api["registrationNumber"]!.GetValue<string>());
        first.GetProperty("service").GetString().Should().Be("driver-licence");
        first.GetProperty("occurredAt").GetString().Should().Be("2026-03-10T06:45:00Z");
    }

    [Fact]
    public async Task A_410_Gone_disables_the_subscription_until_it_is_enabled_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = HttpStatusCode.Gone;
        var portal = await factory.CreateClientAsAsync(ApiAuth.Portal);
        var (subscription, _) = await SubscribeAsync(portal, receiver, [WebhookEventTypes.Submitted], ["driver-licence"]);
        var (first, _) = await SubmitAsync(portal);

        await PumpUntilAsync(() => receiver.All.Count > 0);
        var view = JsonNode.Parse(await portal.GetStringAsync($"/api/v1/webhooks/subscriptions/{subscription}"))!;
        view["enabled"]!.GetValue<bool>().Should().BeFalse();
        view["disabledReason"]!.GetValue<string>().Should().Be("gone");
        await SubmitAsync(portal);
        await PumpUntilAsync(() => false, rounds: 5);
        receiver.All.Should().ContainSingle("a disabled subscription gets nothing more");

        receiver.Answer = HttpStatusCode.OK;
        var enabled = await portal.PatchAsJsonAsync($"/api/v1/webhooks/subscriptions/{subscription}", new { enabled = true });
        enabled.StatusCode.Should().Be(HttpStatusCode.OK, await enabled.Content.ReadAsStringAsync());
        factory.Clock.Advance(Duration.FromMinutes(5));
        await PumpUntilAsync(() => receiver.Accepted.Count > 0);
        receiver.Accepted.Single().ApplicationId.Should().Be(first, "the delivery that met the 410 is sent again once enabled");
    }

    [Fact]
    public async Task A_disabled_clients_deliveries_wait_until_an_administrator_enables_it_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = await factory.CreateClientAsAsync("admin");
        var clientId = "test-client-" + Guid.NewGuid().ToString("N")[..12];
        var created = await admin.PostAsJsonAsync("/api/v1/admin/clients", new
        {
            clientId,
            displayName = "Test portal",
            scopes = new[] { "driver-licence:read", "driver-licence:submit", "driver-licence:webhooks" },
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var secret = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["clientSecret"]!.GetValue<string>();
        var token = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        });
        var portal = factory.CreateClient();
        portal.DefaultRequestHeaders.Authorization = new("Bearer", JsonNode.Parse(await token.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>());
        await SubscribeAsync(portal, receiver, [WebhookEventTypes.Submitted], ["driver-licence"]);
        // The first attempt fails, so the delivery is queued when the client is disabled.
        receiver.Answer = HttpStatusCode.ServiceUnavailable;
        var (application, _) = await SubmitAsync(portal);
        await PumpUntilAsync(() => receiver.All.Count > 0);
        receiver.All.Should().ContainSingle();

        (await admin.PatchAsJsonAsync($"/api/v1/admin/clients/{clientId}", new { disabled = true })).StatusCode.Should().Be(HttpStatusCode.OK);
        receiver.Answer = HttpStatusCode.OK;
        factory.Clock.Advance(Duration.FromMinutes(5));
        await PumpUntilAsync(() => false, rounds: 5);
        receiver.All.Should().ContainSingle("a disabled client is sent nothing, not even a delivery queued before");

        (await admin.PatchAsJsonAsync($"/api/v1/admin/clients/{clientId}", new { disabled = false })).StatusCode.Should().Be(HttpStatusCode.OK);
        await PumpUntilAsync(() => receiver.Accepted.Count > 0);
        receiver.Accepted.Single().ApplicationId.Should().Be(application, "the waiting delivery goes out once the client is enabled");
    }

    [Fact]
    public async Task A_rotated_secret_and_the_previous_one_both_sign_during_the_grace_period_only()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var portal = await factory.CreateClientAsAsync(ApiAuth.Portal);
        var (subscription, oldSecret) = await SubscribeAsync(portal, receiver, [WebhookEventTypes.Submitted], ["driver-licence"]);
        var rotated = await portal.PostAsJsonAsync($"/api/v1/webhooks/subscriptions/{subscription}/rotate-secret", new { gracePeriodMinutes = 60 });
        rotated.StatusCode.Should().Be(HttpStatusCode.OK, await rotated.Content.ReadAsStringAsync());
        var body = JsonNode.Parse(await rotated.Content.ReadAsStringAsync())!;
        var newSecret = body["secret"]!.GetValue<string>();
        newSecret.Should().StartWith("whsec_").And.NotBe(oldSecret);
        body["previousSecretValidUntil"]!.GetValue<string>().Should().Be("2026-03-10T06:00:00Z");
        (await portal.GetStringAsync($"/api/v1/webhooks/subscriptions/{subscription}")).Should().NotContain(newSecret).And.NotContain(oldSecret);

        // Within the grace period a receiver holding only the old secret, or only the new, verifies.
        receiver.Secrets.Clear();
        receiver.Secrets.Add(oldSecret);
        await SubmitAsync(portal);
        await PumpUntilAsync(() => receiver.Accepted.Count == 1);
        receiver.All.Should().ContainSingle().Which.Should().Match<WebhookReceiver.Received>(r => r.Verified && r.Signatures == 2);
        receiver.Secrets.Clear();
        receiver.Secrets.Add(newSecret);
        await SubmitAsync(portal);
        await PumpUntilAsync(() => receiver.Accepted.Count == 2);

        // After it, only the new secret signs: the old one no longer verifies.
        factory.Clock.Advance(Duration.FromMinutes(61));
        portal = await factory.CreateClientAsAsync(ApiAuth.Portal);
        receiver.Secrets.Clear();
        receiver.Secrets.Add(oldSecret);
        await SubmitAsync(portal);
        await PumpUntilAsync(() => receiver.All.Count == 3);
        receiver.All[2].Verified.Should().BeFalse();
        receiver.All[2].Signatures.Should().Be(1);
    }

    [Fact]
    public async Task A_delivery_failing_past_its_budget_is_a_dead_letter_that_the_portal_sees_and_replays()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = HttpStatusCode.ServiceUnavailable;
        var portal = await factory.CreateClientAsAsync(ApiAuth.Portal);
        var (subscription, _) = await SubscribeAsync(portal, receiver, [WebhookEventTypes.Submitted], ["driver-licence"]);
        var (application, _) = await SubmitAsync(portal);
        await PumpUntilAsync(() => receiver.All.Count == 1);
        factory.Clock.Advance(Duration.FromMinutes(20));
        portal = await factory.CreateClientAsAsync(ApiAuth.Portal);
        await PumpUntilAsync(() => receiver.All.Count == 2);
        (await DeliveriesAsync(portal, subscription, "dead")).Should().BeEmpty("twenty minutes of failures are within the budget");

        factory.Clock.Advance(Duration.FromMinutes(45));
        portal = await factory.CreateClientAsAsync(ApiAuth.Portal);
        await PumpUntilAsync(() => receiver.All.Count == 3);
        var dead = (await DeliveriesAsync(portal, subscription, "dead")).Should().ContainSingle().Subject;
        dead["applicationId"]!.GetValue<Guid>().Should().Be(application);
        factory.Clock.Advance(Duration.FromHours(5));
        portal = await factory.CreateClientAsAsync(ApiAuth.Portal);
        await PumpUntilAsync(() => false, rounds: 3);
        receiver.All.Should().HaveCount(3, "a dead letter is not sent again on its own");
        var details = JsonNode.Parse(await portal.GetStringAsync($"/api/v1/webhooks/deliveries/{dead["id"]}"))!;
        details["attempts"]!.AsArray().Select(a => a!["statusCode"]!.GetValue<int>()).Should().Equal(503, 503, 503);

        receiver.Answer = HttpStatusCode.OK;
        (await portal.PostAsync($"/api/v1/webhooks/deliveries/{dead["id"]}/replay", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await PumpUntilAsync(() => receiver.Accepted.Count == 1);
        (await DeliveriesAsync(portal, subscription, "delivered")).Should().ContainSingle();

        // A time range: the same delivery once more, under the same webhook-id (the receiver's duplicate count sees it).
        var range = await portal.PostAsJsonAsync($"/api/v1/webhooks/subscriptions/{subscription}/replay", new { from = "2026-03-10T00:00:00Z", to = "2026-03-11T00:00:00Z" });
        range.StatusCode.Should().Be(HttpStatusCode.OK, await range.Content.ReadAsStringAsync());
        JsonNode.Parse(await range.Content.ReadAsStringAsync())!["replayed"]!.GetValue<int>().Should().Be(1);
        await PumpUntilAsync(() => receiver.Accepted.Count == 2);
        receiver.Duplicates.Should().Be(1);
    }

    [Fact]
    public async Task Each_subscription_gets_its_events_in_order_and_a_failing_one_holds_up_only_itself()
    {
        await using var down = await WebhookReceiver.StartAsync();
        await using var up = await WebhookReceiver.StartAsync();
        down.Answer = HttpStatusCode.ServiceUnavailable;
        var portal = await factory.CreateClientAsAsync(ApiAuth.Portal);
        await SubscribeAsync(portal, down, [WebhookEventTypes.StatusChanged], ["driver-licence"]);
        await SubscribeAsync(portal, up, [WebhookEventTypes.StatusChanged], ["driver-licence"]);
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var (a, etag) = await SubmitAsync(portal);
        await ActAsync(clerk, a, "start-review", etag);
        var (b, _) = await SubmitAsync(portal);

        await PumpUntilAsync(() => up.Accepted.Count == 3);
        up.Accepted.Select(r => (r.ApplicationId, r.Sequence)).Should().Equal((a, 1), (a, 2), (b, 1));
        down.All.Select(r => r.WebhookId).Distinct().Should().ContainSingle("only the head of the failing queue is tried");

        down.Answer = HttpStatusCode.OK;
        factory.Clock.Advance(Duration.FromMinutes(10));
        await PumpUntilAsync(() => down.Accepted.Count == 3);
        down.Accepted.Select(r => (r.ApplicationId, r.Sequence)).Should().Equal((a, 1), (a, 2), (b, 1));
    }

    [Fact]
    public async Task An_answered_complaint_about_a_portal_application_reaches_its_subscribers_and_the_feed_without_changing_the_state()
    {
        await using var complaints = await WebhookReceiver.StartAsync();
        await using var statuses = await WebhookReceiver.StartAsync();
        var portal = await factory.CreateClientAsAsync(ApiAuth.Portal);
        await SubscribeAsync(portal, complaints, [WebhookEventTypes.ComplaintAnswered], ["driver-licence"]);
        await SubscribeAsync(portal, statuses, [WebhookEventTypes.StatusChanged], ["driver-licence"]);
        var (id, _) = await SubmitAsync(portal);
        await PumpUntilAsync(() => statuses.Accepted.Any(r => r.ApplicationId == id));
        var (_, cursor) = await FeedAsync(portal, null);

        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var head = await factory.CreateClientAsAsync("head.astana");
        var registered = await clerk.PostAsJsonAsync("/api/v1/complaints", new
        {
            receivedVia = "post",
            complainant = new { fullName = "Асқар Нұрланұлы Бекұлы", postalAddress = "010000, Астана, Бейбітшілік к-сі, 10", language = "ru" },
            subject = "Кезек ұзақ болды",
            addressedTo = 1,
            applicationId = id,
        });
        registered.StatusCode.Should().Be(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var complaint = JsonNode.Parse(await registered.Content.ReadAsStringAsync())!;
        var complaintId = complaint["id"]!.GetValue<Guid>();
        (await PostWithIfMatchAsync(clerk, $"/api/v1/complaints/{complaintId}/review", new { }, "\"1\"")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await PostWithIfMatchAsync(head, $"/api/v1/complaints/{complaintId}/answer", new { answer = "Кезек ұйымдастырылды.", sentVia = "post" }, "\"2\""))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        await PumpUntilAsync(() => complaints.Accepted.Any(r => r.ApplicationId == id));
        var delivered = complaints.Accepted.Single(r => r.ApplicationId == id);
        delivered.Type.Should().Be("complaint.answered");
        delivered.Sequence.Should().Be(1, "an answer changes no status: it carries the application's current number");
        delivered.Data.GetProperty("status").GetString().Should().Be("submitted");
        delivered.Data.GetProperty("complaintNumber").GetString().Should().Be(complaint["journalNumber"]!.GetValue<string>());
        complaints.Accepted.Should().OnlyContain(r => r.Type == "complaint.answered", "the subscription asked for complaint answers only");
        await PumpUntilAsync(() => false, rounds: 3);
        statuses.Accepted.Where(r => r.ApplicationId == id).Select(r => r.Type).Should().Equal(["application.submitted"], "status-changed does not include complaint answers");

        var (after, _) = await FeedAsync(portal, cursor);
        var listed = after.Where(d => d.GetProperty("applicationId").GetGuid() == id).ToList();
        listed.Select(d => d.GetProperty("type").GetString()).Should().Equal("complaint.answered");
        listed[0].GetProperty("eventId").GetString().Should().Be(delivered.Data.GetProperty("eventId").GetString());
        var state = new ConcurrentDictionary<Guid, (int Sequence, string Status)>(statuses.State);
        WebhookReceiver.Apply(state, listed[0]);
        state[id].Should().Be((1, "submitted"));
    }

    private static async Task<HttpResponseMessage> PostWithIfMatchAsync(HttpClient client, string url, object body, string ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(System.Net.Http.Headers.EntityTagHeaderValue.Parse(ifMatch));
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var portal = await factory.CreateClientAsAsync(ApiAuth.Portal);
        var created = await portal.PostAsJsonAsync("/api/v1/webhooks/subscriptions", new
        {
            url = receiver.Url.Replace("/hooks", "/moved"), eventTypes = new[] { WebhookEventTypes.Submitted }, services = new[] { "driver-licence" },
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var subscription = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["subscription"]!["id"]!.GetValue<Guid>();
        await SubmitAsync(portal);

        await PumpUntilAsync(() => false, rounds: 10);
        receiver.All.Should().BeEmpty("the 307 to /hooks was not followed");
        var pending = (await DeliveriesAsync(portal, subscription, "pending")).Should().ContainSingle().Subject;
        pending["lastStatusCode"]!.GetValue<int>().Should().Be(307);
    }

    [Fact]
    public async Task A_subscription_asks_for_known_types_and_services_within_the_clients_scopes()
    {
        var portal = await factory.CreateClientAsAsync("client:egov-portal driver-licence:webhooks");
        var bad = await portal.PostAsJsonAsync("/api/v1/webhooks/subscriptions", new
        {
            url = "http://127.0.0.1:9/hooks", eventTypes = new[] { "application.exploded" }, services = new[] { "citizenship" },
        });
        var problem = await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("eventTypes", "services");

        var reader = await factory.CreateClientAsAsync("client:egov-portal driver-licence:read");
        (await reader.GetAsync("/api/v1/webhooks/subscriptions")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reader.GetAsync("/api/v1/events")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var police = await factory.CreateClientAsAsync("client:" + Kazgov.Platform.Security.DemoAccounts.PoliceClientId);
        (await police.GetAsync("/api/v1/webhooks/subscriptions")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_feed_lists_only_the_clients_own_events_and_never_hands_out_a_cursor_a_later_commit_could_slip_behind()
    {
        var portal = await factory.CreateClientAsAsync(ApiAuth.Portal);
        var (mine, etag) = await SubmitAsync(portal);
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var theirs = await clerk.PostAsJsonAsync("/api/v1/driver-licences/applications", DriverLicenceTests.Intake(TestIins.Next(), paid: true));
        var theirsId = JsonNode.Parse(await theirs.Content.ReadAsStringAsync())!["application"]!["id"]!.GetValue<Guid>();
        var (events, cursor) = await EventuallyFeedAsync(portal, null, e => e.Any(d => d.GetProperty("applicationId").GetGuid() == mine));
        events.Should().NotContain(d => d.GetProperty("applicationId").GetGuid() == theirsId, "the clerk's application is not the portal's");
        (await FeedAsync(portal, cursor)).Events.Should().NotContain(d => d.GetProperty("applicationId").GetGuid() == mine);

        // A slow transaction writes an event and stays open; meanwhile a change commits after it began.
        await using var slow = new NpgsqlConnection(TestDatabase.ConnectionString);
        await slow.OpenAsync();
        await using var transaction = await slow.BeginTransactionAsync();
        await slow.ExecuteAsync(
            "INSERT INTO platform.integration_events (type, payload, occurred_at) VALUES ('application.status-changed', @payload::jsonb, now())",
            new { payload = $$"""{"applicationId":"{{mine}}","registrationNumber":"SLOW","serviceCode":"driver-licence","officeId":"x","from":"submitted","to":"in-review","at":"2026-03-10T05:00:00Z","sequence":2,"submittedBy":"client:egov-portal"}""" },
            transaction);
        await ActAsync(clerk, mine, "start-review", etag);

        for (var i = 0; i < 10; i++)
        {
            var (page, next) = await FeedAsync(portal, cursor);
            page.Should().BeEmpty("the committed change waits behind the open transaction instead of overtaking it");
            next.Should().Be(cursor, "an empty page hands back the same cursor");
            await Task.Delay(100);
        }

        await transaction.CommitAsync();
        var (after, _) = await EventuallyFeedAsync(portal, cursor, e => e.Count(d => d.GetProperty("applicationId").GetGuid() == mine) >= 2);
        after.Where(d => d.GetProperty("applicationId").GetGuid() == mine).Select(d => d.GetProperty("registrationNumber").GetString())
            .First().Should().Be("SLOW", "the event of the transaction that began first comes first");
    }

    [Fact]
    public async Task Production_rules_refuse_http_and_private_loopback_and_link_local_targets()
    {
        await using var strict = new StrictWebhookApiFactory();
        var portal = await strict.CreateClientAsAsync(ApiAuth.Portal);
        foreach (var (url, reason) in new[]
        {
            ("http://example.com/hooks", "https-required"),
            ("https://127.0.0.1/hooks", "private-address"),
            ("https://localhost/hooks", "private-address"),
            ("https://[::1]/hooks", "private-address"),
            ("https://10.1.2.3/hooks", "private-address"),
            ("https://192.168.0.10/hooks", "private-address"),
            ("https://169.254.169.254/latest/meta-data", "private-address"),
            ("https://[fe80::1]/hooks", "private-address"),
            ("ftp://example.com/hooks", "not-an-http-url"),
        })
        {
            var response = await portal.PostAsJsonAsync("/api/v1/webhooks/subscriptions", new
            {
                url, eventTypes = new[] { WebhookEventTypes.Submitted }, services = new[] { "driver-licence" },
            });
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "webhook-target-refused");
            problem.GetProperty("reason").GetString().Should().Be(reason, url);
        }

        // And at connection time too (a name that resolves to a private address later): the webhook client refuses loopback.
        await using var receiver = await WebhookReceiver.StartAsync();
        var client = strict.Services.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookDispatcher.HttpClientName);
        var act = () => client.PostAsync(receiver.Url, new StringContent("{}"));
        (await act.Should().ThrowAsync<HttpRequestException>()).WithInnerException<WebhookTargetRefusedException>();
        receiver.All.Should().BeEmpty();
    }

    private async Task<(Guid Id, string Secret)> SubscribeAsync(HttpClient portal, WebhookReceiver receiver, string[] types, string[] services)
    {
        var response = await portal.PostAsJsonAsync("/api/v1/webhooks/subscriptions", new { url = receiver.Url, eventTypes = types, services });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var secret = body["secret"]!.GetValue<string>();
        receiver.Secrets.Add(secret);
        return (body["subscription"]!["id"]!.GetValue<Guid>(), secret);
    }

    private static async Task<(Guid Id, string ETag)> SubmitAsync(HttpClient portal)
    {
        var intake = DriverLicenceTests.Intake(TestIins.Next(), paid: true);
        intake["channel"] = "e-gov";
        var response = await portal.PostAsJsonAsync("/api/v1/driver-licences/applications", intake);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["application"]!["id"]!.GetValue<Guid>();
        WebhookReceiver.OurApplications[id] = true;
        return (id, response.Headers.ETag!.ToString());
    }

    private static async Task<string> ActAsync(HttpClient clerk, Guid id, string action, string etag, object? body = null)
    {
        var response = await clerk.SendActionAsync(id.ToString(), action, etag, body);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.ToString();
    }

    /// <summary>Runs the fan-out and the webhook dispatcher of this host until <paramref name="done"/> (or the rounds run out).</summary>
    // Up to about 30 s: the fan-out is shared by every host on the test database, and on a loaded machine
    // another test class's host may hold it for seconds (a round that finds it busy skips).
    private async Task PumpUntilAsync(Func<bool> done, int rounds = 300)
    {
        var events = factory.Services.GetRequiredService<IntegrationEventDispatcher>();
        var webhooks = factory.Services.GetRequiredService<WebhookDispatcher>();
        for (var round = 0; round < rounds && !done(); round++)
        {
            await events.DispatchOnceAsync(CancellationToken.None);
            await webhooks.DispatchDueAsync(CancellationToken.None);
            if (!done())
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Every page of the feed after <paramref name="after"/>: the events and the last cursor.</summary>
    private static async Task<(List<JsonElement> Events, string? Cursor)> FeedAsync(HttpClient portal, string? after)
    {
        var events = new List<JsonElement>();
        var cursor = after;
        while (true)
        {
            var response = await portal.GetAsync("/api/v1/events?limit=200" + (cursor is null ? string.Empty : "&after=" + cursor));
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            events.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                return (events, cursor);
            }
        }
    }

    private static async Task<(List<JsonElement> Events, string? Cursor)> EventuallyFeedAsync(HttpClient portal, string? after, Func<List<JsonElement>, bool> done)
    {
        for (var attempt = 0; ; attempt++)
        {
            var result = await FeedAsync(portal, after);
            if (done(result.Events) || attempt == 100)
            {
                return result;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The cursor after the first <paramref name="count"/> events of the feed (null for none).</summary>
    private static async Task<string?> CursorAfterAsync(HttpClient portal, int count)
    {
        string? cursor = null;
        var left = count;
        while (left > 0)
        {
            var take = Math.Min(200, left);
            var page = JsonDocument.Parse(await portal.GetStringAsync($"/api/v1/events?limit={take}" + (cursor is null ? string.Empty : "&after=" + cursor))).RootElement;
            cursor = page.GetProperty("nextCursor").GetString();
            left -= take;
        }

        return cursor;
    }

    private static async Task<List<JsonNode>> DeliveriesAsync(HttpClient portal, Guid subscription, string status) =>
        JsonNode.Parse(await portal.GetStringAsync($"/api/v1/webhooks/deliveries?subscription={subscription}&status={status}"))!["items"]!
            .AsArray().Select(n => n!).ToList();
}
