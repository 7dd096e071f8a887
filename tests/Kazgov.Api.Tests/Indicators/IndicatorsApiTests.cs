using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Tests;
using MiniExcelLibs;
using NodaTime;
using Npgsql;
using Kazgov.Kernel.Data;

namespace Kazgov.Api.Tests.Indicators;

/// <summary>
/// The quality indicators (issue 21) through the real host on PostgreSQL: a demo day at the Astana
/// road police generated through the API (tickets across the lunch break, applications decided at,
/// and one second after, their due instant, a suspension, feedback, complaints with and without a
/// finding, one answered late), then the July 2026 table, recomputed independently from the raw rows.
/// Nothing else writes July 2026 at this office, and the day's tickets are cleared first.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IndicatorsApiTests(PlainServicesApiFactory factory) : IAsyncLifetime
{
    private const string Office = "road-police-astana-671c3429";
    private const string Proxy = "proxy-driver-registration";
    private const string Licence = "driver-licence";
    private static readonly DateTimeZone Almaty = DateTimeZoneProviders.Tzdb["Asia/Almaty"];
    private static readonly SemaphoreSlim DemoLock = new(1, 1);
    private static bool _demoDone;
    private readonly Instant _start = factory.Clock.GetCurrentInstant();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        factory.Clock.Reset(_start);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_demo_day_shows_in_the_table_with_exact_values_and_no_data_where_there_is_no_source()
    {
        await DemoDayAsync();
        var head = await factory.CreateClientAsAsync("head.astana");
        head.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var table = await Json(await head.GetAsync($"/api/v1/indicators?period=month&start=2026-07-01&by=office&officeId={Office}"));

        table["period"]!["kind"]!.GetValue<string>().Should().Be("month");
        table["period"]!["start"]!.GetValue<string>().Should().Be("2026-07-01");
        table["period"]!["end"]!.GetValue<string>().Should().Be("2026-07-31");
        table["by"]!.GetValue<string>().Should().Be("office");
        var rows = table["rows"]!.AsArray().Select(r => r!).ToList();
        rows.Should().OnlyContain(r => r["officeId"]!.GetValue<string>() == Office);
        var proxy = rows.Where(r => r["service"]!.GetValue<string>() == Proxy).ToDictionary(r => r["indicator"]!.GetValue<string>());
        proxy.Keys.Should().BeEquivalentTo(["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "4.4", "5.1"]);

        // 4 decided: refused at the due instant (in term), issued one second late, issued after a suspension, issued early.
        Cell(proxy["1.1"]).Should().Be((75.0m, 3L, 4L));
        // Waits 20 (at the norm), 25 (across lunch) and 31 (over the pick-up norm of 30).
        Cell(proxy["1.2"]).Should().Be((33.3m, 1L, 3L));
        Cell(proxy["2.1"]).Should().Be((75.0m, 3L, 4L));
        Cell(proxy["3.1"]).Should().Be((50.0m, 2L, 4L));
        Cell(proxy["5.1"]).Should().Be((25.0m, 1L, 4L));
        Cell(proxy["4.1"]).Should().Be((50.0m, 2L, 4L), "2 justified complaints for 4 applicants served");
        Cell(proxy["4.2"]).Should().Be((50.0m, 1L, 2L), "one justified complaint answered late");
        foreach (var number in new[] { "2.2", "3.2", "3.3", "4.3", "4.4" })
        {
            proxy[number]["value"].Should().BeNull();
            proxy[number]["noDataReason"]!.GetValue<string>().Should().Be("no-source");
        }

        // A row is ids and numbers; the names and texts come once, beside the rows.
        rows.Should().OnlyContain(r => r.AsObject().Select(p => p.Key).SequenceEqual(new[]
            { "officeId", "region", "service", "indicator", "value", "numerator", "denominator", "meetsNormative", "noDataReason" }));
        rows.Should().OnlyContain(r => r["region"]!.GetValue<string>() == "astana");
        table["offices"]!.ToJsonString().Should().Be("""[{"id":"road-police-astana-671c3429","name":"REO UDP DVD g. Astany","region":"astana"}]""");
        table["regions"]!.ToJsonString().Should().Be("""[{"code":"astana","name":"Astana city"}]""");
        var texts = table["indicators"]!.AsArray().Select(i => i!).ToList();
        texts.Select(i => (i["service"]!.GetValue<string>(), i["indicator"]!.GetValue<string>()))
            .Should().Equal(rows.Select(r => (r["service"]!.GetValue<string>(), r["indicator"]!.GetValue<string>())).Distinct(),
                "each service's indicator once, in the rows' order");
        var proxyText = texts.Single(i => i["service"]!.GetValue<string>() == Proxy && i["indicator"]!.GetValue<string>() == "1.1");

        // proxy-driver-registration has no appendix: nothing to compare with.
        proxyText["normative"].Should().BeNull();
        proxyText["nextYearTarget"].Should().BeNull();
        proxyText["seedLine"].Should().BeNull();
        proxyText["group"]!.GetValue<string>().Should().Be("Timeliness");
        proxyText["text"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        proxy["1.1"]["meetsNormative"].Should().BeNull();
        proxy["1.1"]["noDataReason"].Should().BeNull();

        var licence = rows.Where(r => r["service"]!.GetValue<string>() == Licence).ToDictionary(r => r["indicator"]!.GetValue<string>());
        Cell(licence["1.2"]).Should().Be((100.0m, 2L, 2L), "waits 30 and 20 against 40; the ticket left waiting is not counted");
        licence["1.1"]["value"].Should().BeNull("no driver licence was decided: no data, never 100");
        licence["1.1"]["noDataReason"]!.GetValue<string>().Should().Be("no-cases");
        licence["1.1"]["numerator"]!.GetValue<long>().Should().Be(0);
        licence["1.1"]["denominator"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task Every_value_of_the_table_equals_a_plain_recomputation_from_the_raw_rows()
    {
        await DemoDayAsync();
        var auditor = await factory.CreateClientAsAsync("auditor");

        foreach (var by in new[] { "office", "service" })
        {
            var query = by == "office" ? $"officeId={Office}" : $"service={Proxy}";
            var table = await Json(await auditor.GetAsync($"/api/v1/indicators?period=month&start=2026-07-01&by={by}&{query}"));
            var rows = table["rows"]!.AsArray().Select(r => r!).ToList();
            rows.Should().NotBeEmpty();
            var raw = await RawCountsAsync(new DateTime(2026, 7, 1), new DateTime(2026, 7, 31), by == "office" ? Office : null);
            foreach (var row in rows.Where(r => r["value"] is not null || r["noDataReason"]!.GetValue<string>() == "no-cases"))
            {
                var service = row["service"]!.GetValue<string>();
                var counts = raw.GetValueOrDefault(service) ?? new RawCounts();
                var (numerator, denominator) = counts.Of(row["indicator"]!.GetValue<string>());
                var expected = denominator == 0 ? (decimal?)null : Math.Round(100m * numerator / denominator, 1, MidpointRounding.AwayFromZero);
                var what = $"{by} {service} {row["indicator"]}";
                row["numerator"]!.GetValue<long>().Should().Be(numerator, what);
                row["denominator"]!.GetValue<long>().Should().Be(denominator, what);
                row["value"]?.GetValue<decimal>().Should().Be(expected, what);
                if (expected is null)
                {
                    row["value"].Should().BeNull(what);
                }
            }
        }
    }

    [Fact]
    public async Task The_rollup_equals_the_counts_straight_from_the_sources()
    {
        await DemoDayAsync();
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var differences = await connection.ExecuteScalarAsync<long>(
            """
            SELECT count(*) FROM (
                (SELECT * FROM platform.indicator_days EXCEPT SELECT * FROM platform.indicator_days_from_sources)
                UNION ALL
                (SELECT * FROM platform.indicator_days_from_sources EXCEPT SELECT * FROM platform.indicator_days)) d
            WHERE (decided, decided_in_term, tickets_called, tickets_normed, tickets_within_norm, feedback, quality_satisfied,
                   information_satisfied, courtesy_satisfied, complaints_answered, justified, justified_with_term, justified_in_term)
                  <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            """);
        differences.Should().Be(0, "the triggers build what a recount from the sources builds");
    }

    [Fact]
    public async Task Todays_queue_for_the_unit_head_counts_the_lines_waits_and_norms()
    {
        await DemoDayAsync();
        At(2026, 7, 14, 16, 10);
        var head = await factory.CreateClientAsAsync("head.astana");

        var today = await Json(await head.GetAsync($"/api/v1/offices/{Office}/dashboard/today"));
        var elsewhere = await (await factory.CreateClientAsAsync("head.almaty")).GetAsync($"/api/v1/offices/{Office}/dashboard/today");

        today["waiting"]!.GetValue<int>().Should().Be(1);
        today["called"]!.GetValue<int>().Should().Be(0);
        today["served"]!.GetValue<int>().Should().Be(4);
        today["noShow"]!.GetValue<int>().Should().Be(1);
        today["averageWaitMinutes"]!.GetValue<decimal>().Should().Be(25.2m, "(30 + 20 + 25 + 20 + 31) / 5");
        today["longestWaitingMinutes"]!.GetValue<int>().Should().Be(10);
        today["overNorm"]!.GetValue<int>().Should().Be(2);
        today["byService"]!.AsArray().Select(s => (
                s!["service"]!.GetValue<string>(), s["purpose"]!.GetValue<string>(), s["waiting"]!.GetValue<int>(), s["served"]!.GetValue<int>(),
                s["averageWaitMinutes"]!.GetValue<decimal>(), s["normMinutes"]!.GetValue<int>()))
            .Should().Equal((Licence, "submission", 1, 1, 25.0m, 40), (Proxy, "pick-up", 0, 1, 31.0m, 30), (Proxy, "submission", 0, 2, 22.5m, 20));
        await elsewhere.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_month_is_counted_in_Almaty_time_an_event_at_20_00Z_on_31_March_is_in_April()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.almaty");
        const string almaty = "road-police-almaty-city-bd174b4d";
        var march = await DecidedAsync(almaty, "2026-03-01");
        var april = await DecidedAsync(almaty, "2026-04-01");
        At(2026, 3, 31, 16, 0);
        clerk = await factory.CreateClientAsAsync("clerk.almaty");
        var request = Applications.LifecycleTests.ProxyDriverRegistration();
        request["officeId"] = almaty;
        var submitted = await clerk.PostAsJsonAsync("/api/v1/applications", request);
        var id = (await Json(submitted, HttpStatusCode.Created))["application"]!["id"]!.GetValue<string>();

        factory.Clock.Reset(Instant.FromUtc(2026, 3, 31, 20, 0));
        clerk = await factory.CreateClientAsAsync("clerk.almaty");
        (await clerk.SendActionAsync(id, "refuse", submitted.Headers.ETag!.ToString(),
            new { grounds = new[] { "documents-missing" }, explanation = "§9" })).StatusCode.Should().Be(HttpStatusCode.OK);

        (await DecidedAsync(almaty, "2026-03-01")).Should().Be(march);
        (await DecidedAsync(almaty, "2026-04-01")).Should().Be(april + 1, "01:00 on 1 April in Almaty");
    }

    [Fact]
    public async Task Unit_heads_see_their_own_office_only_auditors_all_clerks_and_integrators_nothing()
    {
        await DemoDayAsync();
        var head = await factory.CreateClientAsAsync("head.astana");
        head.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var own = await Json(await head.GetAsync("/api/v1/indicators?period=quarter&start=2026-07-01&by=service"));
        var otherOffice = await head.GetAsync("/api/v1/indicators?period=month&start=2026-07-01&officeId=road-police-almaty-city-bd174b4d");
        var otherRegion = await head.GetAsync("/api/v1/indicators?period=month&start=2026-07-01&by=region&region=almaty-city");
        var clerk = await (await factory.CreateClientAsAsync("clerk.astana")).GetAsync("/api/v1/indicators?period=month&start=2026-07-01");
        var portal = await (await factory.CreateClientAsAsync(ApiAuth.Portal)).GetAsync("/api/v1/indicators?period=month&start=2026-07-01");
        var national = await Json(await (await factory.CreateClientAsAsync("auditor")).GetAsync("/api/v1/indicators?period=year&start=2026-01-01&by=service"));
        var badStart = await head.GetAsync("/api/v1/indicators?period=quarter&start=2026-08-01");
        var badPeriod = await head.GetAsync("/api/v1/indicators?period=week&start=2026-07-01");

        // The unit head's national view is their office's: the proxy 1.1 counts only the demo day's four.
        var proxy = own["rows"]!.AsArray().Single(r => r!["service"]!.GetValue<string>() == Proxy && r["indicator"]!.GetValue<string>() == "1.1")!;
        proxy["officeId"].Should().BeNull();
        proxy["denominator"]!.GetValue<long>().Should().Be(4);
        own["rows"]!.AsArray().Select(r => r!["service"]!.GetValue<string>()).Distinct().Should().NotContain("citizenship", "not a service of this office");
        (await otherOffice.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden")).GetProperty("detail").GetString()
            .Should().Be("Начальник подразделения видит только показатели своего подразделения");
        await otherRegion.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await clerk.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await portal.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        national["rows"]!.AsArray().Select(r => r!["service"]!.GetValue<string>()).Distinct().Should().HaveCount(9);
        national["indicators"]!.AsArray().Single(r => r!["service"]!.GetValue<string>() == "address-certificate" && r["indicator"]!.GetValue<string>() == "1.2")!
            ["seedLine"]!.GetValue<int>().Should().Be(3751);
        national["indicators"]!.AsArray().Should().HaveCount(national["rows"]!.AsArray().Count, "by=service: one row per service and indicator, so one text per row");
        national["offices"]!.AsArray().Should().BeEmpty("by=service names no office");
        national["regions"]!.AsArray().Should().BeEmpty();
        own["indicators"]!.AsArray().Single(r => r!["service"]!.GetValue<string>() == Proxy && r["indicator"]!.GetValue<string>() == "1.1")!
            ["group"]!.GetValue<string>().Should().Be("Своевременность");
        national["rows"]!.AsArray().Where(r => r!["service"]!.GetValue<string>() == "address-certificate")
            .Select(r => r!["indicator"]!.GetValue<string>()).Should().NotContain("3.3", "the address certificate's appendix has no 3.3");
        (await badStart.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-period-start")).GetProperty("expectedStart").GetString().Should().Be("2026-07-01");
        (await badPeriod.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("period", out _).Should().BeTrue();
    }

    [Fact]
    public async Task The_table_exports_as_csv_with_a_bom_and_as_xlsx_with_the_same_cells()
    {
        await DemoDayAsync();
        var head = await factory.CreateClientAsAsync("head.astana");
        head.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        const string query = $"period=month&start=2026-07-01&by=office&officeId={Office}&service={Proxy}";

        var csv = await head.GetAsync($"/api/v1/indicators/export?format=csv&{query}");
        var xlsx = await head.GetAsync($"/api/v1/indicators/export?format=xlsx&{query}");
        var json = await Json(await head.GetAsync($"/api/v1/indicators?{query}"));
        var badFormat = await head.GetAsync($"/api/v1/indicators/export?format=pdf&{query}");

        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        csv.Content.Headers.ContentDisposition.FileName.Should().Be("indicators-office-month-2026-07-01.csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal((byte)0xEF, (byte)0xBB, (byte)0xBF);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        lines[0].Should().Be("Office id,Office,Region id,Region,Service,Indicator,Group,Text,\"Value, %\",Numerator,Denominator,\"Normative, %\","
            + "\"Next year's target, %\",Meets the normative,No data reason,Seed line");
        var text = json["indicators"]!.AsArray().Single(i => i!["indicator"]!.GetValue<string>() == "1.1")!["text"]!.GetValue<string>();
        lines[1].Should().Be(string.Join(',', Office, "REO UDP DVD g. Astany", "astana", "Astana city", Proxy, "1.1", "Timeliness",
            Quoted(text), "75", "3", "4", "", "", "", "", ""), "the file keeps the names and texts the JSON gives once");
        lines.Length.Should().Be(json["rows"]!.AsArray().Count + 2, "a header, a line per row and the final line break");
        await badFormat.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");

        xlsx.StatusCode.Should().Be(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var sheet = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var cells = sheet.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        cells.Should().HaveCount(json["rows"]!.AsArray().Count);
        for (var i = 0; i < cells.Count; i++)
        {
            var row = json["rows"]!.AsArray()[i]!;
            cells[i]["Indicator"]!.ToString().Should().Be(row["indicator"]!.GetValue<string>());
            cells[i]["Office id"]!.ToString().Should().Be(Office);
            (cells[i]["Value, %"] is null ? (decimal?)null : Convert.ToDecimal(cells[i]["Value, %"], CultureInfo.InvariantCulture))
                .Should().Be(row["value"]?.GetValue<decimal>());
            (cells[i]["Denominator"] is null ? (long?)null : Convert.ToInt64(cells[i]["Denominator"], CultureInfo.InvariantCulture))
                .Should().Be(row["denominator"]?.GetValue<long>());
            (cells[i]["No data reason"]?.ToString() ?? "").Should().Be(row["noDataReason"]?.GetValue<string>() ?? "");
        }
    }

    [Fact]
    public async Task The_definitions_say_how_each_indicator_is_computed_and_which_cannot_be()
    {
        var auditor = await factory.CreateClientAsAsync("auditor");

        var definitions = (await Json(await auditor.GetAsync("/api/v1/indicators/definitions")))["items"]!.AsArray().ToDictionary(d => d!["number"]!.GetValue<string>());

        definitions.Keys.Should().Equal("1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "4.4", "5.1");
        definitions.Where(d => !d.Value!["measurable"]!.GetValue<bool>()).Select(d => d.Key).Should().Equal("2.2", "3.2", "3.3", "4.3", "4.4");
        definitions["1.2"]!["method"]!["en"]!.GetValue<string>().Should().Contain("their own norm");
        var norms = definitions["1.1"]!["services"]!.AsArray().ToDictionary(s => s!["service"]!.GetValue<string>());
        norms["citizenship"]!["normative"]!.GetValue<decimal>().Should().Be(99);
        norms["citizenship"]!["seedLine"]!.GetValue<int>().Should().Be(14046);
        norms["temporary-registration"]!["normative"].Should().BeNull("its appendix prints no values");
        norms[Licence]!["normative"].Should().BeNull("no appendix");
    }

    /// <summary>The demo day, once per test run (every test of this class reads it).</summary>
    private async Task DemoDayAsync()
    {
        await DemoLock.WaitAsync();
        try
        {
            if (!_demoDone)
            {
                await GenerateDemoDayAsync();
                _demoDone = true;
            }
        }
        finally
        {
            DemoLock.Release();
        }
    }

    private async Task GenerateDemoDayAsync()
    {
        // The host first: it migrates the database, which the SQL below needs when this class runs alone on a fresh one.
        var kiosk = factory.CreateClient();
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            var day = new DateTime(2026, 7, 14);
            await connection.ExecuteAsync("DELETE FROM platform.queue_tickets WHERE office_id = @Office AND day = @day", new { Office, day });
            await connection.ExecuteAsync("DELETE FROM platform.queue_counters WHERE office_id = @Office AND day = @day", new { Office, day });
        }

        // Tickets: 09:00 and 09:10 called at 09:30 (30 of 40, 20 of 20: at the norm counts), 12:40 and 12:50
        // called after lunch at 14:05 and 14:10 (25 of 20 and 20 of 40), a pick-up at 15:00 called at 15:31 (31 of 30),
        // one taken at 16:00 left waiting.
        At(2026, 7, 14, 9, 0);
        await TakeAsync(kiosk, Licence, "submission");
        At(2026, 7, 14, 9, 10);
        await TakeAsync(kiosk, Proxy, "submission");
        At(2026, 7, 14, 9, 30);
        var head = await factory.CreateClientAsAsync("head.astana");
        await ServeAsync(head, await CallAsync(head, 30));
        await ServeAsync(head, await CallAsync(head, 20));

        // Applications, submitted through the portal (so the applicant's feedback can come back the same way), PT3H of office time.
        At(2026, 7, 14, 9, 40);
        var (refused, refusedEtag, refusedDue) = await SubmitAsync(await factory.CreateClientAsAsync(ApiAuth.Portal));
        At(2026, 7, 14, 9, 45);
        var (late, lateEtag, lateDue) = await SubmitAsync(await factory.CreateClientAsAsync(ApiAuth.Portal));
        At(2026, 7, 14, 10, 0);
        var (suspended, suspendedEtag, _) = await SubmitAsync(await factory.CreateClientAsAsync(ApiAuth.Portal));
        At(2026, 7, 14, 10, 10);
        var (early, earlyEtag, _) = await SubmitAsync(await factory.CreateClientAsAsync(ApiAuth.Portal));

        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        suspendedEtag = await ActAsync(clerk, suspended, "suspend", suspendedEtag, new { reason = "Құжат сұратылды" });
        At(2026, 7, 14, 11, 0);
        clerk = await factory.CreateClientAsAsync("clerk.astana");
        earlyEtag = await IssueAsync(clerk, early, earlyEtag);
        At(2026, 7, 14, 11, 30);
        clerk = await factory.CreateClientAsAsync("clerk.astana");
        suspendedEtag = await ActAsync(clerk, suspended, "resume", suspendedEtag, new { reason = "Құжат келді" });
        lateEtag = await ActAsync(clerk, late, "start-review", lateEtag);
        lateEtag = await ActAsync(clerk, late, "approve", lateEtag);
        lateEtag = await ActAsync(clerk, late, "mark-ready", lateEtag);

        // Exactly at its due instant: in term.
        factory.Clock.Reset(refusedDue);
        clerk = await factory.CreateClientAsAsync("clerk.astana");
        await ActAsync(clerk, refused, "refuse", refusedEtag, new { grounds = new[] { "documents-missing" }, explanation = "§9" });
        // One second after its due instant: late.
        factory.Clock.Reset(lateDue + Duration.FromSeconds(1));
        clerk = await factory.CreateClientAsAsync("clerk.astana");
        await ActAsync(clerk, late, "issue", lateEtag, HandOver);

        At(2026, 7, 14, 12, 40);
        await TakeAsync(kiosk, Proxy, "submission");
        At(2026, 7, 14, 12, 50);
        await TakeAsync(kiosk, Licence, "submission");
        At(2026, 7, 14, 14, 5);
        head = await factory.CreateClientAsAsync("head.astana");
        await ServeAsync(head, await CallAsync(head, 25));
        At(2026, 7, 14, 14, 10);
        head = await factory.CreateClientAsAsync("head.astana");
        var noShow = await CallAsync(head, 20);
        (await head.PostAsJsonAsync($"/api/v1/queue/tickets/{noShow}/no-show", new { })).StatusCode.Should().Be(HttpStatusCode.OK);

        At(2026, 7, 14, 14, 30);
        clerk = await factory.CreateClientAsAsync("clerk.astana");
        await IssueAsync(clerk, suspended, suspendedEtag);

        At(2026, 7, 14, 15, 0);
        await TakeAsync(kiosk, Proxy, "pick-up");
        At(2026, 7, 14, 15, 31);
        head = await factory.CreateClientAsAsync("head.astana");
        await ServeAsync(head, await CallAsync(head, 31));
        At(2026, 7, 14, 16, 0);
        await TakeAsync(kiosk, Licence, "submission");

        // Feedback: quality 5, 4, 4, 3 (3 of 4 satisfied); information 4, 5, 2, 3 (2 of 4); courtesy 3, 4, 2, 1 (1 of 4).
        At(2026, 7, 14, 15, 40);
        var portal = await factory.CreateClientAsAsync(ApiAuth.Portal);
        await FeedbackAsync(portal, refused, 5, 4, 3);
        await FeedbackAsync(portal, late, 4, 5, 4);
        await FeedbackAsync(portal, suspended, 4, 2, 2);
        await FeedbackAsync(portal, early, 3, 3, 1);

        // Complaints: one received today and found justified (in term), one received on 1 June (due by the end of
        // 1 July) found justified and answered today (late), one answered without a finding, one found unjustified.
        At(2026, 7, 14, 15, 45);
        head = await factory.CreateClientAsAsync("head.astana");
        await ComplaintAsync(head, null, true);
        await ComplaintAsync(head, "2026-06-01T05:00:00Z", true);
        var unspoken = await ComplaintAsync(head, null, null);
        await ComplaintAsync(head, null, false);
        (await Json(await head.GetAsync($"/api/v1/complaints/{unspoken}")))["answer"]!["justified"].Should().BeNull("the finding is optional");
    }

    private static readonly object HandOver = new { receivedBy = "Серік Ахметов", identityDocument = "ID 012345678", signatureTaken = true };

    private static async Task<string> IssueAsync(HttpClient clerk, string id, string etag)
    {
        var current = etag;
        foreach (var action in new[] { "start-review", "approve", "mark-ready" })
        {
            current = await ActAsync(clerk, id, action, current);
        }

        return await ActAsync(clerk, id, "issue", current, HandOver);
    }

    private static async Task<(string Id, string ETag, Instant DueAt)> SubmitAsync(HttpClient portal)
    {
        var response = await portal.PostAsJsonAsync("/api/v1/applications", Applications.LifecycleTests.ProxyDriverRegistration());
        var body = await Json(response, HttpStatusCode.Created);
        var due = NodaTime.Text.InstantPattern.ExtendedIso.Parse(body["application"]!["dueAt"]!.GetValue<string>()).Value;
        return (body["application"]!["id"]!.GetValue<string>(), response.Headers.ETag!.ToString(), due);
    }

    private static async Task<string> ActAsync(HttpClient client, string id, string action, string etag, object? body = null)
    {
        var response = await client.SendActionAsync(id, action, etag, body);
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{action}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.ETag!.ToString();
    }

    private static async Task FeedbackAsync(HttpClient portal, string id, int quality, int information, int courtesy) =>
        (await portal.PostAsJsonAsync($"/api/v1/applications/{id}/feedback", new { quality, information, courtesy }))
            .StatusCode.Should().Be(HttpStatusCode.Created);

    private static async Task<string> ComplaintAsync(HttpClient head, string? receivedAt, bool? justified)
    {
        var body = new Dictionary<string, object?>
        {
            ["serviceCode"] = Proxy,
            ["officeId"] = Office,
            ["receivedVia"] = "post",
            ["complainant"] = new { fullName = "Асқар Нұрланұлы Бекұлы", postalAddress = "010000, Астана, Бейбітшілік к-сі, 10", language = "kk" },
            ["subject"] = "Кезек",
            ["addressedTo"] = 1,
        };
        if (receivedAt is not null)
        {
            body["receivedAt"] = receivedAt;
        }

        var registered = await Json(await head.PostAsJsonAsync("/api/v1/complaints", body), HttpStatusCode.Created);
        var id = registered["id"]!.GetValue<string>();
        (await SendAsync(head, $"/api/v1/complaints/{id}/review", new { }, "\"1\"")).StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = new Dictionary<string, object?> { ["answer"] = "Қаралды.", ["sentVia"] = "post" };
        if (justified is not null)
        {
            answer["justified"] = justified;
        }

        var answered = await Json(await SendAsync(head, $"/api/v1/complaints/{id}/answer", answer, "\"2\""));
        (answered["answer"]!["justified"]?.GetValue<bool>()).Should().Be(justified);
        return id;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, object body, string ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return await client.SendAsync(request);
    }

    private async Task<long> DecidedAsync(string office, string start)
    {
        var auditor = await factory.CreateClientAsAsync("auditor");
        var table = await Json(await auditor.GetAsync($"/api/v1/indicators?period=month&start={start}&officeId={office}&service={Proxy}"));
        return table["rows"]!.AsArray().Single(r => r!["indicator"]!.GetValue<string>() == "1.1")!["denominator"]!.GetValue<long>();
    }

    private void At(int year, int month, int day, int hour, int minute) =>
        factory.Clock.Reset(new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(Almaty).ToInstant());

    private static (decimal? Value, long? Numerator, long? Denominator) Cell(JsonNode row) =>
        (row["value"]?.GetValue<decimal>(), row["numerator"]?.GetValue<long>(), row["denominator"]?.GetValue<long>());

    private static string Quoted(string value) =>
        value.IndexOfAny([',', '"']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private async Task TakeAsync(HttpClient kiosk, string service, string purpose) =>
        await Json(await kiosk.PostAsJsonAsync($"/api/v1/offices/{Office}/queue/tickets", new { serviceCode = service, purpose }), HttpStatusCode.Created);

    /// <summary>Calls the next ticket and checks the wait the queue counted.</summary>
    private static async Task<string> CallAsync(HttpClient head, int expectedWait)
    {
        var called = await Json(await head.PostAsJsonAsync("/api/v1/queue/call-next", new { window = "1" }));
        called["waitedMinutes"]!.GetValue<int>().Should().Be(expectedWait, called.ToJsonString());
        return called["id"]!.GetValue<string>();
    }

    private static async Task ServeAsync(HttpClient head, string ticket) =>
        (await head.PostAsJsonAsync($"/api/v1/queue/tickets/{ticket}/serve", new { })).StatusCode.Should().Be(HttpStatusCode.OK);

    private static async Task<JsonNode> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        return JsonNode.Parse(body)!;
    }

    /// <summary>The raw counts of one period per service, straight from the source tables, written apart from the migration's triggers and view.</summary>
    private static async Task<Dictionary<string, RawCounts>> RawCountsAsync(DateTime from, DateTime to, string? office)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var parameters = new { from, to, office };
        var result = new Dictionary<string, RawCounts>(StringComparer.Ordinal);
        RawCounts Of(string service) => result.TryGetValue(service, out var c) ? c : result[service] = new RawCounts();

        foreach (var row in await connection.QueryRowsAsync<(string Service, long Decided, long InTerm)>(
            """
            SELECT a.service_code, count(*), count(*) FILTER (WHERE e.at <= a.due_at)
            FROM platform.applications a JOIN platform.application_events e ON e.application_id = a.id AND e.action IN ('issue', 'refuse')
            WHERE (e.at AT TIME ZONE 'Asia/Almaty')::date BETWEEN @from AND @to AND (@office::text IS NULL OR a.office_id = @office)
            GROUP BY 1
            """, parameters))
        {
            Of(row.Service).Decided = row.Decided;
            Of(row.Service).DecidedInTerm = row.InTerm;
        }

        foreach (var row in await connection.QueryRowsAsync<(string Service, long Normed, long Within)>(
            """
            SELECT service_code, count(*) FILTER (WHERE norm_minutes IS NOT NULL), count(*) FILTER (WHERE wait_minutes <= norm_minutes)
            FROM platform.queue_tickets WHERE called_at IS NOT NULL AND day BETWEEN @from AND @to AND (@office::text IS NULL OR office_id = @office)
            GROUP BY 1
            """, parameters))
        {
            Of(row.Service).Normed = row.Normed;
            Of(row.Service).Within = row.Within;
        }

        foreach (var row in await connection.QueryRowsAsync<(string Service, long All, long Quality, long Information, long Courtesy)>(
            """
            SELECT service_code, count(*), count(*) FILTER (WHERE quality >= 4), count(*) FILTER (WHERE information >= 4), count(*) FILTER (WHERE courtesy >= 4)
            FROM platform.feedback WHERE (answered_at AT TIME ZONE 'Asia/Almaty')::date BETWEEN @from AND @to AND (@office::text IS NULL OR office_id = @office)
            GROUP BY 1
            """, parameters))
        {
            (Of(row.Service).Feedback, Of(row.Service).Quality, Of(row.Service).Information, Of(row.Service).Courtesy) = (row.All, row.Quality, row.Information, row.Courtesy);
        }

        foreach (var row in await connection.QueryRowsAsync<(string Service, long Justified, long WithTerm, long InTerm)>(
            """
            SELECT service_code, count(*) FILTER (WHERE justified), count(*) FILTER (WHERE justified AND due_at IS NOT NULL),
                   count(*) FILTER (WHERE justified AND answered_at <= due_at)
            FROM platform.complaints WHERE status = 'answered' AND (answered_at AT TIME ZONE 'Asia/Almaty')::date BETWEEN @from AND @to
              AND (@office::text IS NULL OR office_id = @office)
            GROUP BY 1
            """, parameters))
        {
            (Of(row.Service).Justified, Of(row.Service).JustifiedWithTerm, Of(row.Service).JustifiedInTerm) = (row.Justified, row.WithTerm, row.InTerm);
        }

        return result;
    }

    private sealed class RawCounts
    {
        public long Decided { get; set; }

        public long DecidedInTerm { get; set; }

        public long Normed { get; set; }

        public long Within { get; set; }

        public long Feedback { get; set; }

        public long Quality { get; set; }

        public long Information { get; set; }

        public long Courtesy { get; set; }

        public long Justified { get; set; }

        public long JustifiedWithTerm { get; set; }

        public long JustifiedInTerm { get; set; }

        public (long Numerator, long Denominator) Of(string indicator) => indicator switch
        {
            "1.1" => (DecidedInTerm, Decided),
            "1.2" => (Within, Normed),
            "2.1" => (Quality, Feedback),
            "3.1" => (Information, Feedback),
            "5.1" => (Courtesy, Feedback),
            "4.1" => (Justified, Decided),
            "4.2" => (JustifiedInTerm, JustifiedWithTerm),
            _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, "Not measurable."),
        };
    }
}
