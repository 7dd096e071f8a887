using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Applications;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Tests;
using NodaTime;
using NodaTime.Text;
using Npgsql;
using Kazgov.Kernel.Data;

namespace Kazgov.Api.Tests.Licensing;

/// <summary>driver-licence end to end through the API (issue 7), at the Astana road police.</summary>
[Collection(ApiCollection.Name)]
public sealed class DriverLicenceTests(KazgovApiFactory factory) : IAsyncLifetime
{
    // Tuesday 10 March 2026, 10:00 in Astana.
    private static readonly Instant Morning = Instant.FromUtc(2026, 3, 10, 5, 0);

    // The birth date of TestIins.Next()'s IINs (850315…), the second factor of public verification.
    private const string HolderBirthDate = "1985-03-15";

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
    public async Task A_licence_runs_from_intake_to_hand_over_in_a_window_and_is_verifiable()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var submitted = await clerk.PostAsJsonAsync("/api/v1/driver-licences/applications", Intake(TestIins.Next(), paid: true));

        submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var body = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!;
        body["acknowledgement"]!["dueAt"]!.GetValue<string>().Should().Be("2026-03-10T12:00:00Z", "PT6H of office time from 10:00, lunch 13–14 excluded");
        body["application"]!["fees"]!["items"]![0]!["amountDue"]!.GetValue<decimal>().Should().Be(5406.25m);
        body["application"]!["moduleData"]!["categories"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("B");
        var id = body["application"]!["id"]!.GetValue<string>();
        var etag = submitted.Headers.ETag!.ToString();

        etag = await ExpectAsync(clerk, id, "start-review", etag, HttpStatusCode.OK);
        etag = await PassExamsAsync(clerk, id, etag);
        etag = await ExpectAsync(clerk, id, "approve", etag, HttpStatusCode.OK);
        var number = await LicenceNumberAsync(id);
        number.Should().MatchRegex(@"^KZ26\d{7}$");
        var approved = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!;
        approved["resultReference"]!.GetValue<string>().Should().Be(number, "the application names what approval created");
        var beforeHandOver = JsonNode.Parse(await factory.CreateClient().GetStringAsync($"/api/v1/driver-licences/{number}/verification?birthDate={HolderBirthDate}"))!;
        beforeHandOver["state"]!.GetValue<string>().Should().Be("not-handed-over");
        beforeHandOver["validToday"]!.GetValue<bool>().Should().BeFalse();
        beforeHandOver["issuedOn"].Should().BeNull("approval only reserves the number; the licence is issued at hand-over");
        beforeHandOver["validUntil"].Should().BeNull();

        etag = await ExpectAsync(clerk, id, "mark-ready", etag, HttpStatusCode.OK);
        (await OutboxCountAsync(body["application"]!["registrationNumber"]!.GetValue<string>())).Should().Be(1);

        var early = await clerk.SendActionAsync(id, "issue", etag, HandOver);
        var problem = await early.ShouldBeProblemAsync(HttpStatusCode.Conflict, "outside-issuance-window");
        problem.GetProperty("nextWindow").GetProperty("local").GetString().Should().Be("2026-03-10 12:00–13:00");
        problem.GetProperty("nextWindow").GetProperty("from").GetString().Should().Be("2026-03-10T07:00:00Z");

        // Handed over the next day, Wednesday 11 March 12:30: the licence is issued then.
        factory.Clock.Reset(Instant.FromUtc(2026, 3, 11, 7, 30));
        clerk = await factory.CreateClientAsAsync("clerk.astana");
        (await ExpectAsync(clerk, id, "issue", etag, HttpStatusCode.OK, HandOver)).Should().NotBe(etag);

        var verification = JsonNode.Parse(await factory.CreateClient().GetStringAsync($"/api/v1/driver-licences/{number}/verification?birthDate={HolderBirthDate}"))!;
        verification["validToday"]!.GetValue<bool>().Should().BeTrue();
        verification["state"]!.GetValue<string>().Should().Be("valid");
        verification["categories"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("B");
        verification["issuedOn"]!.GetValue<string>().Should().Be("2026-03-11", "the issue date is the day of hand-over, not of approval");
        verification["validUntil"]!.GetValue<string>().Should().Be("2036-03-11");
        verification["holderInitials"]!.GetValue<string>().Should().Be("А. С.");
        verification["holderBirthYear"]!.GetValue<int>().Should().Be(1985);
        verification.ToJsonString().Should().NotContain("Ахметов").And.NotContain("850315");
    }

    [Fact]
    public async Task An_unknown_licence_number_is_a_404_problem()
    {
        var response = await factory.CreateClient().GetAsync($"/api/v1/driver-licences/KZ269999999/verification?birthDate={HolderBirthDate}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "licence-not-found");
    }

    [Fact]
    public async Task Verification_needs_the_holders_birth_date_and_a_wrong_one_answers_as_an_unknown_number_does()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var submitted = await clerk.PostAsJsonAsync("/api/v1/driver-licences/applications", Intake(TestIins.Next(), paid: true));
        submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var id = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!["id"]!.GetValue<string>();
        var etag = await ExpectAsync(clerk, id, "start-review", submitted.Headers.ETag!.ToString(), HttpStatusCode.OK);
        etag = await PassExamsAsync(clerk, id, etag);
        await ExpectAsync(clerk, id, "approve", etag, HttpStatusCode.OK);
        var number = await LicenceNumberAsync(id);
        // The next number in the sequence, which does not exist (yet): what an enumeration would try.
        var unknown = number[..4] + (long.Parse(number[4..], System.Globalization.CultureInfo.InvariantCulture) + 1000)
            .ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        var anonymous = factory.CreateClient();
        anonymous.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        (await anonymous.GetAsync($"/api/v1/driver-licences/{number}/verification?birthDate={HolderBirthDate}")).StatusCode
            .Should().Be(HttpStatusCode.OK, "the number and the holder's birth date together verify it");
        var wrongDate = await anonymous.GetAsync($"/api/v1/driver-licences/{number}/verification?birthDate=1985-03-16");
        var wrongNumber = await anonymous.GetAsync($"/api/v1/driver-licences/{unknown}/verification?birthDate={HolderBirthDate}");
        var withoutDate = await anonymous.GetAsync($"/api/v1/driver-licences/{number}/verification");
        var badDate = await anonymous.GetAsync($"/api/v1/driver-licences/{number}/verification?birthDate=15.03.1985");

        var byDate = await wrongDate.ShouldBeProblemAsync(HttpStatusCode.NotFound, "licence-not-found");
        var byNumber = await wrongNumber.ShouldBeProblemAsync(HttpStatusCode.NotFound, "licence-not-found");
        foreach (var field in new[] { "type", "title", "status", "detail" })
        {
            byDate.GetProperty(field).ToString().Should().Be(byNumber.GetProperty(field).ToString(), "a wrong date must not tell that the number exists ({0})", field);
        }

        byDate.GetProperty("number").GetString().Should().Be(number, "only what the caller sent is echoed");
        byDate.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(byNumber.EnumerateObject().Select(p => p.Name));
        (await withoutDate.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("birthDate", out _).Should().BeTrue();
        (await badDate.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("birthDate", out _).Should().BeTrue();
    }

    [Fact]
    public async Task An_applicant_too_young_is_refused_on_that_ground_with_a_notice_in_their_language()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        // Born 11 March 2008: 17 on 10 March 2026, the day of decision; B needs 18.
        var intake = Intake(TestIins.Next("080311", '5'), paid: true, language: "ru");
        var submitted = await clerk.PostAsJsonAsync("/api/v1/driver-licences/applications", intake);
        submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var application = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!;
        application["eligibilityFindings"]![0]!["refusalGround"]!.GetValue<string>().Should().Be("applicant-too-young");
        var id = application["id"]!.GetValue<string>();
        var etag = await ExpectAsync(clerk, id, "start-review", submitted.Headers.ETag!.ToString(), HttpStatusCode.OK);

        etag = await PassExamsAsync(clerk, id, etag);
        var approve = await clerk.SendActionAsync(id, "approve", etag);
        var problem = await approve.ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed");
        problem.GetProperty("refusalGrounds").EnumerateArray().Select(g => g.GetString()).Should().Equal("applicant-too-young");

        // The findings of the day of decision stay on the application although approval was refused.
        var afterRefusedApproval = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!;
        afterRefusedApproval["status"]!.GetValue<string>().Should().Be("in-review");
        afterRefusedApproval["eligibilityFindings"]!.AsArray().Select(f => f!["refusalGround"]!.GetValue<string>()).Should().Equal("applicant-too-young");
        afterRefusedApproval["eligibilityFindings"]![0]!["explanation"]!.ToJsonString().Should().Contain("17");
        etag = $"\"{afterRefusedApproval["version"]!.GetValue<int>()}\"";

        await ExpectAsync(clerk, id, "refuse", etag, HttpStatusCode.OK,
            new { grounds = new[] { "applicant-too-young" }, explanation = "Заявителю 17 лет; для категории B требуется 18." });
        var notice = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}/refusal-notice"))!;
        notice["language"]!.GetValue<string>().Should().Be("ru");
        notice["text"]!.GetValue<string>().Should().Contain("УВЕДОМЛЕНИЕ ОБ ОТКАЗЕ").And.Contain("driver-licence §17.5").And.Contain("Заявителю 17 лет");
        notice["text"]!.GetValue<string>().Split('\n')[^1].Should().EndWith("Айгерім Болатқызы Сейітова", "the clerk who refused signs it");

        // Read by the unit head, it is still the clerk's notice, word for word.
        var head = await factory.CreateClientAsAsync("head.astana");
        var read = JsonNode.Parse(await head.GetStringAsync($"/api/v1/applications/{id}/refusal-notice"))!;
        read["text"]!.GetValue<string>().Should().Be(notice["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_recorded_deprivation_blocks_approval_on_its_own_ground()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var iin = TestIins.Next();
        var ban = await clerk.PostAsJsonAsync("/api/v1/driver-licences/driving-bans",
            new { holderIin = iin, kind = "deprivation", startsOn = "2026-01-10", endsOn = "2027-01-09", decisionReference = "Сот қаулысы № 2-123/2026" });
        ban.StatusCode.Should().Be(HttpStatusCode.Created, await ban.Content.ReadAsStringAsync());

        var submitted = await clerk.PostAsJsonAsync("/api/v1/driver-licences/applications", Intake(iin, paid: true));
        var id = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!["id"]!.GetValue<string>();
        var etag = await ExpectAsync(clerk, id, "start-review", submitted.Headers.ETag!.ToString(), HttpStatusCode.OK);
        etag = await PassExamsAsync(clerk, id, etag);

        var approve = await clerk.SendActionAsync(id, "approve", etag);

        var problem = await approve.ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed");
        problem.GetProperty("refusalGrounds").EnumerateArray().Select(g => g.GetString()).Should().Equal("right-to-drive-deprived");
        var bans = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/driver-licences/driving-bans?iin={iin}"))!;
        bans["items"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task Approval_waits_for_the_state_duty()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var submitted = await clerk.PostAsJsonAsync("/api/v1/driver-licences/applications", Intake(TestIins.Next(), paid: false));
        var id = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!["id"]!.GetValue<string>();
        var etag = await ExpectAsync(clerk, id, "start-review", submitted.Headers.ETag!.ToString(), HttpStatusCode.OK);

        var approve = await clerk.SendActionAsync(id, "approve", etag);

        var problem = await approve.ShouldBeProblemAsync(HttpStatusCode.Conflict, "fee-unpaid");
        problem.GetProperty("detail").GetString().Should().Contain("5406.25");
    }

    [Fact]
    public async Task Intake_refuses_a_missing_document_and_an_unknown_category_but_asks_for_no_exam_sheet()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var noMedical = Intake(TestIins.Next(), paid: true);
        noMedical["documents"] = new JsonArray("application-form", "identity-document", "driving-school-certificate", "driver-personal-card", "state-duty-receipt");
        var unknownCategory = Intake(TestIins.Next(), paid: true);
        unknownCategory["categories"] = new JsonArray("F");

        var missing = await clerk.PostAsJsonAsync("/api/v1/driver-licences/applications", noMedical);
        var withoutExamSheet = await clerk.PostAsJsonAsync("/api/v1/driver-licences/applications", Intake(TestIins.Next(), paid: true));
        var category = await clerk.PostAsJsonAsync("/api/v1/driver-licences/applications", unknownCategory);

        var problem = await missing.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "documents-missing");
        problem.GetProperty("missing")[0].GetProperty("code").GetString().Should().Be("medical-certificate");
        withoutExamSheet.StatusCode.Should().Be(HttpStatusCode.Created, "the exam sheet is given after the documents and the theory exam (§15)");
        (await category.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("categories", out _).Should().BeTrue();
    }

    [Fact]
    public async Task The_portal_submits_for_a_foreigner_and_sees_only_what_it_submitted()
    {
        var portal = await factory.CreateClientAsAsync(ApiAuth.Portal);
        var intake = Intake(TestIins.Next(), paid: true);
        intake["channel"] = "e-gov";
        intake["applicant"] = new JsonObject
        {
            ["kind"] = "foreigner",
            ["travelDocument"] = new JsonObject { ["number"] = "75 1234567", ["country"] = "RU", ["expiresOn"] = "2030-01-31" },
            ["birthDate"] = "1990-07-01",
            ["lastName"] = "Иванов",
            ["firstName"] = "Пётр",
            ["email"] = "ivanov@example.ru",
            ["language"] = "ru",
        };

        var submitted = await portal.PostAsJsonAsync("/api/v1/driver-licences/applications", intake);

        submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var application = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!;
        application["channel"]!.GetValue<string>().Should().Be("e-gov");
        application["acceptedBy"]!["id"]!.GetValue<string>().Should().Be("client:egov-portal");
        application["eligibilityFindings"]!.AsArray().Should().BeEmpty();
        (await portal.GetAsync($"/api/v1/applications/{application["id"]}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var byClerk = await clerk.PostAsJsonAsync("/api/v1/driver-licences/applications", Intake(TestIins.Next(), paid: true));
        var clerksId = JsonNode.Parse(await byClerk.Content.ReadAsStringAsync())!["application"]!["id"]!.GetValue<string>();
        (await portal.GetAsync($"/api/v1/applications/{clerksId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        // Every row the portal is shown, on every page, is one it submitted itself (by the database's record of who did).
        var listed = new List<string>();
        string? cursor = null;
        do
        {
            var page = JsonNode.Parse(await portal.GetStringAsync("/api/v1/applications?limit=200" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))))!;
            listed.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        listed.Should().Contain(application["id"]!.GetValue<string>()).And.NotContain(clerksId);
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var owners = (await connection.QueryRowsAsync<(Guid Id, string SubmittedBy)>(
            "SELECT id, submitted_by FROM platform.applications WHERE id = ANY(@ids)", new { ids = listed.Select(Guid.Parse).ToArray() })).ToList();
        owners.Should().HaveCount(listed.Count, "every listed application exists");
        owners.Should().OnlyContain(o => o.SubmittedBy == ApiAuth.Portal, "the portal sees only what it submitted, on every row");
    }

    [Fact]
    public async Task Approval_needs_both_exams_passed_which_staff_record_on_the_application()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var submitted = await clerk.PostAsJsonAsync("/api/v1/driver-licences/applications", Intake(TestIins.Next(), paid: true));
        submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var application = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!;
        application["eligibilityFindings"]!.AsArray().Should().BeEmpty("the exams come after intake and are judged at decision");
        var id = application["id"]!.GetValue<string>();
        var etag = await ExpectAsync(clerk, id, "start-review", submitted.Headers.ETag!.ToString(), HttpStatusCode.OK);

        var withoutExams = await clerk.SendActionAsync(id, "approve", etag);
        (await withoutExams.ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed"))
            .GetProperty("refusalGrounds").EnumerateArray().Select(g => g.GetString()).Should().Equal("exams-not-passed");
        etag = await CurrentETagAsync(clerk, id);

        // Field by field: a practical exam before a passed theory exam, a date after today, no result.
        (await (await RecordExamAsync(clerk, id, etag, new { kind = "practical", passed = true, date = "2026-03-10" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("kind", out _).Should().BeTrue();
        (await (await RecordExamAsync(clerk, id, etag, new { kind = "theory", passed = true, date = "2026-03-11" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("date", out _).Should().BeTrue();
        (await (await RecordExamAsync(clerk, id, etag, new { kind = "oral", date = "2026-03-10" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["kind", "passed"]);
        await (await RecordExamAsync(clerk, id, "\"999\"", new { kind = "theory", passed = true, date = "2026-03-10" })).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        await (await RecordExamAsync(clerk, id, null, new { kind = "theory", passed = true, date = "2026-03-10" })).ShouldBeProblemAsync(HttpStatusCode.PreconditionRequired, "if-match-required");
        var portal = await factory.CreateClientAsAsync("client:egov-portal");
        await (await RecordExamAsync(portal, id, etag, new { kind = "theory", passed = true, date = "2026-03-10" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        // Theory failed, then passed on a re-take; the practical failed: approval names the exams.
        etag = await RecordExamOkAsync(clerk, id, etag, new { kind = "theory", passed = false, date = "2026-03-09" });
        etag = await RecordExamOkAsync(clerk, id, etag, new { kind = "theory", passed = true, date = "2026-03-10" });
        etag = await RecordExamOkAsync(clerk, id, etag, new { kind = "practical", passed = false, date = "2026-03-10" });
        var onePassed = await clerk.SendActionAsync(id, "approve", etag);
        var problem = await onePassed.ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed");
        problem.GetProperty("refusalGrounds").EnumerateArray().Select(g => g.GetString()).Should().Equal("exams-not-passed");
        etag = await CurrentETagAsync(clerk, id);

        etag = await RecordExamOkAsync(clerk, id, etag, new { kind = "practical", passed = true, date = "2026-03-10", examSheetNumber = "ЕП-0042" });
        var exams = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/driver-licences/applications/{id}/exams"))!;
        exams["bothPassed"]!.GetValue<bool>().Should().BeTrue();
        exams["history"]!.AsArray().Select(e => $"{e!["kind"]} {e["passed"]}").Should().Equal("theory false", "theory true", "practical false", "practical true");
        exams["practical"]!["examSheetNumber"]!.GetValue<string>().Should().Be("ЕП-0042");
        exams["history"]![0]!["recordedBy"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        (await AuditCountAsync(id, "driver-licence.exam.record")).Should().Be(4);

        etag = await ExpectAsync(clerk, id, "approve", etag, HttpStatusCode.OK);
        var closed = await RecordExamAsync(clerk, id, etag, new { kind = "practical", passed = true, date = "2026-03-10" });
        await closed.ShouldBeProblemAsync(HttpStatusCode.Conflict, "exams-closed");
    }

    [Fact]
    public async Task A_deprivation_recorded_after_approval_stops_the_hand_over()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var iin = TestIins.Next();
        var submitted = await clerk.PostAsJsonAsync("/api/v1/driver-licences/applications", Intake(iin, paid: true));
        var id = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!["id"]!.GetValue<string>();
        var etag = await ExpectAsync(clerk, id, "start-review", submitted.Headers.ETag!.ToString(), HttpStatusCode.OK);
        etag = await PassExamsAsync(clerk, id, etag);
        etag = await ExpectAsync(clerk, id, "approve", etag, HttpStatusCode.OK);
        etag = await ExpectAsync(clerk, id, "mark-ready", etag, HttpStatusCode.OK);
        var ban = await clerk.PostAsJsonAsync("/api/v1/driver-licences/driving-bans",
            new { holderIin = iin, kind = "deprivation", startsOn = "2026-03-10", decisionReference = "Сот қаулысы № 2-777/2026" });
        ban.StatusCode.Should().Be(HttpStatusCode.Created, await ban.Content.ReadAsStringAsync());

        factory.Clock.Reset(Instant.FromUtc(2026, 3, 10, 7, 30));
        clerk = await factory.CreateClientAsAsync("clerk.astana");
        var issue = await clerk.SendActionAsync(id, "issue", etag, HandOver);

        var problem = await issue.ShouldBeProblemAsync(HttpStatusCode.Conflict, "right-to-drive-banned");
        problem.GetProperty("refusalGrounds").EnumerateArray().Select(g => g.GetString()).Should().Equal("right-to-drive-deprived");
        problem.GetProperty("detail").GetString().Should().Contain("2-777/2026");
        JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!["status"]!.GetValue<string>().Should().Be("ready-for-issue");
        var number = await LicenceNumberAsync(id);
        var verification = JsonNode.Parse(await factory.CreateClient().GetStringAsync($"/api/v1/driver-licences/{number}/verification?birthDate={HolderBirthDate}"))!;
        verification["state"]!.GetValue<string>().Should().Be("not-handed-over");
    }

    [Theory]
    // Friday 13 March 2026 16:00 (11:00 UTC): 16:00–18:00, then the office's Saturday reception (§10) 09:00–13:00.
    [InlineData("2026-03-13T11:00:00Z", "2026-03-14T08:00:00Z")]
    // Friday 20 March 2026 17:00: 1 h; Saturday 21 is Nauryz, then 22 Sunday, 23 Nauryz and 24–25 carried-over
    // days off; Thursday 26 March 09:00–13:00 and 14:00–15:00.
    [InlineData("2026-03-20T12:00:00Z", "2026-03-26T10:00:00Z")]
    public async Task The_six_hour_term_counts_the_offices_reception_hours_including_its_saturday(string acceptedAt, string dueAt)
    {
        factory.Clock.Reset(InstantPattern.ExtendedIso.Parse(acceptedAt).Value);
        var clerk = await factory.CreateClientAsAsync("clerk.astana");

        var submitted = await clerk.PostAsJsonAsync("/api/v1/driver-licences/applications", Intake(TestIins.Next(), paid: true));

        submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var slip = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["acknowledgement"]!;
        slip["dueAt"]!.GetValue<string>().Should().Be(dueAt);
        slip["nextSteps"]!["en"]!.GetValue<string>().Should().Contain("12:00–13:00, 18:00–19:00", "the slip names the service's hand-over windows from the catalogue");
    }

    internal static readonly object HandOver = new { receivedBy = "Ахметов Серік", identityDocument = "Жеке куәлік № 045612378", signatureTaken = true };

    internal static JsonObject Intake(string iin, bool paid, string language = "kk")
    {
        var intake = new JsonObject
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
                ["language"] = language,
            },
            ["categories"] = new JsonArray("B"),
            ["documents"] = new JsonArray("application-form", "identity-document", "driving-school-certificate", "medical-certificate", "driver-personal-card", "state-duty-receipt"),
        };
        if (paid)
        {
            intake["receipts"] = new JsonArray(new JsonObject
            {
                ["item"] = "licence",
                ["bank"] = "Kaspi Bank",
                ["receiptNumber"] = "K-" + Guid.NewGuid().ToString("N")[..12],
                ["paidOn"] = "2026-03-10",
                ["amount"] = 5406.25m,
            });
        }

        return intake;
    }

    /// <summary>driver-licence §15: the theory, then the practical exam, both passed today.</summary>
    internal static async Task<string> PassExamsAsync(HttpClient client, string id, string etag)
    {
        etag = await RecordExamOkAsync(client, id, etag, new { kind = "theory", passed = true, date = "2026-03-10" });
        return await RecordExamOkAsync(client, id, etag, new { kind = "practical", passed = true, date = "2026-03-10", examSheetNumber = "ЕП-0042" });
    }

    private static async Task<HttpResponseMessage> RecordExamAsync(HttpClient client, string id, string? etag, object body)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/driver-licences/applications/{id}/exams") { Content = JsonContent.Create(body) };
        if (etag is not null)
        {
            message.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return await client.SendAsync(message);
    }

    private static async Task<string> RecordExamOkAsync(HttpClient client, string id, string etag, object body)
    {
        var response = await RecordExamAsync(client, id, etag, body);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var next = response.Headers.ETag!.ToString();
        next.Should().NotBe(etag, "recording an exam is a new version of the application");
        return next;
    }

    private static async Task<string> CurrentETagAsync(HttpClient client, string id)
    {
        var response = await client.GetAsync($"/api/v1/applications/{id}");
        return response.Headers.ETag!.ToString();
    }

    private static async Task<long> AuditCountAsync(string applicationId, string operation)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM platform.audit_log WHERE object_id = @id AND operation = @operation", new { id = applicationId, operation });
    }

    private static async Task<string> ExpectAsync(HttpClient client, string id, string action, string etag, HttpStatusCode expected, object? body = null)
    {
        var response = await client.SendActionAsync(id, action, etag, body);
        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag?.ToString() ?? etag;
    }

    private static async Task<string> LicenceNumberAsync(string applicationId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<string>("SELECT number FROM licensing.licences WHERE application_id = @id::uuid", new { id = applicationId }) ?? "";
    }

    private static async Task<long> OutboxCountAsync(string reference)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM platform.outbox_messages WHERE reference = @reference", new { reference });
    }
}
