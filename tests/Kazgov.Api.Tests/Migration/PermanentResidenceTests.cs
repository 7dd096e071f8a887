using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Migration.Contracts;
using Kazgov.Tests;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using Kazgov.Kernel.Data;

namespace Kazgov.Api.Tests.Migration;

/// <summary>
/// A host whose stand-in for the outside agencies answers by travel document number, with short
/// Polly timeouts: one attempt and one retry of 300 ms each.
/// </summary>
public sealed class PermanentResidenceApiFactory() : KazgovApiFactory(new Dictionary<string, string?>
{
    ["Migration:PermanentResidence:ExternalChecks:Timeout"] = "00:00:00.300",
    ["Migration:PermanentResidence:ExternalChecks:MaxRetryAttempts"] = "1",
    ["Migration:PermanentResidence:ExternalChecks:RetryDelay"] = "00:00:00.010",
    ["Migration:PermanentResidence:ExternalChecks:Fake:DefaultAnswer"] = "clear",
    [$"Migration:PermanentResidence:ExternalChecks:Fake:Answers:{PermanentResidenceTests.SilentDocument}:epidemic-disease"] = "never",
    [$"Migration:PermanentResidence:ExternalChecks:Fake:Answers:{PermanentResidenceTests.SlowDocument}:expulsion"] = "slow-once:clear",
    [$"Migration:PermanentResidence:ExternalChecks:Fake:Answers:{PermanentResidenceTests.ConvictedDocument}:criminal-record"] = "found:convicted-terrorism-or-grave-crime",
});

/// <summary>permanent-residence (standard 5) end to end through the API, at the Astana migration police.</summary>
public sealed class PermanentResidenceTests(PermanentResidenceApiFactory factory) : IClassFixture<PermanentResidenceApiFactory>, IAsyncLifetime
{
    public const string SilentDocument = "PRSILENT01";
    public const string SlowDocument = "PRSLOW0001";
    public const string ConvictedDocument = "PRFOUND001";

    private const string Office = "migration-police-astana-e7769a19";
    private const string Clerk = "clerk.migration.astana";

    // Tuesday 10 March 2026, 10:00 in Astana; the MCI of 2026 is 4 325 KZT.
    private static readonly Instant Morning = Instant.FromUtc(2026, 3, 10, 5, 0);

    // 1 320 × 4 325, and a family of three in Astana at 560 000 KZT per m²: 3 × 15 × 560 000.
    private const decimal MinimumBalance = 5_709_000m;
    private const decimal HousingForThreeInAstana = 25_200_000m;

    private static readonly string[] VisaDocuments = ["application-questionnaire", "identity-document-with-pr-visa", "housing-owner-consent", "photos"];

    private static readonly string[] OtherDocuments =
        ["application-questionnaire", "identity-document", "migration-card", "exit-consent-of-state", "autobiography", "medical-certificate",
         "bank-statement-minimum-balance", "bank-statement-housing-funds", "housing-owner-consent", "photos"];

    private static readonly string[] AfterDecisionDocuments = ["house-register-book", "housing-title-documents", "address-arrival-sheet", "statistical-record-slip"];

    private static readonly string[] ClerkGrounds = ["incites-hatred", "false-information-or-late-documents", "protect-rights-of-others"];

    private static readonly object HandOver = new { receivedBy = "Петров Иван", identityDocument = "Паспорт РФ", signatureTaken = true };

    public Task InitializeAsync()
    {
        factory.Clock.Reset(Morning);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_visa_holder_is_approved_without_the_fee_and_registered_at_hand_over_once_the_duty_and_the_17_documents_are_in()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var document = NewDocument();
        var (id, etag) = await SubmitAsync(clerk, Intake("pr-visa-holder", document, VisaDocuments));
        etag = await ReadyForDecisionAsync(clerk, id, etag);

        // permanent-residence §17.2: the duty comes after the positive decision, so approval does not ask for it.
        etag = await ExpectAsync(clerk, clerk.SendActionAsync(id, "approve", etag), HttpStatusCode.OK);
        var approved = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!;
        approved["resultReference"]!.GetValue<string>().Should().MatchRegex(@"^PR26-\d{7}$");
        approved["fees"]!["items"]![0]!["amountDue"]!.GetValue<decimal>().Should().Be(432.50m, "10 % of the MCI of 4 325 KZT");
        approved["fees"]!["settled"]!.GetValue<bool>().Should().BeFalse();
        etag = await ExpectAsync(clerk, clerk.SendActionAsync(id, "mark-ready", etag), HttpStatusCode.OK);

        var unpaid = await clerk.SendActionAsync(id, "issue", etag, HandOver);
        (await unpaid.ShouldBeProblemAsync(HttpStatusCode.Conflict, "fee-unpaid")).GetProperty("fees").GetProperty("totalDue").GetDecimal().Should().Be(432.50m);

        etag = await RecordReceiptAsync(clerk, id, etag, 432.50m);
        var withoutDocuments = await clerk.SendActionAsync(id, "issue", etag, HandOver);
        (await withoutDocuments.ShouldBeProblemAsync(HttpStatusCode.Conflict, "after-decision-documents-missing"))
            .GetProperty("missing").EnumerateArray().Select(e => e.GetString()).Should().BeEquivalentTo(AfterDecisionDocuments);

        var before = JsonNode.Parse(await clerk.GetStringAsync($"{GroupPath}/applications/{id}/after-decision-documents"))!;
        before["recorded"]!.AsArray().Should().BeEmpty();
        before["missing"]!.AsArray().Select(e => e!.GetValue<string>()).Should().BeEquivalentTo(AfterDecisionDocuments);
        etag = await RecordAfterDecisionDocumentsAsync(clerk, id, etag, AfterDecisionDocuments);
        var after = JsonNode.Parse(await clerk.GetStringAsync($"{GroupPath}/applications/{id}/after-decision-documents"))!;
        after["recorded"]!.AsArray().Select(e => e!.GetValue<string>()).Should().BeEquivalentTo(AfterDecisionDocuments);
        after["missing"]!.AsArray().Should().BeEmpty();
        await ExpectAsync(clerk, clerk.SendActionAsync(id, "issue", etag, HandOver), HttpStatusCode.OK);

        var registration = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/migration/permanent-residence/applications/{id}/registration"))!;
        registration["stampNumber"]!.GetValue<string>().Should().Be(approved["resultReference"]!.GetValue<string>());
        registration["registeredOn"]!.GetValue<string>().Should().Be("2026-03-10");
        registration["address"]!.GetValue<string>().Should().Be("Астана, Мәңгілік Ел даңғылы, 10, 5-пәтер");
        registration["route"]!.GetValue<string>().Should().Be("pr-visa-holder");
        registration["person"]!.GetValue<string>().Should().Be("RU:" + document);

        var published = await EventsAsync(id);
        published.Should().ContainSingle();
        published[0]["person"]!.GetValue<string>().Should().Be("RU:" + document);
        published[0]["from"]!.GetValue<string>().Should().Be("2026-03-10");
        published[0]["officeId"]!.GetValue<string>().Should().Be(Office);
        published[0]["address"]!.GetValue<string>().Should().Be("Астана, Мәңгілік Ел даңғылы, 10, 5-пәтер");
        published[0]["lastName"]!.GetValue<string>().Should().Be("Петров", "the address register takes the person in by these names");
        published[0]["firstName"]!.GetValue<string>().Should().Be("Иван");
        published[0]["birthDate"]!.GetValue<string>().Should().Be("1984-06-21");

        await using var scope = factory.Services.CreateAsyncScope();
        var register = scope.ServiceProvider.GetRequiredService<IPermanentResidenceRegister>();
        (await register.FindAsync("RU:" + document))!.RegisteredSince.Should().Be(new LocalDate(2026, 3, 10));
        (await register.FindAsync("RU:NOSUCHDOC")).Should().BeNull();
    }

    [Fact]
    public async Task Another_lawful_stay_with_exactly_enough_money_runs_the_whole_path()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var (id, etag) = await SubmitAsync(clerk, Intake("other-lawful-stay", NewDocument(), OtherDocuments, bankBalance: MinimumBalance, housingFunds: HousingForThreeInAstana));
        JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!["eligibilityFindings"]!.AsArray().Should().BeEmpty();
        etag = await ReadyForDecisionAsync(clerk, id, etag);
        etag = await ExpectAsync(clerk, clerk.SendActionAsync(id, "approve", etag), HttpStatusCode.OK);
        etag = await ExpectAsync(clerk, clerk.SendActionAsync(id, "mark-ready", etag), HttpStatusCode.OK);
        etag = await RecordReceiptAsync(clerk, id, etag, 432.50m);
        etag = await RecordAfterDecisionDocumentsAsync(clerk, id, etag, AfterDecisionDocuments);

        await ExpectAsync(clerk, clerk.SendActionAsync(id, "issue", etag, HandOver), HttpStatusCode.OK);

        var view = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!;
        view["status"]!.GetValue<string>().Should().Be("issued");
        view["fees"]!["items"]![0]!["amountDue"]!.GetValue<decimal>().Should().Be(432.50m);
        view["moduleData"]!["applicationDate"]!.GetValue<string>().Should().Be("2026-03-10");
        (await EventsAsync(id)).Should().ContainSingle().Which["route"]!.GetValue<string>().Should().Be("other-lawful-stay");
    }

    [Theory]
    [InlineData("balance one tiyn short", 5_708_999.99, 25_200_000)]
    [InlineData("housing funds one tiyn short", 5_709_000, 25_199_999.99)]
    public async Task One_tiyn_short_of_solvency_is_a_finding_on_18_4_that_stops_approval(string name, double balance, double housingFunds)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var (id, etag) = await SubmitAsync(clerk, Intake("other-lawful-stay", NewDocument(), OtherDocuments, bankBalance: (decimal)balance, housingFunds: (decimal)housingFunds));
        var findings = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!["eligibilityFindings"]!.AsArray();
        findings.Select(f => f!["refusalGround"]!.GetValue<string>()).Should().Equal(["solvency-not-proven"], name);

        etag = await ReadyForDecisionAsync(clerk, id, etag);
        var refused = await clerk.SendActionAsync(id, "approve", etag);

        (await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed"))
            .GetProperty("refusalGrounds").EnumerateArray().Select(e => e.GetString()).Should().Equal("solvency-not-proven");
    }

    [Fact]
    public async Task An_oralman_hands_in_neither_the_state_consent_nor_the_bank_statements()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var documents = OtherDocuments.Except(["exit-consent-of-state", "bank-statement-minimum-balance", "bank-statement-housing-funds"]).ToArray();

        var (id, _) = await SubmitAsync(clerk, Intake("other-lawful-stay", NewDocument(), documents, exemption: "oralman"));

        JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!["eligibilityFindings"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_former_citizen_needs_no_bank_statements_but_still_the_state_consent()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var withConsent = OtherDocuments.Except(["bank-statement-minimum-balance", "bank-statement-housing-funds"]).ToArray();

        var (id, _) = await SubmitAsync(clerk, Intake("other-lawful-stay", NewDocument(), withConsent, exemption: "native-or-former-citizen"));
        JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!["eligibilityFindings"]!.AsArray().Should().BeEmpty();

        var withoutConsent = await clerk.PostAsJsonAsync(IntakePath, Intake("other-lawful-stay", NewDocument(), withConsent.Except(["exit-consent-of-state"]).ToArray(), exemption: "native-or-former-citizen"));
        (await withoutConsent.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "documents-missing"))
            .GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("code").GetString()).Should().Equal("exit-consent-of-state");
    }

    [Fact]
    public async Task A_citizen_of_a_treaty_state_needs_no_bank_statements_and_a_citizen_of_another_state_may_not_claim_it()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var documents = OtherDocuments.Except(["bank-statement-minimum-balance", "bank-statement-housing-funds"]).ToArray();

        await SubmitAsync(clerk, Intake("other-lawful-stay", NewDocument(), documents, exemption: "treaty-state-citizen", country: "KG"));

        var german = await clerk.PostAsJsonAsync(IntakePath, Intake("other-lawful-stay", NewDocument(), documents, exemption: "treaty-state-citizen", country: "DE"));
        (await german.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("exemption", out _).Should().BeTrue();
    }

    [Fact]
    public async Task A_housing_contract_replaces_the_housing_funds_statement()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var documents = OtherDocuments.Except(["bank-statement-housing-funds"]).Append("housing-provision-contract").ToArray();

        var (id, _) = await SubmitAsync(clerk, Intake("other-lawful-stay", NewDocument(), documents, bankBalance: MinimumBalance, housingContract: true));
        JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!["eligibilityFindings"]!.AsArray().Should().BeEmpty();

        var noContract = await clerk.PostAsJsonAsync(IntakePath, Intake("other-lawful-stay", NewDocument(), documents.Except(["housing-provision-contract"]).ToArray(), bankBalance: MinimumBalance, housingContract: true));
        (await noContract.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("documents", out _).Should().BeTrue();

        var noStatement = await clerk.PostAsJsonAsync(IntakePath, Intake("other-lawful-stay", NewDocument(), documents.Except(["housing-provision-contract"]).ToArray(), bankBalance: MinimumBalance, housingFunds: HousingForThreeInAstana));
        (await noStatement.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "documents-missing"))
            .GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("code").GetString()).Should().Equal("bank-statement-housing-funds");
    }

    [Theory]
    [InlineData("""{"bankBalance": 1000}""", "pr-visa-holder", "bankBalance")]
    [InlineData("""{"settlement": "no-such-place"}""", "other-lawful-stay", "settlement")]
    [InlineData("""{"bankBalance": null}""", "other-lawful-stay", "bankBalance")]
    [InlineData("""{"bankBalance": 10.005}""", "other-lawful-stay", "bankBalance")]
    [InlineData("""{"exemption": "refugee"}""", "other-lawful-stay", "exemption")]
    [InlineData("""{"exemption": "oralman"}""", "other-lawful-stay", "exemptionBasis")]
    [InlineData("""{"address": " "}""", "pr-visa-holder", "address")]
    [InlineData("""{"route": "after-positive-decision"}""", "pr-visa-holder", "applicantType")]
    public async Task Intake_names_the_field_that_is_wrong(string change, string route, string field)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var body = Intake(route, NewDocument(), route == "pr-visa-holder" ? VisaDocuments : OtherDocuments, bankBalance: route == "pr-visa-holder" ? null : MinimumBalance, housingFunds: route == "pr-visa-holder" ? null : HousingForThreeInAstana);
        foreach (var (key, value) in JsonNode.Parse(change)!.AsObject())
        {
            body[key] = value?.DeepClone();
        }

        var response = await clerk.PostAsJsonAsync(IntakePath, body);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task An_agency_that_never_answers_leaves_its_check_unanswered_after_the_retry_and_approval_waits()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var (id, etag) = await SubmitAsync(clerk, Intake("pr-visa-holder", SilentDocument, VisaDocuments));
        etag = await ExpectAsync(clerk, clerk.SendActionAsync(id, "start-review", etag), HttpStatusCode.OK);

        // Nothing asked yet: approval does not take silence for "clear".
        var unasked = await clerk.SendActionAsync(id, "approve", etag);
        (await unasked.ShouldBeProblemAsync(HttpStatusCode.Conflict, "external-check-unanswered"))
            .GetProperty("unansweredChecks").GetArrayLength().Should().Be(4);

        var (checks, afterChecks) = await RunExternalChecksAsync(clerk, id, etag);
        etag = afterChecks;
        var silent = checks["external"]!.AsArray().Single(c => c!["check"]!.GetValue<string>() == "epidemic-disease")!;
        silent["answer"].Should().BeNull();
        silent["answeredAt"].Should().BeNull();
        silent["askedAt"]!.GetValue<string>().Should().Be("2026-03-10T05:00:00Z");
        silent["attempts"]!.GetValue<int>().Should().Be(2, "one attempt and one retry, each cut off by the 300 ms timeout");
        silent["error"]!.GetValue<string>().Should().Be("timeout");
        silent["source"]!.GetValue<string>().Should().Contain("Health authorities");
        checks["unansweredChecks"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("epidemic-disease");
        checks["external"]!.AsArray().Where(c => c!["check"]!.GetValue<string>() != "epidemic-disease")
            .Should().HaveCount(3).And.OnlyContain(c => c!["answer"]!.GetValue<string>() == "clear" && c["answeredAt"] != null);
        etag = await RecordClerkChecksAsync(clerk, id, etag);

        var blocked = await clerk.SendActionAsync(id, "approve", etag);

        var problem = await blocked.ShouldBeProblemAsync(HttpStatusCode.Conflict, "external-check-unanswered");
        problem.GetProperty("unansweredChecks").EnumerateArray().Select(c => c.GetProperty("check").GetString()).Should().Equal("epidemic-disease");
        JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!["status"]!.GetValue<string>().Should().Be("in-review");
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM migration.permanent_residence_external_checks WHERE application_id = @id AND answered_at IS NULL",
            new { id = Guid.Parse(id) })).Should().Be(1, "the unanswered question is recorded");
    }

    [Fact]
    public async Task A_slow_agency_is_retried_after_the_timeout_and_its_answer_recorded_once_answered()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var (id, etag) = await SubmitAsync(clerk, Intake("pr-visa-holder", SlowDocument, VisaDocuments));

        var (checks, _) = await RunExternalChecksAsync(clerk, id, etag);

        var expulsion = checks["external"]!.AsArray().Single(c => c!["check"]!.GetValue<string>() == "expulsion")!;
        expulsion["answer"]!.GetValue<string>().Should().Be("clear");
        expulsion["attempts"]!.GetValue<int>().Should().Be(2);
        expulsion["answeredAt"].Should().NotBeNull();
        checks["unansweredChecks"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_positive_answer_of_an_agency_is_a_finding_on_its_ground()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var (id, etag) = await SubmitAsync(clerk, Intake("pr-visa-holder", ConvictedDocument, VisaDocuments));
        etag = await ReadyForDecisionAsync(clerk, id, etag);

        var refused = await clerk.SendActionAsync(id, "approve", etag);

        (await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed"))
            .GetProperty("refusalGrounds").EnumerateArray().Select(e => e.GetString()).Should().Equal("convicted-terrorism-or-grave-crime");
        JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!["eligibilityFindings"]!.AsArray()
            .Select(f => f!["refusalGround"]!.GetValue<string>()).Should().Equal("convicted-terrorism-or-grave-crime");
    }

    [Fact]
    public async Task The_clerk_records_each_ground_no_agency_answers_and_approval_needs_them_all()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var (id, etag) = await SubmitAsync(clerk, Intake("pr-visa-holder", NewDocument(), VisaDocuments));
        etag = await ExpectAsync(clerk, clerk.SendActionAsync(id, "start-review", etag), HttpStatusCode.OK);
        (_, etag) = await RunExternalChecksAsync(clerk, id, etag);

        var missing = await clerk.SendActionAsync(id, "approve", etag);
        (await missing.ShouldBeProblemAsync(HttpStatusCode.Conflict, "clerk-checks-missing"))
            .GetProperty("missingGrounds").EnumerateArray().Select(e => e.GetString()).Should().Equal(ClerkGrounds);

        (await (await PutClerkCheckAsync(clerk, id, etag, "incites-hatred", new { outcome = "found" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("note", out _).Should().BeTrue();
        (await (await PutClerkCheckAsync(clerk, id, etag, "epidemic-disease", new { outcome = "clear" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("ground", out _).Should().BeTrue();

        var found = await PutClerkCheckAsync(clerk, id, etag, "incites-hatred", new { outcome = "found", note = "Public posts of 2025 calling for ethnic hatred, letter No. 15-2/41" });
        found.StatusCode.Should().Be(HttpStatusCode.OK, await found.Content.ReadAsStringAsync());
        etag = found.Headers.ETag!.ToString();
        foreach (var ground in ClerkGrounds.Skip(1))
        {
            etag = await ExpectAsync(clerk, PutClerkCheckAsync(clerk, id, etag, ground, new { outcome = "clear" }), HttpStatusCode.OK);
        }

        var view = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/migration/permanent-residence/applications/{id}/checks"))!;
        view["clerk"]!.AsArray().Select(c => c!["ground"]!.GetValue<string>()).Should().BeEquivalentTo(ClerkGrounds);
        view["clerk"]!.AsArray().Single(c => c!["ground"]!.GetValue<string>() == "incites-hatred")!["recordedBy"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        view["missingClerkGrounds"]!.AsArray().Should().BeEmpty();

        var refused = await clerk.SendActionAsync(id, "approve", etag);
        (await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed"))
            .GetProperty("refusalGrounds").EnumerateArray().Select(e => e.GetString()).Should().Equal("incites-hatred");

        etag = (await clerk.GetAsync($"/api/v1/applications/{id}")).Headers.ETag!.ToString();
        etag = await ExpectAsync(clerk, PutClerkCheckAsync(clerk, id, etag, "incites-hatred", new { outcome = "clear" }), HttpStatusCode.OK);
        await ExpectAsync(clerk, clerk.SendActionAsync(id, "approve", etag), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Concurrent_approvals_for_one_person_make_one_registration()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var document = NewDocument();
        var first = await SubmitAsync(clerk, Intake("pr-visa-holder", document, VisaDocuments));
        var second = await SubmitAsync(clerk, Intake("pr-visa-holder", document, VisaDocuments));
        var firstEtag = await ReadyForDecisionAsync(clerk, first.Id, first.ETag);
        var secondEtag = await ReadyForDecisionAsync(clerk, second.Id, second.ETag);
        var other = await factory.CreateClientAsAsync(Clerk);

        var answers = await Task.WhenAll(clerk.SendActionAsync(first.Id, "approve", firstEtag), other.SendActionAsync(second.Id, "approve", secondEtag));

        answers.Select(a => a.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBeProblemAsync(HttpStatusCode.Conflict, "permanent-residence-already-registered");
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM migration.permanent_residence_register WHERE person_id = @person AND is_current",
            new { person = "RU:" + document })).Should().Be(1);
    }

    [Fact]
    public async Task The_17_documents_are_taken_only_after_the_decision_and_the_receipt_is_not_one_of_them()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var (id, etag) = await SubmitAsync(clerk, Intake("pr-visa-holder", NewDocument(), VisaDocuments));

        var early = await PostWithEtagAsync(clerk, $"{GroupPath}/applications/{id}/after-decision-documents", etag, new { documents = AfterDecisionDocuments });
        await early.ShouldBeProblemAsync(HttpStatusCode.Conflict, "not-approved-yet");

        etag = await ReadyForDecisionAsync(clerk, id, etag);
        etag = await ExpectAsync(clerk, clerk.SendActionAsync(id, "approve", etag), HttpStatusCode.OK);
        var receipt = await PostWithEtagAsync(clerk, $"{GroupPath}/applications/{id}/after-decision-documents", etag, new { documents = new[] { "fee-receipt" } });
        (await receipt.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("documents", out _).Should().BeTrue();
    }

    private const string GroupPath = "/api/v1/migration/permanent-residence";
    private const string IntakePath = GroupPath + "/applications";

    private static string NewDocument() => "N" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();

    private static JsonObject Intake(
        string route, string document, string[] documents, decimal? bankBalance = null, decimal? housingFunds = null, string? exemption = null,
        bool housingContract = false, string country = "RU")
    {
        var body = new JsonObject
        {
            ["officeId"] = Office,
            ["route"] = route,
            ["applicant"] = new JsonObject
            {
                ["kind"] = "foreigner",
                ["travelDocument"] = new JsonObject { ["number"] = document, ["country"] = country, ["expiresOn"] = "2031-05-01" },
                ["birthDate"] = "1984-06-21",
                ["lastName"] = "Петров",
                ["firstName"] = "Иван",
                ["citizenship"] = country,
                ["phone"] = "+77011112233",
                ["language"] = "ru",
            },
            ["documents"] = new JsonArray(documents.Select(d => (JsonNode)d).ToArray()),
            ["settlement"] = "astana",
            ["address"] = "Астана, Мәңгілік Ел даңғылы, 10, 5-пәтер",
            ["familyMembers"] = 3,
            ["housingContract"] = housingContract,
        };
        if (bankBalance is not null)
        {
            body["bankBalance"] = bankBalance;
        }

        if (housingFunds is not null)
        {
            body["housingFunds"] = housingFunds;
        }

        if (exemption is not null)
        {
            body["exemption"] = exemption;
            body["exemptionBasis"] = "Удостоверение / справка № 7741 от 12.01.2026";
        }

        return body;
    }

    private static async Task<(string Id, string ETag)> SubmitAsync(HttpClient clerk, JsonObject body)
    {
        var response = await clerk.PostAsJsonAsync(IntakePath, body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (JsonNode.Parse(await response.Content.ReadAsStringAsync())!["application"]!["id"]!.GetValue<string>(), response.Headers.ETag!.ToString());
    }

    /// <summary>In review, the agencies asked, the clerk's three checks recorded clear.</summary>
    private static async Task<string> ReadyForDecisionAsync(HttpClient clerk, string id, string etag)
    {
        etag = await ExpectAsync(clerk, clerk.SendActionAsync(id, "start-review", etag), HttpStatusCode.OK);
        (_, etag) = await RunExternalChecksAsync(clerk, id, etag);
        return await RecordClerkChecksAsync(clerk, id, etag);
    }

    private static async Task<string> RecordClerkChecksAsync(HttpClient clerk, string id, string etag)
    {
        foreach (var ground in ClerkGrounds)
        {
            etag = await ExpectAsync(clerk, PutClerkCheckAsync(clerk, id, etag, ground, new { outcome = "clear" }), HttpStatusCode.OK);
        }

        return etag;
    }

    private static async Task<(JsonNode View, string ETag)> RunExternalChecksAsync(HttpClient clerk, string id, string etag)
    {
        var response = await PostWithEtagAsync(clerk, $"{GroupPath}/applications/{id}/external-checks", etag, null);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (JsonNode.Parse(await response.Content.ReadAsStringAsync())!, response.Headers.ETag!.ToString());
    }

    private static async Task<HttpResponseMessage> PutClerkCheckAsync(HttpClient clerk, string id, string etag, string ground, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{GroupPath}/applications/{id}/clerk-checks/{ground}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await clerk.SendAsync(request);
    }

    private static async Task<string> RecordReceiptAsync(HttpClient clerk, string id, string etag, decimal amount) =>
        await ExpectAsync(clerk, PostWithEtagAsync(clerk, $"/api/v1/applications/{id}/receipts", etag, new
        {
            item = "permanent-residence",
            bank = "Halyk Bank",
            receiptNumber = "H-" + Guid.NewGuid().ToString("N")[..12],
            paidOn = "2026-03-10",
            amount,
        }), HttpStatusCode.OK);

    [Fact]
    public async Task The_housing_prices_are_read_with_the_15_square_metres_of_paragraph_12_2()
    {
        (await factory.CreateClient().GetAsync($"{GroupPath}/housing-prices")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var clerk = await factory.CreateClientAsAsync("clerk.migration.astana");
        var prices = JsonNode.Parse(await clerk.GetStringAsync($"{GroupPath}/housing-prices"))!;

        prices["squareMetresPerFamilyMember"]!.GetValue<int>().Should().Be(15);
        var astana = prices["items"]!.AsArray().Single(i => i!["settlement"]!.GetValue<string>() == "astana")!;
        astana["pricePerSquareMetre"]!.GetValue<decimal>().Should().Be(560000m, "Reference/housing-prices.json");
        astana["name"]!.GetValue<string>().Should().Be("Астана / Astana");
    }

    private static async Task<string> RecordAfterDecisionDocumentsAsync(HttpClient clerk, string id, string etag, string[] documents) =>
        await ExpectAsync(clerk, PostWithEtagAsync(clerk, $"{GroupPath}/applications/{id}/after-decision-documents", etag, new { documents }), HttpStatusCode.OK);

    private static async Task<HttpResponseMessage> PostWithEtagAsync(HttpClient client, string path, string etag, object? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    private static async Task<string> ExpectAsync(HttpClient client, Task<HttpResponseMessage> sending, HttpStatusCode status)
    {
        _ = client;
        var response = await sending;
        response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.ToString();
    }

    private static async Task<List<JsonNode>> EventsAsync(string applicationId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var payloads = await connection.QueryRowsAsync<string>(
            "SELECT payload::text FROM platform.integration_events WHERE type = 'migration.permanent-residence-registered' AND payload->>'applicationId' = @applicationId",
            new { applicationId });
        return [.. payloads.Select(p => JsonNode.Parse(p)!)];
    }
}
