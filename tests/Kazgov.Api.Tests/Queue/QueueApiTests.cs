using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Tests;
using NodaTime;
using Npgsql;

namespace Kazgov.Api.Tests.Queue;

/// <summary>
/// The electronic queue (issue 21) through the real host on PostgreSQL: kiosk and portal tickets, the
/// office's hours and lunch break, waits against the standard's norm, the clerk's desk and the hall
/// display, and "call next" under real concurrency. Each test works on a day of its own at the Astana
/// road police and clears that day first, so reruns on the same database see the same numbers. The
/// host is the one whose vehicle-registration runs through the generic lifecycle (a simple application to link).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class QueueApiTests(PlainServicesApiFactory factory) : IAsyncLifetime
{
    private const string Office = "road-police-astana-671c3429";
    private readonly Instant _start = factory.Clock.GetCurrentInstant();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        factory.Clock.Reset(_start);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_kiosk_ticket_has_a_readable_number_the_standards_norm_and_its_place_in_the_line()
    {
        await FreshDayAsync(new LocalDate(2026, 4, 14));
        At(2026, 4, 14, 10, 0);
        var kiosk = factory.CreateClient();

        var first = await TakeAsync(kiosk, "driver-licence", "submission");
        var second = await TakeAsync(kiosk, "driver-licence", "submission");
        var collect = await TakeAsync(kiosk, "driver-licence", "pick-up");
        var citizenshipElsewhere = await kiosk.PostAsJsonAsync($"/api/v1/offices/{Office}/queue/tickets", new { serviceCode = "citizenship", purpose = "submission" });

        first["number"]!.GetValue<string>().Should().Be("DT-001");
        second["number"]!.GetValue<string>().Should().Be("DT-002");
        collect["number"]!.GetValue<string>().Should().Be("DA-001", "each prefix counts on its own");
        first["status"]!.GetValue<string>().Should().Be("waiting");
        first["channel"]!.GetValue<string>().Should().Be("kiosk");
        first["day"]!.GetValue<string>().Should().Be("2026-04-14");
        // driver-licence §7.2, §7.3: at most 40 minutes to hand in, 30 to collect.
        first["normMinutes"]!.GetValue<int>().Should().Be(40);
        collect["normMinutes"]!.GetValue<int>().Should().Be(30);
        first["peopleAhead"]!.GetValue<int>().Should().Be(0);
        second["peopleAhead"]!.GetValue<int>().Should().Be(1);
        (await citizenshipElsewhere.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed"))
            .GetProperty("errors").GetProperty("serviceCode").GetArrayLength().Should().Be(1);
    }

    [Theory]
    [InlineData(2026, 4, 14, 8, 59, "outside-hours")]
    [InlineData(2026, 4, 14, 13, 0, "lunch-break")]
    [InlineData(2026, 4, 14, 13, 59, "lunch-break")]
    [InlineData(2026, 4, 14, 18, 0, "outside-hours")]
    [InlineData(2026, 4, 19, 10, 0, "day-off")]
    [InlineData(2026, 5, 1, 10, 0, "day-off")]
    public async Task No_ticket_outside_reception_hours_in_the_lunch_break_or_on_a_day_off(int year, int month, int day, int hour, int minute, string reason)
    {
        At(year, month, day, hour, minute);
        var kiosk = factory.CreateClient();
        kiosk.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");

        var response = await kiosk.PostAsJsonAsync($"/api/v1/offices/{Office}/queue/tickets", new { serviceCode = "driver-licence", purpose = "submission" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "queue-closed");
        problem.GetProperty("reason").GetString().Should().Be(reason);
        problem.GetProperty("title").GetString().Should().Be("Сейчас талоны в очередь не выдаются");
    }

    [Fact]
    public async Task The_kiosk_refuses_what_it_cannot_read_with_field_errors_and_an_unknown_office_with_404()
    {
        At(2026, 4, 14, 10, 0);
        var kiosk = factory.CreateClient();

        var bad = await kiosk.PostAsJsonAsync($"/api/v1/offices/{Office}/queue/tickets", new { serviceCode = "passport", purpose = "queue-jump" });
        var noPickUp = await kiosk.PostAsJsonAsync("/api/v1/offices/address-bureau-astana-de3e9b0e/queue/tickets", new { serviceCode = "address-certificate", purpose = "pick-up" });
        var nowhere = await kiosk.PostAsJsonAsync("/api/v1/offices/no-such-office/queue/tickets", new { serviceCode = "driver-licence", purpose = "submission" });

        var errors = (await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors");
        errors.TryGetProperty("serviceCode", out _).Should().BeTrue();
        errors.TryGetProperty("purpose", out _).Should().BeTrue();
        (await noPickUp.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("purpose", out _).Should().BeTrue();
        await nowhere.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Waits_are_counted_in_exact_minutes_without_the_lunch_break_against_the_norm()
    {
        await FreshDayAsync(new LocalDate(2026, 4, 15));
        var kiosk = factory.CreateClient();
        At(2026, 4, 15, 12, 30);
        var early = await TakeAsync(kiosk, "driver-licence", "submission");
        At(2026, 4, 15, 12, 50);
        var later = await TakeAsync(kiosk, "driver-licence", "submission");
        var clerk = await factory.CreateClientAsAsync("clerk.astana");

        // At 14:10 the line shows the waits so far: 30 + 10 and 10 + 10 minutes; lunch (13:00–14:00) is not counted.
        At(2026, 4, 15, 14, 10);
        clerk = await factory.CreateClientAsAsync("clerk.astana");
        var line = await Json(await clerk.GetAsync("/api/v1/queue/line"));
        var waiting = line["waiting"]!.AsArray().Where(t => t!["day"]!.GetValue<string>() == "2026-04-15").ToList();
        waiting.Select(t => t!["number"]!.GetValue<string>()).Should().Equal("DT-001", "DT-002");
        waiting.Select(t => t!["waitedMinutes"]!.GetValue<int>()).Should().Equal(40, 20);
        waiting.Select(t => t!["overNorm"]!.GetValue<bool>()).Should().Equal(false, false);

        At(2026, 4, 15, 14, 15);
        var first = await CallAsync(clerk, "3");
        At(2026, 4, 15, 14, 20);
        var second = await CallAsync(clerk, "3");

        first["id"]!.GetValue<string>().Should().Be(early["id"]!.GetValue<string>(), "first come, first served");
        first["waitedMinutes"]!.GetValue<int>().Should().Be(45, "12:30–13:00 and 14:00–14:15");
        first["overNorm"]!.GetValue<bool>().Should().BeTrue("45 minutes is over driver-licence's 40");
        second["id"]!.GetValue<string>().Should().Be(later["id"]!.GetValue<string>());
        second["waitedMinutes"]!.GetValue<int>().Should().Be(30, "12:50–13:00 and 14:00–14:20");
        second["overNorm"]!.GetValue<bool>().Should().BeFalse();
        second["window"]!.GetValue<string>().Should().Be("3");
        (await StoredWaitAsync(first["id"]!.GetValue<string>())).Should().Be(45, "the wait is kept for the indicators");
    }

    [Fact]
    public async Task A_ticket_goes_from_the_kiosk_to_a_window_on_the_display_and_is_served_with_its_application()
    {
        await FreshDayAsync(new LocalDate(2026, 4, 16));
        At(2026, 4, 16, 10, 0);
        var kiosk = factory.CreateClient();
        var ticket = await TakeAsync(kiosk, "vehicle-registration", "submission");
        var other = await TakeAsync(kiosk, "driver-licence", "submission");
        var clerk = await factory.CreateClientAsAsync("clerk.astana");

        At(2026, 4, 16, 10, 7);
        var called = await CallAsync(clerk, "5");
        var display = await Json(await kiosk.GetAsync($"/api/v1/offices/{Office}/queue/display"));
        var mine = await Json(await clerk.GetAsync("/api/v1/queue/line"));

        called["number"]!.GetValue<string>().Should().Be("VT-001");
        called["status"]!.GetValue<string>().Should().Be("called");
        called["waitedMinutes"]!.GetValue<int>().Should().Be(7);
        called["calledAt"]!.GetValue<string>().Should().Be("2026-04-16T05:07:00Z");
        display["called"]!.AsArray().Select(t => (t!["number"]!.GetValue<string>(), t["window"]!.GetValue<string>())).Should().Equal([("VT-001", "5")]);
        display["waiting"]!.GetValue<int>().Should().Be(1);
        // The hall reads Kazakh and Russian: the office's name comes in both (and English), not only the seed's Kazakh.
        display["officeName"]!.GetValue<string>().Should().Be("Астана қаласы ІІД ЖПБ ЕТБ");
        display["officeNames"]!["ru"]!.GetValue<string>().Should().Be("РЭО УДП ДВД г. Астаны");
        mine["called"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).Should().Equal(ticket["id"]!.GetValue<string>());

        var applicationId = await SubmittedAsync(clerk, Applications.LifecycleTests.VehicleRegistration());
        var otherService = await SubmittedAsync(clerk, Applications.LifecycleTests.ProxyDriverRegistration());
        At(2026, 4, 16, 10, 20);
        clerk = await factory.CreateClientAsAsync("clerk.astana");
        var wrong = await clerk.PostAsJsonAsync($"/api/v1/queue/tickets/{called["id"]}/serve", new { applicationId = otherService });
        (await wrong.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("applicationId", out _)
            .Should().BeTrue("the application must be of the ticket's service; nothing was written");
        var served = await Json(await clerk.PostAsJsonAsync($"/api/v1/queue/tickets/{called["id"]}/serve", new { applicationId }));
        var again = await clerk.PostAsJsonAsync($"/api/v1/queue/tickets/{called["id"]}/no-show", new { });
        var relink = await clerk.PostAsJsonAsync($"/api/v1/queue/tickets/{called["id"]}/application", new { applicationId });

        served["status"]!.GetValue<string>().Should().Be("served");
        served["applicationId"]!.GetValue<string>().Should().Be(applicationId);
        served["servedAt"]!.GetValue<string>().Should().Be("2026-04-16T05:20:00Z");
        served["waitedMinutes"]!.GetValue<int>().Should().Be(7, "the wait ends when the ticket is called");
        (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-transition")).GetProperty("currentStatus").GetString().Should().Be("served");
        await relink.ShouldBeProblemAsync(HttpStatusCode.Conflict, "queue-ticket-already-linked");
        (await Json(await kiosk.GetAsync($"/api/v1/offices/{Office}/queue/display")))["called"]!.AsArray().Should().BeEmpty();

        var next = await CallAsync(clerk, "5");
        next["id"]!.GetValue<string>().Should().Be(other["id"]!.GetValue<string>());
        var noShow = await Json(await clerk.PostAsJsonAsync($"/api/v1/queue/tickets/{next["id"]}/no-show", new { }));
        noShow["status"]!.GetValue<string>().Should().Be("no-show");
        await (await clerk.PostAsJsonAsync("/api/v1/queue/call-next", new { window = "5" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "queue-empty");
    }

    [Fact]
    public async Task A_clerk_sees_and_closes_only_tickets_of_their_office_and_services()
    {
        await FreshDayAsync(new LocalDate(2026, 4, 20));
        At(2026, 4, 20, 10, 0);
        var ticket = await TakeAsync(factory.CreateClient(), "driver-licence", "submission");
        var head = await factory.CreateClientAsAsync("head.astana");
        var called = await CallAsync(head, "1");
        var elsewhere = await factory.CreateClientAsAsync("clerk.almaty");
        var migration = await factory.CreateClientAsAsync("clerk.migration.astana");

        var foreign = await elsewhere.PostAsJsonAsync($"/api/v1/queue/tickets/{called["id"]}/serve", new { });
        var otherService = await migration.PostAsJsonAsync($"/api/v1/queue/tickets/{called["id"]}/no-show", new { });
        var badWindow = await head.PostAsJsonAsync("/api/v1/queue/call-next", new { window = "<script>" });

        called["id"]!.GetValue<string>().Should().Be(ticket["id"]!.GetValue<string>());
        await foreign.ShouldBeProblemAsync(HttpStatusCode.NotFound, "queue-ticket-not-found");
        await otherService.ShouldBeProblemAsync(HttpStatusCode.NotFound, "queue-ticket-not-found");
        (await badWindow.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("window", out _).Should().BeTrue();
    }

    [Fact]
    public async Task The_portal_takes_a_place_in_todays_queue_for_a_service_it_may_submit()
    {
        await FreshDayAsync(new LocalDate(2026, 4, 21));
        At(2026, 4, 21, 9, 30);
        var portal = await factory.CreateClientAsAsync(ApiAuth.Portal);
        var kiosk = factory.CreateClient();

        var walkIn = await TakeAsync(kiosk, "driver-licence", "submission");
        var advance = await portal.PostAsJsonAsync("/api/v1/queue/tickets", new { officeId = Office, serviceCode = "driver-licence", purpose = "submission" });
        var readOnly = await factory.CreateClientAsAsync("client:egov-portal driver-licence:read");
        var refused = await readOnly.PostAsJsonAsync("/api/v1/queue/tickets", new { officeId = Office, serviceCode = "driver-licence", purpose = "submission" });

        var ticket = await Json(advance, HttpStatusCode.Created);
        ticket["channel"]!.GetValue<string>().Should().Be("portal");
        ticket["number"]!.GetValue<string>().Should().Be("DT-002", "the same line as the kiosk's, by the time it was taken");
        ticket["peopleAhead"]!.GetValue<int>().Should().Be(1);
        ticket["day"]!.GetValue<string>().Should().Be("2026-04-21", "a place in today's queue, not an appointment");
        walkIn["number"]!.GetValue<string>().Should().Be("DT-001");
        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Call_next_skips_a_ticket_another_clerk_holds_instead_of_waiting_for_it()
    {
        await FreshDayAsync(new LocalDate(2026, 4, 22));
        At(2026, 4, 22, 10, 0);
        var kiosk = factory.CreateClient();
        var first = await TakeAsync(kiosk, "driver-licence", "submission");
        var second = await TakeAsync(kiosk, "driver-licence", "submission");
        var clerk = await factory.CreateClientAsAsync("clerk.astana");

        // Another clerk's "call next" holds the first ticket in an open transaction.
        await using var other = new NpgsqlConnection(TestDatabase.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        (await other.ExecuteScalarAsync<Guid>(
            "SELECT id FROM platform.queue_tickets WHERE office_id = @Office AND day = '2026-04-22' AND status = 'waiting' ORDER BY taken_at, id LIMIT 1 FOR UPDATE SKIP LOCKED",
            new { Office }, transaction)).ToString().Should().Be(first["id"]!.GetValue<string>());

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var response = await clerk.PostAsJsonAsync("/api/v1/queue/call-next", new { window = "2" }, timeout.Token);

        (await Json(response))["id"]!.GetValue<string>().Should().Be(second["id"]!.GetValue<string>());
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task Two_clerks_calling_at_once_never_call_one_ticket_twice()
    {
        const int Tickets = 30;
        await FreshDayAsync(new LocalDate(2026, 4, 23));
        At(2026, 4, 23, 10, 0);
        var kiosk = factory.CreateClient();
        for (var i = 0; i < Tickets; i++)
        {
            await TakeAsync(kiosk, "driver-licence", "submission");
        }

        At(2026, 4, 23, 10, 30);
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var head = await factory.CreateClientAsAsync("head.astana");
        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, 2 * 20)
            .Select(i => Task.Run(async () =>
            {
                start.Wait();
                return await (i % 2 == 0 ? clerk : head).PostAsJsonAsync("/api/v1/queue/call-next", new { window = i % 2 == 0 ? "1" : "2" });
            }))
            .ToList();
        start.Set();
        var responses = await Task.WhenAll(calls);

        var calledIds = new List<string>();
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
        {
            calledIds.Add((await Json(response))["id"]!.GetValue<string>());
        }

        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "queue-empty");
        }

        calledIds.Should().HaveCount(Tickets).And.OnlyHaveUniqueItems();
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM platform.queue_tickets WHERE office_id = @Office AND day = '2026-04-23' AND status = 'called'", new { Office }))
            .Should().Be(Tickets);
    }

    private void At(int year, int month, int day, int hour, int minute) =>
        factory.Clock.Reset(new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(DateTimeZoneProviders.Tzdb["Asia/Almaty"]).ToInstant());

    private async Task<JsonNode> TakeAsync(HttpClient kiosk, string service, string purpose) =>
        await Json(await kiosk.PostAsJsonAsync($"/api/v1/offices/{Office}/queue/tickets", new { serviceCode = service, purpose }), HttpStatusCode.Created);

    private static async Task<JsonNode> CallAsync(HttpClient clerk, string window) =>
        await Json(await clerk.PostAsJsonAsync("/api/v1/queue/call-next", new { window }));

    private static async Task<string> SubmittedAsync(HttpClient clerk, JsonObject request)
    {
        var response = await clerk.PostAsJsonAsync("/api/v1/applications", request);
        return (await Json(response, HttpStatusCode.Created))["application"]!["id"]!.GetValue<string>();
    }

    private static async Task<JsonNode> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        return JsonNode.Parse(body)!;
    }

    private static async Task<int?> StoredWaitAsync(string id)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<int?>("SELECT wait_minutes FROM platform.queue_tickets WHERE id = @id", new { id = Guid.Parse(id) });
    }

    private static async Task FreshDayAsync(LocalDate day)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync("DELETE FROM platform.queue_tickets WHERE office_id = @Office AND day = @day", new { Office, day = day.ToDateTimeUnspecified() });
        await connection.ExecuteAsync("DELETE FROM platform.queue_counters WHERE office_id = @Office AND day = @day", new { Office, day = day.ToDateTimeUnspecified() });
    }
}
