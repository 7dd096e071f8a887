using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Applications;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Tests;
using NodaTime;
using Npgsql;

namespace Kazgov.Api.Tests.Migration;

/// <summary>residence-permit (standard 2, seed lines 330–470) end to end through the API, at the Astana migration police.</summary>
[Collection(ApiCollection.Name)]
public sealed class ResidencePermitTests(KazgovApiFactory factory) : IAsyncLifetime
{
    // Tuesday 10 March 2026, 10:00 in Astana. MCI 2026: 4 325 ₸.
    private static readonly Instant Morning = Instant.FromUtc(2026, 3, 10, 5, 0);

    private const string Clerk = "clerk.migration.astana";

    private const string Office = "migration-police-astana-e7769a19";

    private const string Path = "/api/v1/migration/residence-permits/applications";

    private static readonly object HandOver = new { receivedBy = "Иванов Пётр", identityDocument = "Паспорт RU 75 1234567", signatureTaken = true };

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
    public async Task A_residence_permit_runs_from_intake_to_hand_over_and_is_verifiable()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var document = NewDocumentNumber();
        var submitted = await clerk.PostAsJsonAsync(Path, Intake("residence-permit", document, paid: 865.00m));

        submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var body = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!;
        var application = body["application"]!;
        application["subType"]!.GetValue<string>().Should().Be("residence-permit");
        application["applicantType"]!.GetValue<string>().Should().Be("foreigner");
        application["fees"]!["items"]!.AsArray().Select(i => i!["item"]?.GetValue<string>() ?? i["code"]!.GetValue<string>()).Should().Equal("residence-permit");
        application["fees"]!["items"]![0]!["amountDue"]!.GetValue<decimal>().Should().Be(865.00m, "20 % of the 2026 MCI of 4 325 ₸ (§8)");
        application["eligibilityFindings"]!.AsArray().Should().BeEmpty();
        body["acknowledgement"]!["nextSteps"]!["en"]!.GetValue<string>().Should().Contain("§16").And.Contain("1-N");
        var id = application["id"]!.GetValue<string>();
        var etag = submitted.Headers.ETag!.ToString();

        etag = await ExpectAsync(clerk, id, "start-review", etag, HttpStatusCode.OK);
        etag = await ExpectAsync(clerk, id, "approve", etag, HttpStatusCode.OK);
        var number = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!["resultReference"]!.GetValue<string>();
        number.Should().MatchRegex(@"^RP26\d{7}$");
        var reserved = await VerifyAsync(factory.CreateClient(), number, "1990-07-01");
        reserved["state"]!.GetValue<string>().Should().Be("not-handed-over");
        reserved["issuedOn"].Should().BeNull("approval only reserves the number; the document is issued at hand-over");

        etag = await ExpectAsync(clerk, id, "mark-ready", etag, HttpStatusCode.OK);
        (await OutboxCountAsync(application["registrationNumber"]!.GetValue<string>())).Should().Be(1, "§16: the applicant is told the document is ready");

        // Handed over two days later, Thursday 12 March: issued then.
        factory.Clock.Reset(Instant.FromUtc(2026, 3, 12, 6, 0));
        clerk = await factory.CreateClientAsAsync(Clerk);
        await ExpectAsync(clerk, id, "issue", etag, HttpStatusCode.OK, HandOver);
        JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!["status"]!.GetValue<string>().Should().Be("issued");

        var anonymous = await VerifyAsync(factory.CreateClient(), number, "1990-07-01");
        anonymous["kind"]!.GetValue<string>().Should().Be("residence-permit");
        anonymous["state"]!.GetValue<string>().Should().Be("valid");
        anonymous["validToday"]!.GetValue<bool>().Should().BeTrue();
        anonymous["issuedOn"]!.GetValue<string>().Should().Be("2026-03-12");
        anonymous["validUntil"]!.GetValue<string>().Should().Be("2030-01-31", "ten years, but not beyond the national passport");
        anonymous["holderInitials"]!.GetValue<string>().Should().Be("И. П.");
        anonymous["holderBirthYear"]!.GetValue<int>().Should().Be(1990);
        anonymous["holder"].Should().BeNull();
        anonymous.ToJsonString().Should().NotContain("Иванов").And.NotContain(document);

        var withoutScope = await VerifyAsync(await factory.CreateClientAsAsync("client:egov-portal residence-permit:read"), number, "1990-07-01");
        withoutScope["holder"].Should().BeNull("only residence-permit:verify shows the holder");
        var integrator = await VerifyAsync(await factory.CreateClientAsAsync("client:egov-portal residence-permit:verify"), number, "1990-07-01");
        integrator["holder"]!["lastName"]!.GetValue<string>().Should().Be("Иванов");
        integrator["holder"]!["travelDocumentNumber"]!.GetValue<string>().Should().Be(document);
        integrator["holder"]!["citizenship"]!.GetValue<string>().Should().Be("RU");

        var register = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/migration/residence-permits/register?travelDocumentCountry=RU&travelDocumentNumber={document}"))!;
        register["items"]!.AsArray().Should().ContainSingle();
        register["items"]![0]!["number"]!.GetValue<string>().Should().Be(number);
        register["items"]![0]!["status"]!.GetValue<string>().Should().Be("issued");
        register["items"]![0]!["applicationId"]!.GetValue<string>().Should().Be(id);
        register["items"]![0]!["officeId"]!.GetValue<string>().Should().Be(Office);
    }

    [Fact]
    public async Task A_stateless_certificate_costs_400_percent_of_the_mci_and_is_valid_ten_years()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var submitted = await clerk.PostAsJsonAsync(Path, Intake("stateless-certificate", NewDocumentNumber(), paid: 17300.00m));

        submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var application = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!;
        application["applicantType"]!.GetValue<string>().Should().Be("stateless-person");
        application["fees"]!["items"]![0]!["amountDue"]!.GetValue<decimal>().Should().Be(17300.00m, "400 % of the 2026 MCI of 4 325 ₸ (§8)");
        var id = application["id"]!.GetValue<string>();
        var etag = await ExpectAsync(clerk, id, "start-review", submitted.Headers.ETag!.ToString(), HttpStatusCode.OK);
        etag = await ExpectAsync(clerk, id, "approve", etag, HttpStatusCode.OK);
        etag = await ExpectAsync(clerk, id, "mark-ready", etag, HttpStatusCode.OK);
        await ExpectAsync(clerk, id, "issue", etag, HttpStatusCode.OK, HandOver);

        var number = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!["resultReference"]!.GetValue<string>();
        number.Should().MatchRegex(@"^SC26\d{7}$");
        var verification = await VerifyAsync(factory.CreateClient(), number, "1990-07-01");
        verification["kind"]!.GetValue<string>().Should().Be("stateless-certificate");
        verification["validUntil"]!.GetValue<string>().Should().Be("2036-03-10", "a stateless person has no national passport to bound it");
    }

    [Fact]
    public async Task Approval_waits_for_the_exact_duty_of_the_sub_type()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var submitted = await clerk.PostAsJsonAsync(Path, Intake("stateless-certificate", NewDocumentNumber(), paid: 865.00m));
        var id = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!["id"]!.GetValue<string>();
        var etag = await ExpectAsync(clerk, id, "start-review", submitted.Headers.ETag!.ToString(), HttpStatusCode.OK);

        var approve = await clerk.SendActionAsync(id, "approve", etag);

        (await approve.ShouldBeProblemAsync(HttpStatusCode.Conflict, "fee-unpaid")).GetProperty("detail").GetString().Should().Contain("17300.00");
    }

    [Theory]
    // §18.2 read as "fewer than 2 months remain": 10 March + 2 months = 10 May 2026.
    [InlineData("2026-05-09", true)]
    [InlineData("2026-05-10", false)]
    [InlineData("2026-03-09", true)]
    public async Task A_passport_with_fewer_than_two_months_left_on_the_day_is_a_refusal_ground(string expiresOn, bool refused)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var submitted = await clerk.PostAsJsonAsync(Path, Intake("residence-permit", NewDocumentNumber(), paid: 865.00m, passportExpiresOn: expiresOn));

        submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var application = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!;
        Grounds(application).Should().Equal(refused ? ["passport-expired-or-expiring"] : []);
        var id = application["id"]!.GetValue<string>();
        var etag = await ExpectAsync(clerk, id, "start-review", submitted.Headers.ETag!.ToString(), HttpStatusCode.OK);

        var approve = await clerk.SendActionAsync(id, "approve", etag);

        if (refused)
        {
            var problem = await approve.ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed");
            problem.GetProperty("refusalGrounds").EnumerateArray().Select(g => g.GetString()).Should().Equal("passport-expired-or-expiring");
            problem.GetProperty("detail").GetString().Should().Contain("§18.2");
        }
        else
        {
            approve.StatusCode.Should().Be(HttpStatusCode.OK, await approve.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    // Accepted on 10 March with a passport valid to 12 May; decided on 12 March (2 months to 12 May: passes) or 13 March (refused).
    [InlineData(12, false)]
    [InlineData(13, true)]
    public async Task The_passport_is_judged_again_on_the_day_of_decision(int decisionDay, bool refused)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var submitted = await clerk.PostAsJsonAsync(Path, Intake("residence-permit", NewDocumentNumber(), paid: 865.00m, passportExpiresOn: "2026-05-12"));
        var application = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!;
        Grounds(application).Should().BeEmpty();
        var id = application["id"]!.GetValue<string>();
        var etag = await ExpectAsync(clerk, id, "start-review", submitted.Headers.ETag!.ToString(), HttpStatusCode.OK);

        factory.Clock.Reset(Instant.FromUtc(2026, 3, decisionDay, 5, 0));
        clerk = await factory.CreateClientAsAsync(Clerk);
        var approve = await clerk.SendActionAsync(id, "approve", etag);

        if (refused)
        {
            (await approve.ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed"))
                .GetProperty("refusalGrounds").EnumerateArray().Select(g => g.GetString()).Should().Equal("passport-expired-or-expiring");
        }
        else
        {
            approve.StatusCode.Should().Be(HttpStatusCode.OK, await approve.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_demo_holder_of_a_valid_permit_is_refused_on_18_1_at_submission_and_at_decision()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        // Demo data (README): Петров Алексей, RU passport 75 0000001, residence permit RP240900001 valid to 2031-05-20.
        var intake = Intake("residence-permit", "75 0000001", paid: 865.00m);
        var submitted = await clerk.PostAsJsonAsync(Path, intake);

        submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var application = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!;
        Grounds(application).Should().Equal("valid-document-already-held");
        application["eligibilityFindings"]![0]!["explanation"]!["en"]!.GetValue<string>().Should().Contain("RP240900001").And.Contain("§18.1");
        var id = application["id"]!.GetValue<string>();
        var etag = await ExpectAsync(clerk, id, "start-review", submitted.Headers.ETag!.ToString(), HttpStatusCode.OK);

        var approve = await clerk.SendActionAsync(id, "approve", etag);

        (await approve.ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed"))
            .GetProperty("refusalGrounds").EnumerateArray().Select(g => g.GetString()).Should().Equal("valid-document-already-held");
    }

    [Theory]
    // A document in the register valid until yesterday is no longer held; valid until today it is.
    [InlineData("2026-03-09", false)]
    [InlineData("2026-03-10", true)]
    public async Task A_document_is_held_until_the_last_day_of_its_validity_found_by_travel_document_or_by_iin(string validUntil, bool held)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var iin = TestIins.Next("900701", '3');
        var oldPassport = NewDocumentNumber();
        await InsertIssuedAsync(oldPassport, iin, LocalDatePattern(validUntil));

        // The same travel document, and (a renewed passport) another travel document with the same IIN.
        var sameDocument = await clerk.PostAsJsonAsync(Path, Intake("residence-permit", oldPassport, paid: null));
        var sameIin = await clerk.PostAsJsonAsync(Path, Intake("residence-permit", NewDocumentNumber(), paid: null, iin: iin));

        foreach (var response in new[] { sameDocument, sameIin })
        {
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            Grounds(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["application"]!).Should().Equal(held ? ["valid-document-already-held"] : []);
        }
    }

    [Fact]
    public async Task Two_approvals_at_once_for_one_person_create_one_document()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var head = await factory.CreateClientAsAsync("head.migration.astana");
        var document = NewDocumentNumber();
        var ids = new List<(string Id, string ETag)>();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var submitted = await clerk.PostAsJsonAsync(Path, Intake("residence-permit", document, paid: 865.00m));
            submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
            var id = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!["id"]!.GetValue<string>();
            ids.Add((id, await ExpectAsync(clerk, id, "start-review", submitted.Headers.ETag!.ToString(), HttpStatusCode.OK)));
        }

        // Both approvals pass their eligibility check (the register is empty) and are held just before
        // the register is written, by a lock on the table that only writes wait for; then let go at once.
        await using var blocker = new NpgsqlConnection(TestDatabase.ConnectionString);
        await blocker.OpenAsync();
        var approvals = new Task<HttpResponseMessage>[2];
        await using (var transaction = await blocker.BeginTransactionAsync())
        {
            await blocker.ExecuteAsync("LOCK TABLE migration.residence_permits IN EXCLUSIVE MODE", transaction: transaction);
            approvals[0] = clerk.SendActionAsync(ids[0].Id, "approve", ids[0].ETag);
            approvals[1] = head.SendActionAsync(ids[1].Id, "approve", ids[1].ETag);
            var waiting = 0L;
            for (var tries = 0; tries < 400 && waiting < 2; tries++)
            {
                await Task.Delay(50);
                waiting = await blocker.ExecuteScalarAsync<long>(
                    // The first approval waits on the table, the second on the first's per-person lock; other work in
                    // the database (dispatchers, other tests) may be waiting on locks of its own at the same moment.
                    """
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                      AND (query LIKE '%pg_advisory_xact_lock%' OR query LIKE '%residence_permits%')
                    """,
                    transaction: transaction);
            }

            // At least: a parallel test's idempotency or register write can be waiting at the same moment too.
            waiting.Should().BeGreaterThanOrEqualTo(
                2,
                "both approvals are inside their transactions at the same time (approvals: {0})",
                string.Join(", ", approvals.Select(a => a.IsCompleted ? $"answered {(a.IsCompletedSuccessfully ? (int)a.Result.StatusCode : -1)}" : "in flight")));
            await transaction.CommitAsync();
        }

        await Task.WhenAll(approvals);

        var responses = approvals.Select(a => a.Result).ToList();
        responses.Select(a => a.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var refused = responses.Single(a => a.StatusCode == HttpStatusCode.Conflict);
        (await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed"))
            .GetProperty("refusalGrounds").EnumerateArray().Select(g => g.GetString()).Should().Equal("valid-document-already-held");
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM migration.residence_permits WHERE travel_document_country = 'RU' AND travel_document_number = @document", new { document }))
            .Should().Be(1);
    }

    [Theory]
    // On 10 March 2026: born 10 March 2010 is 16 today; born 11 March 2010 turns 16 tomorrow.
    [InlineData("residence-permit", "2010-03-10", null, HttpStatusCode.Created, null)]
    [InlineData("residence-permit", "2010-03-11", null, HttpStatusCode.UnprocessableEntity, "applicant-under-16")]
    [InlineData("residence-permit", "2010-03-11", "Нотариаттық келісім № 77", HttpStatusCode.UnprocessableEntity, "applicant-under-16")]
    [InlineData("residence-permit", "1990-07-01", "Нотариаттық келісім № 77", HttpStatusCode.BadRequest, "validation-failed")]
    [InlineData("stateless-certificate", "2010-03-10", null, HttpStatusCode.Created, null)]
    [InlineData("stateless-certificate", "2010-03-11", null, HttpStatusCode.BadRequest, "validation-failed")]
    [InlineData("stateless-certificate", "2010-03-11", "Нотариаттық келісім № 77", HttpStatusCode.Created, null)]
    public async Task Applicants_are_16_or_older_except_a_stateless_child_travelling_abroad_alone(string subType, string birthDate, string? proof, HttpStatusCode status, string? code)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var intake = Intake(subType, NewDocumentNumber(), paid: null, birthDate: birthDate);
        intake["unaccompaniedTravelProof"] = proof;

        var response = await clerk.PostAsJsonAsync(Path, intake);

        if (code is null)
        {
            response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
            var stored = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["application"]!["moduleData"]!;
            stored["unaccompaniedTravelProof"]?.GetValue<string>().Should().Be(proof);
        }
        else
        {
            var problem = await response.ShouldBeProblemAsync(status, code);
            if (status == HttpStatusCode.BadRequest)
            {
                problem.GetProperty("errors").TryGetProperty("unaccompaniedTravelProof", out _).Should().BeTrue(problem.ToString());
            }
        }
    }

    [Fact]
    public async Task The_generic_route_applies_the_same_sub_type_rules()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        JsonObject Generic(string? subType, string applicantType, string kind, string feeItem = "residence-permit")
        {
            var typed = Intake("residence-permit", NewDocumentNumber(), paid: null);
            typed["applicant"]!["kind"] = kind;
            typed.Remove("subType");
            typed["service"] = "residence-permit";
            typed["subType"] = subType;
            typed["applicantType"] = applicantType;
            typed["feeItems"] = new JsonArray(feeItem);
            typed["moduleData"] = new JsonObject();
            return typed;
        }

        var ok = await clerk.PostAsJsonAsync("/api/v1/applications", Generic("residence-permit", "foreigner", "foreigner"));
        var noSubType = await clerk.PostAsJsonAsync("/api/v1/applications", Generic(null, "foreigner", "foreigner"));
        var wrongType = await clerk.PostAsJsonAsync("/api/v1/applications", Generic("stateless-certificate", "foreigner", "foreigner"));
        var wrongKind = await clerk.PostAsJsonAsync("/api/v1/applications", Generic("residence-permit", "foreigner", "stateless-person"));
        // §8: a permit is charged 20 %, never the certificate's 400 % (nor the other way round).
        var wrongFee = await clerk.PostAsJsonAsync("/api/v1/applications", Generic("residence-permit", "foreigner", "foreigner", "stateless-certificate"));
        var typedWithout = Intake("residence-permit", NewDocumentNumber(), paid: null);
        typedWithout.Remove("subType");
        var typedNoSubType = await clerk.PostAsJsonAsync(Path, typedWithout);

        ok.StatusCode.Should().Be(HttpStatusCode.Created, await ok.Content.ReadAsStringAsync());
        (await noSubType.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("subType", out _).Should().BeTrue();
        (await wrongType.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("applicantType", out _).Should().BeTrue();
        (await wrongKind.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("applicant.kind", out _).Should().BeTrue();
        (await wrongFee.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("feeItems", out _).Should().BeTrue();
        (await typedNoSubType.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("subType", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Verification_needs_the_holders_birth_date_and_a_wrong_one_answers_as_an_unknown_number_does()
    {
        var anonymous = factory.CreateClient();
        anonymous.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        // Demo data: Алиев Рустам, born 1979-11-02, certificate SC240900002.
        var known = await anonymous.GetAsync("/api/v1/migration/residence-permits/SC240900002/verification?birthDate=1979-11-02");
        var wrongDate = await anonymous.GetAsync("/api/v1/migration/residence-permits/SC240900002/verification?birthDate=1979-11-03");
        var wrongNumber = await anonymous.GetAsync("/api/v1/migration/residence-permits/SC249999999/verification?birthDate=1979-11-02");
        var withoutDate = await anonymous.GetAsync("/api/v1/migration/residence-permits/SC240900002/verification");

        known.StatusCode.Should().Be(HttpStatusCode.OK, await known.Content.ReadAsStringAsync());
        var body = JsonNode.Parse(await known.Content.ReadAsStringAsync())!;
        body["state"]!.GetValue<string>().Should().Be("valid");
        body["holderInitials"]!.GetValue<string>().Should().Be("А. Р.");
        body["holder"].Should().BeNull();
        var byDate = await wrongDate.ShouldBeProblemAsync(HttpStatusCode.NotFound, "residence-permit-not-found");
        var byNumber = await wrongNumber.ShouldBeProblemAsync(HttpStatusCode.NotFound, "residence-permit-not-found");
        foreach (var field in new[] { "type", "title", "status", "detail" })
        {
            byDate.GetProperty(field).ToString().Should().Be(byNumber.GetProperty(field).ToString(), "a wrong date must not tell that the number exists ({0})", field);
        }

        (await withoutDate.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("birthDate", out _).Should().BeTrue();
    }

    [Fact]
    public async Task The_register_is_for_staff_and_integrators_with_the_verify_scope()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var readOnly = await factory.CreateClientAsAsync("client:egov-portal residence-permit:read driver-licence:verify");

        var byNumber = JsonNode.Parse(await clerk.GetStringAsync("/api/v1/migration/residence-permits/register?number=RP240900001"))!;
        var otherScopes = JsonNode.Parse(await readOnly.GetStringAsync("/api/v1/migration/residence-permits/register?number=RP240900001"))!;
        var nothingAsked = await clerk.GetAsync("/api/v1/migration/residence-permits/register");

        byNumber["items"]![0]!["holder"]!["travelDocumentNumber"]!.GetValue<string>().Should().Be("750000001");
        byNumber["items"]![0]!["state"]!.GetValue<string>().Should().Be("valid");
        otherScopes["items"]!.AsArray().Should().BeEmpty("a client sees the register only with residence-permit:verify");
        await nothingAsked.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
    }

    [Theory]
    [InlineData("residence-permit", "national-passport", 20)]
    [InlineData("stateless-certificate", "identity-document", 400)]
    public async Task The_checklist_of_a_sub_type_shows_the_photos_item_with_its_conditions(string subType, string identity, decimal percent)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var checklist = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/migration/residence-permits/checklist?subType={subType}"))!;

        checklist["feeItem"]!.GetValue<string>().Should().Be(subType);
        checklist["percentOfMci"]!.GetValue<decimal>().Should().Be(percent);
        var items = checklist["items"]!.AsArray();
        items.Select(i => i!["code"]!.GetValue<string>()).Should().Equal(identity, "house-register-book", "fee-receipt", "photos");
        var photos = items.Single(i => i!["code"]!.GetValue<string>() == "photos")!;
        photos["photo"]!["count"]!.GetValue<int>().Should().Be(2);
        photos["photo"]!["widthMm"]!.GetValue<int>().Should().Be(35);
        photos["conditions"]!.AsArray().Should().HaveCount(4, "the four photo rules of §12");
        photos["conditions"]![2]!["text"]!["en"]!.GetValue<string>().Should().Contain("glasses");
        items[0]!["conditions"]!.AsArray().Should().BeEmpty();
    }

    private static JsonObject Intake(
        string subType, string documentNumber, decimal? paid, string birthDate = "1990-07-01", string passportExpiresOn = "2030-01-31",
        string? iin = null)
    {
        var intake = new JsonObject
        {
            ["officeId"] = Office,
            ["subType"] = subType,
            ["applicant"] = new JsonObject
            {
                ["kind"] = subType == "residence-permit" ? "foreigner" : "stateless-person",
                ["iin"] = iin,
                ["travelDocument"] = new JsonObject { ["number"] = documentNumber, ["country"] = "RU", ["expiresOn"] = passportExpiresOn },
                ["birthDate"] = birthDate,
                ["lastName"] = "Иванов",
                ["firstName"] = "Пётр",
                ["citizenship"] = subType == "residence-permit" ? "RU" : null,
                ["phone"] = "+77017654321",
                ["language"] = "ru",
            },
            ["documents"] = subType == "residence-permit"
                ? new JsonArray("national-passport", "house-register-book", "fee-receipt", "photos")
                : new JsonArray("identity-document", "house-register-book", "fee-receipt", "photos"),
        };
        if (paid is { } amount)
        {
            intake["receipts"] = new JsonArray(new JsonObject
            {
                ["item"] = subType,
                ["bank"] = "Halyk Bank",
                ["receiptNumber"] = "H-" + Guid.NewGuid().ToString("N")[..12],
                ["paidOn"] = "2026-03-10",
                ["amount"] = amount,
            });
        }

        return intake;
    }

    /// <summary>A travel document number no other test uses (digits only, as the register keeps it).</summary>
    private static string NewDocumentNumber() => Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<string> Grounds(JsonNode application) =>
        application["eligibilityFindings"]!.AsArray().Select(f => f!["refusalGround"]!.GetValue<string>());

    private static LocalDate LocalDatePattern(string text) => NodaTime.Text.LocalDatePattern.Iso.Parse(text).Value;

    private static async Task InsertIssuedAsync(string documentNumber, string iin, LocalDate validUntil)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync(
            """
            INSERT INTO migration.residence_permits
                (number, kind, holder_last_name, holder_first_name, holder_birth_date, holder_citizenship, travel_document_country,
                 travel_document_number, holder_iin, office_id, status, reserved_at, issue_date, valid_until, handed_over_at)
            VALUES (@number, 'residence-permit', 'Иванов', 'Пётр', '1990-07-01', 'RU', 'RU', @documentNumber, @iin,
                    'migration-police-astana-e7769a19', 'issued', now(), @issued, @validUntil, now())
            """,
            new
            {
                number = "RP16" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                documentNumber,
                iin,
                issued = new DateOnly(2016, 3, 1),
                validUntil = new DateOnly(validUntil.Year, validUntil.Month, validUntil.Day),
            });
    }

    private static async Task<JsonNode> VerifyAsync(HttpClient client, string number, string birthDate)
    {
        var response = await client.GetAsync($"/api/v1/migration/residence-permits/{number}/verification?birthDate={birthDate}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task<string> ExpectAsync(HttpClient client, string id, string action, string etag, HttpStatusCode expected, object? body = null)
    {
        var response = await client.SendActionAsync(id, action, etag, body);
        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag?.ToString() ?? etag;
    }

    private static async Task<long> OutboxCountAsync(string reference)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM platform.outbox_messages WHERE reference = @reference", new { reference });
    }
}
