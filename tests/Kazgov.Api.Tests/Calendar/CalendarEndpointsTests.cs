using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kazgov.Api.Tests.Infrastructure;

namespace Kazgov.Api.Tests.Calendar;

[Collection(ApiCollection.Name)]
public sealed class CalendarEndpointsTests(KazgovApiFactory factory)
{
    private Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(string url, string language = "en") => factory.GetJsonAsync(url, language);

    [Fact]
    public async Task Days_are_listed_with_their_kind_and_reason()
    {
        var (status, body) = await GetAsync("/api/v1/calendar/days?from=2026-05-06&to=2026-05-12");

        status.Should().Be(HttpStatusCode.OK);
        body["timeZone"]!.GetValue<string>().Should().Be("Asia/Almaty");
        body["workingDays"]!.GetValue<int>().Should().Be(3);
        body["daysOff"]!.GetValue<int>().Should().Be(4);
        body["days"]!.AsArray().Select(d => (d!["date"]!.GetValue<string>(), d["working"]!.GetValue<bool>(), d["kind"]!.GetValue<string>())).Should().Equal(
            ("2026-05-06", true, "working-day"),
            ("2026-05-07", false, "national-holiday"),
            ("2026-05-08", true, "working-day"),
            ("2026-05-09", false, "national-holiday"),
            ("2026-05-10", false, "weekend"),
            ("2026-05-11", false, "carried-over-day-off"),
            ("2026-05-12", true, "working-day"));
        var monday = body["days"]![5]!;
        monday["dayOfWeek"]!.GetValue<string>().Should().Be("monday");
        monday["holiday"]!.GetValue<string>().Should().Be("victory-day");
        monday["reason"]!.GetValue<string>().Should().Be("Carried-over day off: Victory Day (2026-05-09) fell on a weekend");
    }

    [Fact]
    public async Task Reasons_follow_the_callers_language()
    {
        var (_, body) = await GetAsync("/api/v1/calendar/days?from=2026-05-27&to=2026-05-27", "kk");

        body["days"]![0]!["reason"]!.GetValue<string>().Should().Be("Діни мереке, демалыс күні: Құрбан айттың бірінші күні");
        body["days"]![0]!["kind"]!.GetValue<string>().Should().Be("religious-holiday");
    }

    [Fact]
    public async Task A_whole_leap_year_can_be_listed()
    {
        var (status, body) = await GetAsync("/api/v1/calendar/days?from=2024-01-01&to=2024-12-31");

        status.Should().Be(HttpStatusCode.OK);
        body["days"]!.AsArray().Should().HaveCount(366);
    }

    [Theory]
    [InlineData("/api/v1/calendar/days?from=2026-01-01&to=2027-01-02", "to")] // 367 days
    [InlineData("/api/v1/calendar/days?from=2026-03-10&to=2026-03-09", "to")]
    [InlineData("/api/v1/calendar/days?from=2026-03-10", "to")]
    [InlineData("/api/v1/calendar/days?from=10.03.2026&to=2026-03-12", "from")]
    [InlineData("/api/v1/calendar/days?from=1900-01-01&to=1900-01-02", "from")]
    public async Task A_bad_range_is_a_validation_problem(string url, string field)
    {
        var (status, body) = await GetAsync(url);

        status.Should().Be(HttpStatusCode.BadRequest);
        body["code"]!.GetValue<string>().Should().Be("validation-failed");
        body["errors"]![field].Should().NotBeNull();
    }

    [Fact]
    public async Task Permanent_residence_accepted_on_10_March_is_due_on_12_May()
    {
        var (status, body) = await GetAsync("/api/v1/services/permanent-residence/deadline?acceptedAt=2026-03-10T05:00:00Z");

        status.Should().Be(HttpStatusCode.OK);
        body["service"]!.GetValue<string>().Should().Be("permanent-residence");
        body["variant"]!.GetValue<string>().Should().Be("default");
        body["term"]!.GetValue<string>().Should().Be("P2M");
        body["clock"]!.GetValue<string>().Should().Be("calendar");
        body["dueAt"]!.GetValue<string>().Should().Be("2026-05-12T19:00:00Z");
        body["dueDate"]!.GetValue<string>().Should().Be("2026-05-12");
        body["rule"]!.GetValue<string>().Should().Be("P2M in calendar time from the acceptance date (2026-03-10): the last day is 2026-05-10; "
            + "2026-05-10 — Weekend: Sunday; 2026-05-11 — Carried-over day off: Victory Day (2026-05-09) fell on a weekend "
            + "→ due by the end of 2026-05-12, the next working day (Asia/Almaty).");
    }

    [Theory]
    [InlineData("driver-licence", "", "2026-03-13T11:00:00Z", "PT6H", "working-time", "2026-03-16T08:00:00Z", "2026-03-16")]
    [InlineData("address-certificate", "priority-agency", "2026-05-08T05:00:00Z", "PT48H", "around-the-clock", "2026-05-10T05:00:00Z", "2026-05-10")]
    [InlineData("address-certificate", "in-person", "2026-03-10T12:55:00Z", "PT10M", "working-time", "2026-03-11T04:05:00Z", "2026-03-11")]
    [InlineData("address-certificate", "other", "2026-03-20T05:00:00Z", "PT120H", "around-the-clock", "2026-03-25T05:00:00Z", "2026-03-25")] // 5 тәулік = 120 h through Nauryz and the weekend
    [InlineData("temporary-registration", "", "2026-03-15T06:00:00Z", "P0D", "same-day", "2026-03-16T19:00:00Z", "2026-03-16")]
    [InlineData("citizenship", "simplified", "2025-12-06T06:00:00Z", "P3M", "calendar", "2026-03-06T19:00:00Z", "2026-03-06")]
    [InlineData("citizenship", "general", "2026-03-10T10:00:00%2B05:00", "P6M", "calendar", "2026-09-10T19:00:00Z", "2026-09-10")]
    public async Task Every_clock_is_served(string service, string variant, string acceptedAt, string term, string clock, string dueAt, string dueDate)
    {
        var (status, body) = await GetAsync($"/api/v1/services/{service}/deadline?acceptedAt={acceptedAt}&variant={variant}");

        status.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        body["term"]!.GetValue<string>().Should().Be(term);
        body["clock"]!.GetValue<string>().Should().Be(clock);
        body["dueAt"]!.GetValue<string>().Should().Be(dueAt);
        body["dueDate"]!.GetValue<string>().Should().Be(dueDate);
    }

    [Fact]
    public async Task The_design_guides_calendar_deadline_alias_gives_the_same_answer()
    {
        var (status, body) = await GetAsync("/api/v1/calendar/deadline?service=permanent-residence&from=2026-03-10T05:00:00Z");

        status.Should().Be(HttpStatusCode.OK);
        body["dueDate"]!.GetValue<string>().Should().Be("2026-05-12");
    }

    [Theory]
    [InlineData("/api/v1/services/no-such-service/deadline?acceptedAt=2026-03-10T05:00:00Z", 404, "unknown-service", "Такой государственной услуги нет в каталоге")]
    [InlineData("/api/v1/services/citizenship/deadline?acceptedAt=2026-03-10T05:00:00Z", 400, "term-variant-required", "У услуги несколько вариантов срока: выберите один")]
    [InlineData("/api/v1/services/citizenship/deadline?acceptedAt=2026-03-10T05:00:00Z&variant=express", 400, "unknown-term-variant", "У услуги нет такого варианта срока")]
    [InlineData("/api/v1/services/citizenship/deadline?variant=general", 400, "validation-failed", "Данные запроса содержат ошибки")]
    [InlineData("/api/v1/services/citizenship/deadline?variant=general&acceptedAt=yesterday", 400, "validation-failed", "Данные запроса содержат ошибки")]
    public async Task Deadline_errors_are_problems_in_the_callers_language(string url, int status, string code, string title)
    {
        var (actualStatus, body) = await GetAsync(url, "ru");

        ((int)actualStatus).Should().Be(status);
        body["code"]!.GetValue<string>().Should().Be(code);
        body["title"]!.GetValue<string>().Should().Be(title);
    }

    [Fact]
    public async Task A_missing_variant_names_the_choices()
    {
        var (_, body) = await GetAsync("/api/v1/services/address-certificate/deadline?acceptedAt=2026-03-10T05:00:00Z");

        body["variants"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("in-person", "priority-agency", "other");
        body["detail"]!.GetValue<string>().Should().Be("Give the term variant of 'address-certificate' (variant): in-person, priority-agency, other");
    }

    [Fact]
    public async Task An_override_changes_a_deadline()
    {
        // 2027: 9 May is a Sunday, so Monday 10 May is carried over; P2M from 10 March 2027 is due on Tuesday 11 May.
        const string url = "/api/v1/services/permanent-residence/deadline?acceptedAt=2027-03-10T05:00:00Z";
        using var client = await factory.CreateClientAsAsync("admin");
        (await GetAsync(url)).Body["dueDate"]!.GetValue<string>().Should().Be("2027-05-11");
        try
        {
            var body = new
            {
                working = false,
                reason = new { kk = "Демалыс күнін ауыстыру", ru = "Перенос выходного дня", en = "Day off transferred" },
                source = "Government decree (test)",
            };
            var created = await client.PutAsJsonAsync("/api/v1/calendar/overrides/2027-05-11", body);
            created.StatusCode.Should().Be(HttpStatusCode.Created);
            created.Headers.Location!.ToString().Should().Be("/api/v1/calendar/overrides/2027-05-11");
            (await client.PutAsJsonAsync("/api/v1/calendar/overrides/2027-05-11", body)).StatusCode.Should().Be(HttpStatusCode.OK);

            var (_, deadline) = await GetAsync(url);
            deadline["dueDate"]!.GetValue<string>().Should().Be("2027-05-12");
            deadline["rule"]!.GetValue<string>().Should().Contain("2027-05-11 — Day off transferred");

            var (_, days) = await GetAsync("/api/v1/calendar/days?from=2027-05-11&to=2027-05-11");
            days["days"]![0]!["kind"]!.GetValue<string>().Should().Be("override-day-off");

            // The list of overrides is for staff.
            var overrides = JsonNode.Parse(await client.GetStringAsync("/api/v1/calendar/overrides"))!;
            var listed = overrides["items"]!.AsArray().Single(o => o!["date"]!.GetValue<string>() == "2027-05-11")!;
            listed["reason"]!["ru"]!.GetValue<string>().Should().Be("Перенос выходного дня");
            listed["source"]!.GetValue<string>().Should().Be("Government decree (test)");
        }
        finally
        {
            (await client.DeleteAsync("/api/v1/calendar/overrides/2027-05-11")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        (await GetAsync(url)).Body["dueDate"]!.GetValue<string>().Should().Be("2027-05-11");
        var missing = await client.DeleteAsync("/api/v1/calendar/overrides/2027-05-11");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["code"]!.GetValue<string>().Should().Be("calendar-override-not-found");
    }

    [Fact]
    public async Task An_override_without_its_reason_is_a_validation_problem()
    {
        using var client = await factory.CreateClientAsAsync("admin");

        var response = await client.PutAsJsonAsync("/api/v1/calendar/overrides/2027-06-01", new { working = true, reason = new { kk = "x", ru = " " } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("reason.ru", "reason.en");
    }
}
