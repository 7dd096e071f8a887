using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kazgov.Api.Tests.Infrastructure;
using NodaTime;

namespace Kazgov.Api.Tests.Applications;

/// <summary>
/// Issue 11: a module's intake rules run whichever route submits the application. Every service of
/// the catalogue is submitted over the generic POST /applications; a service with its own typed
/// route is submitted over both, and every intake rule must answer the same on both.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IntakeRoutesTests(KazgovApiFactory factory) : IAsyncLifetime
{
    /// <summary>
    /// The modules' typed intake routes, and how a case of the service's module data is written on
    /// each route. A module that adds an intake route adds its row here (a test below checks the
    /// OpenAPI document for routes missing from this table).
    /// </summary>
    internal static readonly Dictionary<string, TypedRoute> TypedRoutes = new(StringComparer.Ordinal)
    {
        ["driver-licence"] = new("/api/v1/driver-licences/applications", "SubmitDriverLicenceApplication", DriverLicenceModuleData),
        ["temporary-registration"] = new("/api/v1/migration/temporary-registrations/applications", "SubmitTemporaryRegistrationApplication", TemporaryRegistrationModuleData, body => body["applicant"] = ForeignApplicant()),
        ["permanent-residence"] = new("/api/v1/migration/permanent-residence/applications", "SubmitPermanentResidenceApplication", PermanentResidenceModuleData),
        ["residence-permit"] = new("/api/v1/migration/residence-permits/applications", "SubmitResidencePermitApplication", () => [], ResidencePermitApplicant),
        // citizenship: the generic case is category 8 (renunciation), the one group named after an applicant without a base group.
        ["citizenship"] = new("/api/v1/citizenship/renunciations", "SubmitCitizenshipRenunciationApplication", CitizenshipRenunciationModuleData),
        // weapon-registration: a citizen's acquisition permit (the sub-type names its fee item).
        ["weapon-registration"] = new("/api/v1/weapons/applications", "SubmitWeaponApplication", WeaponModuleData, body =>
        {
            body["subType"] = "acquisition-permit";
            body["feeItems"] = new JsonArray("acquisition-permit-individual");
        }),
        // vehicle-registration: a car's registration (§8: certificate, car plate, ¼ MCI); proxy-driver-registration: a demo vehicle's certificate.
        ["vehicle-registration"] = new("/api/v1/vehicles/applications", "SubmitVehicleApplication", VehicleModuleData, body =>
        {
            body["subType"] = "registration";
            body["feeItems"] = new JsonArray("registration-certificate", "plate-car", "registration");
        }),
        ["proxy-driver-registration"] = new("/api/v1/vehicles/proxy-drivers/applications", "SubmitProxyDriverApplication", ProxyDriverModuleData),
        // address-certificate: an individual in person (§7.2), the variant and documents follow from the kind.
        ["address-certificate"] = new("/api/v1/address-bureau/requests", "SubmitAddressCertificateApplication", AddressRequestModuleData),
    };

    /// <summary>A service's second typed route, walked against the generic route by its own tests (Citizenship/CitizenshipTests).</summary>
    private static readonly string[] WalkedElsewhere = ["SubmitCitizenshipAdmissionApplication"];

    private static readonly Instant Morning = Instant.FromUtc(2026, 3, 10, 5, 0);

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
    public async Task Every_service_of_the_catalogue_is_accepted_over_the_generic_route_and_over_its_typed_route()
    {
        var services = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/api/v1/services"))!["items"]!.AsArray()
            .Select(s => s!["code"]!.GetValue<string>()).ToList();
        services.Should().HaveCount(9);

        var accepted = new List<string>();
        foreach (var code in services)
        {
            var (clerk, generic) = await GenericSubmissionAsync(code);
            var viaGeneric = await clerk.PostAsJsonAsync("/api/v1/applications", generic);
            viaGeneric.StatusCode.Should().Be(HttpStatusCode.Created, $"{code} over POST /applications: {await viaGeneric.Content.ReadAsStringAsync()}");
            accepted.Add(code + " generic");

            if (TypedRoutes.TryGetValue(code, out var route))
            {
                var viaTyped = await clerk.PostAsJsonAsync(route.Path, route.Typed(generic));
                viaTyped.StatusCode.Should().Be(HttpStatusCode.Created, $"{code} over {route.Path}: {await viaTyped.Content.ReadAsStringAsync()}");
                var typedModuleData = JsonNode.Parse(await viaTyped.Content.ReadAsStringAsync())!["application"]!["moduleData"]!;
                var genericModuleData = JsonNode.Parse(await viaGeneric.Content.ReadAsStringAsync())!["application"]!["moduleData"]!;
                JsonNode.DeepEquals(typedModuleData, genericModuleData).Should().BeTrue($"{code}: both routes store the same module data");
                accepted.Add(code + " typed");
            }
        }

        accepted.Should().HaveCount(services.Count + TypedRoutes.Count);
    }

    public static TheoryData<string, string, HttpStatusCode, string, string?> DriverLicenceIntakeRules => new()
    {
        // case, a change of the module data, status, problem code, the field named (without the route's prefix)
        // No exam rule here: the exam sheet is given after intake (driver-licence §15), so the exams are
        // recorded on the application later and judged at approval (Licensing/DriverLicenceTests).
        { "unknown category", """{"categories":["F"]}""", HttpStatusCode.BadRequest, "validation-failed", "categories" },
        { "numeric category", """{"categories":["1"]}""", HttpStatusCode.BadRequest, "validation-failed", "categories" },
        { "no categories", """{"categories":null}""", HttpStatusCode.BadRequest, "validation-failed", "categories" },
        { "empty categories", """{"categories":[]}""", HttpStatusCode.BadRequest, "validation-failed", "categories" },
        { "negative experience", """{"drivingExperienceMonths":-1}""", HttpStatusCode.BadRequest, "validation-failed", "drivingExperienceMonths" },
    };

    [Theory]
    [MemberData(nameof(DriverLicenceIntakeRules))]
    public async Task A_driver_licence_intake_rule_answers_the_same_over_both_routes(string name, string change, HttpStatusCode status, string code, string? field)
    {
        var (clerk, generic) = await GenericSubmissionAsync("driver-licence");
        foreach (var (key, value) in JsonNode.Parse(change)!.AsObject())
        {
            generic["moduleData"]![key] = value?.DeepClone();
        }

        var route = TypedRoutes["driver-licence"];
        var viaGeneric = await clerk.PostAsJsonAsync("/api/v1/applications", generic);
        var viaTyped = await clerk.PostAsJsonAsync(route.Path, route.Typed(generic));

        var genericProblem = await viaGeneric.ShouldBeProblemAsync(status, code);
        var typedProblem = await viaTyped.ShouldBeProblemAsync(status, code);
        if (field is not null)
        {
            genericProblem.GetProperty("errors").TryGetProperty("moduleData." + field, out _).Should().BeTrue($"{name}: {genericProblem}");
            typedProblem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue($"{name}: {typedProblem}");
        }
    }

    [Fact]
    public async Task A_receipt_dated_after_today_is_not_a_payment_over_both_routes_nor_when_recorded_later()
    {
        // Tuesday 10 March 2026: a receipt of 11 March is not a payment yet.
        var (clerk, generic) = await GenericSubmissionAsync("driver-licence");
        var tomorrow = new JsonObject
        {
            ["item"] = "licence",
            ["bank"] = "Kaspi Bank",
            ["receiptNumber"] = "K-" + Guid.NewGuid().ToString("N")[..12],
            ["paidOn"] = "2026-03-11",
            ["amount"] = 5406.25m,
        };
        generic["receipts"] = new JsonArray(tomorrow.DeepClone());
        var route = TypedRoutes["driver-licence"];

        var viaGeneric = await clerk.PostAsJsonAsync("/api/v1/applications", generic);
        var viaTyped = await clerk.PostAsJsonAsync(route.Path, route.Typed(generic));

        foreach (var problem in new[] { await viaGeneric.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed"), await viaTyped.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed") })
        {
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Contain(name => name.StartsWith("receipts[0]", StringComparison.Ordinal), problem.ToString());
        }

        generic.Remove("receipts");
        var submitted = await clerk.PostAsJsonAsync("/api/v1/applications", generic);
        submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var id = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!["id"]!.GetValue<string>();
        using var later = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/applications/{id}/receipts") { Content = JsonContent.Create(tomorrow) };
        later.Headers.TryAddWithoutValidation("If-Match", submitted.Headers.ETag!.ToString());
        var recorded = await clerk.SendAsync(later);

        var receiptProblem = await recorded.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        receiptProblem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Contain(name => name.StartsWith("receipt", StringComparison.Ordinal), receiptProblem.ToString());
        JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!["receipts"]!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"categories": 5}""", "moduleData.categories")]
    [InlineData("""{"categories": ["B"], "medicalDecisionPreventsDriving": "no"}""", "moduleData.medicalDecisionPreventsDriving")]
    [InlineData("""{"categories": ["B"], "drivingExperienceMonths": "twelve"}""", "moduleData.drivingExperienceMonths")]
    [InlineData("""[1, 2]""", "moduleData")]
    [InlineData("\"B\"", "moduleData")]
    public async Task Malformed_module_data_is_a_400_naming_the_field(string moduleData, string field)
    {
        var (clerk, generic) = await GenericSubmissionAsync("driver-licence");
        generic["moduleData"] = JsonNode.Parse(moduleData);

        var response = await clerk.PostAsJsonAsync("/api/v1/applications", generic);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task Every_module_intake_route_of_the_contract_is_walked_here()
    {
        var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var intakeOperations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Path: path.Name, Operation: operation.Value)))
            .Where(o => o.Path != "/api/v1/applications"
                && o.Operation.TryGetProperty("operationId", out var id)
                && id.GetString()!.StartsWith("Submit", StringComparison.Ordinal)
                && id.GetString()!.EndsWith("Application", StringComparison.Ordinal))
            .Select(o => o.Operation.GetProperty("operationId").GetString())
            .ToList();

        intakeOperations.Should().BeEquivalentTo(TypedRoutes.Values.Select(r => r.OperationId).Concat(WalkedElsewhere));
    }

    [Theory]
    [InlineData("300101500014", "applicant.iin")]
    public async Task An_applicant_born_after_today_is_refused_on_every_route(string iin, string field)
    {
        Kazgov.Kernel.Identifiers.Iin.TryParse(iin, out var parsed, out _).Should().BeTrue("the check digit is right; only the date is impossible");
        parsed!.BirthDate.Should().Be(new NodaTime.LocalDate(2030, 1, 1));
        var (clerk, generic) = await GenericSubmissionAsync("driver-licence");
        generic["applicant"]!["iin"] = iin;
        var route = TypedRoutes["driver-licence"];

        var viaGeneric = await clerk.PostAsJsonAsync("/api/v1/applications", generic);
        var viaTyped = await clerk.PostAsJsonAsync(route.Path, route.Typed(generic));

        (await viaGeneric.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
        (await viaTyped.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    /// <summary>A unit head of an office that gives the service, and a complete generic submission for it from the public catalogue.</summary>
    private async Task<(HttpClient Clerk, JsonObject Body)> GenericSubmissionAsync(string code)
    {
        var anonymous = factory.CreateClient();
        var entry = JsonNode.Parse(await anonymous.GetStringAsync($"/api/v1/services/{code}"))!;
        var office = JsonNode.Parse(await anonymous.GetStringAsync($"/api/v1/offices?service={code}&limit=1"))!["items"]![0]!["id"]!.GetValue<string>();
        // Where groups are named after the catalogue's applicants, those are the applicant types (citizenship's category-N).
        var applicants = entry["applicants"]!.AsArray().Select(a => a!["code"]!.GetValue<string>()).ToHashSet();
        var groups = entry["documents"]!.AsArray().Where(g => g!["additionalTo"] is null).ToList();
        var group = groups.FirstOrDefault(g => applicants.Contains(g!["applicantType"]!.GetValue<string>())) ?? groups.First()!;
        var feeItems = entry["fees"]?["items"]?.AsArray().Select(i => i!["code"]!.GetValue<string>()).Take(1).ToList() ?? [];

        var body = new JsonObject
        {
            ["service"] = code,
            ["officeId"] = office,
            ["applicantType"] = group["applicantType"]!.GetValue<string>(),
            ["applicant"] = new JsonObject
            {
                ["kind"] = "individual",
                ["iin"] = TestIins.Next(),
                ["lastName"] = "Ахметов",
                ["firstName"] = "Серік",
                ["phone"] = "+77011234567",
                ["language"] = "kk",
            },
            ["documents"] = new JsonArray(group["items"]!.AsArray().Where(i => i!["mandatory"]!.GetValue<bool>())
                .Select(i => (JsonNode)i!["code"]!.GetValue<string>()!).ToArray()),
            ["feeItems"] = new JsonArray(feeItems.Select(i => (JsonNode)i!).ToArray()),
        };
        if (entry["terms"]!["variants"]!.AsArray() is { Count: > 1 } variants)
        {
            // A variant naming its applicants follows the applicant type (citizenship §7).
            var type = group!["applicantType"]!.GetValue<string>();
            body["termVariant"] = (variants.FirstOrDefault(v => v!["applicants"]?.AsArray().Any(a => a!.GetValue<string>() == type) == true) ?? variants[0])!["code"]!.GetValue<string>();
        }

        if (TypedRoutes.TryGetValue(code, out var route))
        {
            body["moduleData"] = route.ModuleData();
            route.Generic?.Invoke(body);
        }

        return (await UnitHeadAtAsync(office), body);
    }

    private async Task<HttpClient> UnitHeadAtAsync(string office)
    {
        var login = "head." + office.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var admin = await factory.CreateClientAsAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/v1/staff", new
        {
            login,
            password = Kazgov.Platform.Security.DemoAccounts.StaffPassword,
            fullName = "Тест Басшы",
            position = "Бөлімше бастығы",
            role = "unit-head",
            officeId = office,
            services = Array.Empty<string>(),
        });
        created.StatusCode.Should().BeOneOf([HttpStatusCode.Created, HttpStatusCode.Conflict], await created.Content.ReadAsStringAsync());
        return await factory.CreateClientAsAsync(login);
    }

    private static JsonObject DriverLicenceModuleData() => new()
    {
        ["categories"] = new JsonArray("B"),
        ["medicalDecisionPreventsDriving"] = false,
    };

    /// <summary>temporary-registration: a Kyrgyz citizen (visa-free, appendix 4) received by an individual, registered until 30 April.</summary>
    private static JsonObject TemporaryRegistrationModuleData() => new()
    {
        ["host"] = new JsonObject { ["kind"] = "individual", ["iin"] = "850315300019", ["name"] = "Сейітов Арман" },
        ["address"] = "Астана, Бейбітшілік к-сі, 10",
        ["borderCrossedOn"] = "2026-03-09",
        ["requestedUntil"] = "2026-04-30",
    };

    /// <summary>The registered person of temporary-registration is the foreigner, with a travel document.</summary>
    private static JsonObject ForeignApplicant() => new()
    {
        ["kind"] = "foreigner",
        ["travelDocument"] = new JsonObject { ["number"] = "AN" + Guid.NewGuid().ToString("N")[..7], ["country"] = "KG", ["expiresOn"] = "2030-01-01" },
        ["lastName"] = "Асанов",
        ["firstName"] = "Бакыт",
        ["birthDate"] = "1990-05-20",
        ["citizenship"] = "KG",
        ["phone"] = "+77011234567",
        ["language"] = "ru",
    };

    /// <summary>permanent-residence over its first route (pr-visa-holder, §12.1): no solvency figures.</summary>
    private static JsonObject PermanentResidenceModuleData() => new()
    {
        ["route"] = "pr-visa-holder",
        ["settlement"] = "astana",
        ["address"] = "Астана, Мәңгілік Ел даңғылы, 10, 5-пәтер",
    };

    /// <summary>weapon-registration: a citizen's permit to buy a self-defence smooth-bore gun (no hunting licence, §12 note).</summary>
    private static JsonObject VehicleModuleData() => new()
    {
        ["vehicle"] = new JsonObject
        {
            ["vin"] = "XTA21170" + Random.Shared.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["make"] = "Lada", ["model"] = "Kalina", ["year"] = 2015, ["category"] = "car",
        },
    };

    /// <summary>The demo Toyota's certificate (DemoVehicles) and a licence the register does not know: accepted, with a §15.2 finding.</summary>
    private static JsonObject ProxyDriverModuleData()
    {
        using var connection = new Npgsql.NpgsqlConnection(Kazgov.Tests.TestDatabase.ConnectionString);
        var certificate = Dapper.SqlMapper.ExecuteScalar<string>(connection, "SELECT certificate_number FROM vehicles.vehicles WHERE vin = 'JTNB11HK5K3012345'");
        return new JsonObject
        {
            ["certificateNumber"] = certificate,
            ["licenceNumber"] = "KZ269999990",
            ["powerOfAttorney"] = new JsonObject { ["number"] = "СН-1", ["issuedOn"] = "2026-03-01", ["validUntil"] = "2026-12-31", ["issuedBy"] = "850315301007", ["notarised"] = false },
        };
    }

    private static JsonObject AddressRequestModuleData() => new()
    {
        ["kind"] = "in-person",
        ["reason"] = "Туысының мекенжайы",
    };

    private static JsonObject WeaponModuleData() => new()
    {
        ["applicantKind"] = "individual",
        ["unit"] = new JsonObject { ["type"] = "smooth-bore", ["category"] = "civilian", ["purpose"] = "self-defence" },
        ["permanentAddress"] = "Астана, Бейбітшілік к-сі, 10",
        ["storageConditionsConfirmed"] = true,
    };

    /// <summary>citizenship category 8 (renunciation, §12.2): an applicant without children, not married.</summary>
    private static JsonObject CitizenshipRenunciationModuleData() => new()
    {
        ["hasChildren"] = false,
        ["married"] = false,
    };

    /// <summary>residence-permit: a foreigner with a national passport asks for a residence permit (the first document group and fee item).</summary>
    private static void ResidencePermitApplicant(JsonObject body)
    {
        body["subType"] = "residence-permit";
        body["applicant"] = new JsonObject
        {
            ["kind"] = "foreigner",
            ["travelDocument"] = new JsonObject { ["number"] = Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture), ["country"] = "RU", ["expiresOn"] = "2030-01-31" },
            ["birthDate"] = "1990-07-01",
            ["lastName"] = "Иванов",
            ["firstName"] = "Пётр",
            ["phone"] = "+77011234567",
            ["language"] = "ru",
        };
    }

    /// <summary>
    /// A module's typed route: its path, its operation id, a valid module-data case, the typed body
    /// for a generic one, and what the service's generic case needs besides (e.g. its sub-type and applicant).
    /// </summary>
    internal sealed record TypedRoute(string Path, string OperationId, Func<JsonObject> ModuleData, Action<JsonObject>? Generic = null)
    {
        /// <summary>The typed body: the generic body's common fields with the module data's fields at the top level.</summary>
        public JsonObject Typed(JsonObject generic)
        {
            var typed = new JsonObject();
            foreach (var (key, value) in generic)
            {
                if (key is "service" or "applicantType" or "feeItems" or "moduleData")
                {
                    continue;
                }

                typed[key] = value?.DeepClone();
            }

            foreach (var (key, value) in generic["moduleData"]!.AsObject())
            {
                typed[key] = value?.DeepClone();
            }

            return typed;
        }
    }
}
