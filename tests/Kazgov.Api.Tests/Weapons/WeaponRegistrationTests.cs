using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Applications;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Tests;
using NodaTime;
using Npgsql;

namespace Kazgov.Api.Tests.Weapons;

/// <summary>
/// A host whose stand-in for the outside agencies answers by IIN: one person convicted, one with
/// repeated offences, one nobody answers for; short Polly timeouts.
/// </summary>
public sealed class WeaponRegistrationApiFactory() : KazgovApiFactory(new Dictionary<string, string?>
{
    ["Weapons:ExternalChecks:Timeout"] = "00:00:00.300",
    ["Weapons:ExternalChecks:MaxRetryAttempts"] = "1",
    ["Weapons:ExternalChecks:RetryDelay"] = "00:00:00.010",
    ["Weapons:ExternalChecks:Fake:DefaultAnswer"] = "clear",
    [$"Weapons:ExternalChecks:Fake:Answers:{WeaponRegistrationTests.ConvictedIin}:criminal-record"] = "found:conviction-not-expunged",
    [$"Weapons:ExternalChecks:Fake:Answers:{WeaponRegistrationTests.OffenderIin}:administrative-offences"] = "found:repeated-administrative-offences",
    [$"Weapons:ExternalChecks:Fake:Answers:{WeaponRegistrationTests.SilentIin}:criminal-record"] = "never",
});

/// <summary>weapon-registration (standard 7) end to end through /api/v1/weapons, at the Astana licensing unit.</summary>
public sealed class WeaponRegistrationTests(WeaponRegistrationApiFactory factory) : IClassFixture<WeaponRegistrationApiFactory>, IAsyncLifetime
{
    public static readonly string ConvictedIin = TestIins.Next("800101", '3');
    public static readonly string OffenderIin = TestIins.Next("800102", '3');
    public static readonly string SilentIin = TestIins.Next("800103", '3');

    private const string Office = "weapons-licensing-astana-09ccea99";
    private const string Clerk = "clerk.weapons.astana";
    private const string Path = "/api/v1/weapons";

    // Tuesday 10 March 2026, 10:00 in Astana; the MCI of 2026 is 4 325 KZT.
    private static readonly Instant Morning = Instant.FromUtc(2026, 3, 10, 5, 0);

    private static readonly string[] AcquisitionDocuments =
        ["application", "card-application", "medical-report", "no-conviction-certificate", "citizenship-document-copy", "safety-rules-certificate", "storage-conditions-report", "state-duty-receipt"];

    private static readonly string[] StorageDocuments = ["photos", "state-duty-receipt", "purchase-document"];

    private static readonly string[] EmployeeDocuments = ["application", "persons-list", "appointment-order-copy", "id-card-copy", "photos", "state-duty-receipt", "dynamo-safety-certificate"];

    private static readonly object HandOver = new { receivedBy = "Ахметов Серік", identityDocument = "ЖК 012345678", signatureTaken = true };

    public Task InitializeAsync()
    {
        factory.Clock.Reset(Morning);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_keep_and_carry_permit_registers_the_unit_and_is_handed_to_a_proxy_then_verified_and_renounced()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var iin = TestIins.Next();
        var serial = "SB" + Guid.NewGuid().ToString("N")[..8];
        var body = Intake("storage-carry-permit", iin, Unit(serial, "smooth-bore", "hunting"), StorageDocuments,
            Receipt("storage-carry-permit-individual", 2162.50m), Receipt("unit-registration", 432.50m));
        var (id, etag, submitted) = await SubmitAsync(clerk, body);
        submitted["application"]!["fees"]!["totalDue"]!.GetValue<decimal>().Should().Be(2595.00m, "50 % and 10 % of the MCI of 4 325 KZT");
        submitted["application"]!["applicantType"]!.GetValue<string>().Should().Be("individual-storage-carry");
        submitted["application"]!["dueDate"]!.GetValue<string>().Should().Be("2026-04-14",
            "one month (§7.1) ends on Friday 10 April; the unit next receives (§10) on Tuesday 14 April, the 11th being the 2nd Saturday");

        etag = await ReadyForDecisionAsync(clerk, id, etag);
        etag = await ExpectAsync(clerk.SendActionAsync(id, "approve", etag), HttpStatusCode.OK);
        var number = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!["resultReference"]!.GetValue<string>();
        number.Should().MatchRegex(@"^WP26-\d{7}$");

        var anonymous = factory.CreateClient();
        var pending = JsonNode.Parse(await anonymous.GetStringAsync($"{Path}/{number}/verification"))!;
        pending["state"]!.GetValue<string>().Should().Be("not-handed-over");
        pending["validToday"]!.GetValue<bool>().Should().BeFalse();

        etag = await ExpectAsync(clerk.SendActionAsync(id, "mark-ready", etag), HttpStatusCode.OK);
        JsonNode.Parse(await clerk.GetStringAsync($"{Path}/applications/{id}/recipient"))!["receivedBy"].Should().BeNull("nobody is recorded yet");
        await (await clerk.SendActionAsync(id, "issue", etag, HandOver)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "weapon-recipient-not-recorded");

        var noAttorney = await PutAsync(clerk, $"{Path}/applications/{id}/recipient", etag, new { receivedBy = "proxy", proxy = new { fullName = "Ахметов Серік" } });
        (await noAttorney.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("proxy.powerOfAttorney.number", out _).Should().BeTrue();
        etag = await ExpectAsync(PutAsync(clerk, $"{Path}/applications/{id}/recipient", etag, new
        {
            receivedBy = "proxy",
            proxy = new { fullName = "Ахметов Серік", iin = TestIins.Next(), powerOfAttorney = new { number = "СН-2026-114", issuedOn = "2026-03-01", validUntil = "2027-03-01", issuedBy = "Нотариус Омарова" } },
        }), HttpStatusCode.OK);
        // §10: the permit is handed over at the unit's reception sessions only (Tuesday 09:00–13:00 and 18:00–20:00 here).
        factory.Clock.Reset(Morning + Duration.FromMinutes(210));
        clerk = await factory.CreateClientAsAsync(Clerk);
        var closed = await (await clerk.SendActionAsync(id, "issue", etag, HandOver)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "outside-issuance-window");
        closed.GetProperty("source").GetString().Should().Be("reception");
        closed.GetProperty("nextWindow").GetProperty("local").GetString().Should().Be("2026-03-10 18:00–20:00");
        closed.GetProperty("nextWindow").GetProperty("from").GetString().Should().Be("2026-03-10T13:00:00Z");
        factory.Clock.Reset(Instant.FromUtc(2026, 3, 10, 13, 0));
        clerk = await factory.CreateClientAsAsync(Clerk);
        var recipient = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/applications/{id}/recipient"))!;
        recipient["receivedBy"]!.GetValue<string>().Should().Be("proxy");
        recipient["powerOfAttorney"]!["number"]!.GetValue<string>().Should().Be("СН-2026-114");
        await ExpectAsync(clerk.SendActionAsync(id, "issue", etag, HandOver), HttpStatusCode.OK);

        // Who owns serial X: make and serial compared without case or spaces.
        var unit = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/units?make=иж%2027&serial={serial.ToLowerInvariant()}"))!;
        unit["ownerId"]!.GetValue<string>().Should().Be(iin);
        unit["type"]!.GetValue<string>().Should().Be("smooth-bore");
        unit["registrationNumber"]!.GetValue<string>().Should().MatchRegex(@"^WR26-\d{7}$");
        unit["history"]!.AsArray().Select(h => h!["event"]!.GetValue<string>()).Should().Equal("registered", "permit-issued");
        unit["permits"]!.AsArray().Single()!["number"]!.GetValue<string>().Should().Be(number);

        // What person Y holds.
        var holder = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/holders/{iin}"))!;
        holder["units"]!.AsArray().Should().ContainSingle();
        var permit = holder["permits"]!.AsArray().Single()!;
        permit["issuedOn"]!.GetValue<string>().Should().Be("2026-03-10");
        permit["validUntil"]!.GetValue<string>().Should().Be("2031-03-10");
        permit["receivedBy"]!.GetValue<string>().Should().Be("proxy");
        permit["powerOfAttorneyNumber"]!.GetValue<string>().Should().Be("СН-2026-114");

        var verified = await anonymous.GetStringAsync($"{Path}/{number}/verification");
        var verification = JsonNode.Parse(verified)!;
        verification["validToday"]!.GetValue<bool>().Should().BeTrue();
        verification["kind"]!.GetValue<string>().Should().Be("storage-carry-permit");
        verification["validUntil"]!.GetValue<string>().Should().Be("2031-03-10");
        verified.Should().NotContain(iin).And.NotContain(serial).And.NotContain("Ахметов");
        JsonNode.Parse(await anonymous.GetStringAsync($"{Path}/{unit["registrationNumber"]!.GetValue<string>()}/verification"))!["kind"]!.GetValue<string>().Should().Be("unit-registration");
        await (await anonymous.GetAsync($"{Path}/WP26-9999999/verification")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "weapon-permit-not-found");

        // §18.2: voluntary renunciation ends the permit.
        var renounced = await clerk.PostAsJsonAsync($"{Path}/permits/{number}/renunciation", new { });
        renounced.StatusCode.Should().Be(HttpStatusCode.OK, await renounced.Content.ReadAsStringAsync());
        JsonNode.Parse(await anonymous.GetStringAsync($"{Path}/{number}/verification"))!["state"]!.GetValue<string>().Should().Be("renounced");
        await (await clerk.PostAsJsonAsync($"{Path}/permits/{number}/renunciation", new { })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "weapon-permit-not-renounceable");
    }

    [Theory]
    [InlineData("7.5", "4.5", "low-energy-pneumatic-weapon")]
    [InlineData("7.51", "4.5", null)]
    [InlineData("7.5", "4.6", null)]
    public async Task A_pneumatic_unit_is_exempt_from_the_unit_duty_only_within_both_limits(string energy, string calibre, string? exemption)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var unit = Unit("PN" + Guid.NewGuid().ToString("N")[..8], "pneumatic", "sport");
        unit["muzzleEnergyJ"] = decimal.Parse(energy, System.Globalization.CultureInfo.InvariantCulture);
        unit["calibreMm"] = decimal.Parse(calibre, System.Globalization.CultureInfo.InvariantCulture);
        var (id, etag, submitted) = await SubmitAsync(clerk, Intake("unit-registration", TestIins.Next(), unit, StorageDocuments));
        var fees = submitted["application"]!["fees"]!;
        fees["exemption"]?.GetValue<string>().Should().Be(exemption);
        submitted["application"]!["moduleData"]!["unitFeeExemption"]?.GetValue<string>().Should().Be(exemption);
        fees["totalDue"]!.GetValue<decimal>().Should().Be(432.50m, "the item is listed; the exemption settles it");
        fees["settled"]!.GetValue<bool>().Should().Be(exemption is not null);

        etag = await ReadyForDecisionAsync(clerk, id, etag);
        var approve = await clerk.SendActionAsync(id, "approve", etag);
        if (exemption is null)
        {
            await approve.ShouldBeProblemAsync(HttpStatusCode.Conflict, "fee-unpaid");
            return;
        }

        approve.StatusCode.Should().Be(HttpStatusCode.OK, await approve.Content.ReadAsStringAsync());
        var number = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!["resultReference"]!.GetValue<string>();
        number.Should().MatchRegex(@"^WR26-\d{7}$");
        JsonNode.Parse(await factory.CreateClient().GetStringAsync($"{Path}/{number}/verification"))!["validToday"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_keep_permit_for_an_exempt_unit_pays_only_the_permit()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var (_, _, submitted) = await SubmitAsync(clerk, Intake("storage-permit", TestIins.Next(), Unit("SG" + Guid.NewGuid().ToString("N")[..8], "signal", "sport"), StorageDocuments));
        var fees = submitted["application"]!["fees"]!;
        fees["items"]!.AsArray().Select(i => i!["item"]!.GetValue<string>()).Should().Equal("storage-permit-individual");
        fees["totalDue"]!.GetValue<decimal>().Should().Be(2162.50m);
        submitted["application"]!["moduleData"]!["unitFeeExemption"]!.GetValue<string>().Should().Be("signal-weapon");
    }

    [Fact]
    public async Task A_serial_of_one_make_registers_once_even_when_two_approvals_race()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var serial = "RC" + Guid.NewGuid().ToString("N")[..8];
        var exempt = Unit(serial, "barrel-less", "self-defence");
        var (first, firstEtag, _) = await SubmitAsync(clerk, Intake("unit-registration", TestIins.Next(), (JsonObject)exempt.DeepClone(), StorageDocuments));
        var (second, secondEtag, _) = await SubmitAsync(clerk, Intake("unit-registration", TestIins.Next(), (JsonObject)exempt.DeepClone(), StorageDocuments));
        firstEtag = await ReadyForDecisionAsync(clerk, first, firstEtag);
        secondEtag = await ReadyForDecisionAsync(clerk, second, secondEtag);

        var other = await factory.CreateClientAsAsync(Clerk);
        var answers = await Task.WhenAll(clerk.SendActionAsync(first, "approve", firstEtag), other.SendActionAsync(second, "approve", secondEtag));
        answers.Select(a => a.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBeProblemAsync(HttpStatusCode.Conflict, "weapon-already-registered");

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        (await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM weapons.units WHERE serial = @serial", new { serial })).Should().Be(1);

        // Once registered, a new registration of the same make and serial is refused at intake.
        var again = Unit(" " + serial.ToLowerInvariant() + " ", "barrel-less", "self-defence");
        again["make"] = "ИЖ27";
        var refused = await clerk.PostAsJsonAsync($"{Path}/applications", Intake("unit-registration", TestIins.Next(), (JsonObject)again.DeepClone(), StorageDocuments));
        await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "weapon-already-registered");

        // Re-registration to a new owner keeps one unit and adds to its history.
        var buyer = TestIins.Next();
        var transfer = Intake("unit-registration", buyer, again, StorageDocuments);
        transfer["reRegistration"] = true;
        var (id, etag, _) = await SubmitAsync(clerk, transfer);
        etag = await ReadyForDecisionAsync(clerk, id, etag);
        await ExpectAsync(clerk.SendActionAsync(id, "approve", etag), HttpStatusCode.OK);
        var unit = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/units?make=Иж 27&serial={serial}"))!;
        unit["ownerId"]!.GetValue<string>().Should().Be(buyer);
        unit["history"]!.AsArray().Select(h => h!["event"]!.GetValue<string>()).Should().Equal("registered", "re-registered");
    }

    [Theory]
    // Born 10 March 2008 is 18 today; born 11 March 2008 is 18 tomorrow.
    [InlineData("storage-carry-permit", "individual", "080310", null)]
    [InlineData("storage-carry-permit", "individual", "080311", "applicant-too-young")]
    [InlineData("service-storage-carry-permit", "security-employee", "050310", null)]
    [InlineData("service-storage-carry-permit", "security-employee", "050311", "applicant-too-young")]
    public async Task The_age_is_judged_to_the_day(string subType, string kind, string born, string? ground)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var iin = TestIins.Next(born, '5');
        var serial = "AG" + Guid.NewGuid().ToString("N")[..8];
        var body = subType == "storage-carry-permit"
            ? Intake(subType, iin, Unit(serial, "smooth-bore", "hunting"), StorageDocuments)
            : Intake(subType, iin, Unit(serial, "smooth-bore", "service", "service"), EmployeeDocuments, kind: kind, applicantType: "employee-storage-carry");
        if (subType != "storage-carry-permit")
        {
            body["employerBin"] = "050540000018";
        }

        var (_, _, submitted) = await SubmitAsync(clerk, body);
        Grounds(submitted).Should().Equal(ground is null ? Array.Empty<string>() : new[] { ground });
    }

    public static TheoryData<string, string, string> Findings => new()
    {
        // case, a change of the typed body, the refusal ground found at submission
        { "no permanent address", """{"permanentAddress":null}""", "no-residential-address" },
        { "inspector found no safe", """{"storageConditionsConfirmed":false}""", "no-storage-conditions" },
        { "design altered", """{"unit":{"serial":"X","make":"Иж 27","type":"smooth-bore","category":"civilian","purpose":"self-defence","designChangesAlterBallistics":true}}""", "design-changes" },
        { "forensic non-compliance", """{"unit":{"serial":"X","make":"Иж 27","type":"smooth-bore","category":"civilian","purpose":"self-defence","technicallyNonCompliant":true}}""", "weapon-non-compliant" },
    };

    [Theory]
    [MemberData(nameof(Findings))]
    public async Task A_rule_of_18_is_recorded_at_submission_by_its_code_and_stops_approval(string name, string change, string ground)
    {
        _ = name;
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var body = Acquisition(TestIins.Next(), "smooth-bore", "self-defence");
        foreach (var (key, value) in JsonNode.Parse(change)!.AsObject())
        {
            body[key] = value?.DeepClone();
        }

        var (id, etag, submitted) = await SubmitAsync(clerk, body);
        Grounds(submitted).Should().Equal(ground);
        submitted["application"]!["eligibilityFindings"]![0]!["explanation"]!["en"]!.GetValue<string>().Should().Contain("§18");

        etag = await ReadyForDecisionAsync(clerk, id, etag);
        (await (await clerk.SendActionAsync(id, "approve", etag)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed"))
            .GetProperty("refusalGrounds").EnumerateArray().Select(g => g.GetString()).Should().Equal(ground);
        etag = await ETagAsync(clerk, id);
        await ExpectAsync(clerk.SendActionAsync(id, "refuse", etag, new { grounds = new[] { ground }, explanation = "§18" }), HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_employee_without_the_dynamo_certificate_has_not_proven_safety_knowledge()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var body = Intake("service-storage-carry-permit", TestIins.Next(), Unit("EM" + Guid.NewGuid().ToString("N")[..8], "smooth-bore", "service", "service"),
            [.. EmployeeDocuments.Where(d => d != "dynamo-safety-certificate")], kind: "special-task-employee", applicantType: "employee-storage-carry");
        body["employerBin"] = "050540000018";
        var (_, _, submitted) = await SubmitAsync(clerk, body);
        Grounds(submitted).Should().Equal("safety-knowledge-not-proven");
    }

    [Theory]
    [InlineData("2023-03-10", null)]
    [InlineData("2023-03-11", "legal-restriction")]
    public async Task A_rifled_hunting_weapon_needs_three_years_of_smooth_bore_use(string issuedOn, string? ground)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var body = Acquisition(TestIins.Next(), "rifled", "hunting", "hunting-licence", "smooth-bore-experience-permit");
        body["smoothBorePermit"] = new JsonObject { ["number"] = "WP20-0000001", ["issuedOn"] = issuedOn };
        var (_, _, submitted) = await SubmitAsync(clerk, body);
        Grounds(submitted).Should().Equal(ground is null ? Array.Empty<string>() : new[] { ground });
    }

    [Theory]
    [InlineData("smooth-bore", "hunting", "hunting-licence")]
    [InlineData("rifled", "hunting", "smooth-bore-experience-permit")]
    public async Task A_missing_conditional_document_is_a_field_error_of_18_1(string type, string purpose, string missing)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        string[] extra = type == "rifled" ? ["hunting-licence"] : [];
        var body = Acquisition(TestIins.Next(), type, purpose, extra);
        body["smoothBorePermit"] = new JsonObject { ["number"] = "WP20-0000001", ["issuedOn"] = "2020-01-01" };
        var response = await clerk.PostAsJsonAsync($"{Path}/applications", body);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        problem.GetProperty("errors").GetProperty("documents").ToString().Should().Contain(missing).And.Contain("§18.1");
    }

    [Fact]
    public async Task Military_staff_need_no_medical_report_and_others_do()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var without = Acquisition(TestIins.Next(), "gas", "self-defence");
        without["documents"] = new JsonArray([.. AcquisitionDocuments.Where(d => d != "medical-report").Select(d => (JsonNode)d!)]);
        await (await clerk.PostAsJsonAsync($"{Path}/applications", without)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "documents-missing");

        without["militaryOrSpecialRank"] = true;
        (await clerk.PostAsJsonAsync($"{Path}/applications", without)).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_foreigner_may_ask_only_for_gas_or_barrel_less_weapons_through_the_mission()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var body = Acquisition(TestIins.Next(), "smooth-bore", "self-defence");
        body["applicant"]!["citizenship"] = "RU";
        var problem = await (await clerk.PostAsJsonAsync($"{Path}/applications", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        problem.GetProperty("errors").TryGetProperty("unit.type", out _).Should().BeTrue();
        problem.GetProperty("errors").TryGetProperty("missionPetition", out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("convicted", "conviction-not-expunged")]
    [InlineData("offender", "repeated-administrative-offences")]
    public async Task An_agency_answer_names_its_ground_at_decision(string who, string ground)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var (id, etag, submitted) = await SubmitAsync(clerk, Acquisition(who == "convicted" ? ConvictedIin : OffenderIin, "gas", "self-defence"));
        Grounds(submitted).Should().BeEmpty();
        etag = await ReadyForDecisionAsync(clerk, id, etag);
        (await (await clerk.SendActionAsync(id, "approve", etag)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed"))
            .GetProperty("refusalGrounds").EnumerateArray().Select(g => g.GetString()).Should().Equal(ground);
    }

    [Fact]
    public async Task An_unanswered_check_blocks_approval()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var (id, etag, _) = await SubmitAsync(clerk, Acquisition(SilentIin, "gas", "self-defence"));
        etag = await ExpectAsync(clerk.SendActionAsync(id, "start-review", etag), HttpStatusCode.OK);
        var approveUnasked = await clerk.SendActionAsync(id, "approve", etag);
        await approveUnasked.ShouldBeProblemAsync(HttpStatusCode.Conflict, "external-check-unanswered");

        var run = await PostAsync(clerk, $"{Path}/applications/{id}/external-checks", etag);
        run.StatusCode.Should().Be(HttpStatusCode.OK, await run.Content.ReadAsStringAsync());
        var view = JsonNode.Parse(await run.Content.ReadAsStringAsync())!;
        view["unansweredChecks"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("criminal-record");
        etag = run.Headers.ETag!.ToString();
        await (await clerk.SendActionAsync(id, "approve", etag)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "external-check-unanswered");
    }

    [Theory]
    [InlineData("documents-missing")]
    [InlineData("permit-renounced")]
    [InlineData("legal-restriction")]
    public async Task The_clerk_may_refuse_on_any_ground_of_18(string ground)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var (id, etag, _) = await SubmitAsync(clerk, Acquisition(TestIins.Next(), "gas", "self-defence"));
        etag = await ExpectAsync(clerk.SendActionAsync(id, "start-review", etag), HttpStatusCode.OK);
        await ExpectAsync(clerk.SendActionAsync(id, "refuse", etag, new { grounds = new[] { ground }, explanation = "§18" }), HttpStatusCode.OK);
        JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!["refusal"]!["grounds"]!.AsArray().Select(g => g!.GetValue<string>()).Should().Equal(ground);
    }

    [Fact]
    public async Task An_integrator_reads_the_register_only_with_the_weapon_scope()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var serial = "SC" + Guid.NewGuid().ToString("N")[..8];
        var (id, etag, _) = await SubmitAsync(clerk, Intake("unit-registration", TestIins.Next(), Unit(serial, "signal", "sport"), StorageDocuments));
        etag = await ReadyForDecisionAsync(clerk, id, etag);
        await ExpectAsync(clerk.SendActionAsync(id, "approve", etag), HttpStatusCode.OK);

        var entitled = factory.CreateClient();
        entitled.DefaultRequestHeaders.Authorization = new("Bearer", await factory.TokenAsync("client:egov-portal weapon-registration:read"));
        (await entitled.GetAsync($"{Path}/units?make=Иж 27&serial={serial}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var other = factory.CreateClient();
        other.DefaultRequestHeaders.Authorization = new("Bearer", await factory.TokenAsync("client:egov-portal driver-licence:read"));
        await (await other.GetAsync($"{Path}/units?make=Иж 27&serial={serial}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "weapon-not-found");
    }

    [Fact]
    public async Task A_security_company_gets_its_service_weapon_licence_without_agency_checks_on_the_organisation()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var bin = TestBins.Next();
        var body = Intake("service-acquisition-licence", bin, new JsonObject { ["type"] = "rifled", ["category"] = "service", ["purpose"] = "service" },
            ["application", "tax-registration-copy", "licence-fee-proof", "security-licence", "storage-room-act", "responsible-person-order", "weapons-list"],
            "security-company", null, Receipt("acquisition-licence-legal-entity", 12975m));
        body["applicant"] = new JsonObject { ["kind"] = "legal-entity", ["bin"] = bin, ["organisationName"] = "ТОО «Қалқан-Күзет»", ["phone"] = "+77172123456", ["language"] = "ru" };
        body.Remove("permanentAddress");
        body.Remove("unit"); // a licence to acquire names no unit yet
        body["storageConditionsConfirmed"] = true;
        var (id, etag, submitted) = await SubmitAsync(clerk, body);
        var application = submitted["application"]!;
        application["applicantType"]!.GetValue<string>().Should().Be("legal-entity-acquisition", "§13");
        application["fees"]!["totalDue"]!.GetValue<decimal>().Should().Be(12975.00m, "the licence fee is 3 MCI of 4 325 KZT");
        Grounds(submitted).Should().BeEmpty();

        etag = await ReadyForDecisionAsync(clerk, id, etag);
        var checks = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/applications/{id}/checks"))!;
        checks["checks"]!.AsArray().Should().BeEmpty("§13: the agencies are asked about persons, not about an organisation");
        checks["unansweredChecks"]!.AsArray().Should().BeEmpty();
        await ExpectAsync(clerk.SendActionAsync(id, "approve", etag), HttpStatusCode.OK);
        var approved = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!;
        approved["status"]!.GetValue<string>().Should().Be("approved");
        approved["applicant"]!["bin"]!.GetValue<string>().Should().Be(bin);
    }

    [Fact]
    public async Task The_generic_route_cannot_skip_the_sub_type()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var response = await clerk.PostAsJsonAsync("/api/v1/applications", new
        {
            service = "weapon-registration",
            officeId = Office,
            applicantType = "individual-acquisition",
            applicant = Applicant(TestIins.Next()),
            documents = AcquisitionDocuments,
            feeItems = new[] { "acquisition-permit-individual" },
            moduleData = new { applicantKind = "individual" },
        });
        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("subType", out _).Should().BeTrue();
    }

    private static string[] Grounds(JsonNode submitted) =>
        [.. submitted["application"]!["eligibilityFindings"]!.AsArray().Select(f => f!["refusalGround"]!.GetValue<string>())];

    private static JsonObject Applicant(string iin) => new()
    {
        ["kind"] = "individual",
        ["iin"] = iin,
        ["lastName"] = "Ахметов",
        ["firstName"] = "Серік",
        ["citizenship"] = "KZ",
        ["phone"] = "+77011234567",
        ["language"] = "kk",
    };

    private static JsonObject Unit(string serial, string type, string purpose, string category = "civilian") => new()
    {
        ["serial"] = serial,
        ["make"] = "Иж 27",
        ["model"] = "27М",
        ["type"] = type,
        ["category"] = category,
        ["purpose"] = purpose,
    };

    private static JsonObject Receipt(string item, decimal amount) => new()
    {
        ["item"] = item,
        ["bank"] = "Halyk Bank",
        ["receiptNumber"] = "H-" + Guid.NewGuid().ToString("N")[..12],
        ["paidOn"] = "2026-03-10",
        ["amount"] = amount,
    };

    private static JsonObject Intake(string subType, string iin, JsonObject unit, string[] documents, params JsonObject[] receipts) =>
        Intake(subType, iin, unit, documents, "individual", null, receipts);

    private static JsonObject Intake(string subType, string iin, JsonObject unit, string[] documents, string kind, string? applicantType, params JsonObject[] receipts)
    {
        _ = applicantType;
        return new JsonObject
        {
            ["officeId"] = Office,
            ["subType"] = subType,
            ["applicantKind"] = kind,
            ["applicant"] = Applicant(iin),
            ["unit"] = unit,
            ["permanentAddress"] = "Астана, Бейбітшілік к-сі, 10",
            ["documents"] = new JsonArray([.. documents.Select(d => (JsonNode)d!)]),
            ["receipts"] = new JsonArray([.. receipts]),
        };
    }

    /// <summary>A citizen's permit to buy (§12 first list), the duty paid (50 % of the MCI).</summary>
    private static JsonObject Acquisition(string iin, string type, string purpose, params string[] extraDocuments)
    {
        var body = Intake("acquisition-permit", iin, new JsonObject { ["type"] = type, ["category"] = "civilian", ["purpose"] = purpose },
            [.. AcquisitionDocuments, .. extraDocuments], Receipt("acquisition-permit-individual", 2162.50m));
        body["storageConditionsConfirmed"] = true;
        return body;
    }

    private async Task<(string Id, string ETag, JsonNode Body)> SubmitAsync(HttpClient clerk, JsonObject body)
    {
        _ = factory;
        var response = await clerk.PostAsJsonAsync($"{Path}/applications", body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        var node = JsonNode.Parse(text)!;
        return (node["application"]!["id"]!.GetValue<string>(), response.Headers.ETag!.ToString(), node);
    }

    /// <summary>In review, with the agencies asked.</summary>
    private static async Task<string> ReadyForDecisionAsync(HttpClient clerk, string id, string etag)
    {
        etag = await ExpectAsync(clerk.SendActionAsync(id, "start-review", etag), HttpStatusCode.OK);
        return await ExpectAsync(PostAsync(clerk, $"{Path}/applications/{id}/external-checks", etag), HttpStatusCode.OK);
    }

    private static async Task<string> ETagAsync(HttpClient clerk, string id) =>
        (await clerk.GetAsync($"/api/v1/applications/{id}")).Headers.ETag!.ToString();

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string path, string etag, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    private static async Task<string> ExpectAsync(Task<HttpResponseMessage> sending, HttpStatusCode status)
    {
        var response = await sending;
        response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag?.ToString() ?? "";
    }
}
