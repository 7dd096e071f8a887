using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Applications;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Tests;
using NodaTime;
using Npgsql;
using Kazgov.Kernel.Data;

namespace Kazgov.Api.Tests.Migration;

/// <summary>temporary-registration (standard 4) end to end through the API, at the Astana migration police.</summary>
[Collection(ApiCollection.Name)]
public sealed class TemporaryRegistrationTests(KazgovApiFactory factory) : IAsyncLifetime
{
    // Tuesday 10 March 2026, 10:00 in Astana.
    private static readonly Instant Morning = Instant.FromUtc(2026, 3, 10, 5, 0);

    private const string Astana = "migration-police-astana-e7769a19";
    private const string Almaty = "migration-police-almaty-city-e47e27fa";
    private const string Path = "/api/v1/migration/temporary-registrations";

    private static readonly string[] HostOrSelf = ["identity-document-with-visa", "migration-card", "registration-application"];
    private static readonly string[] OverSixMonths = ["address-arrival-sheets", "statistical-record-slip", "photos"];

    public Task InitializeAsync()
    {
        factory.Clock.Reset(Morning);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        factory.Clock.Reset(Morning);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_visa_free_foreigner_is_registered_the_same_day_recorded_in_the_register_published_and_stamped()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.migration.astana");
        var intake = Intake(Foreigner("KG"), requestedUntil: "2026-05-31");

        var submitted = await clerk.PostAsJsonAsync(Path + "/applications", intake);

        submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var application = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!;
        var assessment = application["moduleData"]!["assessment"]!;
        assessment["dueBy"]!.GetValue<string>().Should().Be("2026-03-14", "crossed on 9 March: the fifth day after it");
        assessment["daysLate"]!.GetValue<int>().Should().Be(0);
        assessment["persons"]![0]!["until"]!.GetValue<string>().Should().Be("2026-05-31");
        assessment["persons"]![0]!["basis"]!.GetValue<string>().Should().Be("visa-free");
        var id = application["id"]!.GetValue<string>();

        var number = await ApproveAsync(clerk, id, submitted.Headers.ETag!.ToString());

        number.Should().MatchRegex(@"^TR26\d{7}$");
        var record = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/{number}"))!;
        record["from"]!.GetValue<string>().Should().Be("2026-03-10");
        record["until"]!.GetValue<string>().Should().Be("2026-05-31");
        record["limitedBy"]!.GetValue<string>().Should().Be("requested");
        record["address"]!.GetValue<string>().Should().Be("Астана, Сарыарқа ауданы, Бейбітшілік к-сі, 10, 5-пәтер");
        record["hostKind"]!.GetValue<string>().Should().Be("individual");
        record["hostName"]!.GetValue<string>().Should().Be("Сейітов Арман");
        record["officeId"]!.GetValue<string>().Should().Be(Astana);
        record["current"]!.GetValue<bool>().Should().BeTrue();
        record["stampedAt"].Should().BeNull("the mark on the migration card is made at hand-over");

        var events = await EventsAsync(number);
        events.Should().ContainSingle();
        events[0].GetProperty("person").GetProperty("travelDocumentCountry").GetString().Should().Be("KG");
        events[0].GetProperty("from").GetString().Should().Be("2026-03-10");
        events[0].GetProperty("until").GetString().Should().Be("2026-05-31");
        events[0].GetProperty("officeId").GetString().Should().Be(Astana);

        var etag = await CurrentETagAsync(clerk, id);
        etag = await ExpectAsync(clerk, id, "mark-ready", etag);
        await ExpectAsync(clerk, id, "issue", etag, new { receivedBy = "Асанов Бакыт", identityDocument = "паспорт", signatureTaken = true });
        var stamped = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/{number}"))!;
        stamped["stampedAt"]!.GetValue<string>().Should().Be("2026-03-10T05:00:00Z");

        var person = intake["applicant"]!["travelDocument"]!;
        var byPerson = JsonNode.Parse(await clerk.GetStringAsync($"{Path}?country=KG&documentNumber={person["number"]!.GetValue<string>()}"))!;
        byPerson["items"]!.AsArray().Select(i => i!["number"]!.GetValue<string>()).Should().Equal(number);
        // An integrator reads only the registrations of applications it submitted.
        var portal = await factory.CreateClientAsAsync("client:egov-portal");
        (await portal.GetAsync($"{Path}/{number}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the clerk took this application, not the portal");
        JsonNode.Parse(await portal.GetStringAsync($"{Path}?country=KG&documentNumber={person["number"]!.GetValue<string>()}"))!["items"]!.AsArray().Should().BeEmpty();
        var own = await SubmitAsync(portal, Intake(Foreigner("KG")));
        var ownNumber = await ApproveAsync(clerk, own.Id, own.ETag);
        (await portal.GetAsync($"{Path}/{ownNumber}")).StatusCode.Should().Be(HttpStatusCode.OK, "the portal submitted it and holds temporary-registration:read");
    }

    [Fact]
    public async Task The_applicant_is_16_on_the_16th_birthday_and_not_the_day_before()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.migration.astana");

        var sixteenToday = await clerk.PostAsJsonAsync(Path + "/applications", Intake(Foreigner("KG", birthDate: "2010-03-10")));
        var sixteenTomorrow = await clerk.PostAsJsonAsync(Path + "/applications", Intake(Foreigner("KG", birthDate: "2010-03-11")));

        sixteenToday.StatusCode.Should().Be(HttpStatusCode.Created, await sixteenToday.Content.ReadAsStringAsync());
        var problem = await sixteenTomorrow.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        problem.GetProperty("errors").GetProperty("applicant.birthDate").ToString().Should().Contain("temporary-registration §6");
    }

    [Fact]
    public async Task Day_five_after_the_crossing_is_on_time_day_six_is_one_day_late_registered_and_reported()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.migration.astana");
        var onTime = await SubmitAsync(clerk, Intake(Foreigner("KG"), borderCrossedOn: "2026-03-05"));
        var late = await SubmitAsync(clerk, Intake(Foreigner("KG"), borderCrossedOn: "2026-03-04"));

        onTime.Application["moduleData"]!["assessment"]!["daysLate"]!.GetValue<int>().Should().Be(0);
        late.Application["moduleData"]!["assessment"]!["daysLate"]!.GetValue<int>().Should().Be(1);
        var onTimeNumber = await ApproveAsync(clerk, onTime.Id, onTime.ETag);
        var lateNumber = await ApproveAsync(clerk, late.Id, late.ETag);

        JsonNode.Parse(await clerk.GetStringAsync($"{Path}/{lateNumber}"))!["daysLate"]!.GetValue<int>().Should().Be(1, "§18: a late application is registered, its lateness recorded");
        var report = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/late?from=2026-03-10&to=2026-03-10"))!["items"]!.AsArray();
        report.Select(r => r!["number"]!.GetValue<string>()).Should().Contain(lateNumber).And.NotContain(onTimeNumber);
        report.Single(r => r!["number"]!.GetValue<string>() == lateNumber)!["dueBy"]!.GetValue<string>().Should().Be("2026-03-09");
        JsonNode.Parse(await clerk.GetStringAsync($"{Path}/late?from=2026-03-11&to=2026-03-31"))!["items"]!.AsArray()
            .Select(r => r!["number"]!.GetValue<string>()).Should().NotContain(lateNumber);
        await (await clerk.GetAsync($"{Path}/late?from=2026-03-10")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        var portal = await factory.CreateClientAsAsync("client:egov-portal");
        (await portal.GetAsync($"{Path}/late?from=2026-03-10&to=2026-03-10")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_visa_is_required_unless_appendix_4_lists_the_citizenship_on_both_routes()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.migration.astana");
        var german = Intake(Foreigner("DE"));

        var typed = await clerk.PostAsJsonAsync(Path + "/applications", german);
        var generic = await clerk.PostAsJsonAsync("/api/v1/applications", Generic(german));
        var stateless = await clerk.PostAsJsonAsync(Path + "/applications", Intake(Foreigner("KG", kind: "stateless-person")));

        (await typed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").GetProperty("visa").ToString().Should().Contain("§12.1");
        (await generic.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("moduleData.visa", out _).Should().BeTrue();
        (await stateless.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("visa", out _).Should().BeTrue("a stateless person is nobody's citizen");

        german["visa"] = new JsonObject { ["number"] = "V" + Unique(), ["kind"] = "multiple-entry", ["validUntil"] = "2026-03-09" };
        (await (await clerk.PostAsJsonAsync(Path + "/applications", german)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed"))
            .GetProperty("errors").TryGetProperty("visa.validUntil", out _).Should().BeTrue("the visa expired yesterday");
        german["visa"]!["validUntil"] = "2026-03-10";
        var lastDay = await SubmitAsync(clerk, german);
        lastDay.Application["moduleData"]!["assessment"]!["persons"]![0]!["until"]!.GetValue<string>().Should().Be("2026-03-10");
        lastDay.Application["moduleData"]!["assessment"]!["persons"]![0]!["limitedBy"]!.GetValue<string>().Should().Be("visa");
    }

    [Theory]
    [InlineData("KG", "2026-06-07", "2026-06-07", "requested")]
    [InlineData("KG", "2026-06-08", "2026-06-07", "visa-free-limit")]
    [InlineData("UA", "2026-12-31", "2026-06-07", "visa-free-limit")]
    [InlineData("RU", "2026-12-31", "2026-06-07", "visa-free-limit")]
    [InlineData("TR", "2026-04-09", "2026-04-09", "requested")]
    [InlineData("TR", "2026-04-10", "2026-04-09", "visa-free-limit")]
    public async Task The_visa_free_limit_of_appendix_4_ends_the_period(string country, string requested, string until, string limitedBy)
    {
        var clerk = await factory.CreateClientAsAsync("clerk.migration.astana");

        var submitted = await SubmitAsync(clerk, Intake(Foreigner(country), requestedUntil: requested));

        var person = submitted.Application["moduleData"]!["assessment"]!["persons"]![0]!;
        person["until"]!.GetValue<string>().Should().Be(until);
        person["limitedBy"]!.GetValue<string>().Should().Be(limitedBy);
    }

    [Fact]
    public async Task A_travel_document_that_expired_yesterday_is_refused_and_one_expiring_today_gives_one_day()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.migration.astana");

        var expired = await clerk.PostAsJsonAsync(Path + "/applications", Intake(Foreigner("KG", expiresOn: "2026-03-09")));
        var lastDay = await SubmitAsync(clerk, Intake(Foreigner("KG", expiresOn: "2026-03-10")));
        var beforeRequestedEnd = await SubmitAsync(clerk, Intake(Foreigner("KG", expiresOn: "2026-04-30"), requestedUntil: "2026-05-01"));

        (await expired.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("applicant.travelDocument.expiresOn", out _).Should().BeTrue();
        lastDay.Application["moduleData"]!["assessment"]!["persons"]![0]!["until"]!.GetValue<string>().Should().Be("2026-03-10");
        lastDay.Application["moduleData"]!["assessment"]!["persons"]![0]!["limitedBy"]!.GetValue<string>().Should().Be("travel-document");
        beforeRequestedEnd.Application["moduleData"]!["assessment"]!["persons"]![0]!["until"]!.GetValue<string>().Should().Be("2026-04-30");
    }

    [Fact]
    public async Task A_stay_of_exactly_six_months_needs_no_extra_documents_and_one_day_more_needs_them()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.migration.astana");
        JsonObject WithVisa(string until)
        {
            var intake = Intake(Foreigner("DE"), requestedUntil: until);
            intake["visa"] = new JsonObject { ["number"] = "V" + Unique(), ["kind"] = "multiple-entry", ["validUntil"] = "2027-03-01" };
            return intake;
        }

        var sixMonths = await clerk.PostAsJsonAsync(Path + "/applications", WithVisa("2026-09-09"));
        var overSix = WithVisa("2026-09-10");
        var withoutExtra = await clerk.PostAsJsonAsync(Path + "/applications", overSix);

        sixMonths.StatusCode.Should().Be(HttpStatusCode.Created, await sixMonths.Content.ReadAsStringAsync());
        var problem = await withoutExtra.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "documents-missing");
        problem.GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("code").GetString()).Should().BeEquivalentTo(OverSixMonths);
        (await ApplicationsOfAsync(overSix)).Should().Be(0, "nothing is stored when the documents are missing");

        overSix["documents"] = new JsonArray([.. HostOrSelf.Concat(OverSixMonths).Select(d => (JsonNode)d)]);
        var complete = await SubmitAsync(clerk, overSix);
        complete.Application["moduleData"]!["assessment"]!["persons"]![0]!["stayOverSixMonths"]!.GetValue<bool>().Should().BeTrue();

        // The generic route demands them at intake too, and stores nothing without them.
        var generic = WithVisa("2026-09-10");
        var viaGeneric = await clerk.PostAsJsonAsync("/api/v1/applications", Generic(generic));
        var genericProblem = await viaGeneric.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "documents-missing");
        genericProblem.GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("code").GetString()).Should().BeEquivalentTo(OverSixMonths);
        (await ApplicationsOfAsync(generic)).Should().Be(0);
    }

    [Fact]
    public async Task A_second_registration_elsewhere_is_refused_naming_the_first()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.migration.astana");
        var foreigner = Foreigner("UZ");
        var first = await SubmitAsync(clerk, Intake(foreigner, requestedUntil: "2026-04-30"));
        var number = await ApproveAsync(clerk, first.Id, first.ETag);

        var almaty = await factory.CreateClientAsAsync("clerk.migration.almaty");
        var second = Intake(foreigner.DeepClone().AsObject());
        second["officeId"] = Almaty;
        var response = await almaty.PostAsJsonAsync(Path + "/applications", second);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "already-registered");
        var registration = problem.GetProperty("registration");
        registration.GetProperty("number").GetString().Should().Be(number);
        registration.GetProperty("officeId").GetString().Should().Be(Astana);
        registration.GetProperty("from").GetString().Should().Be("2026-03-10");
        registration.GetProperty("until").GetString().Should().Be("2026-04-30");
        problem.GetProperty("detail").GetString().Should().Contain(number).And.Contain(Astana);
        problem.GetProperty("title").GetString().Should().Contain("§17");

        // Once the first registration has run out, the person may be registered again.
        factory.Clock.Reset(Instant.FromUtc(2026, 5, 1, 5, 0));
        almaty = await factory.CreateClientAsAsync("clerk.migration.almaty");
        second["requestedUntil"] = "2026-05-20";
        second["borderCrossedOn"] = "2026-04-29";
        var again = await SubmitAsync(almaty, second);
        (await ApproveAsync(almaty, again.Id, again.ETag)).Should().NotBe(number);
    }

    [Fact]
    public async Task A_visa_free_registration_is_extended_once_by_the_same_period_from_the_day_after_it_ends()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.migration.astana");
        var foreigner = Foreigner("MN");
        var first = await SubmitAsync(clerk, Intake(foreigner, requestedUntil: "2026-12-31"));
        var firstNumber = await ApproveAsync(clerk, first.Id, first.ETag);
        var extension = Intake(foreigner.DeepClone().AsObject(), requestedUntil: "2026-12-31");
        extension["extendsRegistration"] = firstNumber;

        var extended = await SubmitAsync(clerk, extension);
        var period = extended.Application["moduleData"]!["assessment"]!["persons"]![0]!;
        period["from"]!.GetValue<string>().Should().Be("2026-06-08", "the first registration's 90 days end on 7 June");
        period["until"]!.GetValue<string>().Should().Be("2026-09-05");
        var secondNumber = await ApproveAsync(clerk, extended.Id, extended.ETag);

        JsonNode.Parse(await clerk.GetStringAsync($"{Path}/{firstNumber}"))!["current"]!.GetValue<bool>().Should().BeFalse();
        var second = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/{secondNumber}"))!;
        second["current"]!.GetValue<bool>().Should().BeTrue();
        second["extendsNumber"]!.GetValue<string>().Should().Be(firstNumber);
        (await EventsAsync(secondNumber)).Single().GetProperty("extendsRegistration").GetString().Should().Be(firstNumber);

        var again = Intake(foreigner.DeepClone().AsObject(), requestedUntil: "2026-12-31");
        again["extendsRegistration"] = secondNumber;
        (await (await clerk.PostAsJsonAsync(Path + "/applications", again)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed"))
            .GetProperty("errors").GetProperty("extendsRegistration").ToString().Should().Contain("§16");
    }

    [Fact]
    public async Task Concurrent_approvals_for_one_person_register_once()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.migration.astana");
        var almaty = await factory.CreateClientAsAsync("clerk.migration.almaty");
        var foreigner = Foreigner("AM");
        var here = await SubmitAsync(clerk, Intake(foreigner));
        var there = Intake(foreigner.DeepClone().AsObject());
        there["officeId"] = Almaty;
        var elsewhere = await SubmitAsync(almaty, there);
        var hereETag = await ExpectAsync(clerk, here.Id, "start-review", here.ETag);
        var elsewhereETag = await ExpectAsync(almaty, elsewhere.Id, "start-review", elsewhere.ETag);

        var results = await Task.WhenAll(clerk.SendActionAsync(here.Id, "approve", hereETag), almaty.SendActionAsync(elsewhere.Id, "approve", elsewhereETag));

        results.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        await results.Single(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBeProblemAsync(HttpStatusCode.Conflict, "already-registered");
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var person = "AM:" + foreigner["travelDocument"]!["number"]!.GetValue<string>();
        (await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM migration.temporary_registrations WHERE person_id = @person", new { person })).Should().Be(1);
    }

    [Fact]
    public async Task A_tourist_group_list_registers_every_member_in_one_approval()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.migration.astana");
        var intake = GroupIntake(Foreigner("DE"), Member("DE"), Member("FR"));

        var submitted = await SubmitAsync(clerk, intake);
        submitted.Application["moduleData"]!["assessment"]!["persons"]!.AsArray().Should().HaveCount(3);
        var number = await ApproveAsync(clerk, submitted.Id, submitted.ETag);

        var records = JsonNode.Parse(await clerk.GetStringAsync($"{Path}?applicationId={submitted.Id}"))!["items"]!.AsArray();
        records.Should().HaveCount(3);
        records.Select(r => r!["groupListNumber"]!.GetValue<string>()).Should().OnlyContain(l => l == intake["group"]!["listNumber"]!.GetValue<string>());
        records.Select(r => r!["number"]!.GetValue<string>()).Should().Contain(number).And.OnlyHaveUniqueItems();
        foreach (var record in records)
        {
            (await EventsAsync(record!["number"]!.GetValue<string>())).Should().ContainSingle();
        }
    }

    [Fact]
    public async Task A_tourist_group_with_a_member_registered_meanwhile_writes_nothing()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.migration.astana");
        var member = Member("IT");
        var group = await SubmitAsync(clerk, GroupIntake(Foreigner("IT"), Member("IT"), member));

        // The member is registered on his own before the group's list is approved.
        var alone = new JsonObject
        {
            ["kind"] = "foreigner",
            ["travelDocument"] = member["travelDocument"]!.DeepClone(),
            ["lastName"] = member["lastName"]!.DeepClone(),
            ["firstName"] = member["firstName"]!.DeepClone(),
            ["birthDate"] = member["birthDate"]!.DeepClone(),
            ["citizenship"] = "IT",
            ["phone"] = "+77011234567",
            ["language"] = "en",
        };
        var single = Intake(alone);
        single["visa"] = GroupVisa();
        var own = await SubmitAsync(clerk, single);
        var memberNumber = await ApproveAsync(clerk, own.Id, own.ETag);

        var etag = await ExpectAsync(clerk, group.Id, "start-review", group.ETag);
        var approve = await clerk.SendActionAsync(group.Id, "approve", etag);

        (await approve.ShouldBeProblemAsync(HttpStatusCode.Conflict, "already-registered")).GetProperty("registration").GetProperty("number").GetString().Should().Be(memberNumber);
        (await RegistrationsOfApplicationAsync(group.Id)).Should().Be(0, "the group's list is registered whole or not at all");
    }

    [Fact]
    public async Task The_host_is_an_individual_with_an_iin_a_legal_entity_with_a_bin_or_the_foreigner_in_an_appendix_3_category()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.migration.astana");
        async Task<HttpResponseMessage> WithHost(JsonObject host, string country = "KG")
        {
            var intake = Intake(Foreigner(country));
            intake["host"] = host;
            if (country == "DE")
            {
                intake["visa"] = GroupVisa();
            }

            return await clerk.PostAsJsonAsync(Path + "/applications", intake);
        }

        (await WithHost(new JsonObject { ["kind"] = "legal-entity", ["bin"] = TestBins.Next(), ["name"] = "ТОО «Қонақ үй»" })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await (await WithHost(new JsonObject { ["kind"] = "legal-entity", ["bin"] = "123456789012", ["name"] = "ТОО" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed"))
            .GetProperty("errors").TryGetProperty("host.bin", out _).Should().BeTrue();
        (await (await WithHost(new JsonObject { ["kind"] = "individual", ["iin"] = "123", ["name"] = "Сейітов" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed"))
            .GetProperty("errors").TryGetProperty("host.iin", out _).Should().BeTrue();
        (await WithHost(new JsonObject { ["kind"] = "self", ["selfCategory"] = 1 }, "DE")).StatusCode.Should().Be(HttpStatusCode.Created, "Germany is one of category 1's 33 states");
        (await (await WithHost(new JsonObject { ["kind"] = "self", ["selfCategory"] = 1 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed"))
            .GetProperty("errors").GetProperty("host.selfCategory").ToString().Should().Contain("appendix 3");
        (await (await WithHost(new JsonObject { ["kind"] = "self", ["selfCategory"] = 6 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed"))
            .GetProperty("errors").TryGetProperty("host.selfCategory", out _).Should().BeTrue();
        (await (await WithHost(new JsonObject { ["kind"] = "friend" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed"))
            .GetProperty("errors").TryGetProperty("host.kind", out _).Should().BeTrue();
    }

    [Fact]
    public async Task A_citizen_is_not_registered_and_the_border_crossing_date_is_required()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.migration.astana");
        var citizen = Intake(new JsonObject { ["kind"] = "individual", ["iin"] = TestIins.Next(), ["lastName"] = "Ахметов", ["firstName"] = "Серік", ["phone"] = "+77011234567", ["language"] = "kk" });
        var noCrossing = Intake(Foreigner("KG"));
        noCrossing.Remove("borderCrossedOn");

        (await (await clerk.PostAsJsonAsync(Path + "/applications", citizen)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed"))
            .GetProperty("errors").TryGetProperty("applicant.kind", out _).Should().BeTrue();
        (await (await clerk.PostAsJsonAsync(Path + "/applications", noCrossing)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed"))
            .GetProperty("errors").TryGetProperty("borderCrossedOn", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Category_three_registers_on_its_own_application_twice_a_year_then_the_host_applies()
    {
        // Appendix 3, category 3: relatives of citizens, at most twice a year; a Kyrgyz citizen (visa-free).
        var start = factory.Clock.GetCurrentInstant();
        var person = Foreigner("KG");
        async Task<HttpResponseMessage> SelfAsync(LocalDate day, HttpClient clerk)
        {
            var intake = Intake(person.DeepClone().AsObject(), requestedUntil: (day + Period.FromDays(10)).ToString("yyyy-MM-dd", null), borderCrossedOn: (day - Period.FromDays(1)).ToString("yyyy-MM-dd", null));
            intake["host"] = new JsonObject { ["kind"] = "self", ["selfCategory"] = 3 };
            return await clerk.PostAsJsonAsync(Path + "/applications", intake);
        }

        async Task<HttpClient> OnAsync(LocalDate day)
        {
            factory.Clock.Reset(day.At(new LocalTime(10, 0)).InZoneLeniently(DateTimeZone.Utc).ToInstant() - Duration.FromHours(5));
            return await factory.CreateClientAsAsync("clerk.migration.astana");
        }

        try
        {
            var numbers = new List<string>();
            foreach (var day in new[] { new LocalDate(2026, 3, 10), new LocalDate(2026, 5, 11) })
            {
                var clerk = await OnAsync(day);
                var response = await SelfAsync(day, clerk);
                response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
                var application = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["application"]!;
                numbers.Add(await ApproveAsync(clerk, application["id"]!.GetValue<string>(), response.Headers.ETag!.ToString()));
            }

            // A third stay on 31 December 2026: no longer in the category, named with the two registrations.
            var lastDay = new LocalDate(2026, 12, 31);
            var third = await SelfAsync(lastDay, await OnAsync(lastDay));
            var errors = (await third.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors");
            var message = errors.GetProperty("host.selfCategory")[0].GetString();
            message.Should().Contain(numbers[0]).And.Contain(numbers[1]).And.Contain("appendix 3");

            // The host may apply for the same stay; and on 1 January 2027 the person may again.
            var byHost = Intake(person.DeepClone().AsObject(), requestedUntil: "2027-01-05", borderCrossedOn: "2026-12-30");
            (await (await OnAsync(lastDay)).PostAsJsonAsync(Path + "/applications", byHost)).StatusCode.Should().Be(HttpStatusCode.Created);
            var newYear = new LocalDate(2027, 1, 1);
            var nextYear = await SelfAsync(newYear, await OnAsync(newYear));
            nextYear.StatusCode.Should().Be(HttpStatusCode.Created, await nextYear.Content.ReadAsStringAsync());
        }
        finally
        {
            factory.Clock.Reset(start);
        }
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private static JsonObject Foreigner(string country, string birthDate = "1990-05-20", string expiresOn = "2030-01-01", string kind = "foreigner") => new()
    {
        ["kind"] = kind,
        ["travelDocument"] = new JsonObject { ["number"] = "P" + Unique(), ["country"] = country, ["expiresOn"] = expiresOn },
        ["lastName"] = "Асанов",
        ["firstName"] = "Бакыт",
        ["birthDate"] = birthDate,
        ["citizenship"] = kind == "foreigner" ? country : null,
        ["phone"] = "+77011234567",
        ["language"] = "ru",
    };

    private static JsonObject Member(string country) => new()
    {
        ["kind"] = "foreigner",
        ["travelDocument"] = new JsonObject { ["number"] = "P" + Unique(), ["country"] = country, ["expiresOn"] = "2030-01-01" },
        ["lastName"] = "Rossi",
        ["firstName"] = "Marco",
        ["birthDate"] = "1980-01-01",
        ["citizenship"] = country,
    };

    private static JsonObject GroupVisa() => new() { ["number"] = "V" + Unique(), ["kind"] = "single-entry", ["validUntil"] = "2026-04-30" };

    private static JsonObject Intake(JsonObject applicant, string requestedUntil = "2026-04-30", string borderCrossedOn = "2026-03-09") => new()
    {
        ["officeId"] = Astana,
        ["applicant"] = applicant,
        ["documents"] = new JsonArray([.. HostOrSelf.Select(d => (JsonNode)d)]),
        ["host"] = new JsonObject { ["kind"] = "individual", ["iin"] = TestIins.Next(), ["name"] = "Сейітов Арман" },
        ["address"] = "Астана, Сарыарқа ауданы, Бейбітшілік к-сі, 10, 5-пәтер",
        ["migrationCardNumber"] = "MC" + Unique(),
        ["borderCrossedOn"] = borderCrossedOn,
        ["requestedUntil"] = requestedUntil,
    };

    private static JsonObject GroupIntake(JsonObject leader, params JsonObject[] members)
    {
        var intake = Intake(leader, requestedUntil: "2026-03-20");
        intake["host"] = new JsonObject { ["kind"] = "legal-entity", ["bin"] = TestBins.Next(), ["name"] = "ТОО «Silk Way Travel»" };
        intake["visa"] = GroupVisa();
        intake["group"] = new JsonObject
        {
            ["listNumber"] = "TG-" + Unique(),
            ["certifiedBy"] = "Consular officer A. Nurlanov, visa stamp 2026-03-01",
            ["members"] = new JsonArray([.. members.Select(m => (JsonNode)m)]),
        };
        return intake;
    }

    /// <summary>The generic POST /applications body for a typed one: the module's fields under moduleData.</summary>
    private static JsonObject Generic(JsonObject typed)
    {
        var common = new HashSet<string> { "officeId", "channel", "applicant", "representative", "documents" };
        var generic = new JsonObject { ["service"] = "temporary-registration", ["applicantType"] = "host-or-self" };
        var moduleData = new JsonObject();
        foreach (var (key, value) in typed)
        {
            (common.Contains(key) ? generic : moduleData)[key] = value?.DeepClone();
        }

        generic["moduleData"] = moduleData;
        return generic;
    }

    private sealed record Submitted(string Id, string ETag, JsonNode Application);

    private static async Task<Submitted> SubmitAsync(HttpClient clerk, JsonObject intake)
    {
        var response = await clerk.PostAsJsonAsync(Path + "/applications", intake);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var application = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["application"]!;
        return new Submitted(application["id"]!.GetValue<string>(), response.Headers.ETag!.ToString(), application);
    }

    /// <summary>start-review and approve, the same day; returns the registration number the application names.</summary>
    private static async Task<string> ApproveAsync(HttpClient clerk, string id, string etag)
    {
        etag = await ExpectAsync(clerk, id, "start-review", etag);
        await ExpectAsync(clerk, id, "approve", etag);
        return JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!["resultReference"]!.GetValue<string>();
    }

    private static async Task<string> ExpectAsync(HttpClient client, string id, string action, string etag, object? body = null)
    {
        var response = await client.SendActionAsync(id, action, etag, body);
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{action}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.ETag!.ToString();
    }

    private static async Task<string> CurrentETagAsync(HttpClient client, string id) =>
        $"\"{JsonNode.Parse(await client.GetStringAsync($"/api/v1/applications/{id}"))!["version"]!.GetValue<int>()}\"";

    private static async Task<List<JsonElement>> EventsAsync(string number)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var payloads = await connection.QueryRowsAsync<string>(
            "SELECT payload::text FROM platform.integration_events WHERE type = 'migration.foreigner-registered-at-address' AND payload->>'registrationNumber' = @number",
            new { number });
        return [.. payloads.Select(p => JsonDocument.Parse(p).RootElement)];
    }

    private static async Task<int> RegistrationsOfApplicationAsync(string id)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM migration.temporary_registrations WHERE application_id = @id", new { id = Guid.Parse(id) });
    }

    private static async Task<int> ApplicationsOfAsync(JsonObject intake)
    {
        var document = intake["applicant"]!["travelDocument"]!;
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM platform.applications WHERE subject_id = @subject",
            new { subject = document["country"]!.GetValue<string>() + ":" + document["number"]!.GetValue<string>() });
    }
}
