using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Applications;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Tests;
using NodaTime;
using Npgsql;

namespace Kazgov.Api.Tests.Citizenship;

/// <summary>
/// A host whose stand-in for the outside agencies answers by document number (travel document for
/// admission, IIN for renunciation), with short Polly timeouts.
/// </summary>
public sealed class CitizenshipApiFactory() : KazgovApiFactory(new Dictionary<string, string?>
{
    ["Citizenship:ExternalChecks:Timeout"] = "00:00:00.300",
    ["Citizenship:ExternalChecks:MaxRetryAttempts"] = "1",
    ["Citizenship:ExternalChecks:RetryDelay"] = "00:00:00.010",
    ["Citizenship:ExternalChecks:Fake:DefaultAnswer"] = "clear",
    [$"Citizenship:ExternalChecks:Fake:Answers:{CitizenshipTests.FoundDocument}:criminal-record"] = "found:crimes-against-humanity-or-against-sovereignty,convicted-terrorism,especially-dangerous-recidivist",
    [$"Citizenship:ExternalChecks:Fake:Answers:{CitizenshipTests.FoundDocument}:national-security"] = "found:calls-to-break-territorial-unity,harms-state-security-or-public-health,incites-hatred-or-against-state-language",
    [$"Citizenship:ExternalChecks:Fake:Answers:{CitizenshipTests.SilentDocument}:national-security"] = "never",
    [$"Citizenship:ExternalChecks:Fake:Answers:{CitizenshipTests.FoundIin}:property-obligations"] = "found:renunciation-outstanding-obligations",
    [$"Citizenship:ExternalChecks:Fake:Answers:{CitizenshipTests.FoundIin}:criminal-record"] = "found:renunciation-accused-in-criminal-case,renunciation-serving-sentence",
    [$"Citizenship:ExternalChecks:Fake:Answers:{CitizenshipTests.FoundIin}:national-security"] = "found:renunciation-contrary-to-state-security",
});

/// <summary>citizenship (standard 6) end to end through its own endpoints, at the Astana migration police.</summary>
public sealed class CitizenshipTests(CitizenshipApiFactory factory) : IClassFixture<CitizenshipApiFactory>, IAsyncLifetime
{
    public const string FoundDocument = "CZFOUND001";
    public const string SilentDocument = "CZSILENT01";
    public const string FoundIin = "600101400050";

    private const string Office = "migration-police-astana-e7769a19";
    private const string Clerk = "clerk.migration.astana";
    private const string GroupPath = "/api/v1/citizenship";

    // A Kazakh citizen (relative, spouse): a valid IIN.
    private const string CitizenIin = "850315300019";

    // Tuesday 10 March 2026, 10:00 in Astana; the MCI of 2026 is 4 325 KZT.
    private static readonly Instant Morning = Instant.FromUtc(2026, 3, 10, 5, 0);

    private static readonly string[] Common =
        ["national-passport-or-stateless-certificate", "personal-application", "application-questionnaire", "undertaking-form", "address-certificate-or-house-register-book", "photos", "fee-receipt"];

    private static readonly Dictionary<int, string[]> Own = new()
    {
        [1] = ["oralman-certificate", "renunciation-of-former-citizenship"],
        [2] = ["relative-id-copy", "kinship-proof"],
        [3] = ["relative-id-copy", "kinship-proof", "birth-or-residence-before-1991-proof"],
        [4] = ["former-citizenship-termination-certificate", "relative-id-copy", "kinship-proof"],
        [5] = ["state-body-petition", "renunciation-of-former-citizenship"],
        [6] = ["spouse-id", "marriage-certificate-copy", "former-citizenship-termination-certificate"],
        [7] = ["five-years-residence-proof", "former-citizenship-termination-certificate"],
    };

    private static readonly string[] Renunciation =
        ["personal-application", "application-questionnaire", "photos", "obligations-certificate", "fee-receipt"];

    private static readonly object HandOver = new { receivedBy = "Петров Иван", identityDocument = "Паспорт", signatureTaken = true };

    public Task InitializeAsync()
    {
        factory.Clock.Reset(Morning);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_spouse_of_three_years_is_admitted_through_the_commission_and_gets_the_certificate_after_handing_in_the_passport()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var document = NewDocument();
        var submitted = await SubmitAsync(clerk, "admissions", Admission(6, document, "TR", new JsonObject { ["marriedOn"] = "2023-03-10", ["spouseIin"] = CitizenIin }));
        var application = submitted.Body["application"]!;
        application["subType"]!.GetValue<string>().Should().Be("admission");
        application["applicantType"]!.GetValue<string>().Should().Be("category-6");
        application["termVariant"]!.GetValue<string>().Should().Be("general");
        application["dueDate"]!.GetValue<string>().Should().Be("2026-09-10", "six months for category 6 (§7)");
        application["fees"]!["totalDue"]!.GetValue<decimal>().Should().Be(4325m, "100 % of the MCI of 4 325 KZT (§8)");
        var (id, etag) = (submitted.Id, submitted.ETag);

        etag = await ExpectAsync(clerk.SendActionAsync(id, "start-review", etag), HttpStatusCode.OK);
        etag = await StepAsync(clerk, id, "external-checks", etag, null);
        var early = await clerk.SendActionAsync(id, "approve", etag);
        await early.ShouldBeProblemAsync(HttpStatusCode.Conflict, "commission-decision-missing");

        var decisionFirst = await PostWithEtagAsync(clerk, $"{GroupPath}/applications/{id}/commission-decision", etag, new { outcome = "granted", decisionNumber = "Указ № 1", decidedOn = "2026-03-10" });
        await decisionFirst.ShouldBeProblemAsync(HttpStatusCode.Conflict, "commission-step-out-of-order");
        etag = await StepAsync(clerk, id, "commission", etag, new { note = "Пакет документов" });
        var view = JsonNode.Parse(await clerk.GetStringAsync($"{GroupPath}/applications/{id}"))!;
        view["stage"]!.GetValue<string>().Should().Be("sent-to-commission");

        var future = await PostWithEtagAsync(clerk, $"{GroupPath}/applications/{id}/commission-decision", etag, new { outcome = "granted", decisionNumber = "Указ № 1", decidedOn = "2026-03-11" });
        (await future.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("decidedOn", out _).Should().BeTrue();
        etag = await StepAsync(clerk, id, "commission-decision", etag, new { outcome = "granted", decisionNumber = "Указ № 1042", decidedOn = "2026-03-10" });
        (await OutboxCountAsync(submitted.RegistrationNumber)).Should().Be(1, "the applicant is told of the decision (§16)");

        etag = await ExpectAsync(clerk.SendActionAsync(id, "approve", etag), HttpStatusCode.OK);
        var approved = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!;
        var number = approved["resultReference"]!.GetValue<string>();
        number.Should().MatchRegex(@"^CA26\d{7}$");
        etag = await ExpectAsync(clerk.SendActionAsync(id, "mark-ready", etag), HttpStatusCode.OK);

        var withoutPassport = await clerk.SendActionAsync(id, "issue", etag, HandOver);
        await withoutPassport.ShouldBeProblemAsync(HttpStatusCode.Conflict, "identity-documents-not-handed-in");
        var wrongKind = await PostWithEtagAsync(clerk, $"{GroupPath}/applications/{id}/identity-documents", etag, new { documents = new[] { new { kind = "kz-passport", number = "N1" } } });
        await wrongKind.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        etag = await StepAsync(clerk, id, "identity-documents", etag, new { documents = new[] { new { kind = "national-passport", number = document } } });
        await ExpectAsync(clerk.SendActionAsync(id, "issue", etag, HandOver), HttpStatusCode.OK);

        view = JsonNode.Parse(await clerk.GetStringAsync($"{GroupPath}/applications/{id}"))!;
        view["stage"]!.GetValue<string>().Should().Be("certificate-issued");
        view["commission"]!["decisionNumber"]!.GetValue<string>().Should().Be("Указ № 1042");
        view["identityDocumentsHandedIn"]![0]!["kind"]!.GetValue<string>().Should().Be("national-passport");
        view["certificate"]!["issuedOn"]!.GetValue<string>().Should().Be("2026-03-10");

        var anonymous = factory.CreateClient();
        var verified = JsonNode.Parse(await anonymous.GetStringAsync($"{GroupPath}/certificates/{number}/verification?birthDate=1984-06-21"))!;
        verified["kind"]!.GetValue<string>().Should().Be("admission");
        verified["state"]!.GetValue<string>().Should().Be("issued");
        verified["holderInitials"]!.GetValue<string>().Should().Be("П. И.");
        verified["holderBirthYear"]!.GetValue<int>().Should().Be(1984);
        verified.AsObject().Select(p => p.Key).Should().BeEquivalentTo("number", "kind", "state", "issuedOn", "decisionNumber", "decisionDate", "holderInitials", "holderBirthYear");
        await (await anonymous.GetAsync($"{GroupPath}/certificates/{number}/verification?birthDate=1984-06-22"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "citizenship-certificate-not-found");
    }

    [Theory]
    [InlineData("2023-03-10", true)]
    [InlineData("2023-03-11", false)]
    public async Task Category_6_counts_three_years_of_marriage_to_the_application_day(string marriedOn, bool accepted)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var response = await clerk.PostAsJsonAsync($"{GroupPath}/admissions", Admission(6, NewDocument(), "TR", new JsonObject { ["marriedOn"] = marriedOn, ["spouseIin"] = CitizenIin }));
        if (accepted)
        {
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
        else
        {
            (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "category-requirements-not-met"))
                .GetProperty("shortfalls")[0].GetProperty("paragraph").GetString().Should().Be("§6.6");
        }
    }

    [Theory]
    [InlineData(2, "UA", "simplified", "2026-06-10")]
    [InlineData(3, "KG", "simplified", "2026-06-10")]
    [InlineData(4, "UZ", "general", "2026-09-10")]
    public async Task The_term_follows_the_category(int category, string state, string variant, string due)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var submitted = await SubmitAsync(clerk, "admissions", Admission(category, NewDocument(), state, new JsonObject
        {
            ["relative"] = new JsonObject { ["iin"] = CitizenIin, ["kinship"] = category == 4 ? "adoptive-parent" : "sister" },
        }));
        submitted.Body["application"]!["termVariant"]!.GetValue<string>().Should().Be(variant);
        submitted.Body["application"]!["dueDate"]!.GetValue<string>().Should().Be(due);
    }

    [Fact]
    public async Task The_term_is_not_a_free_choice_over_the_generic_route_and_category_1_is_an_applicant_type()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var body = Generic(1, NewDocument(), "CN", new JsonObject { ["oralmanCertificateNumber"] = "OR-2024-77" });
        body["termVariant"] = "simplified";
        var chosen = await clerk.PostAsJsonAsync("/api/v1/applications", body);
        (await chosen.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("termVariant", out _).Should().BeTrue();

        body.Remove("termVariant");
        var accepted = await clerk.PostAsJsonAsync("/api/v1/applications", body);
        accepted.StatusCode.Should().Be(HttpStatusCode.Created, await accepted.Content.ReadAsStringAsync());
        JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["application"]!["termVariant"]!.GetValue<string>().Should().Be("general");

        var common = clone(body);
        common["applicantType"] = "admission-common";
        (await (await clerk.PostAsJsonAsync("/api/v1/applications", common)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed"))
            .GetProperty("errors").TryGetProperty("applicantType", out _).Should().BeTrue();

        static JsonObject clone(JsonObject o) => o.DeepClone().AsObject();
    }

    [Fact]
    public async Task The_admission_route_and_the_generic_route_store_the_same_module_data()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var facts = new JsonObject { ["relative"] = new JsonObject { ["iin"] = CitizenIin, ["kinship"] = "adopted-child", ["fullName"] = "Ахметова Айгүл" } };
        var typed = await SubmitAsync(clerk, "admissions", Admission(4, NewDocument(), "UZ", facts));
        var generic = await clerk.PostAsJsonAsync("/api/v1/applications", Generic(4, NewDocument(), "UZ", facts));
        generic.StatusCode.Should().Be(HttpStatusCode.Created, await generic.Content.ReadAsStringAsync());
        var genericData = JsonNode.Parse(await generic.Content.ReadAsStringAsync())!["application"]!["moduleData"]!;
        JsonNode.DeepEquals(typed.Body["application"]!["moduleData"], genericData).Should().BeTrue($"{typed.Body["application"]!["moduleData"]} vs {genericData}");
    }

    [Fact]
    public async Task Each_category_asks_its_own_documents_on_top_of_the_common_list()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var body = Admission(1, NewDocument(), "CN", new JsonObject { ["oralmanCertificateNumber"] = "OR-2024-77" });
        body["documents"] = new JsonArray([.. Common.Concat(["renunciation-of-former-citizenship"]).Select(d => (JsonNode)d)]);
        var missing = await clerk.PostAsJsonAsync($"{GroupPath}/admissions", body);
        (await missing.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "documents-missing"))
            .GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("code").GetString()).Should().Equal("oralman-certificate");

        body["documents"] = new JsonArray([.. Common.Concat(Own[1]).Concat(["spouse-id"]).Select(d => (JsonNode)d)]);
        var foreign = await clerk.PostAsJsonAsync($"{GroupPath}/admissions", body);
        (await foreign.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("documents", out _).Should().BeTrue("spouse-id is category 6's");
    }

    [Theory]
    [InlineData(1, "CN", """{"oralmanCertificateNumber":null}""", "§6.1")]
    [InlineData(2, "RU", """{"relative":{"iin":"850315300019","kinship":"sister"}}""", "§6.2")]
    [InlineData(2, "UA", """{"relative":{"iin":"850315300019","kinship":"adopted-child"}}""", "§6.2")]
    [InlineData(3, "RU", """{"inKazakhstanBefore1991On":"1991-12-21"}""", "§6.3")]
    [InlineData(4, "UZ", """{"relative":{"iin":"850315300018","kinship":"brother"}}""", "§6.4")]
    [InlineData(5, "DE", """{"professionNumber":9,"petitionNumber":null}""", "§6.5")]
    [InlineData(7, "CN", """{"permanentResidenceSince":"2021-03-11"}""", "§6.7")]
    public async Task Each_category_rule_refuses_intake_naming_its_paragraph(int category, string state, string facts, string paragraph)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var response = await clerk.PostAsJsonAsync($"{GroupPath}/admissions", Admission(category, NewDocument(), state, JsonNode.Parse(facts)!.AsObject()));
        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "category-requirements-not-met"))
            .GetProperty("shortfalls").EnumerateArray().Select(s => s.GetProperty("paragraph").GetString()).Should().Contain(paragraph);
    }

    [Theory]
    [InlineData(3, "BY", """{"inKazakhstanBefore1991On":"1991-12-20"}""")]
    [InlineData(5, "DE", """{"professionNumber":24,"petitionNumber":"МОН-15/2026","petitionStateBody":"Ministry of Science"}""")]
    [InlineData(7, "CN", """{"permanentResidenceSince":"2021-03-10"}""")]
    public async Task Each_category_rule_passes_on_its_boundary(int category, string state, string facts)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var submitted = await SubmitAsync(clerk, "admissions", Admission(category, NewDocument(), state, JsonNode.Parse(facts)!.AsObject()));
        if (category == 7)
        {
            submitted.Body["application"]!["moduleData"]!["permanentResidenceSource"]!.GetValue<string>().Should().Be("presented-proof");
        }
    }

    [Fact]
    public async Task Category_7_takes_the_permanent_residence_register_over_the_presented_proof()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var document = NewDocument();
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            // The register knows the person from 11 March 2021: one day short of five years.
            await connection.ExecuteAsync(
                """
                INSERT INTO migration.permanent_residence_register
                    (stamp_number, application_id, person_id, route, settlement, address, office_id, approved_on, registered_on, created_at)
                VALUES (@stamp, @id, @person, 'pr-visa-holder', 'astana', 'Астана', @office, '2021-03-11', '2021-03-11', now())
                """,
                new { stamp = "PRTEST-" + document, id = Guid.NewGuid(), person = "CN:" + document, office = Office });
        }

        var response = await clerk.PostAsJsonAsync($"{GroupPath}/admissions", Admission(7, document, "CN", new JsonObject { ["permanentResidenceSince"] = "2015-01-01" }));
        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "category-requirements-not-met"))
            .GetProperty("shortfalls")[0].GetProperty("paragraph").GetString().Should().Be("§6.7");

        factory.Clock.Reset(Instant.FromUtc(2026, 3, 11, 5, 0));
        clerk = await factory.CreateClientAsAsync(Clerk);
        var body = Admission(7, document, "CN", new JsonObject());
        body["receipts"]![0]!["paidOn"] = "2026-03-11";
        var submitted = await SubmitAsync(clerk, "admissions", body);
        submitted.Body["application"]!["moduleData"]!["permanentResidenceSource"]!.GetValue<string>().Should().Be("register:PRTEST-" + document);
        submitted.Body["application"]!["moduleData"]!["permanentResidenceSince"]!.GetValue<string>().Should().Be("2021-03-11");
    }

    [Fact]
    public async Task An_oralman_is_exempt_once_without_a_receipt_and_the_second_application_is_charged_saying_why()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var document = NewDocument();
        var facts = new JsonObject { ["oralmanCertificateNumber"] = "OR-2024-77" };
        var first = Admission(1, document, "CN", facts, withReceipt: false);
        first["feeExemption"] = "oralman";
        var exempt = await SubmitAsync(clerk, "admissions", first);
        exempt.Body["application"]!["fees"]!["exemption"]!.GetValue<string>().Should().Be("oralman");
        exempt.Body["application"]!["fees"]!["settled"]!.GetValue<bool>().Should().BeTrue();

        var second = await clerk.PostAsJsonAsync($"{GroupPath}/admissions", first);
        (await second.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").GetProperty("documents").ToString()
            .Should().Contain("oralman");

        var withReceipt = Admission(1, document, "CN", facts);
        withReceipt["feeExemption"] = "oralman";
        var charged = await SubmitAsync(clerk, "admissions", withReceipt);
        charged.Body["application"]!["fees"]!["exemption"].Should().BeNull();
        charged.Body["application"]!["fees"]!["totalDue"]!.GetValue<decimal>().Should().Be(4325m);
        var note = charged.Body["application"]!["moduleData"]!["feeExemption"]!;
        note["granted"]!.GetValue<bool>().Should().BeFalse();
        note["reason"]!["en"]!.GetValue<string>().Should().Contain("already used");
    }

    [Fact]
    public async Task Of_two_concurrent_exempt_applications_of_one_person_exactly_one_is_exempt()
    {
        var document = NewDocument();
        JsonObject Body()
        {
            // Each brings its own receipt (a charged application pays): only the exemption is contended.
            var body = Admission(1, document, "CN", new JsonObject { ["oralmanCertificateNumber"] = "OR-2024-78" });
            body["feeExemption"] = "oralman";
            return body;
        }

        var clients = new[] { await factory.CreateClientAsAsync(Clerk), await factory.CreateClientAsAsync(Clerk) };
        var bodies = new[] { Body(), Body() };
        var answers = await Task.WhenAll(clients.Select((c, i) => c.PostAsJsonAsync($"{GroupPath}/admissions", bodies[i])));

        answers.Select(a => a.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Created);
        var exemptions = await Task.WhenAll(answers.Select(async a => JsonNode.Parse(await a.Content.ReadAsStringAsync())!["application"]!["fees"]!["exemption"]?.GetValue<string>()));
        exemptions.Count(e => e == "oralman").Should().Be(1);
        exemptions.Count(e => e is null).Should().Be(1);
    }

    [Fact]
    public async Task A_foreigner_keeping_another_citizenship_is_refused_on_18_7()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var body = Admission(6, NewDocument(), "TR", new JsonObject { ["marriedOn"] = "2020-01-01", ["spouseIin"] = CitizenIin, ["retainsOtherCitizenship"] = true });
        var (id, etag, _, _) = await SubmitAsync(clerk, "admissions", body);
        etag = await ThroughCommissionAsync(clerk, id, etag);

        var approve = await clerk.SendActionAsync(id, "approve", etag);
        (await approve.ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed"))
            .GetProperty("refusalGrounds").EnumerateArray().Select(e => e.GetString()).Should().Equal("holds-other-citizenship");
    }

    [Fact]
    public async Task The_agencies_answer_the_six_other_grounds_of_18_and_an_unanswered_check_blocks_approval()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var found = await SubmitAsync(clerk, "admissions", Admission(6, FoundDocument, "TR", new JsonObject { ["marriedOn"] = "2020-01-01", ["spouseIin"] = CitizenIin }));
        var etag = await ThroughCommissionAsync(clerk, found.Id, found.ETag);
        var approve = await clerk.SendActionAsync(found.Id, "approve", etag);
        (await approve.ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed"))
            .GetProperty("refusalGrounds").EnumerateArray().Select(e => e.GetString()).Should().BeEquivalentTo(
                "crimes-against-humanity-or-against-sovereignty", "calls-to-break-territorial-unity", "harms-state-security-or-public-health",
                "incites-hatred-or-against-state-language", "convicted-terrorism", "especially-dangerous-recidivist");

        var silent = await SubmitAsync(clerk, "admissions", Admission(6, SilentDocument, "TR", new JsonObject { ["marriedOn"] = "2020-01-01", ["spouseIin"] = CitizenIin }));
        etag = await ThroughCommissionAsync(clerk, silent.Id, silent.ETag);
        var view = JsonNode.Parse(await clerk.GetStringAsync($"{GroupPath}/applications/{silent.Id}"))!;
        view["unansweredChecks"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("national-security");
        view["externalChecks"]!.AsArray().Should().Contain(c => c!["check"]!.GetValue<string>() == "national-security" && c["answer"] == null && c["attempts"]!.GetValue<int>() == 2);
        var blocked = await clerk.SendActionAsync(silent.Id, "approve", etag);
        await blocked.ShouldBeProblemAsync(HttpStatusCode.Conflict, "external-check-unanswered");
    }

    [Fact]
    public async Task A_renunciation_is_charged_asks_the_marriage_certificate_of_a_married_applicant_and_is_published_at_hand_over()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var iin = TestIins.Next("900712", '3');
        var missing = await clerk.PostAsJsonAsync($"{GroupPath}/renunciations", RenunciationBody(iin, married: true, Renunciation));
        (await missing.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "documents-missing"))
            .GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("code").GetString()).Should().Equal("marriage-certificate-copy");

        var submitted = await SubmitAsync(clerk, "renunciations", RenunciationBody(iin, married: true, [.. Renunciation, "marriage-certificate-copy"]));
        submitted.Body["application"]!["subType"]!.GetValue<string>().Should().Be("renunciation");
        submitted.Body["application"]!["applicantType"]!.GetValue<string>().Should().Be("category-8");
        submitted.Body["application"]!["fees"]!["totalDue"]!.GetValue<decimal>().Should().Be(4325m);
        var etag = await ThroughCommissionAsync(clerk, submitted.Id, submitted.ETag);
        etag = await ExpectAsync(clerk.SendActionAsync(submitted.Id, "approve", etag), HttpStatusCode.OK);
        var number = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{submitted.Id}"))!["resultReference"]!.GetValue<string>();
        number.Should().MatchRegex(@"^CR26\d{7}$");
        etag = await StepAsync(clerk, submitted.Id, "identity-documents", etag, new { documents = new[] { new { kind = "kz-identity-card", number = "045112233" }, new { kind = "kz-passport", number = "N12345678" } } });
        etag = await ExpectAsync(clerk.SendActionAsync(submitted.Id, "mark-ready", etag), HttpStatusCode.OK);
        await ExpectAsync(clerk.SendActionAsync(submitted.Id, "issue", etag, HandOver), HttpStatusCode.OK);

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var payload = JsonNode.Parse(await connection.ExecuteScalarAsync<string>(
            "SELECT payload::text FROM platform.integration_events WHERE type = 'citizenship.renounced' AND payload->>'applicationId' = @id",
            new { id = submitted.Id }) ?? "null");
        payload.Should().NotBeNull("a renunciation is published through the outbox");
        payload!["person"]!.GetValue<string>().Should().Be(iin);
        payload["certificateNumber"]!.GetValue<string>().Should().Be(number);
        payload["decisionNumber"]!.GetValue<string>().Should().Be("Решение № 77");
        payload["documentsHandedIn"]!.AsArray().Select(d => d!.GetValue<string>()).Should().BeEquivalentTo("kz-identity-card", "kz-passport");
    }

    [Fact]
    public async Task The_four_grounds_of_19_are_outside_checks_and_a_rejected_commission_decision_cannot_be_approved()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var found = await SubmitAsync(clerk, "renunciations", RenunciationBody(FoundIin, married: false, Renunciation));
        var etag = await ThroughCommissionAsync(clerk, found.Id, found.ETag);
        var approve = await clerk.SendActionAsync(found.Id, "approve", etag);
        (await approve.ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed"))
            .GetProperty("refusalGrounds").EnumerateArray().Select(e => e.GetString()).Should().BeEquivalentTo(
                "renunciation-outstanding-obligations", "renunciation-accused-in-criminal-case", "renunciation-serving-sentence", "renunciation-contrary-to-state-security");
        var checks = JsonNode.Parse(await clerk.GetStringAsync($"{GroupPath}/applications/{found.Id}"))!["externalChecks"]!.AsArray();
        checks.Select(c => c!["check"]!.GetValue<string>()).Should().BeEquivalentTo("property-obligations", "criminal-record", "national-security");
        checks.Should().OnlyContain(c => c!["source"]!.GetValue<string>().Length > 0 && c["answeredAt"] != null);

        var rejected = await SubmitAsync(clerk, "renunciations", RenunciationBody(TestIins.Next("900712", '3'), married: false, Renunciation));
        etag = await ThroughCommissionAsync(clerk, rejected.Id, rejected.ETag, outcome: "rejected");
        await (await clerk.SendActionAsync(rejected.Id, "approve", etag)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "commission-rejected");
    }

    private static string NewDocument() => "N" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();

    private static JsonObject Applicant(string document, string country) => new()
    {
        ["kind"] = "foreigner",
        ["travelDocument"] = new JsonObject { ["number"] = document, ["country"] = country, ["expiresOn"] = "2031-05-01" },
        ["birthDate"] = "1984-06-21",
        ["lastName"] = "Петров",
        ["firstName"] = "Иван",
        ["citizenship"] = country,
        ["phone"] = "+77011112233",
        ["language"] = "ru",
    };

    private static JsonObject Admission(int category, string document, string country, JsonObject facts, bool withReceipt = true)
    {
        var body = new JsonObject
        {
            ["officeId"] = Office,
            ["category"] = category,
            ["applicant"] = Applicant(document, country),
            ["documents"] = new JsonArray([.. Common.Where(d => withReceipt || d != "fee-receipt").Concat(Own[category]).Select(d => (JsonNode)d)]),
        };
        if (withReceipt)
        {
            body["receipts"] = Receipt();
        }

        foreach (var (key, value) in facts)
        {
            body[key] = value?.DeepClone();
        }

        return body;
    }

    /// <summary>The same admission over POST /applications: the category as the applicant type, the facts as module data.</summary>
    private static JsonObject Generic(int category, string document, string country, JsonObject facts) => new()
    {
        ["service"] = "citizenship",
        ["officeId"] = Office,
        ["applicantType"] = "category-" + category,
        ["applicant"] = Applicant(document, country),
        ["documents"] = new JsonArray([.. Common.Concat(Own[category]).Select(d => (JsonNode)d)]),
        ["feeItems"] = new JsonArray("citizenship"),
        ["moduleData"] = facts.DeepClone(),
    };

    /// <summary>The duty of §8: 100 % of the MCI of 4 325 KZT, paid today (a fresh receipt number each time).</summary>
    private static JsonArray Receipt() => new(new JsonObject
    {
        ["item"] = "citizenship",
        ["bank"] = "Halyk Bank",
        ["receiptNumber"] = "H-" + Guid.NewGuid().ToString("N")[..12],
        ["paidOn"] = "2026-03-10",
        ["amount"] = 4325m,
    });

    private static JsonObject RenunciationBody(string iin, bool married, string[] documents) => new()
    {
        ["officeId"] = Office,
        ["applicant"] = new JsonObject
        {
            ["kind"] = "individual",
            ["iin"] = iin,
            ["lastName"] = "Ахметов",
            ["firstName"] = "Серік",
            ["phone"] = "+77011234567",
            ["language"] = "kk",
        },
        ["documents"] = new JsonArray([.. documents.Select(d => (JsonNode)d)]),
        ["receipts"] = Receipt(),
        ["hasChildren"] = false,
        ["married"] = married,
    };

    private async Task<(string Id, string ETag, string RegistrationNumber, JsonNode Body)> SubmitAsync(HttpClient clerk, string route, JsonObject body)
    {
        _ = factory;
        var response = await clerk.PostAsJsonAsync($"{GroupPath}/{route}", body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var parsed = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (parsed["application"]!["id"]!.GetValue<string>(), response.Headers.ETag!.ToString(), parsed["application"]!["registrationNumber"]!.GetValue<string>(), parsed);
    }

    /// <summary>In review, the agencies asked, sent to the commission and decided.</summary>
    private static async Task<string> ThroughCommissionAsync(HttpClient clerk, string id, string etag, string outcome = "granted")
    {
        etag = await ExpectAsync(clerk.SendActionAsync(id, "start-review", etag), HttpStatusCode.OK);
        etag = await StepAsync(clerk, id, "external-checks", etag, null);
        etag = await StepAsync(clerk, id, "commission", etag, new { note = (string?)null });
        return await StepAsync(clerk, id, "commission-decision", etag, new { outcome, decisionNumber = "Решение № 77", decidedOn = "2026-03-10" });
    }

    private static async Task<string> StepAsync(HttpClient clerk, string id, string step, string etag, object? body) =>
        await ExpectAsync(PostWithEtagAsync(clerk, $"{GroupPath}/applications/{id}/{step}", etag, body), HttpStatusCode.OK);

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

    private static async Task<string> ExpectAsync(Task<HttpResponseMessage> sending, HttpStatusCode status)
    {
        var response = await sending;
        response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.ToString();
    }

    private static async Task<long> OutboxCountAsync(string registrationNumber)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM platform.outbox_messages WHERE reference = @registrationNumber AND body LIKE '%§16%'", new { registrationNumber });
    }
}
