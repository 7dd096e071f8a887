using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Applications;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Kernel.Data;
using Kazgov.Tests;
using NodaTime;
using Npgsql;

namespace Kazgov.Api.Tests.Vehicles;

/// <summary>
/// A host whose stand-in for the registers of §17.3 answers by VIN: one vehicle wanted, one under
/// arrest, one with a registration ban, one nobody answers for; short Polly timeouts.
/// </summary>
public sealed class VehicleApiFactory() : KazgovApiFactory(new Dictionary<string, string?>
{
    ["Vehicles:ExternalChecks:Timeout"] = "00:00:00.300",
    ["Vehicles:ExternalChecks:MaxRetryAttempts"] = "1",
    ["Vehicles:ExternalChecks:RetryDelay"] = "00:00:00.010",
    ["Vehicles:ExternalChecks:Fake:DefaultAnswer"] = "clear",
    [$"Vehicles:ExternalChecks:Fake:Answers:{VehicleRegistrationTests.WantedVin}:wanted"] = "found:traffic-participation-prohibited",
    [$"Vehicles:ExternalChecks:Fake:Answers:{VehicleRegistrationTests.ArrestedVin}:arrest"] = "found:traffic-participation-prohibited",
    [$"Vehicles:ExternalChecks:Fake:Answers:{VehicleRegistrationTests.BannedVin}:registration-ban"] = "found:traffic-participation-prohibited",
    [$"Vehicles:ExternalChecks:Fake:Answers:{VehicleRegistrationTests.SilentVin}:wanted"] = "never",
});

/// <summary>vehicle-registration (standard 8) and proxy-driver-registration (standard 9) end to end through /api/v1/vehicles, at the Almaty road police.</summary>
/// <remarks>At the Almaty road police (plates of region 02): the lifecycle tests count the Astana unit's applications.</remarks>
[Collection(ApiCollection.Name)]
public sealed class VehicleRegistrationTests(VehicleApiFactory factory) : IAsyncLifetime
{
    public const string WantedVin = "WVWZZZ1JZXW100001";
    public const string ArrestedVin = "WVWZZZ1JZXW100002";
    public const string BannedVin = "WVWZZZ1JZXW100003";
    public const string SilentVin = "WVWZZZ1JZXW100004";

    private const string Office = "road-police-almaty-city-bd174b4d";
    private const string Clerk = "clerk.almaty";
    private const string Path = "/api/v1/vehicles";

    // Tuesday 10 March 2026, 10:00 in Almaty; the MCI of 2026 is 4 325 KZT.
    private static readonly Instant Morning = Instant.FromUtc(2026, 3, 10, 5, 0);

    // 12:30 the same day: inside the first hand-over window (§7 note).
    private static readonly Instant Noon = Instant.FromUtc(2026, 3, 10, 7, 30);

    private static readonly string[] IndividualDocuments = ["application-form", "identity-document", "duty-and-payment-receipts", "vehicle", "ownership-documents"];

    private static readonly object HandOver = new { receivedBy = "Ахметов Серік", identityDocument = "ЖК 012345678", signatureTaken = true };

    private static int _vinSerial = Random.Shared.Next(100_000, 800_000);

    public Task InitializeAsync()
    {
        factory.Clock.Reset(Morning);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A fresh European VIN (no check digit required), unique in the test run.</summary>
    private static string NextVin() => "XTA21099" + Interlocked.Increment(ref _vinSerial).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_car_is_registered_with_a_plate_of_the_office_region_and_handed_over_in_a_window_against_signature()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var iin = TestIins.Next();
        var vin = NextVin();
        var (id, etag, submitted) = await SubmitAsync(clerk, Registration(iin, vin, "car",
            Receipt("registration-certificate", 5406.25m), Receipt("plate-car", 12110m), Receipt("registration", 1081.25m)));
        var fees = submitted["application"]!["fees"]!;
        fees["totalDue"]!.GetValue<decimal>().Should().Be(18597.50m, "125 % + 280 % + 25 % of the MCI of 4 325 KZT (§8)");
        fees["settled"]!.GetValue<bool>().Should().BeTrue();
        submitted["application"]!["dueAt"]!.GetValue<string>().Should().Be("2026-03-10T12:00:00Z", "6 working hours from 10:00 without the lunch hour (§7.1): 17:00 local time");
        submitted["application"]!["moduleData"]!["registrationChannel"]!.GetValue<string>().Should().Be("road-police");

        etag = await ReadyForDecisionAsync(clerk, id, etag);
        etag = await ExpectAsync(clerk.SendActionAsync(id, "approve", etag), HttpStatusCode.OK);
        var certificate = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!["resultReference"]!.GetValue<string>();
        certificate.Should().MatchRegex(@"^RC26\d{8}$");
        var outcome = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/applications/{id}/outcome"))!;
        var plate = outcome["plate"]!.GetValue<string>();
        plate.Should().MatchRegex("^[0-9]{3}[ABCDEFGHJKLMNPRSTUVWXYZ]{3}02$", "a person's plate of Almaty (region 02)");
        outcome["plateDisplay"]!.GetValue<string>().Should().Be($"{plate[..3]} {plate[3..6]} 02");
        outcome["certificateNumber"]!.GetValue<string>().Should().Be(certificate);

        // §7 note: handed over only 12:00–13:00 and 17:00–18:00.
        etag = await ExpectAsync(clerk.SendActionAsync(id, "mark-ready", etag), HttpStatusCode.OK);
        var early = await (await clerk.SendActionAsync(id, "issue", etag, HandOver)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "outside-issuance-window");
        early.GetProperty("nextWindow").GetProperty("local").GetString().Should().Be("2026-03-10 12:00–13:00");
        factory.Clock.Reset(Noon);
        clerk = await factory.CreateClientAsAsync(Clerk);
        await ExpectAsync(clerk.SendActionAsync(id, "issue", etag, HandOver), HttpStatusCode.OK);

        // Whose is VIN X / plate Y, with the history.
        var byVin = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/register?vin={vin.ToLowerInvariant()}"))!;
        byVin["ownerId"]!.GetValue<string>().Should().Be(iin);
        byVin["plate"]!.GetValue<string>().Should().Be(plate);
        byVin["status"]!.GetValue<string>().Should().Be("registered");
        byVin["history"]!.AsArray().Select(h => h!["event"]!.GetValue<string>()).Should().Equal("registered", "handed-over");
        var byPlate = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/register?plate={Uri.EscapeDataString(plate[..3] + " " + plate[3..6] + " 02")}"))!;
        byPlate["vin"]!.GetValue<string>().Should().Be(vin);
        JsonNode.Parse(await clerk.GetStringAsync($"{Path}/owners/{iin}"))!["vehicles"]!.AsArray().Should().ContainSingle();

        // Public verification: registered, without the owner.
        var anonymous = factory.CreateClient();
        foreach (var number in new[] { plate, certificate })
        {
            var text = await anonymous.GetStringAsync($"{Path}/{number}/verification");
            JsonNode.Parse(text)!["state"]!.GetValue<string>().Should().Be("registered");
            text.Should().NotContain(iin).And.NotContain(vin);
        }

        JsonNode.Parse(await anonymous.GetStringAsync($"{Path}/999ZZZ16/verification"))!["state"]!.GetValue<string>().Should().Be("unknown");
    }

    [Fact]
    public async Task A_new_owner_re_registers_the_vehicle_keeping_its_plate_and_the_old_certificate_verifies_as_replaced()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var seller = TestIins.Next();
        var vin = NextVin();
        var (certificate, plate) = await RegisteredAsync(clerk, seller, vin, "car");

        var buyer = TestIins.Next();
        var body = ReRegistration("re-registration-owner-change", buyer, certificate, Receipt("registration-certificate", 5406.25m), Receipt("registration", 1081.25m));
        var (id, etag, submitted) = await SubmitAsync(clerk, body);
        submitted["application"]!["fees"]!["totalDue"]!.GetValue<decimal>().Should().Be(6487.50m, "a new certificate and ¼ MCI; the plate stays (§8)");
        submitted["application"]!["moduleData"]!["previousOwnerId"]!.GetValue<string>().Should().Be(seller);
        etag = await ReadyForDecisionAsync(clerk, id, etag);
        await ExpectAsync(clerk.SendActionAsync(id, "approve", etag), HttpStatusCode.OK);

        var vehicle = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/register?vin={vin}"))!;
        vehicle["ownerId"]!.GetValue<string>().Should().Be(buyer);
        vehicle["plate"]!.GetValue<string>().Should().Be(plate);
        vehicle["certificateNumber"]!.GetValue<string>().Should().NotBe(certificate);
        vehicle["history"]!.AsArray().Select(h => h!["event"]!.GetValue<string>()).Should().Equal("registered", "handed-over", "owner-changed");
        vehicle["history"]![2]!["details"]!.GetValue<string>().Should().Contain(seller);
        var anonymous = factory.CreateClient();
        JsonNode.Parse(await anonymous.GetStringAsync($"{Path}/{certificate}/verification"))!["state"]!.GetValue<string>().Should().Be("replaced");

        // The old owner can no longer act on the vehicle.
        var again = await clerk.PostAsJsonAsync($"{Path}/applications", ReRegistration("duplicate-certificate", seller, vehicle["certificateNumber"]!.GetValue<string>(), Receipt("registration-certificate", 5406.25m)));
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "not-the-registered-owner");
    }

    [Fact]
    public async Task A_change_of_data_with_a_new_plate_returns_the_old_plate_which_is_never_issued_again()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var owner = TestIins.Next();
        var vin = NextVin();
        var (certificate, plate) = await RegisteredAsync(clerk, owner, vin, "car");
        var body = ReRegistration("re-registration-data-change", owner, certificate,
            Receipt("registration-certificate", 5406.25m), Receipt("plate-car", 12110m), Receipt("registration", 1081.25m));
        body["newPlate"] = true;
        body["vehicle"] = Vehicle(vin, "car");
        body["vehicle"]!["colour"] = "қызыл";
        var (id, etag, _) = await SubmitAsync(clerk, body);
        etag = await ReadyForDecisionAsync(clerk, id, etag);
        await ExpectAsync(clerk.SendActionAsync(id, "approve", etag), HttpStatusCode.OK);

        var vehicle = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/register?vin={vin}"))!;
        vehicle["colour"]!.GetValue<string>().Should().Be("қызыл");
        vehicle["plate"]!.GetValue<string>().Should().NotBe(plate);
        vehicle["history"]!.AsArray().Last()!["details"]!.GetValue<string>().Should().Contain("colour: ақ → қызыл");
        JsonNode.Parse(await factory.CreateClient().GetStringAsync($"{Path}/{plate}/verification"))!["state"]!.GetValue<string>().Should().Be("deregistered");
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        (await connection.ExecuteScalarAsync<string>("SELECT status FROM vehicles.plates WHERE number = @plate", new { plate })).Should().Be("returned");
    }

    [Fact]
    public async Task Deregistration_charges_nothing_and_the_plate_and_certificate_then_verify_as_deregistered()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var owner = TestIins.Next();
        var (certificate, plate) = await RegisteredAsync(clerk, owner, NextVin(), "motorcycle");
        var (id, etag, submitted) = await SubmitAsync(clerk, ReRegistration("deregistration", owner, certificate));
        submitted["application"]!["fees"]!["totalDue"]!.GetValue<decimal>().Should().Be(0m, "§8 names no duty for deregistration");
        submitted["application"]!["fees"]!["settled"]!.GetValue<bool>().Should().BeTrue();
        etag = await ReadyForDecisionAsync(clerk, id, etag);
        await ExpectAsync(clerk.SendActionAsync(id, "approve", etag), HttpStatusCode.OK);
        var anonymous = factory.CreateClient();
        JsonNode.Parse(await anonymous.GetStringAsync($"{Path}/{certificate}/verification"))!["state"]!.GetValue<string>().Should().Be("deregistered");
        JsonNode.Parse(await anonymous.GetStringAsync($"{Path}/{plate}/verification"))!["state"]!.GetValue<string>().Should().Be("deregistered");
    }

    [Fact]
    public async Task Transit_plates_are_their_own_series_and_a_duplicate_certificate_replaces_the_old_one()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var owner = TestIins.Next();
        var vin = NextVin();
        var body = Registration(owner, vin, "truck", Receipt("plate-transit", 1513.75m));
        body["subType"] = "transit-plates";
        var (id, etag, submitted) = await SubmitAsync(clerk, body);
        submitted["application"]!["fees"]!["totalDue"]!.GetValue<decimal>().Should().Be(1513.75m, "35 % of the MCI (§8)");
        etag = await ReadyForDecisionAsync(clerk, id, etag);
        await ExpectAsync(clerk.SendActionAsync(id, "approve", etag), HttpStatusCode.OK);
        var transit = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/applications/{id}/outcome"))!["transitPlate"]!.GetValue<string>();
        transit.Should().MatchRegex("^[0-9]{4}TR02$");
        var verified = JsonNode.Parse(await factory.CreateClient().GetStringAsync($"{Path}/{transit}/verification"))!;
        verified["kind"]!.GetValue<string>().Should().Be("transit-plate");

        var (certificate, plate) = await RegisteredAsync(clerk, owner, vin, "truck");
        plate.Should().MatchRegex("^[0-9]{3}[A-Z]{3}02$");
        var (dupId, dupEtag, dup) = await SubmitAsync(clerk, ReRegistration("duplicate-certificate", owner, certificate, Receipt("registration-certificate", 5406.25m)));
        dup["application"]!["fees"]!["totalDue"]!.GetValue<decimal>().Should().Be(5406.25m);
        dupEtag = await ReadyForDecisionAsync(clerk, dupId, dupEtag);
        await ExpectAsync(clerk.SendActionAsync(dupId, "approve", dupEtag), HttpStatusCode.OK);
        var vehicle = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/register?plate={plate}"))!;
        vehicle["certificateNumber"]!.GetValue<string>().Should().NotBe(certificate);
        vehicle["history"]!.AsArray().Select(h => h!["event"]!.GetValue<string>()).Should().Equal("registered", "handed-over", "duplicate-certificate");
        JsonNode.Parse(await factory.CreateClient().GetStringAsync($"{Path}/{certificate}/verification"))!["state"]!.GetValue<string>().Should().Be("replaced");
    }

    [Fact]
    public async Task Parallel_approvals_never_give_the_same_plate()
    {
        const int count = 16;
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var ready = new List<(string Id, string ETag)>();
        for (var i = 0; i < count; i++)
        {
            var (id, etag, _) = await SubmitAsync(clerk, Registration(TestIins.Next(), NextVin(), i % 2 == 0 ? "car" : "trailer",
                Receipt("registration-certificate", 5406.25m), Receipt(i % 2 == 0 ? "plate-car" : "plate-motorcycle-trailer", i % 2 == 0 ? 12110m : 6055m), Receipt("registration", 1081.25m)));
            ready.Add((id, await ReadyForDecisionAsync(clerk, id, etag)));
        }

        var clients = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => factory.CreateClientAsAsync(Clerk)));
        var responses = await Task.WhenAll(ready.Select((a, i) => clients[i].SendActionAsync(a.Id, "approve", a.ETag)));
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        var plates = new List<string>();
        foreach (var (id, _) in ready)
        {
            plates.Add(JsonNode.Parse(await clerk.GetStringAsync($"{Path}/applications/{id}/outcome"))!["plate"]!.GetValue<string>());
        }

        plates.Should().OnlyHaveUniqueItems().And.OnlyContain(p => System.Text.RegularExpressions.Regex.IsMatch(p, "^[0-9]{3}[A-Z]{3}02$"));
    }

    [Fact]
    public async Task Two_approvals_racing_for_one_vin_register_it_once()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var vin = NextVin();
        var (first, firstEtag, _) = await SubmitAsync(clerk, Registration(TestIins.Next(), vin, "car", CarReceipts()));
        var (second, secondEtag, _) = await SubmitAsync(clerk, Registration(TestIins.Next(), vin, "car", CarReceipts()));
        firstEtag = await ReadyForDecisionAsync(clerk, first, firstEtag);
        secondEtag = await ReadyForDecisionAsync(clerk, second, secondEtag);
        var other = await factory.CreateClientAsAsync(Clerk);
        var results = await Task.WhenAll(clerk.SendActionAsync(first, "approve", firstEtag), other.SendActionAsync(second, "approve", secondEtag));
        results.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        await results.Single(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBeProblemAsync(HttpStatusCode.Conflict, "vehicle-already-registered");

        // Once registered, the VIN is refused at intake.
        await (await clerk.PostAsJsonAsync($"{Path}/applications", Registration(TestIins.Next(), vin, "car", CarReceipts()))).ShouldBeProblemAsync(HttpStatusCode.Conflict, "vehicle-already-registered");
    }

    [Theory]
    [InlineData("11:59", false, "2026-03-10 12:00–13:00")]
    [InlineData("12:00", true, null)]
    [InlineData("12:59", true, null)]
    [InlineData("13:00", false, "2026-03-10 17:00–18:00")]
    [InlineData("17:00", true, null)]
    [InlineData("18:00", false, "2026-03-11 12:00–13:00")]
    public async Task The_certificate_and_plate_are_handed_over_only_in_the_windows(string time, bool open, string? next)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var (id, etag, _) = await SubmitAsync(clerk, Registration(TestIins.Next(), NextVin(), "car", CarReceipts()));
        etag = await ReadyForDecisionAsync(clerk, id, etag);
        etag = await ExpectAsync(clerk.SendActionAsync(id, "approve", etag), HttpStatusCode.OK);
        etag = await ExpectAsync(clerk.SendActionAsync(id, "mark-ready", etag), HttpStatusCode.OK);
        var parts = time.Split(':');
        factory.Clock.Reset(Instant.FromUtc(2026, 3, 10, int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) - 5, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)));
        clerk = await factory.CreateClientAsAsync(Clerk);
        var response = await clerk.SendActionAsync(id, "issue", etag, HandOver);
        if (open)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }
        else
        {
            (await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "outside-issuance-window")).GetProperty("nextWindow").GetProperty("local").GetString().Should().Be(next);
        }
    }

    [Theory]
    [InlineData(WantedVin)]
    [InlineData(ArrestedVin)]
    [InlineData(BannedVin)]
    public async Task A_wanted_arrested_or_banned_vehicle_is_refused_for_traffic_participation_prohibited(string vin)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var (id, etag, _) = await SubmitAsync(clerk, Registration(TestIins.Next(), vin, "car", CarReceipts()));
        etag = await ReadyForDecisionAsync(clerk, id, etag);
        var checks = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/applications/{id}/checks"))!;
        checks["checks"]!.AsArray().Should().HaveCount(3);
        checks["checks"]!.AsArray().Count(c => c!["answer"]!.GetValue<string>() == "found").Should().Be(1);
        (await (await clerk.SendActionAsync(id, "approve", etag)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed"))
            .GetProperty("refusalGrounds").EnumerateArray().Select(g => g.GetString()).Should().Equal("traffic-participation-prohibited");
        etag = await ETagAsync(clerk, id);
        await ExpectAsync(clerk.SendActionAsync(id, "refuse", etag, new { grounds = new[] { "traffic-participation-prohibited" }, explanation = "§17.3" }), HttpStatusCode.OK);
        JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!["status"]!.GetValue<string>().Should().Be("refused");
    }

    [Fact]
    public async Task An_unanswered_register_blocks_approval()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var (id, etag, _) = await SubmitAsync(clerk, Registration(TestIins.Next(), SilentVin, "car", CarReceipts()));
        etag = await ReadyForDecisionAsync(clerk, id, etag);
        JsonNode.Parse(await clerk.GetStringAsync($"{Path}/applications/{id}/checks"))!["unansweredChecks"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("wanted");
        (await (await clerk.SendActionAsync(id, "approve", etag)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "external-check-unanswered"))
            .GetProperty("unansweredChecks").EnumerateArray().Select(c => c.GetString()).Should().Equal("wanted");
    }

    [Theory]
    [InlineData(true, "documents-missing")]
    [InlineData(false, "design-changes-non-compliant")]
    public async Task A_design_change_needs_its_approval_document_and_must_comply(bool withoutApprovalDocument, string ground)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var body = Registration(TestIins.Next(), NextVin(), "car", CarReceipts());
        body["designChanged"] = true;
        body["designCompliant"] = withoutApprovalDocument;
        if (!withoutApprovalDocument)
        {
            body["documents"]!.AsArray().Add("design-approval");
        }

        var (id, etag, submitted) = await SubmitAsync(clerk, body);
        submitted["application"]!["eligibilityFindings"]!.AsArray().Select(f => f!["refusalGround"]!.GetValue<string>()).Should().Equal(ground);
        etag = await ReadyForDecisionAsync(clerk, id, etag);
        await (await clerk.SendActionAsync(id, "approve", etag)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed");
        etag = await ETagAsync(clerk, id);
        await ExpectAsync(clerk.SendActionAsync(id, "refuse", etag, new { grounds = new[] { ground }, explanation = "§17" }), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Documents_missing_at_intake_are_refused_under_17_1()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var body = Registration(TestIins.Next(), NextVin(), "car", CarReceipts());
        body["documents"] = new JsonArray("application-form", "identity-document");
        await (await clerk.PostAsJsonAsync($"{Path}/applications", body)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "documents-missing");
    }

    [Theory]
    [InlineData("1HGCM82643A004352", 2003, "vehicle.vin")] // wrong check digit of a North American VIN
    [InlineData("XTA2109900000001I", 2003, "vehicle.vin")]
    [InlineData("XTA21099", 2003, "vehicle.vin")]
    [InlineData(null, 2003, "vehicle.vin")]
    [InlineData(null, 1968, "vehicle.chassisNumber")]
    public async Task A_vin_that_is_not_one_is_a_400_naming_the_field(string? vin, int year, string field)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var body = Registration(TestIins.Next(), vin ?? "", "car", CarReceipts());
        body["vehicle"]!["vin"] = vin;
        body["vehicle"]!["year"] = year;
        var problem = await (await clerk.PostAsJsonAsync($"{Path}/applications", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task A_vehicle_built_before_1981_is_registered_by_its_chassis_number()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var body = Registration(TestIins.Next(), "", "car", CarReceipts());
        body["vehicle"]!["vin"] = null;
        body["vehicle"]!["year"] = 1975;
        body["vehicle"]!["chassisNumber"] = "24-" + Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (_, _, submitted) = await SubmitAsync(clerk, body);
        submitted["application"]!["moduleData"]!["vehicle"]!["chassisNumber"]!.GetValue<string>().Should().MatchRegex("^24[0-9]{6}$");
    }

    [Fact]
    public async Task A_foreigner_and_an_entity_with_ten_per_cent_foreign_participation_register_through_the_mfa_shown_on_the_slip()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var body = Registration(TestIins.Next(), NextVin(), "car", CarReceipts());
        body["applicant"]!["citizenship"] = "DE";
        var missing = await (await clerk.PostAsJsonAsync($"{Path}/applications", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        missing.GetProperty("errors").TryGetProperty("mfaReferenceNumber", out _).Should().BeTrue();
        body["mfaReferenceNumber"] = "МИД-ДП-2026/114";
        var (_, _, submitted) = await SubmitAsync(clerk, body);
        submitted["application"]!["moduleData"]!["registrationChannel"]!.GetValue<string>().Should().Be("mfa-diplomatic-service");
        submitted["acknowledgement"]!["nextSteps"]!["en"]!.GetValue<string>().Should().Contain("through the MFA");

        var entity = Registration(TestIins.Next(), NextVin(), "car", CarReceipts());
        entity["applicant"] = new JsonObject { ["kind"] = "legal-entity", ["bin"] = "050440001000", ["organisationName"] = "ТОО «Дала Логистик»", ["phone"] = "+77172000000", ["language"] = "ru" };
        entity["documents"] = new JsonArray("application-form-sealed", "entity-registration-copy", "duty-and-payment-receipts", "vehicle", "ownership-documents");
        entity["foreignParticipationPercent"] = 9;
        var (_, _, domestic) = await SubmitAsync(clerk, entity);
        domestic["application"]!["applicantType"]!.GetValue<string>().Should().Be("legal-entity");
        domestic["application"]!["moduleData"]!["registrationChannel"]!.GetValue<string>().Should().Be("road-police");

        // The inbox names the entity by its organisation, and its audit record reads it against the BIN.
        var correlationId = "entity-search-" + Guid.NewGuid().ToString("N")[..12];
        using var search = new HttpRequestMessage(HttpMethod.Get, "/api/v1/applications?q=050440001000&limit=100");
        search.Headers.Add("X-Correlation-Id", correlationId);
        var listed = JsonNode.Parse(await (await clerk.SendAsync(search)).Content.ReadAsStringAsync())!["items"]!.AsArray()
            .Single(item => item!["id"]!.GetValue<string>() == domestic["application"]!["id"]!.GetValue<string>())!;
        listed["applicantName"]!.GetValue<string>().Should().Be("ТОО «Дала Логистик»");
        listed["subjectId"]!.GetValue<string>().Should().Be("050440001000");
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        (await connection.QueryRowsAsync<(string Kind, string Subject)>(
                "SELECT DISTINCT subject_kind, subject_id FROM platform.audit_entries WHERE correlation_id = @correlationId", new { correlationId }))
            .Should().Equal([("bin", "050440001000")], "every application found is the entity's, read against its BIN");
        entity["vehicle"]!["vin"] = NextVin();
        entity["foreignParticipationPercent"] = 10;
        entity["mfaReferenceNumber"] = "МИД-ДП-2026/115";
        entity["receipts"] = new JsonArray([.. CarReceipts()]);
        var (_, _, foreign) = await SubmitAsync(clerk, entity);
        foreign["application"]!["moduleData"]!["registrationChannel"]!.GetValue<string>().Should().Be("mfa-diplomatic-service");
    }

    [Fact]
    public async Task A_proxy_driver_is_registered_against_the_owners_power_of_attorney_and_publicly_verified_without_personal_data()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var owner = TestIins.Next();
        var vin = NextVin();
        var (certificate, plate) = await RegisteredAsync(clerk, owner, vin, "car");
        var driver = TestIins.Next();
        var licence = await LicenceAsync(driver, "{B}", "2035-06-30");

        var (id, etag, submitted) = await SubmitAsync(clerk, Proxy(driver, certificate, licence, owner, "2026-12-31"), Path + "/proxy-drivers/applications");
        submitted["application"]!["eligibilityFindings"]!.AsArray().Should().BeEmpty();
        submitted["application"]!["fees"]!["totalDue"]!.GetValue<decimal>().Should().Be(0m, "free (§8)");
        submitted["application"]!["dueAt"]!.GetValue<string>().Should().Be("2026-03-10T08:00:00Z", "3 working hours from 10:00 without the lunch hour (§7.1): 14:00 local time");
        submitted["application"]!["moduleData"]!["licenceCategory"]!.GetValue<string>().Should().Be("B");
        etag = await ExpectAsync(clerk.SendActionAsync(id, "start-review", etag), HttpStatusCode.OK);
        etag = await ExpectAsync(clerk.SendActionAsync(id, "approve", etag), HttpStatusCode.OK);
        JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!["resultReference"]!.GetValue<string>().Should().MatchRegex(@"^PD26-\d{7}$");
        etag = await ExpectAsync(clerk.SendActionAsync(id, "mark-ready", etag), HttpStatusCode.OK);
        await ExpectAsync(clerk.SendActionAsync(id, "issue", etag, HandOver), HttpStatusCode.OK);

        var anonymous = factory.CreateClient();
        foreach (var vehicle in new[] { plate, certificate, vin })
        {
            var text = await anonymous.GetStringAsync($"{Path}/proxy-drivers/verification?licence={licence}&vehicle={vehicle}");
            var answer = JsonNode.Parse(text)!;
            answer["mayDrive"]!.GetValue<bool>().Should().BeTrue(vehicle);
            answer["validUntil"]!.GetValue<string>().Should().Be("2026-12-31", "the power of attorney ends before the licence");
            text.Should().NotContain(driver).And.NotContain(owner);
        }

        var stranger = await LicenceAsync(TestIins.Next(), "{B}", "2035-06-30");
        JsonNode.Parse(await anonymous.GetStringAsync($"{Path}/proxy-drivers/verification?licence={stranger}&vehicle={plate}"))!["mayDrive"]!.GetValue<bool>().Should().BeFalse();
        var registered = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/register?plate={plate}"))!;
        registered["proxyDrivers"]!.AsArray().Single()!["licenceNumber"]!.GetValue<string>().Should().Be(licence);
        registered["history"]!.AsArray().Select(h => h!["event"]!.GetValue<string>()).Should().Contain("proxy-registered");

        // The next day, with the holder deprived of the right to drive, the answer is no.
        var ban = await clerk.PostAsJsonAsync("/api/v1/driver-licences/driving-bans",
            new { holderIin = driver, kind = "deprivation", startsOn = "2026-03-11", endsOn = "2026-09-10", decisionReference = "Сот қаулысы № 2-91/2026" });
        ban.IsSuccessStatusCode.Should().BeTrue(await ban.Content.ReadAsStringAsync());
        JsonNode.Parse(await anonymous.GetStringAsync($"{Path}/proxy-drivers/verification?licence={licence}&vehicle={plate}"))!["mayDrive"]!.GetValue<bool>().Should().BeTrue("the ban starts tomorrow");
        factory.Clock.Reset(Instant.FromUtc(2026, 3, 11, 5, 0));
        JsonNode.Parse(await factory.CreateClient().GetStringAsync($"{Path}/proxy-drivers/verification?licence={licence}&vehicle={plate}"))!["mayDrive"]!.GetValue<bool>().Should().BeFalse();
    }

    [Theory]
    [InlineData("no-licence", "traffic-participation-prohibited")]
    [InlineData("wrong-category", "traffic-participation-prohibited")]
    [InlineData("expired-licence", "traffic-participation-prohibited")]
    [InlineData("someone-elses-licence", "traffic-participation-prohibited")]
    [InlineData("banned", "traffic-participation-prohibited")]
    [InlineData("not-the-owner", "documents-missing")]
    [InlineData("expired-attorney", "documents-missing")]
    [InlineData("future-attorney", "documents-missing")]
    public async Task Each_refusal_ground_of_proxy_registration_15(string situation, string ground)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var owner = TestIins.Next();
        var (certificate, _) = await RegisteredAsync(clerk, owner, NextVin(), situation == "wrong-category" ? "truck" : "car");
        var driver = TestIins.Next();
        var licence = situation switch
        {
            "no-licence" => "KZ269999990",
            "expired-licence" => await LicenceAsync(driver, "{B}", "2026-03-09"),
            "someone-elses-licence" => await LicenceAsync(TestIins.Next(), "{B}", "2035-06-30"),
            _ => await LicenceAsync(driver, "{B}", "2035-06-30"),
        };
        if (situation == "banned")
        {
            var ban = await clerk.PostAsJsonAsync("/api/v1/driver-licences/driving-bans",
                new { holderIin = driver, kind = "court-restriction", startsOn = "2026-03-01", decisionReference = "Сот шешімі № 2-12/2026" });
            ban.IsSuccessStatusCode.Should().BeTrue(await ban.Content.ReadAsStringAsync());
        }

        var body = Proxy(driver, certificate, licence, situation == "not-the-owner" ? TestIins.Next() : owner, situation == "expired-attorney" ? "2026-03-09" : "2026-12-31");
        if (situation == "future-attorney")
        {
            body["powerOfAttorney"]!["issuedOn"] = "2026-03-11";
        }

        var (id, etag, submitted) = await SubmitAsync(clerk, body, Path + "/proxy-drivers/applications");
        submitted["application"]!["eligibilityFindings"]!.AsArray().Select(f => f!["refusalGround"]!.GetValue<string>()).Should().Equal(ground);
        etag = await ExpectAsync(clerk.SendActionAsync(id, "start-review", etag), HttpStatusCode.OK);
        await (await clerk.SendActionAsync(id, "approve", etag)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "eligibility-failed");
        etag = await ETagAsync(clerk, id);
        await ExpectAsync(clerk.SendActionAsync(id, "refuse", etag, new { grounds = new[] { ground }, explanation = "§15" }), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_proxy_registration_names_a_certificate_of_the_register_and_a_power_of_attorney()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var body = Proxy(TestIins.Next(), "RC2699999999", "KZ269999990", TestIins.Next(), "2026-12-31");
        await (await clerk.PostAsJsonAsync($"{Path}/proxy-drivers/applications", body)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "vehicle-certificate-unknown");
        body.Remove("powerOfAttorney");
        var problem = await (await clerk.PostAsJsonAsync($"{Path}/proxy-drivers/applications", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        problem.GetProperty("errors").TryGetProperty("powerOfAttorney", out _).Should().BeTrue();
    }

    /// <summary>A licence handed over on 15 January 2026, written straight into the Licensing module's register (its own tests own that table).</summary>
    private static async Task<string> LicenceAsync(string iin, string categories, string validUntil)
    {
        var number = "KZ26" + Random.Shared.Next(8_000_000, 8_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync(
            $"""
            INSERT INTO licensing.licences
                (number, application_id, holder_id, holder_last_name, holder_first_name, holder_birth_date, categories, issue_date, valid_until, office_id, handed_over_at)
            VALUES (@number, @application, @iin, 'Жұмабаева', 'Әсел', '1990-07-20', '{categories}', '2026-01-15', '{validUntil}', @office, '2026-01-15T07:30:00Z')
            """,
            new { number, application = Guid.NewGuid(), iin, office = Office });
        return number;
    }

    private static JsonObject Proxy(string driver, string certificate, string licence, string issuedBy, string validUntil) => new()
    {
        ["officeId"] = Office,
        ["applicant"] = Applicant(driver),
        ["certificateNumber"] = certificate,
        ["licenceNumber"] = licence,
        ["powerOfAttorney"] = new JsonObject { ["number"] = "СН-2026-" + Random.Shared.Next(100, 999), ["issuedOn"] = "2026-03-01", ["validUntil"] = validUntil, ["issuedBy"] = issuedBy, ["notarised"] = true },
        ["documents"] = new JsonArray("vehicle-registration-certificate", "power-of-attorney", "identity-document"),
    };

    [Theory]
    [InlineData("registration", "car", false, 18597.50)]
    [InlineData("registration", "bus", false, 18597.50)]
    [InlineData("registration", "truck", false, 18597.50)]
    [InlineData("registration", "special-equipment", false, 18597.50)]
    [InlineData("registration", "motorcycle", false, 12542.50)]
    [InlineData("registration", "trailer", false, 12542.50)]
    [InlineData("re-registration-owner-change", "car", false, 6487.50)]
    [InlineData("re-registration-owner-change", "car", true, 18597.50)]
    [InlineData("re-registration-data-change", "trailer", true, 12542.50)]
    [InlineData("duplicate-certificate", "car", false, 5406.25)]
    [InlineData("transit-plates", "car", false, 1513.75)]
    [InlineData("deregistration", "car", false, 0)]
    public async Task Each_fee_combination_is_quoted_in_exact_tenge(string subType, string category, bool newPlate, decimal total)
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var quote = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/fee-quote?subType={subType}&category={category}&newPlate={newPlate.ToString().ToLowerInvariant()}"))!;
        quote["total"]!.GetValue<decimal>().Should().Be(total);
        quote["mci"]!.GetValue<decimal>().Should().Be(4325m);
    }

    internal static JsonObject Applicant(string iin) => new()
    {
        ["kind"] = "individual",
        ["iin"] = iin,
        ["lastName"] = "Ахметов",
        ["firstName"] = "Серік",
        ["citizenship"] = "KZ",
        ["phone"] = "+77011234567",
        ["language"] = "kk",
    };

    private static JsonObject Vehicle(string vin, string category) => new()
    {
        ["vin"] = vin,
        ["make"] = "Lada",
        ["model"] = "Vesta",
        ["year"] = 2023,
        ["category"] = category,
        ["colour"] = "ақ",
        ["engine"] = "1.6 бензин",
    };

    internal static JsonObject Receipt(string item, decimal amount) => new()
    {
        ["item"] = item,
        ["bank"] = "Halyk Bank",
        ["receiptNumber"] = "H-" + Guid.NewGuid().ToString("N")[..12],
        ["paidOn"] = "2026-03-10",
        ["amount"] = amount,
    };

    private static JsonObject[] CarReceipts() =>
        [Receipt("registration-certificate", 5406.25m), Receipt("plate-car", 12110m), Receipt("registration", 1081.25m)];

    private static JsonObject Registration(string iin, string vin, string category, params JsonObject[] receipts) => new()
    {
        ["officeId"] = Office,
        ["subType"] = "registration",
        ["applicant"] = Applicant(iin),
        ["vehicle"] = Vehicle(vin, category),
        ["documents"] = new JsonArray([.. IndividualDocuments.Select(d => (JsonNode)d!)]),
        ["receipts"] = new JsonArray([.. receipts]),
    };

    private static JsonObject ReRegistration(string subType, string iin, string certificate, params JsonObject[] receipts) => new()
    {
        ["officeId"] = Office,
        ["subType"] = subType,
        ["applicant"] = Applicant(iin),
        ["certificateNumber"] = certificate,
        ["documents"] = new JsonArray([.. IndividualDocuments.Select(d => (JsonNode)d!)]),
        ["receipts"] = new JsonArray([.. receipts]),
    };

    /// <summary>A vehicle registered and handed over at noon; the clock is back at 10:00 afterwards. Returns its certificate and plate.</summary>
    internal async Task<(string Certificate, string Plate)> RegisteredAsync(HttpClient clerk, string iin, string vin, string category)
    {
        var plateItem = category is "motorcycle" or "trailer" ? Receipt("plate-motorcycle-trailer", 6055m) : Receipt("plate-car", 12110m);
        var (id, etag, _) = await SubmitAsync(clerk, Registration(iin, vin, category, Receipt("registration-certificate", 5406.25m), plateItem, Receipt("registration", 1081.25m)));
        etag = await ReadyForDecisionAsync(clerk, id, etag);
        etag = await ExpectAsync(clerk.SendActionAsync(id, "approve", etag), HttpStatusCode.OK);
        etag = await ExpectAsync(clerk.SendActionAsync(id, "mark-ready", etag), HttpStatusCode.OK);
        factory.Clock.Reset(Noon);
        var atNoon = await factory.CreateClientAsAsync(Clerk);
        await ExpectAsync(atNoon.SendActionAsync(id, "issue", etag, HandOver), HttpStatusCode.OK);
        factory.Clock.Reset(Morning);
        var outcome = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/applications/{id}/outcome"))!;
        return (outcome["certificateNumber"]!.GetValue<string>(), outcome["plate"]!.GetValue<string>());
    }

    private static async Task<(string Id, string ETag, JsonNode Body)> SubmitAsync(HttpClient clerk, JsonObject body, string path = Path + "/applications")
    {
        var response = await clerk.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        var node = JsonNode.Parse(text)!;
        return (node["application"]!["id"]!.GetValue<string>(), response.Headers.ETag!.ToString(), node);
    }

    /// <summary>In review, with the registers of §17.3 asked.</summary>
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

    private static async Task<string> ExpectAsync(Task<HttpResponseMessage> sending, HttpStatusCode status)
    {
        var response = await sending;
        response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag?.ToString() ?? "";
    }
}
