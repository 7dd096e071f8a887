using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Tests;
using NodaTime;
using Npgsql;
using Kazgov.Kernel.Data;

namespace Kazgov.Api.Tests;

/// <summary>
/// The complaints journal (issue 6) through the real host: registration with its journal number and
/// due date, the path received → under-review → answered, If-Match, object access, the overdue list,
/// paging and idempotent registration. The database is shared with earlier runs, so lists are checked
/// for what this run added and for their order, never for a total.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class ComplaintsApiTests(KazgovApiFactory factory)
{
    private const string Path = "/api/v1/complaints";
    private const string AstanaOffice = "road-police-astana-671c3429";
    private const string AlmatyOffice = "road-police-almaty-city-bd174b4d";
    private const string Iin = "850315300128";

    [Fact]
    public async Task Registering_gives_a_journal_number_and_the_due_date_of_the_standards_review_term()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");

        var first = await clerk.PostAsJsonAsync(Path, Body("Ұзақ кезек", "driver-licence", "post", level: 2));
        var second = await clerk.PostAsJsonAsync(Path, Body("Дөрекі сөйлеу", "vehicle-registration", "in-person"));

        var entry = await Json(first, HttpStatusCode.Created);
        var number = entry.GetProperty("journalNumber").GetString()!;
        JournalNumber().IsMatch(number).Should().BeTrue(number);
        first.Headers.Location!.ToString().Should().Be($"{Path}/{entry.GetProperty("id").GetString()}");
        first.Headers.ETag!.Tag.Should().Be("\"1\"");
        entry.GetProperty("serviceCode").GetString().Should().Be("driver-licence");
        entry.GetProperty("officeId").GetString().Should().Be(AstanaOffice);
        entry.GetProperty("receivedVia").GetString().Should().Be("post");
        entry.GetProperty("receivedAt").GetString().Should().Be("2026-03-10T05:00:00Z");
        entry.GetProperty("registeredBy").GetString().Should().Be("staff:clerk.astana");
        entry.GetProperty("status").GetString().Should().Be("received");
        entry.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).Should().Equal("review");
        entry.GetProperty("overdue").GetBoolean().Should().BeFalse();
        entry.GetProperty("version").GetInt32().Should().Be(1);
        // driver-licence §22: one month from 10 March = Friday 10 April, a working day; due by its end (UTC+5).
        entry.GetProperty("reviewTerm").GetString().Should().Be("P1M");
        entry.GetProperty("dueAt").GetString().Should().Be("2026-04-10T19:00:00Z");
        entry.GetProperty("dueDate").GetString().Should().Be("2026-04-10");
        var addressed = entry.GetProperty("addressedTo");
        addressed.GetProperty("level").GetInt32().Should().Be(2);
        addressed.GetProperty("source").GetString().Should().Be("driver-licence §20");
        addressed.GetProperty("authority").GetProperty("en").GetString().Should()
            .Be("the heads of the internal affairs departments of the regions and of the cities of Astana and Almaty");
        var complainant = entry.GetProperty("complainant");
        complainant.GetProperty("fullName").GetString().Should().Be("Асқар Нұрланұлы Бекұлы");
        complainant.GetProperty("iin").GetString().Should().Be(Iin);
        complainant.GetProperty("phone").GetString().Should().Be("+77011234567");
        complainant.GetProperty("language").GetString().Should().Be("ru");
        entry.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("action").GetString()).Should().Equal("register");

        // vehicle-registration §22: 15 days from 10 March = 25 March, a Nauryz carried-over day off → end of 26 March.
        var other = await Json(second, HttpStatusCode.Created);
        other.GetProperty("reviewTerm").GetString().Should().Be("P15D");
        other.GetProperty("dueAt").GetString().Should().Be("2026-03-26T19:00:00Z");
        JournalNumbers(number, other.GetProperty("journalNumber").GetString()!).Should().Be((2026, 2026, 1), "the next entry of the year's journal");
    }

    [Fact]
    public async Task A_complaint_about_a_standard_without_a_review_term_has_no_due_date_and_is_listed_last()
    {
        // residence-permit §22: "within the term set by law", no number: no computed due date, never overdue.
        var clerk = await factory.CreateClientAsAsync("clerk.migration.astana");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var response = await clerk.PostAsJsonAsync(Path, Body("Ұзақ күту " + i, "residence-permit", "post"));
            var entry = await Json(response, HttpStatusCode.Created);
            entry.GetProperty("reviewTerm").ValueKind.Should().Be(JsonValueKind.Null);
            entry.GetProperty("dueAt").ValueKind.Should().Be(JsonValueKind.Null);
            entry.GetProperty("dueDate").ValueKind.Should().Be(JsonValueKind.Null);
            entry.GetProperty("overdue").GetBoolean().Should().BeFalse();
            entry.GetProperty("officeId").GetString().Should().Be("migration-police-astana-e7769a19");
            ids.Add(Id(entry));
        }

        // A month later nothing is overdue, and the journal pages through entries without a due date.
        var start = factory.Clock.GetCurrentInstant();
        try
        {
            factory.Clock.Reset(start.Plus(Duration.FromDays(400)));
            var head = await factory.CreateClientAsAsync("head.migration.astana");
            var overdue = await ListAllAsync(head, "overdue=true");
            overdue.Select(Id).Should().NotIntersectWith(ids);

            var pages = new List<JsonElement>();
            string? cursor = null;
            do
            {
                var page = await Json(await head.GetAsync($"{Path}?service=residence-permit&limit=2" + (cursor is null ? "" : "&cursor=" + cursor)));
                pages.AddRange(page.GetProperty("items").EnumerateArray());
                cursor = page.GetProperty("nextCursor").GetString();
            }
            while (cursor is not null);

            pages.Select(Id).Should().Contain(ids).And.OnlyHaveUniqueItems();
            pages.Should().OnlyContain(i => i.GetProperty("dueAt").ValueKind == JsonValueKind.Null);
            ShouldBeInDueOrder(pages);

            // Ministry-wide, those with a due date come first, and the cursor crosses into those without.
            var all = await ListAllAsync(await factory.CreateClientAsAsync("auditor"), "status=received");
            all.Select(Id).Should().Contain(ids).And.OnlyHaveUniqueItems();
            all.Should().Contain(i => i.GetProperty("dueAt").ValueKind != JsonValueKind.Null);
            ShouldBeInDueOrder(all);
        }
        finally
        {
            factory.Clock.Reset(start);
        }
    }

    [Fact]
    public async Task A_month_ending_on_Victory_Day_ends_after_its_carried_over_day_off()
    {
        var start = factory.Clock.GetCurrentInstant();
        try
        {
            factory.Clock.Reset(Instant.FromUtc(2026, 4, 9, 5, 0));
            var clerk = await factory.CreateClientAsAsync("clerk.astana");

            var response = await clerk.PostAsJsonAsync(Path, Body("Victory Day", "driver-licence", "e-mail"));

            // 9 April + P1M = Saturday 9 May (Victory Day); Sunday 10; Monday 11 carried over → end of Tuesday 12 May.
            var entry = await Json(response, HttpStatusCode.Created);
            entry.GetProperty("dueDate").GetString().Should().Be("2026-05-12");
            entry.GetProperty("dueAt").GetString().Should().Be("2026-05-12T19:00:00Z");
        }
        finally
        {
            factory.Clock.Reset(start);
        }
    }

    [Fact]
    public async Task A_complaint_about_an_application_takes_its_office_and_service()
    {
        var applicationId = await InsertApplicationAsync("driver-licence", AstanaOffice);
        var almatyApplication = await InsertApplicationAsync("driver-licence", AlmatyOffice);
        var clerk = await factory.CreateClientAsAsync("clerk.astana");

        var response = await clerk.PostAsJsonAsync(Path, Body("About an application", service: null, "post", applicationId: applicationId));
        var mismatch = await clerk.PostAsJsonAsync(Path, Body("Wrong service", "vehicle-registration", "post", applicationId: applicationId));
        var wrongOffice = await clerk.PostAsJsonAsync(Path, Body("Wrong office", "driver-licence", "post", applicationId: applicationId, officeId: AlmatyOffice));
        var foreign = await clerk.PostAsJsonAsync(Path, Body("Not ours", service: null, "post", applicationId: almatyApplication));
        var missing = await clerk.PostAsJsonAsync(Path, Body("No such", service: null, "post", applicationId: Guid.NewGuid()));

        var entry = await Json(response, HttpStatusCode.Created);
        entry.GetProperty("applicationId").GetString().Should().Be(applicationId.ToString());
        entry.GetProperty("serviceCode").GetString().Should().Be("driver-licence");
        entry.GetProperty("officeId").GetString().Should().Be(AstanaOffice);
        await ShouldHaveFieldErrorAsync(mismatch, "serviceCode");
        await ShouldHaveFieldErrorAsync(wrongOffice, "officeId");
        // Another office's application and one that does not exist look the same.
        var foreignErrors = await ShouldHaveFieldErrorAsync(foreign, "applicationId");
        var missingErrors = await ShouldHaveFieldErrorAsync(missing, "applicationId");
        foreignErrors.Should().Be(missingErrors);
    }

    [Fact]
    public async Task A_channel_the_standard_does_not_accept_an_unknown_service_and_bad_fields_are_400()
    {
        var head = await factory.CreateClientAsAsync("head.astana");
        head.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");

        // address-certificate §21: in writing by post or at the bureau's office — not by e-mail.
        var byEmail = await head.PostAsJsonAsync(Path, Body("E-mail", "address-certificate", "e-mail"));
        var unknown = await head.PostAsJsonAsync(Path, Body("Unknown", "driving", "post"));
        var bad = await head.PostAsJsonAsync(Path, new
        {
            serviceCode = "weapon-registration",
            receivedVia = "fax",
            receivedAt = "2026-03-11T05:00:00Z",
            complainant = new { fullName = " ", iin = "850315300129", email = "not-an-address", language = "de" },
            subject = "",
            addressedTo = 4, // weapon-registration §21 has three levels
        });

        var channel = await ShouldHaveFieldErrorAsync(byEmail, "receivedVia");
        channel.Should().Be("По услуге «address-certificate» жалобы этим способом не принимаются (address-certificate §20-§22). Принимаются: post, in-person");
        (await ShouldHaveFieldErrorAsync(unknown, "serviceCode")).Should().StartWith("Государственной услуги с кодом «driving» нет в каталоге");
        var errors = (await ProblemAsync(bad, HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "receivedVia", "receivedAt", "complainant.fullName", "complainant.iin", "complainant.email", "complainant.language", "subject",
            "addressedTo");
        (await CountAsync("SELECT count(*) FROM platform.complaints WHERE subject IN ('E-mail', 'Unknown')")).Should().Be(0);

        var level = await head.PostAsJsonAsync(Path, Body("Level", "driver-licence", "post", level: 5));
        (await ShouldHaveFieldErrorAsync(level, "addressedTo")).Should().StartWith("В порядке обжалования услуги «driver-licence» уровни от 1 до 4");
    }

    [Fact]
    public async Task A_complaint_goes_from_received_to_under_review_to_answered_and_the_answer_is_mailed()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var head = await factory.CreateClientAsAsync("head.astana");
        var entry = await Json(await clerk.PostAsJsonAsync(Path, Body("Full path", "driver-licence", "e-mail")), HttpStatusCode.Created);
        var id = entry.GetProperty("id").GetString();
        var number = entry.GetProperty("journalNumber").GetString()!;

        var read = await head.GetAsync($"{Path}/{id}");
        read.Headers.ETag!.Tag.Should().Be("\"1\"");
        var review = await SendAsync(clerk, $"{Path}/{id}/review", new { note = "Тексеруге алынды" }, "\"1\"");
        var reviewed = await Json(review);
        var answer = await SendAsync(head, $"{Path}/{id}/answer", new { answer = "Кезек ұйымдастырылды.", sentVia = "e-mail" }, "\"2\"");
        var answered = await Json(answer);

        reviewed.GetProperty("status").GetString().Should().Be("under-review");
        reviewed.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).Should().Equal("answer");
        review.Headers.ETag!.Tag.Should().Be("\"2\"");
        answered.GetProperty("status").GetString().Should().Be("answered");
        answered.GetProperty("allowedActions").GetArrayLength().Should().Be(0);
        answered.GetProperty("version").GetInt32().Should().Be(3);
        answer.Headers.ETag!.Tag.Should().Be("\"3\"");
        var given = answered.GetProperty("answer");
        given.GetProperty("text").GetString().Should().Be("Кезек ұйымдастырылды.");
        given.GetProperty("sentVia").GetString().Should().Be("e-mail");
        given.GetProperty("answeredBy").GetString().Should().Be("staff:head.astana");
        given.GetProperty("answeredAt").GetString().Should().Be("2026-03-10T05:00:00Z");
        var events = answered.GetProperty("events").EnumerateArray().ToList();
        events.Select(e => (e.GetProperty("action").GetString(), e.GetProperty("fromStatus").GetString(), e.GetProperty("toStatus").GetString()))
            .Should().Equal(("register", null, "received"), ("review", "received", "under-review"), ("answer", "under-review", "answered"));
        events[1].GetProperty("note").GetString().Should().Be("Тексеруге алынды");
        events[2].GetProperty("actorId").GetString().Should().Be("staff:head.astana");
        events[2].GetProperty("actorName").GetString().Should().Be("Ерлан Маратұлы Жақсылықов");

        // The answer went to the outbox in the complainant's language (Russian), the head's post too, in the same transaction.
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var mail = (await connection.QueryRowsAsync<(string Channel, string Recipient, string Language, string Subject, string Body)>(
            "SELECT channel, recipient, language, subject, body FROM platform.outbox_messages WHERE reference = @number",
            new { number })).ToList();
        mail.Should().ContainSingle();
        mail[0].Channel.Should().Be("email");
        mail[0].Recipient.Should().Be("asqar@example.kz");
        mail[0].Language.Should().Be("ru");
        mail[0].Subject.Should().Be($"Результат рассмотрения вашей жалобы {number}");
        mail[0].Body.Should().Be(
            $"Уважаемый(ая) Асқар Нұрланұлы Бекұлы!\n\nВаша жалоба {number}, зарегистрированная 2026-03-10, рассмотрена.\n\n"
            + "Кезек ұйымдастырылды.\n\nНачальник регистрационно-экзаменационного отделения, Ерлан Маратұлы Жақсылықов");

        // Every read and change was audited with the complainant's IIN as the subject.
        var audit = (await connection.QueryRowsAsync<(string Operation, string SubjectKind, string SubjectId, string ActorId)>(
            "SELECT operation, subject_kind, subject_id, actor_id FROM platform.audit_entries WHERE object_id = @number ORDER BY id",
            new { number })).ToList();
        audit.Should().Equal(
            ("complaint.register", "iin", Iin, "staff:clerk.astana"),
            ("complaint.read", "iin", Iin, "staff:head.astana"),
            ("complaint.review", "iin", Iin, "staff:clerk.astana"),
            ("complaint.answer", "iin", Iin, "staff:head.astana"));
    }

    [Fact]
    public async Task Answering_a_complaint_not_under_review_is_409_with_the_allowed_actions()
    {
        var head = await factory.CreateClientAsAsync("head.astana");
        head.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var id = (await Json(await head.PostAsJsonAsync(Path, Body("Too early", "driver-licence", "post")), HttpStatusCode.Created)).GetProperty("id").GetString();

        var early = await SendAsync(head, $"{Path}/{id}/answer", new { answer = "Done", sentVia = "post" }, "\"1\"");
        var problem = await ProblemAsync(early, HttpStatusCode.Conflict, "invalid-transition");
        problem.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).Should().Equal("review");
        problem.GetProperty("currentStatus").GetString().Should().Be("received");
        problem.GetProperty("action").GetString().Should().Be("answer");
        problem.GetProperty("detail").GetString().Should().Be(
            "The action 'answer' cannot be applied to a complaint that is 'received'. Allowed actions: review");
        problem.GetProperty("title").GetString().Should().Be("This action is not allowed in the record's current status");

        (await SendAsync(head, $"{Path}/{id}/review", null, "\"1\"")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SendAsync(head, $"{Path}/{id}/answer", new { answer = "Done", sentVia = "post" }, "\"2\"")).StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await SendAsync(head, $"{Path}/{id}/review", null, "\"3\"");
        var closed = await ProblemAsync(again, HttpStatusCode.Conflict, "invalid-transition");
        closed.GetProperty("allowedActions").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_state_change_needs_the_current_ETag_in_If_Match()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        clerk.DefaultRequestHeaders.AcceptLanguage.ParseAdd("kk");
        var id = (await Json(await clerk.PostAsJsonAsync(Path, Body("ETag", "driver-licence", "post")), HttpStatusCode.Created)).GetProperty("id").GetString();

        var missing = await SendAsync(clerk, $"{Path}/{id}/review", null, ifMatch: null);
        var stale = await SendAsync(clerk, $"{Path}/{id}/review", null, "\"7\"");

        var required = await ProblemAsync(missing, (HttpStatusCode)428, "if-match-required");
        required.GetProperty("title").GetString().Should().Be("If-Match тақырыбында жазбаның ETag мәні болуы керек");
        var failed = await ProblemAsync(stale, HttpStatusCode.PreconditionFailed, "precondition-failed");
        failed.GetProperty("currentETag").GetString().Should().Be("\"1\"");
        var current = await Json(await clerk.GetAsync($"{Path}/{id}"));
        current.GetProperty("status").GetString().Should().Be("received");
        current.GetProperty("version").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Another_offices_staff_do_not_see_a_complaint_and_an_auditor_reads_but_cannot_act()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var id = (await Json(await clerk.PostAsJsonAsync(Path, Body("Access", "driver-licence", "post")), HttpStatusCode.Created)).GetProperty("id").GetString();
        var almatyClerk = await factory.CreateClientAsAsync("clerk.almaty");
        var almatyHead = await factory.CreateClientAsAsync("head.almaty");
        var auditor = await factory.CreateClientAsAsync("auditor");
        var admin = await factory.CreateClientAsAsync("admin");

        await ProblemAsync(await almatyClerk.GetAsync($"{Path}/{id}"), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await almatyHead.GetAsync($"{Path}/{id}"), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await SendAsync(almatyClerk, $"{Path}/{id}/review", null, "\"1\""), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await almatyClerk.GetAsync($"{Path}/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not-found");
        (await Json(await almatyHead.GetAsync($"{Path}?office={AstanaOffice}"))).GetProperty("items").GetArrayLength().Should().Be(0);

        (await auditor.GetAsync($"{Path}/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await ProblemAsync(await SendAsync(auditor, $"{Path}/{id}/answer", new { answer = "No", sentVia = "post" }, "\"1\""), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await SendAsync(auditor, $"{Path}/{id}/review", null, "\"1\""), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await SendAsync(clerk, $"{Path}/{id}/answer", new { answer = "No", sentVia = "post" }, "\"1\""), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await admin.GetAsync($"{Path}/{id}"), HttpStatusCode.Forbidden, "forbidden");
        // A clerk registers in their own office's journal only.
        await ProblemAsync(await clerk.PostAsJsonAsync(Path, Body("Elsewhere", "driver-licence", "post", officeId: AlmatyOffice)), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task The_overdue_list_holds_the_open_complaints_whose_due_moment_has_come()
    {
        var start = factory.Clock.GetCurrentInstant();
        try
        {
            var clerk = await factory.CreateClientAsAsync("clerk.astana");
            var head = await factory.CreateClientAsAsync("head.astana");
            var vehicle = await RegisterAsync(clerk, Body("Overdue 15 days", "vehicle-registration", "post"));  // due 2026-03-26T19:00Z
            var licence = await RegisterAsync(clerk, Body("Overdue 1 month", "driver-licence", "post"));       // due 2026-04-10T19:00Z
            var answered = await RegisterAsync(clerk, Body("Answered in time", "vehicle-registration", "post"));
            (await SendAsync(head, $"{Path}/{answered}/review", null, "\"1\"")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await SendAsync(head, $"{Path}/{answered}/answer", new { answer = "Done", sentVia = "in-person" }, "\"2\"")).StatusCode.Should().Be(HttpStatusCode.OK);

            // 19:00 UTC on 26 March is 00:00 of 27 March in Almaty: the first overdue moment.
            factory.Clock.Reset(Instant.FromUtc(2026, 3, 26, 18, 59));
            var before = await ListAllAsync(await factory.CreateClientAsAsync("head.astana"), "overdue=true");
            before.Select(Id).Should().NotContain([vehicle, licence, answered]);

            factory.Clock.Reset(Instant.FromUtc(2026, 3, 26, 19, 0));
            var head27 = await factory.CreateClientAsAsync("head.astana");
            var onTheDot = await ListAllAsync(head27, "overdue=true");
            onTheDot.Select(Id).Should().Contain(vehicle).And.NotContain([licence, answered]);
            ShouldBeOverdueAndInOrder(onTheDot, factory.Clock.GetCurrentInstant());
            // A clerk of Almaty sees nothing of Astana; a ministry-wide auditor sees it with the office filter.
            (await ListAllAsync(await factory.CreateClientAsAsync("clerk.almaty"), "overdue=true")).Select(Id).Should().NotContain(vehicle);
            (await ListAllAsync(await factory.CreateClientAsAsync("auditor"), $"overdue=true&office={AstanaOffice}&service=vehicle-registration"))
                .Select(Id).Should().Contain(vehicle).And.NotContain(licence);
            var item = onTheDot.Single(i => Id(i) == vehicle);
            item.GetProperty("overdue").GetBoolean().Should().BeTrue();

            factory.Clock.Reset(Instant.FromUtc(2026, 4, 11, 5, 0));
            var april = await ListAllAsync(await factory.CreateClientAsAsync("head.astana"), "overdue=true");
            april.Select(Id).Should().Contain([vehicle, licence]).And.NotContain(answered);
            ShouldBeOverdueAndInOrder(april, factory.Clock.GetCurrentInstant());
            april.Select(Id).ToList().IndexOf(vehicle).Should().BeLessThan(april.Select(Id).ToList().IndexOf(licence));
        }
        finally
        {
            factory.Clock.Reset(start);
        }
    }

    [Theory]
    [InlineData("c.office_id = 'road-police-astana-671c3429' AND ")] // a unit head's list
    [InlineData("")]                                                 // a ministry-wide auditor's list
    public async Task The_overdue_query_reads_a_partial_index_of_open_complaints(string officeFilter)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // A test table is small enough for a sequential scan to be cheapest; forbid it to see which index serves the query.
        await connection.ExecuteAsync("SET LOCAL enable_seqscan = off", transaction: transaction);

        var plan = string.Join("\n", await connection.QueryRowsAsync<string>(new CommandDefinition(
            $"""
            EXPLAIN SELECT c.id FROM platform.complaints c
            WHERE {officeFilter}c.status IN ('received', 'under-review') AND c.due_at <= now()
            ORDER BY c.due_at, c.id LIMIT 51
            """,
            transaction: transaction)));

        plan.Should().MatchRegex("complaints_open_by_(office_)?due").And.NotContain("Seq Scan");
    }

    [Fact]
    public async Task The_journal_is_paged_by_due_date_with_an_opaque_cursor()
    {
        var head = await factory.CreateClientAsAsync("head.astana");
        // Received on 1, 2 and 3 March: due at the ends of 1, 2 and 3 April (working days).
        var ids = new List<string>();
        foreach (var day in new[] { 3, 1, 2 })
        {
            ids.Add(await RegisterAsync(head, Body($"Paging {day}", "proxy-driver-registration", "post", receivedAt: $"2026-03-0{day}T06:00:00Z")));
        }

        var items = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Json(await head.GetAsync($"{Path}?service=proxy-driver-registration&limit=2" + (cursor is null ? "" : "&cursor=" + cursor)));
            page.GetProperty("items").GetArrayLength().Should().BeLessThanOrEqualTo(2);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10_000);

        items.Select(Id).Should().OnlyHaveUniqueItems();
        items.Should().OnlyContain(i => i.GetProperty("serviceCode").GetString() == "proxy-driver-registration");
        var mine = items.Where(i => ids.Contains(Id(i))).ToList();
        mine.Select(i => i.GetProperty("dueAt").GetString()).Should().Equal("2026-04-01T19:00:00Z", "2026-04-02T19:00:00Z", "2026-04-03T19:00:00Z");
        mine.Select(Id).Should().Equal(ids[1], ids[2], ids[0]);
        ShouldBeInDueOrder(items);
        pages.Should().BeGreaterThanOrEqualTo(2);

        await ProblemAsync(await head.GetAsync($"{Path}?cursor=not-a-cursor"), HttpStatusCode.BadRequest, "validation-failed");
        var bad = await ProblemAsync(await head.GetAsync($"{Path}?limit=0&status=closed&overdue=maybe&service=driving"), HttpStatusCode.BadRequest, "validation-failed");
        bad.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("limit", "status", "overdue", "service");
    }

    [Fact]
    public async Task The_office_must_exist_and_provide_the_service()
    {
        var head = await factory.CreateClientAsAsync("head.astana");
        head.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        // The Astana road police provide the road-police services, not the address bureau's certificate.
        var notServed = await head.PostAsJsonAsync(Path, Body("Not served", "address-certificate", "post"));
        var unknown = await head.PostAsJsonAsync(Path, Body("Unknown office", "driver-licence", "post", officeId: "no-such-office"));

        (await ShouldHaveFieldErrorAsync(notServed, "officeId")).Should()
            .Be($"The office '{AstanaOffice}' does not provide the service 'address-certificate'");
        (await ShouldHaveFieldErrorAsync(unknown, "officeId")).Should().Be("There is no office 'no-such-office'");
        (await CountAsync("SELECT count(*) FROM platform.complaints WHERE subject IN ('Not served', 'Unknown office')")).Should().Be(0);
    }

    [Fact]
    public async Task Another_lists_cursor_is_not_a_cursor_of_the_journal()
    {
        var head = await factory.CreateClientAsAsync("head.astana");
        var offices = await Json(await head.GetAsync("/api/v1/offices?limit=1"));
        var officesCursor = offices.GetProperty("nextCursor").GetString()!;

        var problem = await ProblemAsync(await head.GetAsync($"{Path}?cursor={officesCursor}"), HttpStatusCode.BadRequest, "validation-failed");

        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().Equal("cursor");
    }

    [Fact]
    public async Task Twenty_concurrent_registrations_with_one_Idempotency_Key_make_one_complaint()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var subject = "Idempotent " + Guid.NewGuid();
        var key = Guid.NewGuid().ToString();
        var body = JsonSerializer.Serialize(Body(subject, "driver-licence", "in-person"), JsonSerializerOptions.Web);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", key);
            return await clerk.SendAsync(request);
        })));

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Created);
        (await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()))).Distinct().Should().ContainSingle();
        responses.Select(r => r.Headers.Location).Distinct().Should().ContainSingle();
        responses.Count(r => r.Headers.Contains("Idempotent-Replayed")).Should().Be(19);
        (await CountAsync("SELECT count(*) FROM platform.complaints WHERE subject = @subject", new { subject })).Should().Be(1);
    }

    [Fact]
    public async Task Concurrent_registrations_get_distinct_consecutive_journal_numbers()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            clerk.PostAsJsonAsync(Path, Body($"Concurrent {i}", "driver-licence", "post")))));

        var numbers = new List<int>();
        foreach (var response in responses)
        {
            var match = JournalNumber().Match((await Json(response, HttpStatusCode.Created)).GetProperty("journalNumber").GetString()!);
            numbers.Add(int.Parse(match.Groups[2].Value));
        }

        numbers.Order().Should().Equal(Enumerable.Range(numbers.Min(), 10), "the year's counter hands out each number once, without gaps");
    }

    [Fact]
    public async Task The_history_of_a_complaint_cannot_be_rewritten()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var id = Guid.Parse(await RegisterAsync(clerk, Body("History", "driver-licence", "post")));
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);

        var update = () => connection.ExecuteAsync("UPDATE platform.complaint_events SET note = 'rewritten' WHERE complaint_id = @id", new { id });
        var delete = () => connection.ExecuteAsync("DELETE FROM platform.complaint_events WHERE complaint_id = @id", new { id });

        (await update.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().Be("complaint_events is append-only");
        (await delete.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().Be("complaint_events is append-only");
        (await CountAsync("SELECT count(*) FROM platform.complaint_events WHERE complaint_id = @id", new { id })).Should().Be(1);
    }

    [Fact]
    public async Task A_complainant_without_an_IIN_is_audited_by_name()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var name = "Мария Петровна Иванова " + Guid.NewGuid().ToString("N")[..6];
        var entry = await Json(await clerk.PostAsJsonAsync(Path, new
        {
            serviceCode = "proxy-driver-registration",
            receivedVia = "post",
            complainant = new { fullName = name, postalAddress = "010000, Астана, Сарыарқа д., 1" },
            subject = "No IIN",
            addressedTo = 1,
        }), HttpStatusCode.Created);

        entry.GetProperty("complainant").GetProperty("iin").ValueKind.Should().Be(JsonValueKind.Null);
        entry.GetProperty("complainant").GetProperty("language").GetString().Should().Be("kk");
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var audit = await connection.QuerySingleRowAsync<(string SubjectKind, string SubjectId)>(
            "SELECT subject_kind, subject_id FROM platform.audit_log WHERE object_id = @number AND operation = 'complaint.register'",
            new { number = entry.GetProperty("journalNumber").GetString() });
        audit.Should().Be(("name", name));
    }

    // ------------------------------------------------------------------ helpers

    private static Dictionary<string, object?> Body(
        string subject, string? service, string via, int level = 1, Guid? applicationId = null, string? officeId = null, string? receivedAt = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["receivedVia"] = via,
            ["complainant"] = new
            {
                fullName = "Асқар  Нұрланұлы Бекұлы",
                iin = Iin,
                phone = "+7 (701) 123-45-67",
                email = "asqar@example.kz",
                postalAddress = "010000, Астана, Бейбітшілік к-сі, 10",
                language = "ru",
            },
            ["subject"] = subject,
            ["addressedTo"] = level,
        };
        if (service is not null)
        {
            body["serviceCode"] = service;
        }

        if (applicationId is not null)
        {
            body["applicationId"] = applicationId;
        }

        if (officeId is not null)
        {
            body["officeId"] = officeId;
        }

        if (receivedAt is not null)
        {
            body["receivedAt"] = receivedAt;
        }

        return body;
    }

    private static async Task<string> RegisterAsync(HttpClient client, object body) =>
        Id(await Json(await client.PostAsJsonAsync(Path, body), HttpStatusCode.Created));

    private static string Id(JsonElement item) => item.GetProperty("id").GetString()!;

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, object? body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body ?? new { }) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return await client.SendAsync(request);
    }

    private static async Task<List<JsonElement>> ListAllAsync(HttpClient client, string query)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await Json(await client.GetAsync($"{Path}?{query}&limit=200" + (cursor is null ? "" : "&cursor=" + cursor)));
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return items;
    }

    private static void ShouldBeOverdueAndInOrder(List<JsonElement> items, Instant now)
    {
        items.Should().OnlyContain(i => i.GetProperty("overdue").GetBoolean() && i.GetProperty("status").GetString() != "answered");
        items.Should().OnlyContain(i => NodaTime.Text.InstantPattern.ExtendedIso.Parse(i.GetProperty("dueAt").GetString()!).Value <= now);
        ShouldBeInDueOrder(items);
    }

    /// <summary>By due moment, then id; complaints without a due date (no review term) last.</summary>
    private static void ShouldBeInDueOrder(List<JsonElement> items)
    {
        var keys = items.Select(i => (
            i.GetProperty("dueAt").GetString() is { } due ? NodaTime.Text.InstantPattern.ExtendedIso.Parse(due).Value : Instant.MaxValue,
            Guid.Parse(Id(i)))).ToList();
        keys.Should().BeInAscendingOrder(Comparer<(Instant DueAt, Guid Id)>.Create((a, b) =>
            a.DueAt != b.DueAt ? a.DueAt.CompareTo(b.DueAt) : ComparePostgres(a.Id, b.Id)));
    }

    /// <summary>PostgreSQL orders uuids by their bytes as written, .NET's Guid.CompareTo does not.</summary>
    private static int ComparePostgres(Guid a, Guid b) => string.CompareOrdinal(a.ToString("N"), b.ToString("N"));

    private static (int, int, int) JournalNumbers(string first, string second)
    {
        var a = JournalNumber().Match(first);
        var b = JournalNumber().Match(second);
        return (int.Parse(a.Groups[1].Value), int.Parse(b.Groups[1].Value), int.Parse(b.Groups[2].Value) - int.Parse(a.Groups[2].Value));
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code) =>
        response.ShouldBeProblemAsync(status, code);

    /// <summary>Asserts a 400 validation problem with an error for the field and returns its first message.</summary>
    private static async Task<string> ShouldHaveFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        var errors = problem.GetProperty("errors");
        errors.TryGetProperty(field, out var messages).Should().BeTrue(errors.ToString());
        return messages[0].GetString()!;
    }

    private static async Task<long> CountAsync(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    /// <summary>A minimal application row (the lifecycle endpoints that create them are not merged yet).</summary>
    private static async Task<Guid> InsertApplicationAsync(string service, string office)
    {
        var id = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync(
            """
            INSERT INTO platform.applications
                (id, registration_number, service_code, office_id, channel, status, applicant_type, applicant, subject_id,
                 documents, fee_items, term_variant, term, accepted_at, accepted_by, accepted_by_name, due_at, submitted_by, updated_at)
            VALUES
                (@id, @number, @service, @office, 'front-office', 'submitted', 'citizen', '{}'::jsonb, @iin,
                 '{}', '{}', 'default', 'PT6H', '2026-03-10T05:00:00Z', 'staff:clerk.astana', 'Айгерім Болатқызы Сейітова',
                 '2026-03-10T13:00:00Z', 'staff:clerk.astana', '2026-03-10T05:00:00Z')
            """,
            new { id, number = "TEST-" + id.ToString("N"), service, office, iin = Iin });
        return id;
    }

    [GeneratedRegex("^Ш-(2026)-([0-9]{6})$")]
    private static partial Regex JournalNumber();
}
