using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Kernel.Http;
using Kazgov.Platform.Offices;
using Kazgov.Tests;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kazgov.Api.Tests;

/// <summary>The office directory through the API, against reference/offices.json loaded at host start.</summary>
[Collection(ApiCollection.Name)]
public sealed class OfficesApiTests(KazgovApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Regions_are_the_sixteen_of_the_seed_with_three_names()
    {
        var body = await GetJsonAsync("/api/v1/regions");
        var items = body.GetProperty("items").EnumerateArray().ToList();

        items.Should().HaveCount(16);
        var east = items.Single(i => i.GetProperty("code").GetString() == "east-kazakhstan");
        east.GetProperty("isoCode").GetString().Should().Be("KZ-VOS");
        east.GetProperty("names").GetProperty("kk").GetString().Should().Be("Шығыс Қазақстан облысы");
        east.GetProperty("names").GetProperty("ru").GetString().Should().Be("Восточно-Казахстанская область");
        east.GetProperty("names").GetProperty("en").GetString().Should().Be("East Kazakhstan Region");
    }

    [Theory]
    [InlineData("driver-licence", null, 108)]
    [InlineData("vehicle-registration", null, 108)]
    [InlineData("proxy-driver-registration", null, 108)]
    [InlineData("residence-permit", null, 239)]
    [InlineData("temporary-registration", null, 239)]
    [InlineData("permanent-residence", null, 239)]
    [InlineData("citizenship", null, 239)]
    [InlineData("address-certificate", null, 16)]
    [InlineData("weapon-registration", null, 16)]
    [InlineData("citizenship", "kostanay", 21)]
    [InlineData("driver-licence", "east-kazakhstan", 10)]
    [InlineData("driver-licence", "KZ-VOS", 10)]
    [InlineData("residence-permit", "west-kazakhstan", 19)]
    [InlineData(null, "astana", 4 + 3 + 1 + 1)]
    public async Task Every_office_of_every_appendix_is_found_by_service_and_region(string? service, string? region, int expected)
    {
        var offices = await AllPagesAsync($"service={service}&region={region}", limit: 200);

        offices.Should().HaveCount(expected);
        if (service is not null)
        {
            offices.Should().OnlyContain(o => o.GetProperty("services").EnumerateArray().Any(s => s.GetString() == service));
        }

        if (region is not null)
        {
            offices.Select(o => o.GetProperty("region").GetProperty("code").GetString()).Distinct().Should().ContainSingle();
        }
    }

    [Fact]
    public async Task Paging_through_all_pages_returns_every_office_once()
    {
        var offices = await AllPagesAsync("", limit: 37);

        offices.Should().HaveCount(379);
        offices.Select(o => o.GetProperty("id").GetString()).Should().OnlyHaveUniqueItems();
        var firstPage = await GetJsonAsync("/api/v1/offices");
        firstPage.GetProperty("items").GetArrayLength().Should().Be(Paging.DefaultLimit);
    }

    [Theory]
    [InlineData("Almaty", "almaty-city")]
    [InlineData("ALMATY", "almaty-city")]
    [InlineData("Алматы", "almaty-city")]
    [InlineData("Astana", "astana")]
    [InlineData("Ust-Kamenogorsk", "east-kazakhstan")]
    [InlineData("Усть-Каменогорск", "east-kazakhstan")]
    [InlineData("Oskemen", "east-kazakhstan")]
    public async Task Latin_and_russian_city_names_find_the_offices(string q, string region)
    {
        var offices = await AllPagesAsync("q=" + Uri.EscapeDataString(q), limit: 200);

        offices.Should().NotBeEmpty();
        offices.Should().Contain(o => o.GetProperty("region").GetProperty("code").GetString() == region);
    }

    [Theory]
    [InlineData("kk", "Астана қаласы ІІД ЖПБ ЕТБ", "Алматы ауданы, Промзона көшесі 35")]
    [InlineData("ru", "РЭО УДП ДВД г. Астаны", "район Алматы, ул. Промзона 35")]
    [InlineData("en", "REO UDP DVD g. Astany", "rayon Almaty, ul. Promzona 35")]
    public async Task An_office_answers_in_the_callers_language(string language, string name, string address)
    {
        foreach (var path in new[] { "/api/v1/offices/road-police-astana-671c3429", "/api/v1/offices?region=astana&service=driver-licence&limit=1" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptLanguage.ParseAdd(language);
            using var response = await _client.SendAsync(request);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Headers.Vary.Should().Contain("Accept-Language");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var office = body.TryGetProperty("items", out var items) ? items[0] : body;
            office.GetProperty("name").GetString().Should().Be(name);
            office.GetProperty("address").GetString().Should().Be(address);
        }
    }

    [Theory]
    [InlineData("ӨСКЕМЕН")]
    [InlineData("өскемен")]
    [InlineData("Оскемен")]
    public async Task Free_text_search_ignores_case_and_kazakh_letters(string q)
    {
        var offices = await AllPagesAsync("q=" + Uri.EscapeDataString(q), limit: 200);

        // Road police [L242], migration rows 1-2 [L1204], [L1219], the address bureau [L3642] and the
        // licensing unit [L14577] of East Kazakhstan: every office in Өскемен.
        offices.Select(o => o.GetProperty("name").GetString()).Should().BeEquivalentTo(
            "ШҚО ІІД ЖПБ ЕТБ",
            "Шығыс Қазақстан облысы Ішкі істер департаменті Көші-қон полиция басқармасы",
            "ШҚО Өскемен қ. ІІБ көші-қон полиция бөлімі",
            "Шығыс-Қазақстан облысының ІІД мекенжай бюросы",
            "Шығыс Қазақстан облысы ІІД лицензиялық-рұқсат беру жүйесі бөлімшесі");
    }

    [Fact]
    public async Task Search_combines_text_service_and_region_and_matches_streets()
    {
        var offices = await AllPagesAsync("q=" + Uri.EscapeDataString("сейфуллин") + "&service=citizenship&region=astana", limit: 50);

        var office = offices.Should().ContainSingle().Subject;
        office.GetProperty("address").GetString().Should().Be("Астана қаласы, Сейфуллин к-сі, 29");
        office.GetProperty("website").GetString().Should().Be("www.fst_dvd.mvd.kz");
        office.GetProperty("services").EnumerateArray().Select(s => s.GetString()).Should().BeEquivalentTo(
            "residence-permit", "temporary-registration", "permanent-residence", "citizenship");

        // "IIД" with Latin I's in the seed [L252] is found by the Cyrillic "ІІД".
        (await AllPagesAsync("q=" + Uri.EscapeDataString("Жамбыл облысы ІІД ЖПБ"), limit: 50)).Should().ContainSingle();
    }

    [Fact]
    public async Task One_office_has_its_services_sources_phones_and_schedule()
    {
        var id = await IdOfAsync("q=" + Uri.EscapeDataString("Промзона") + "&region=astana");

        var response = await _client.GetAsync($"/api/v1/offices/{id}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.ETag.Should().NotBeNull();
        var office = await response.Content.ReadFromJsonAsync<JsonElement>();

        office.GetProperty("name").GetString().Should().Be("Астана қаласы ІІД ЖПБ ЕТБ");
        office.GetProperty("directory").GetString().Should().Be("road-police");
        office.GetProperty("district").GetString().Should().Be("Алматы ауданы");
        office.GetProperty("phones").EnumerateArray().Select(p => p.GetProperty("normalized").GetString())
            .Should().Equal("+77172352946", "+77172280524", "+77172280594");
        office.GetProperty("phonesRaw").GetString().Should().Be("35-29-46, 28-05-24, 28-05-94");
        office.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("line").GetInt32()).Should().Equal(197, 15103, 15343);
        var schedule = office.GetProperty("schedule");
        schedule.GetProperty("timeZone").GetString().Should().Be("Asia/Almaty");
        // §10: five days and one day off (Saturday by default); hand-over windows are the catalogue's, not a copy here.
        schedule.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("day").GetString())
            .Should().Equal("monday", "tuesday", "wednesday", "thursday", "friday", "saturday");
        schedule.GetProperty("serviceWindows").EnumerateArray().Should().BeEmpty();
    }

    [Fact]
    public async Task An_office_revalidated_with_its_etag_is_304_and_its_language_has_its_own_etag()
    {
        var id = await IdOfAsync("q=" + Uri.EscapeDataString("Промзона") + "&region=astana");
        var first = await _client.GetAsync($"/api/v1/offices/{id}");
        var etag = first.Headers.ETag!;
        first.Content.Headers.ContentLength.Should().BeGreaterThan(1000, "the cached body is written with its length");

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/offices/{id}");
        again.Headers.IfNoneMatch.Add(etag);
        var revalidated = await _client.SendAsync(again);
        revalidated.StatusCode.Should().Be(HttpStatusCode.NotModified);
        revalidated.Headers.ETag!.Tag.Should().Be(etag.Tag);

        // Russian is another body: the Kazakh ETag does not match it, and the Russian name comes back.
        using var russian = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/offices/{id}");
        russian.Headers.IfNoneMatch.Add(etag);
        russian.Headers.AcceptLanguage.ParseAdd("ru");
        var inRussian = await _client.SendAsync(russian);
        inRussian.StatusCode.Should().Be(HttpStatusCode.OK);
        inRussian.Headers.ETag!.Tag.Should().NotBe(etag.Tag);
        (await inRussian.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString().Should().StartWith("РЭО УДП");
    }

    [Theory]
    [InlineData("/api/v1/offices?region=atlantis", "unknown-region")]
    [InlineData("/api/v1/offices?service=fishing-licence", "unknown-service")]
    [InlineData("/api/v1/offices?limit=0", "validation-failed")]
    [InlineData("/api/v1/offices?limit=201", "validation-failed")]
    [InlineData("/api/v1/offices?limit=ten", "validation-failed")]
    [InlineData("/api/v1/offices?cursor=not-a-cursor", "validation-failed")]
    public async Task Bad_filters_are_400_problems_with_a_stable_code(string url, string code)
    {
        var response = await _client.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().Should().Be(code);
    }

    [Fact]
    public async Task An_unknown_office_is_a_404_problem_in_the_callers_language()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/offices/road-police-astana-00000000");
        request.Headers.AcceptLanguage.ParseAdd("ru");
        var response = await _client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().Should().Be("office-not-found");
        problem.GetProperty("title").GetString().Should().Be("Подразделение не найдено");
        (await _client.GetAsync("/api/v1/offices/nope/schedule")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_admin_replaces_a_schedule_with_an_audit_row_and_a_new_etag()
    {
        var id = await IdOfAsync("service=address-certificate&region=pavlodar");
        var before = await _client.GetAsync($"/api/v1/offices/{id}/schedule");
        var etag = before.Headers.ETag!.Tag;
        var version = (await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        var auditBefore = await AuditCountAsync(id);

        // The opening minute follows the version, so each run (the database may be reused) changes the schedule.
        var opens = $"08:{version % 60:00}:00";
        var body = new
        {
            days = new[]
            {
                new { day = "monday", opens, closes = "17:30:00", lunch = new { from = "12:30:00", to = "13:30:00" } },
                new { day = "wednesday", opens, closes = "17:30:00", lunch = new { from = "12:30:00", to = "13:30:00" } },
            },
            serviceWindows = new[] { new { service = "address-certificate", purpose = "certificate-hand-over", from = "16:00:00", to = "17:00:00", source = (string?)null } },
        };
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/offices/{id}/schedule") { Content = JsonContent.Create(body) };
        put.Headers.IfMatch.ParseAdd(etag);
        var response = await (await factory.CreateClientAsAsync("admin")).SendAsync(put);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.Should().Be($"\"{version + 1}\"");
        var saved = await response.Content.ReadFromJsonAsync<JsonElement>();
        saved.GetProperty("version").GetInt32().Should().Be(version + 1);
        saved.GetProperty("updatedBy").GetString().Should().Be("staff:admin");
        saved.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("day").GetString()).Should().Equal("monday", "wednesday");

        var reread = await GetJsonAsync($"/api/v1/offices/{id}/schedule");
        reread.GetProperty("days")[0].GetProperty("opens").GetString().Should().Be(opens);
        (await AuditCountAsync(id)).Should().Be(auditBefore + 1);
        var audit = await LastAuditAsync(id);
        audit.OldVersion.Should().Be(version);
        audit.NewVersion.Should().Be(version + 1);
        audit.ChangedBy.Should().Be("staff:admin");
        audit.NewSchedule.Should().Contain($"\"{opens}\"");
        audit.OldSchedule.Should().NotContain($"\"{opens}\"");

        // The old ETag is stale now: 412, and nothing is written.
        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/offices/{id}/schedule") { Content = JsonContent.Create(body) };
        stale.Headers.IfMatch.ParseAdd(etag);
        var conflict = await (await factory.CreateClientAsAsync("admin")).SendAsync(stale);
        conflict.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await conflict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().Should().Be("schedule-changed");
        (await AuditCountAsync(id)).Should().Be(auditBefore + 1);

        // A re-import keeps the admin's schedule.
        await Loader.ImportAsync();
        (await GetJsonAsync($"/api/v1/offices/{id}/schedule")).GetProperty("version").GetInt32().Should().Be(version + 1);
    }

    [Fact]
    public async Task A_schedule_with_lunch_outside_hours_or_a_foreign_service_is_refused()
    {
        var id = await IdOfAsync("service=weapon-registration&region=atyrau");
        var body = new
        {
            days = new[] { new { day = "monday", opens = "09:00:00", closes = "13:00:00", lunch = new { from = "12:30:00", to = "14:00:00" } } },
            serviceWindows = new[] { new { service = "driver-licence", purpose = "licence-hand-over", from = "12:00:00", to = "11:00:00" } },
        };

        var response = await (await factory.CreateClientAsAsync("admin")).PutAsJsonAsync($"/api/v1/offices/{id}/schedule", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().Should().Be("validation-failed");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(
            "days[0].lunch", "serviceWindows[0].service", "serviceWindows[0].to", "receptions");
        (await (await factory.CreateClientAsAsync("admin")).PutAsJsonAsync("/api/v1/offices/nope/schedule", body)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_weapons_unit_hands_over_at_its_reception_sessions_and_the_office_windows_elsewhere()
    {
        var weapons = await GetJsonAsync("/api/v1/offices/weapons-licensing-astana-09ccea99/hand-over-windows?service=weapon-registration&from=2026-03-05&days=10");
        weapons.GetProperty("source").GetString().Should().Be("reception");
        weapons.GetProperty("receptions").GetArrayLength().Should().Be(5);
        weapons.GetProperty("windows").EnumerateArray().Select(w => $"{w.GetProperty("date").GetString()} {w.GetProperty("from").GetString()}").Should().Equal(
            "2026-03-05 09:00:00", "2026-03-05 18:00:00", "2026-03-07 10:00:00", "2026-03-10 09:00:00", "2026-03-10 18:00:00", "2026-03-12 09:00:00", "2026-03-12 18:00:00");
        weapons.GetProperty("windows")[1].GetProperty("opens").GetString().Should().Be("2026-03-05T13:00:00Z");

        var licences = await GetJsonAsync("/api/v1/offices/road-police-astana-671c3429/hand-over-windows?service=driver-licence&from=2026-03-06&days=4");
        licences.GetProperty("source").GetString().Should().Be("catalogue");
        licences.GetProperty("windows").EnumerateArray().Select(w => $"{w.GetProperty("date").GetString()} {w.GetProperty("from").GetString()}-{w.GetProperty("to").GetString()}")
            .Should().Equal(["2026-03-06 12:00:00-13:00:00", "2026-03-06 18:00:00-19:00:00"], "the 7th and 8th are the weekend and the 9th the day off carried over from the 8th");

        var anyTime = await GetJsonAsync("/api/v1/offices/road-police-astana-671c3429/hand-over-windows?service=citizenship");
        anyTime.GetProperty("source").GetString().Should().Be("any-time");
        anyTime.GetProperty("windows").GetArrayLength().Should().Be(0);

        var bad = await _client.GetAsync("/api/v1/offices/road-police-astana-671c3429/hand-over-windows?days=0");
        (await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().BeEquivalentTo("service", "days");
        await (await _client.GetAsync("/api/v1/offices/road-police-astana-671c3429/hand-over-windows?service=nope")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "unknown-service");
        await (await _client.GetAsync("/api/v1/offices/nope/hand-over-windows?service=driver-licence")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "office-not-found");
    }

    [Fact]
    public async Task An_admin_moves_a_weapons_units_sessions_and_the_term_follows_them()
    {
        var id = await IdOfAsync("service=weapon-registration&region=mangystau");
        var days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(d => new { day = d, opens = "09:00:00", closes = "18:00:00", lunch = (object?)null });
        object Session(string day, string from, string to, int[]? weeks = null) => new { service = "weapon-registration", day, from, to, weeksOfMonth = weeks };
        var admin = await factory.CreateClientAsAsync("admin");

        var tooFew = await admin.PutAsJsonAsync($"/api/v1/offices/{id}/schedule", new
        {
            days,
            receptions = new[] { Session("monday", "09:00:00", "13:00:00"), Session("wednesday", "09:00:00", "13:00:00"), Session("monday", "18:00:00", "20:00:00"), Session("sunday", "10:00:00", "13:00:00", [2]) },
        });
        var problem = await tooFew.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        problem.GetProperty("errors").GetProperty("receptions")[0].GetString().Should().Contain("2, 1, 1");

        var saved = await admin.PutAsJsonAsync($"/api/v1/offices/{id}/schedule", new
        {
            days,
            receptions = new[]
            {
                Session("monday", "09:00:00", "13:00:00"), Session("wednesday", "09:00:00", "13:00:00"), Session("monday", "18:00:00", "20:00:00"),
                Session("wednesday", "18:00:00", "20:00:00"), Session("sunday", "10:00:00", "13:00:00", [2, -1]),
            },
        });
        saved.StatusCode.Should().Be(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        (await GetJsonAsync($"/api/v1/offices/{id}/schedule")).GetProperty("receptions").GetArrayLength().Should().Be(5);

        // Accepted Tuesday 10 February: the month ends on Tuesday 10 March, when this unit does not receive; Wednesday 11 it does.
        var deadline = await GetJsonAsync($"/api/v1/services/weapon-registration/deadline?acceptedAt=2026-02-10T05:00:00Z&office={id}");
        deadline.GetProperty("dueDate").GetString().Should().Be("2026-03-11");
        var elsewhere = await GetJsonAsync("/api/v1/services/weapon-registration/deadline?acceptedAt=2026-02-10T05:00:00Z&office=weapons-licensing-astana-09ccea99");
        elsewhere.GetProperty("dueDate").GetString().Should().Be("2026-03-10", "the Astana unit receives on Tuesdays");
    }

    [Fact]
    public async Task Loading_the_reference_file_again_changes_nothing()
    {
        var report = await Loader.ImportAsync();

        report.Offices.Should().Be(379);
        report.ChangedNothing.Should().BeTrue("{0}", report);
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM platform.offices), (SELECT count(*) FROM platform.office_services), (SELECT count(*) FROM platform.office_schedules)",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)).Should().Be((379L, 1312L, 379L));
    }

    private OfficeDirectoryLoader Loader => factory.Services.GetRequiredService<OfficeDirectoryLoader>();

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await _client.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<List<JsonElement>> AllPagesAsync(string query, int limit)
    {
        var offices = new List<JsonElement>();
        string? cursor = null;
        for (var page = 0; page < 100; page++)
        {
            var body = await GetJsonAsync($"/api/v1/offices?{query}&limit={limit}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            offices.AddRange(body.GetProperty("items").EnumerateArray());
            cursor = body.GetProperty("nextCursor").GetString();
            if (cursor is null)
            {
                return offices;
            }
        }

        throw new InvalidOperationException("Paging did not end.");
    }

    private async Task<string> IdOfAsync(string query) =>
        (await AllPagesAsync(query, limit: 50)).Single().GetProperty("id").GetString()!;

    private static async Task<long> AuditCountAsync(string officeId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM platform.office_schedule_audit WHERE office_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = officeId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed record AuditRow(int OldVersion, int NewVersion, string ChangedBy, string OldSchedule, string NewSchedule);

    private static async Task<AuditRow> LastAuditAsync(string officeId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT old_version, new_version, changed_by, old_schedule::text, new_schedule::text
            FROM platform.office_schedule_audit WHERE office_id = $1 ORDER BY id DESC LIMIT 1
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = officeId });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new AuditRow(reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
    }
}
