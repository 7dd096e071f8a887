using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Applications;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Kernel.Events;
using Kazgov.Platform.Security;
using Kazgov.Tests;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Kazgov.Kernel.Data;

namespace Kazgov.Api.Tests.Authorization;

/// <summary>
/// The objects and actors the matrix runs against, built once per run: two integrator clients with
/// every scope of every service (the owner submits one application per service in that service's
/// Astana office; the other client owns nothing), a clerk per service who serves every service of
/// the office but that one, a complaint, webhook subscriptions (the owner's and one an administrator
/// made) and a delivery.
/// </summary>
internal sealed class MatrixWorld
{
    public const string OwnerClient = "matrix-owner";
    public const string OtherClient = "matrix-other";
    private const string ClientSecret = "matrix-client-secret-0123456789";
    private const string DefaultService = "driver-licence";

    private readonly KazgovApiFactory _factory;
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);

    private MatrixWorld(KazgovApiFactory factory) => _factory = factory;

    public Dictionary<string, Application> Applications { get; } = new(StringComparer.Ordinal);

    public string ComplaintId { get; private set; } = "";

    public string SubscriptionId { get; private set; } = "";

    public string AdminSubscriptionId { get; private set; } = "";

    public string DeliveryId { get; private set; } = Guid.NewGuid().ToString();

    public string VehicleId { get; private set; } = "";

    public string VehicleOwner { get; private set; } = "";

    public string VehicleCertificate { get; private set; } = "";

    /// <summary>An issued residence permit of the register (and its holder's IIN), for the register read and the verification.</summary>
    public (string Number, string HolderIin) ResidencePermit { get; private set; }

    /// <summary>An address certificate issued under the address-certificate request: its number and public verification code.</summary>
    public (string Number, string Code) AddressCertificate { get; private set; }

    /// <summary>The Astana office that gives the service; its clerk, the Almaty clerk of the same kind, the unit head.</summary>
    public static (string Office, string Clerk, string Elsewhere, string Head) StaffOf(string service) => service switch
    {
        "driver-licence" or "vehicle-registration" or "proxy-driver-registration" => (DemoAccounts.AstanaOffice, "clerk.astana", "clerk.almaty", "head.astana"),
        "weapon-registration" => (DemoAccounts.AstanaWeaponsOffice, "clerk.weapons.astana", "clerk.weapons.almaty", "head.weapons.astana"),
        "address-certificate" => (DemoAccounts.AstanaAddressBureau, "clerk.address.astana", "clerk.address.almaty", "head.address.astana"),
        _ => (DemoAccounts.AstanaMigrationOffice, "clerk.migration.astana", "clerk.migration.almaty", "head.migration.astana"),
    };

    public static async Task<MatrixWorld> BuildAsync(KazgovApiFactory factory)
    {
        var world = new MatrixWorld(factory);
        var services = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/api/v1/services"))!["items"]!.AsArray()
            .Select(s => s!["code"]!.GetValue<string>()).ToList();
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            var scopes = services.SelectMany(service => Kazgov.Kernel.Security.Scopes.Operations.Select(op => service + ":" + op)).ToArray();
            foreach (var client in new[] { OwnerClient, OtherClient })
            {
                await connection.ExecuteAsync(
                    """
                    INSERT INTO platform.api_clients (client_id, secret_hash, display_name, scopes, created_at)
                    VALUES (@client, @hash, @client, @scopes, now())
                    ON CONFLICT (client_id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, scopes = EXCLUDED.scopes, disabled = false
                    """,
                    new { client, hash = await Secrets.HashAsync(ClientSecret), scopes });
            }

            foreach (var service in services)
            {
                await connection.ExecuteAsync(
                    """
                    INSERT INTO platform.staff_users (login, password_hash, full_name, position, role, office_id, service_codes, created_at, password_changed_at)
                    VALUES (@login, @hash, 'Матрица Тексеру', 'Инспектор', 'clerk', @office, @others, now(), now())
                    ON CONFLICT (login) DO UPDATE SET office_id = EXCLUDED.office_id, service_codes = EXCLUDED.service_codes,
                        password_hash = EXCLUDED.password_hash, failed_attempts = 0, locked_until = NULL, disabled = false
                    """,
                    new { login = NoServiceClerk(service), hash = await Secrets.HashAsync(DemoAccounts.StaffPassword), office = StaffOf(service).Office, others = services.Where(s => s != service).ToArray() });
            }

            var vehicle = await connection.QuerySingleRowAsync<(Guid Id, string OwnerId, string Certificate)>(
                "SELECT id, owner_id, certificate_number FROM vehicles.vehicles WHERE vin = 'JTNB11HK5K3012345'");
            world.VehicleId = vehicle.Id.ToString();
            world.VehicleOwner = vehicle.OwnerId;
            world.VehicleCertificate = vehicle.Certificate;

            // An issued permit straight into the register: only its reads are walked here (Migration/ResidencePermitTests issue them for real).
            var permit = "RP9" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var holder = TestIins.Next();
            await connection.ExecuteAsync(
                """
                INSERT INTO migration.residence_permits (number, kind, holder_last_name, holder_first_name, holder_birth_date, holder_citizenship,
                    travel_document_country, travel_document_number, holder_iin, office_id, status, reserved_at, issue_date, valid_until, handed_over_at)
                VALUES (@permit, 'residence-permit', 'Матрицаев', 'Тексеру', @birthDate::date, 'RU', 'RU', @permit, @holder, @office, 'issued', now(), '2026-01-10', '2030-01-10', now())
                """,
                new { permit, holder, birthDate = SampleRequests.BirthDateOf(holder), office = DemoAccounts.AstanaMigrationOffice });
            world.ResidencePermit = (permit, holder);
        }

        // The owner's subscription first, so that its applications' events fan out to it.
        world.SubscriptionId = await world.CreateSubscriptionAsync();
        world.AdminSubscriptionId = await world.CreateAdminSubscriptionAsync();

        foreach (var service in services)
        {
            world.Applications[service] = await world.SubmitAsync(service);
        }

        // The fan-out is shared by every host on the test database: another test class's host may hold it
        // at this moment (a round that finds it busy skips), so this host asks again until it has run.
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            Guid? delivery = null;
            for (var round = 0; round < 150 && delivery is null; round++)
            {
                if (round > 0)
                {
                    await Task.Delay(200);
                }

                await factory.Services.GetRequiredService<IntegrationEventDispatcher>().DispatchOnceAsync(CancellationToken.None);
                delivery = await connection.QueryFirstRowOrDefaultAsync<Guid?>(
                    "SELECT id FROM platform.webhook_deliveries WHERE subscription_id = @id", new { id = Guid.Parse(world.SubscriptionId) });
            }

            delivery.Should().NotBeNull("the owner's applications fan out to its subscription");
            world.DeliveryId = delivery!.Value.ToString();
        }

        // The address register knows the address-certificate applicant, so that the bureau's lookups find somebody.
        var bureau = await factory.CreateClientAsAsync(StaffOf("address-certificate").Clerk);
        var resident = await bureau.PostAsJsonAsync("/api/v1/address-bureau/residents", new
        {
            iin = world.Applications["address-certificate"].Iin, lastName = "Матрицаев", firstName = "Тексеру",
        });
        resident.StatusCode.Should().Be(HttpStatusCode.Created, await resident.Content.ReadAsStringAsync());
        var certificate = await bureau.PostAsJsonAsync($"/api/v1/address-bureau/requests/{world.Applications["address-certificate"].Id}/certificates", new
        {
            iin = world.Applications["address-certificate"].Iin,
        });
        certificate.StatusCode.Should().Be(HttpStatusCode.Created, await certificate.Content.ReadAsStringAsync());
        var issued = JsonNode.Parse(await certificate.Content.ReadAsStringAsync())!;
        world.AddressCertificate = (issued["number"]!.GetValue<string>(), issued["verificationCode"]!.GetValue<string>());

        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var complaint = await clerk.PostAsJsonAsync("/api/v1/complaints", new
        {
            serviceCode = DefaultService,
            receivedVia = "post",
            complainant = new { fullName = "Матрица Тексеру", iin = TestIins.Next(), postalAddress = "010000, Астана, Сарыарқа д., 1" },
            subject = "Authorisation matrix",
            addressedTo = 1,
        });
        complaint.StatusCode.Should().Be(HttpStatusCode.Created, await complaint.Content.ReadAsStringAsync());
        world.ComplaintId = JsonNode.Parse(await complaint.Content.ReadAsStringAsync())!["id"]!.ToString();
        return world;
    }

    public static string NoServiceClerk(string service) => "matrix.noservice." + service;

    /// <summary>The actor a role column stands for on an operation of the service: its id (as the audit names it) and a token.</summary>
    public async Task<(string? Id, string? Token)> ActorAsync(string role, string service)
    {
        var staff = StaffOf(service);
        return role switch
        {
            "anonymous" => ("anonymous", null),
            "clerk" => await StaffAsync(staff.Clerk),
            "clerk-elsewhere" => await StaffAsync(staff.Elsewhere),
            "clerk-no-service" => await StaffAsync(NoServiceClerk(service)),
            "unit-head" => await StaffAsync(staff.Head),
            "auditor" => await StaffAsync("auditor"),
            "admin" => await StaffAsync("admin"),
            "other-client" => ("client:" + OtherClient, await ClientTokenAsync(OtherClient, null)),
            _ when role.StartsWith("int-", StringComparison.Ordinal) => ("client:" + OwnerClient, await ClientTokenAsync(OwnerClient, service + ":" + role["int-".Length..])),
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a column of the matrix"),
        };
    }

    private async Task<(string? Id, string? Token)> StaffAsync(string login) => ("staff:" + login, await _factory.TokenAsync(login));

    public async Task<string> ClientTokenAsync(string client, string? scope)
    {
        var key = client + " " + scope;
        if (_tokens.TryGetValue(key, out var token))
        {
            return token;
        }

        var request = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = client, ["client_secret"] = ClientSecret };
        if (scope is not null)
        {
            request["scope"] = scope;
        }

        var response = await _factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"a token for {key}: {body}");
        return _tokens[key] = JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    private async Task<HttpClient> ClientAsync(string client, string? scope)
    {
        var http = _factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ClientTokenAsync(client, scope));
        return http;
    }

    /// <summary>A subscription of the owner client (for the driver-licence service), as a row's sample or a fresh one to delete.</summary>
    public async Task<string> CreateSubscriptionAsync()
    {
        var owner = await ClientAsync(OwnerClient, DefaultService + ":webhooks");
        var created = await owner.PostAsJsonAsync("/api/v1/webhooks/subscriptions", new
        {
            url = "http://127.0.0.1:9/matrix-hooks", eventTypes = new[] { "application.submitted" }, services = new[] { DefaultService },
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return JsonNode.Parse(await created.Content.ReadAsStringAsync())!["subscription"]!["id"]!.GetValue<string>();
    }

    /// <summary>A subscription an administrator made for the owner client.</summary>
    public async Task<string> CreateAdminSubscriptionAsync()
    {
        var admin = await _factory.CreateClientAsAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/v1/admin/webhooks/subscriptions", new
        {
            clientId = OwnerClient, url = "http://127.0.0.1:9/matrix-admin-hooks", eventTypes = new[] { "application.issued" }, services = new[] { DefaultService },
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return JsonNode.Parse(await created.Content.ReadAsStringAsync())!["subscription"]!["id"]!.GetValue<string>();
    }

    /// <summary>One application of the service at its Astana office, submitted by the owner client over the generic route.</summary>
    private async Task<Application> SubmitAsync(string service)
    {
        var anonymous = _factory.CreateClient();
        var entry = JsonNode.Parse(await anonymous.GetStringAsync($"/api/v1/services/{service}"))!;
        var applicants = entry["applicants"]!.AsArray().Select(a => a!["code"]!.GetValue<string>()).ToHashSet();
        var groups = entry["documents"]!.AsArray().Where(g => g!["additionalTo"] is null).ToList();
        var group = groups.FirstOrDefault(g => applicants.Contains(g!["applicantType"]!.GetValue<string>())) ?? groups.First()!;
        var feeItems = entry["fees"]?["items"]?.AsArray().Select(i => i!["code"]!.GetValue<string>()).Take(1).ToList() ?? [];
        var iin = TestIins.Next();
        var body = new JsonObject
        {
            ["service"] = service,
            ["officeId"] = StaffOf(service).Office,
            ["applicantType"] = group["applicantType"]!.GetValue<string>(),
            ["applicant"] = new JsonObject
            {
                ["kind"] = "individual", ["iin"] = iin, ["lastName"] = "Матрицаев", ["firstName"] = "Тексеру", ["phone"] = "+77011234567", ["language"] = "kk",
            },
            ["documents"] = new JsonArray(group["items"]!.AsArray().Where(i => i!["mandatory"]!.GetValue<bool>())
                .Select(i => (JsonNode)i!["code"]!.GetValue<string>()!).ToArray()),
            ["feeItems"] = new JsonArray(feeItems.Select(i => (JsonNode)i!).ToArray()),
        };
        if (entry["terms"]!["variants"]!.AsArray() is { Count: > 1 } variants)
        {
            var type = group["applicantType"]!.GetValue<string>();
            body["termVariant"] = (variants.FirstOrDefault(v => v!["applicants"]?.AsArray().Any(a => a!.GetValue<string>() == type) == true) ?? variants[0])!["code"]!.GetValue<string>();
        }

        if (IntakeRoutesTests.TypedRoutes.TryGetValue(service, out var route))
        {
            body["moduleData"] = route.ModuleData();
            route.Generic?.Invoke(body);
        }

        var owner = await ClientAsync(OwnerClient, service + ":submit");
        var response = await owner.PostAsJsonAsync("/api/v1/applications", body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, $"the owner client submits {service}: {text}");
        var application = JsonNode.Parse(text)!["application"]!;
        return new Application(
            application["id"]!.GetValue<string>(),
            application["registrationNumber"]!.GetValue<string>(),
            body["applicant"]!["iin"]?.GetValue<string>() ?? iin);
    }

    public sealed record Application(string Id, string Number, string Iin);
}

/// <summary>
/// How each operation is called: its service (whose clerks, unit head and scopes the role columns
/// mean), its route parameters (real objects of <see cref="MatrixWorld"/> where there are any),
/// a query where the operation needs one, and an empty JSON object as the body of a write. No
/// If-Match is sent: a state change that passes authorisation stops at 428 and changes nothing.
/// </summary>
internal static class SampleRequests
{
    public static string ServiceOf(string path) => path switch
    {
        _ when path.StartsWith("/api/v1/driver-licences", StringComparison.Ordinal) => "driver-licence",
        _ when path.StartsWith("/api/v1/migration/residence-permits", StringComparison.Ordinal) => "residence-permit",
        _ when path.StartsWith("/api/v1/migration/temporary-registrations", StringComparison.Ordinal) => "temporary-registration",
        _ when path.StartsWith("/api/v1/migration/permanent-residence", StringComparison.Ordinal) => "permanent-residence",
        _ when path.StartsWith("/api/v1/citizenship", StringComparison.Ordinal) => "citizenship",
        _ when path.StartsWith("/api/v1/weapons", StringComparison.Ordinal) => "weapon-registration",
        _ when path.StartsWith("/api/v1/vehicles/proxy-drivers", StringComparison.Ordinal) => "proxy-driver-registration",
        _ when path.StartsWith("/api/v1/vehicles", StringComparison.Ordinal) => "vehicle-registration",
        _ when path.StartsWith("/api/v1/address-bureau", StringComparison.Ordinal) => "address-certificate",
        _ => "driver-licence",
    };

    /// <summary>Queries the operations need to get past their own validation, where a read should succeed.</summary>
    private static string Query(string operation, string service, MatrixWorld world) => operation switch
    {
        "GET /api/v1/calendar/days" => "?from=2026-03-01&to=2026-03-31",
        "GET /api/v1/calendar/deadline" => "?from=2026-03-10&workingDays=5",
        "GET /api/v1/services/{code}/deadline" => "?submittedOn=2026-03-10",
        "GET /api/v1/fees/quote" => "?service=driver-licence",
        "GET /api/v1/applications/status" => $"?number={world.Applications[service].Number}&iin={world.Applications[service].Iin}",
        "GET /api/v1/vehicles/register" => "?vin=JTNB11HK5K3012345",
        "GET /api/v1/vehicles/proxy-drivers/verification" => $"?certificateNumber={world.VehicleCertificate}&licenceNumber=KZ269999990",
        "GET /api/v1/address-bureau/requests/{id}/persons" => "?lastName=Матрицаев&firstName=Тексеру&birthDate=" + BirthDateOf(world.Applications[service].Iin),
        "GET /api/v1/address-bureau/requests/{id}/search" => "?name=Матрицаев",
        "GET /api/v1/driver-licences/driving-bans" => "?iin=" + world.Applications[service].Iin,
        "GET /api/v1/migration/residence-permits/register" => "?iin=" + world.ResidencePermit.HolderIin,
        "GET /api/v1/migration/residence-permits/{number}/verification" => "?birthDate=" + BirthDateOf(world.ResidencePermit.HolderIin),
        _ when operation.EndsWith("/verification", StringComparison.Ordinal) => "?birthDate=1985-03-15",
        "GET /api/v1/migration/temporary-registrations" => "?applicationId=" + world.Applications[service].Id,
        "GET /api/v1/migration/residence-permits/checklist" => "?subType=residence-permit",
        "GET /api/v1/vehicles/fee-quote" => "?subType=registration",
        _ => "",
    };

    /// <summary>
    /// An empty object, except where validation would answer before the object's access check: a
    /// valid body there, so that the cell shows whether the caller reaches the object (each answer
    /// issues a certificate under the test's own request).
    /// </summary>
    private static string Body(string operation, MatrixWorld.Application application) => operation switch
    {
        "POST /api/v1/address-bureau/requests/{id}/certificates" => $$"""{"iin":"{{application.Iin}}"}""",
        "POST /api/v1/address-bureau/requests/{id}/lists" => $$"""{"entries":[{"iin":"{{application.Iin}}"}]}""",
        // Out of range on purpose: a 400 shows the client got through, and the matrix's clients keep their secrets.
        "POST /api/v1/clients/me/secret" => """{"overlapHours":999}""",
        _ => "{}",
    };

    /// <summary>The birth date an IIN carries (its first six digits and the century digit).</summary>
    public static string BirthDateOf(string iin)
    {
        return Kazgov.Kernel.Identifiers.Iin.TryParse(iin, out var parsed, out _)
            ? parsed!.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"{iin} is not an IIN");
    }

    public static async Task<HttpRequestMessage> BuildAsync(MatrixRow row, string service, MatrixWorld world)
    {
        var application = world.Applications[service];
        var path = row.Path;
        foreach (var parameter in System.Text.RegularExpressions.Regex.Matches(row.Path, @"\{([A-Za-z0-9_]+)\}").Select(m => m.Groups[1].Value))
        {
            var value = (parameter, path) switch
            {
                ("code", _) when path.Contains("/agencies/", StringComparison.Ordinal) => "knb",
                ("code", _) when path.StartsWith("/api/v1/services/", StringComparison.Ordinal) => service,
                ("code", _) => world.AddressCertificate.Code,
                ("date", _) => "2031-01-06",
                ("effectiveFrom", _) => "2099-01-01",
                ("login", _) => MatrixWorld.StaffOf(service).Clerk,
                ("clientId", _) => "matrix-no-such-client",
                ("iin", _) => application.Iin,
                ("subject", _) => application.Iin,
                ("holderId", _) => application.Iin,
                ("ownerId", _) => world.VehicleOwner,
                ("ground", _) => "matrix-ground",
                ("number", _) when path.StartsWith("/api/v1/vehicles", StringComparison.Ordinal) => world.VehicleCertificate,
                ("number", _) when path.StartsWith("/api/v1/migration/residence-permits", StringComparison.Ordinal) => world.ResidencePermit.Number,
                ("number", _) when path.StartsWith("/api/v1/address-bureau/certificates", StringComparison.Ordinal) => world.AddressCertificate.Number,
                ("number", _) => application.Number,
                ("id", _) when path.StartsWith("/api/v1/offices/", StringComparison.Ordinal) => MatrixWorld.StaffOf(service).Office,
                ("id", _) when path.StartsWith("/api/v1/complaints/", StringComparison.Ordinal) => world.ComplaintId,
                ("id", _) when path.StartsWith("/api/v1/admin/webhooks/subscriptions/", StringComparison.Ordinal) =>
                    row.Method == "DELETE" ? await world.CreateAdminSubscriptionAsync() : world.AdminSubscriptionId,
                ("id", _) when path.StartsWith("/api/v1/webhooks/subscriptions/", StringComparison.Ordinal) =>
                    row.Method == "DELETE" ? await world.CreateSubscriptionAsync() : world.SubscriptionId,
                ("id", _) when path.StartsWith("/api/v1/webhooks/deliveries/", StringComparison.Ordinal) => world.DeliveryId,
                ("id", _) when path.StartsWith("/api/v1/vehicles/register/", StringComparison.Ordinal) => world.VehicleId,
                ("id", _) when path.StartsWith("/api/v1/admin/outbox/", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
                ("id", _) when path.StartsWith("/api/v1/weapons/units/", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
                ("id", _) when path.StartsWith("/api/v1/address-bureau/registrations/", StringComparison.Ordinal) => "1",
                ("id", _) => application.Id,
                _ => throw new InvalidOperationException($"{row.Operation}: no sample value for {{{parameter}}}; add one to SampleRequests"),
            };
            path = path.Replace("{" + parameter + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        var request = new HttpRequestMessage(new HttpMethod(row.Method), path + Query(row.Operation, service, world));
        if (row.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent(Body(row.Operation, application), Encoding.UTF8, "application/json");
        }

        return request;
    }
}
