using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Applications;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Platform.Security;
using Kazgov.Tests;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using Kazgov.Kernel.Data;

namespace Kazgov.Api.Tests.AddressBureau;

/// <summary>address-certificate (standard 3) end to end through /api/v1/address-bureau, at the Astana address bureau.</summary>
[Collection(ApiCollection.Name)]
public sealed class AddressBureauTests(KazgovApiFactory factory) : IAsyncLifetime
{
    private const string Office = DemoAccounts.AstanaAddressBureau;
    private const string Clerk = "clerk.address.astana";
    private const string Head = "head.address.astana";
    private const string Path = "/api/v1/address-bureau";
    private static readonly string Police = "client:" + DemoAccounts.PoliceClientId;

    // Tuesday 10 March 2026, 10:00 in Astana.
    private static readonly Instant Morning = Instant.FromUtc(2026, 3, 10, 5, 0);

    // Friday 20 March 2026, 10:00: Nauryz falls on Saturday–Monday 21–23 March, 24 and 25 March are carried-over days off.
    private static readonly Instant FridayBeforeNauryz = Instant.FromUtc(2026, 3, 20, 5, 0);

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
    public async Task An_in_person_certificate_is_issued_at_once_printed_and_verified_publicly_without_personal_data()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var iin = await ResidentAsync(clerk, "Сейітова", "Айгерім", "Болатқызы");
        var request = await SubmitAsync(clerk, InPerson());
        request["application"]!["termVariant"]!.GetValue<string>().Should().Be("in-person");
        request["application"]!["dueAt"]!.GetValue<string>().Should().Be("2026-03-10T05:10:00Z", "10 minutes of working time (§7.2)");
        var id = request["application"]!["id"]!.GetValue<string>();

        var issued = await clerk.PostAsJsonAsync($"{Path}/requests/{id}/certificates", new { iin });
        issued.StatusCode.Should().Be(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        var certificate = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!;
        var number = certificate["number"]!.GetValue<string>();
        var code = certificate["verificationCode"]!.GetValue<string>();
        number.Should().MatchRegex(@"^AC26\d{8}$");
        certificate["address"]!["street"]!.GetValue<string>().Should().Be("Мәңгілік Ел даңғылы");
        certificate["operator"]!["name"]!.GetValue<string>().Should().Be("Ботагөз Ержанқызы Тұрсынова");
        certificate["earlier"]!.AsArray().Should().HaveCount(1, "the earlier permanent registration was closed by the new one");

        var html = await clerk.GetStringAsync($"{Path}/certificates/{number}/print");
        html.Should().Contain("Мәңгілік Ел даңғылы").And.Contain(code).And.Contain("Сейітова Айгерім Болатқызы").And.Contain("Мекенжай бюросының операторы");

        var anonymous = factory.CreateClient();
        var verification = await anonymous.GetStringAsync($"{Path}/certificates/{code}/verification");
        JsonNode.Parse(verification)!["number"]!.GetValue<string>().Should().Be(number);
        verification.Should().NotContain(iin).And.NotContain("Сейітова").And.NotContain("Мәңгілік");
        // The problem's own `code` stays the stable one; the code asked about is an extension of its own.
        var unknown = await (await anonymous.GetAsync($"{Path}/certificates/NOSUCHCODE00/verification")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "address-certificate-not-found");
        unknown.GetProperty("verificationCode").GetString().Should().Be("NOSUCHCODE00");

        (await AuditAsync(iin)).Should().Contain(("address-certificate-lookup", request["application"]!["registrationNumber"]!.GetValue<string>() + "/" + number));
    }

    [Fact]
    public async Task The_certificate_as_a_pdf_carries_the_person_the_address_and_the_code_only_to_those_who_may_read_it()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var iin = await ResidentAsync(clerk, "Қуанышбаева", "Гүлнұр", "Оңғарқызы");
        var id = (await SubmitAsync(clerk, InPerson()))["application"]!["id"]!.GetValue<string>();
        var issued = await clerk.PostAsJsonAsync($"{Path}/requests/{id}/certificates", new { iin });
        issued.StatusCode.Should().Be(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        var certificate = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!;
        var number = certificate["number"]!.GetValue<string>();
        var code = certificate["verificationCode"]!.GetValue<string>();

        var response = await clerk.GetAsync($"{Path}/certificates/{number}.pdf");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(pdf, 0, 5).Should().Be("%PDF-");
        PdfText.EmbedsFont(pdf, "DejaVu Sans").Should().BeTrue();
        var text = PdfText.Extract(pdf);
        text.Should().Contain("Қуанышбаева Гүлнұр Оңғарқызы").And.Contain(iin).And.Contain(number).And.Contain(code)
            .And.Contain("Астана, Мәңгілік Ел даңғылы, үй 8, пәтер 120").And.Contain("Ботагөз Ержанқызы Тұрсынова")
            .And.Contain($"http://localhost{Path}/certificates/{code}/verification", "the public verification address, in full");
        (await AuditAsync(iin)).Should().ContainSingle(a => a.Operation == "address-certificate-pdf").Which.ObjectId.Should().Be(number);

        // Another bureau's clerk and an integrator that did not register the request: as if there were no such certificate.
        var almaty = await factory.CreateClientAsAsync("clerk.address.almaty");
        await (await almaty.GetAsync($"{Path}/certificates/{number}.pdf")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "address-certificate-not-found");
        var police = await factory.CreateClientAsAsync(Police);
        await (await police.GetAsync($"{Path}/certificates/{number}.pdf")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "address-certificate-not-found");
        // Without the right to read applications, or without a token, nothing at all.
        var submitOnly = await factory.CreateClientAsAsync(Police + " address-certificate:submit");
        await (await submitOnly.GetAsync($"{Path}/certificates/{number}.pdf")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await factory.CreateClient().GetAsync($"{Path}/certificates/{number}.pdf")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        (await AuditAsync(iin)).Count(a => a.Operation == "address-certificate-pdf").Should().Be(1, "a refused read is not a read");
        await (await clerk.GetAsync($"{Path}/certificates/AC2699999999.pdf")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "address-certificate-not-found");
    }

    [Fact]
    public async Task A_lookup_without_a_request_or_under_another_bureaus_request_is_refused()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var iin = await ResidentAsync(clerk, "Омаров", "Ерлан", null);
        var before = (await AuditAsync(iin)).Count;

        var none = await clerk.GetAsync($"{Path}/requests/{Guid.NewGuid()}/persons/{iin}");
        await none.ShouldBeProblemAsync(HttpStatusCode.NotFound, "address-request-not-found");

        var id = (await SubmitAsync(clerk, InPerson()))["application"]!["id"]!.GetValue<string>();
        var almaty = await factory.CreateClientAsAsync("clerk.address.almaty");
        await (await almaty.GetAsync($"{Path}/requests/{id}/persons/{iin}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "address-request-not-found");
        var police = await factory.CreateClientAsAsync(Police);
        await (await police.GetAsync($"{Path}/requests/{id}/persons/{iin}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "address-request-not-found");

        (await AuditAsync(iin)).Should().HaveCount(before, "nothing was read");
    }

    [Fact]
    public async Task Every_lookup_is_audited_with_who_whom_and_the_request()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var iin = await ResidentAsync(clerk, "Жақсылықов", "Нұрсұлтан", "Маратұлы");
        var submitted = await SubmitAsync(clerk, InPerson());
        var id = submitted["application"]!["id"]!.GetValue<string>();
        var number = submitted["application"]!["registrationNumber"]!.GetValue<string>();
        var birth = "19" + iin[..2] + "-" + iin[2..4] + "-" + iin[4..6];

        (await clerk.GetAsync($"{Path}/requests/{id}/persons/{iin}")).StatusCode.Should().Be(HttpStatusCode.OK);
        var byName = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/requests/{id}/persons?lastName=Zhaksylykov&firstName=Nursultan&birthDate={birth}"))!;
        byName["items"]!.AsArray().Select(p => p!["iin"]!.GetValue<string>()).Should().Contain(iin, "the Latin spelling finds the Kazakh one");
        var fuzzy = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/requests/{id}/search?name=Жаксылыков%20Нурсултан&limit=5"))!;
        fuzzy["items"]!.AsArray().Select(p => p!["iin"]!.GetValue<string>()).Should().Contain(iin);
        fuzzy["items"]!.AsArray().Count.Should().BeLessThanOrEqualTo(5);

        var audit = await AuditAsync(iin);
        audit.Should().Contain(("address-lookup-by-iin", number)).And.Contain(("address-lookup-by-name", number)).And.Contain(("address-search-by-name", number));
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var actors = await connection.QueryRowsAsync<string>(
            "SELECT DISTINCT actor_id FROM platform.audit_entries WHERE subject_id = @iin AND operation LIKE 'address-%' AND object_id = @number", new { iin, number });
        actors.Should().Equal("staff:" + Clerk);
        var reason = await connection.ExecuteScalarAsync<string>("SELECT reason FROM address_bureau.requests WHERE registration_number = @number", new { number });
        reason.Should().Be("Туысының мекенжайы", "why: the request's reason, joined by its number");
    }

    [Fact]
    public async Task The_fuzzy_search_forgives_a_typo_and_ranks_the_matching_patronymic_first()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        // A surname no other test uses, so the namesakes below are the only ones.
        var surname = "Тілеубердиев" + (char)('а' + Random.Shared.Next(0, 20)) + (char)('а' + Random.Shared.Next(0, 20));
        var other = await ResidentAsync(clerk, surname, "Ғалымжан", "Серікұлы");
        var wanted = await ResidentAsync(clerk, surname, "Ғалымжан", "Бауыржанұлы");
        var unrelated = await ResidentAsync(clerk, surname, "Мария", "Петровна");
        var id = (await SubmitAsync(clerk, InPerson()))["application"]!["id"]!.GetValue<string>();

        // Russian spelling, one letter of the surname dropped, the patronymic given.
        var typo = surname[..^3] + surname[^2..];
        var found = JsonNode.Parse(await clerk.GetStringAsync(
            $"{Path}/requests/{id}/search?name={Uri.EscapeDataString(typo + " Галымжан Бауржанович")}&limit=5"))!["items"]!.AsArray();
        var iins = found.Select(p => p!["iin"]!.GetValue<string>()).ToList();
        iins.Should().StartWith(wanted).And.Contain(other).And.NotContain(unrelated, "another first name is another pair");
        found[0]!["score"]!.GetValue<double>().Should().BeGreaterThan(found[1]!["score"]!.GetValue<double>());

        var bySurnameOnly = JsonNode.Parse(await clerk.GetStringAsync($"{Path}/requests/{id}/search?name={Uri.EscapeDataString(typo)}&limit=5"))!["items"]!.AsArray();
        bySurnameOnly.Select(p => p!["iin"]!.GetValue<string>()).Should().BeEquivalentTo([other, wanted, unrelated]);
    }

    [Fact]
    public async Task A_list_request_answers_certificates_for_those_found_and_zhoq_for_the_rest()
    {
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var first = await ResidentAsync(clerk, "Әбілова", "Жанар", "Қанатқызы");
        var second = await ResidentAsync(clerk, "Кузнецов", "Сергей", "Иванович");
        var police = await factory.CreateClientAsAsync(Police);
        var request = await SubmitAsync(police, Agency("agency-written", "police-astana"));
        request["application"]!["termVariant"]!.GetValue<string>().Should().Be("priority-agency");
        var id = request["application"]!["id"]!.GetValue<string>();
        var secondBirth = "19" + second[..2] + "-" + second[2..4] + "-" + second[4..6];

        var response = await police.PostAsJsonAsync($"{Path}/requests/{id}/lists", new
        {
            entries = new object[]
            {
                new { iin = first },
                new { lastName = "Kuznetsov", firstName = "Sergei", birthDate = secondBirth },
                new { lastName = "Белгісіз", firstName = "Адам", birthDate = "1990-01-01" },
                new { iin = TestIins.Next("010101", '5') },
            },
        });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var list = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        list["found"]!.GetValue<int>().Should().Be(2);
        list["notFound"]!.GetValue<int>().Should().Be(2);
        var rows = list["rows"]!.AsArray();
        rows.Select(r => r!["mark"]!.GetValue<string>()).Should().Equal("", "", "жоқ", "жоқ");
        rows[0]!["certificates"]![0]!["personId"]!.GetValue<string>().Should().Be(first);
        rows[1]!["certificates"]!.AsArray().Select(c => c!["personId"]!.GetValue<string>()).Should().Contain(second);

        // The police client looks up only under its own requests.
        var clerkRequest = (await SubmitAsync(clerk, InPerson()))["application"]!["id"]!.GetValue<string>();
        await (await police.PostAsJsonAsync($"{Path}/requests/{clerkRequest}/lists", new { entries = new[] { new { iin = first } } }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "address-request-not-found");
        (await AuditAsync(first)).Should().Contain(a => a.Operation == "address-list-lookup");
    }

    [Fact]
    public async Task A_telephone_request_needs_the_agencys_password_in_force_and_wrong_ones_are_refused_then_rate_limited()
    {
        var head = await factory.CreateClientAsAsync(Head);
        var clerk = await factory.CreateClientAsAsync(Clerk);
        factory.Clock.Reset(Morning);
        (await head.PostAsJsonAsync($"{Path}/agencies/knb/passwords", new { validFrom = "2026-03-10T05:00:00Z", validUntil = "2026-03-14T05:00:00Z" }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "no more than three days (§12.2 note)");
        (await clerk.PostAsJsonAsync($"{Path}/agencies/knb/passwords", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden, "unit heads issue passwords");
        (await head.PostAsJsonAsync($"{Path}/agencies/kazpost/passwords", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden, "not a law-enforcement agency");

        var issued = await head.PostAsJsonAsync($"{Path}/agencies/knb/passwords", new { validFrom = "2026-03-10T05:00:00Z", validUntil = "2026-03-12T05:00:00Z" });
        issued.StatusCode.Should().Be(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        var password = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["password"]!.GetValue<string>();
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            (await connection.ExecuteScalarAsync<string>(
                "SELECT password_hash FROM address_bureau.agency_passwords WHERE agency_code = 'knb' AND superseded_at IS NULL")).Should().NotContain(password, "stored hashed");
        }

        var accepted = await clerk.PostAsJsonAsync($"{Path}/requests", Agency("agency-phone", "knb", password));
        accepted.StatusCode.Should().Be(HttpStatusCode.Created, await accepted.Content.ReadAsStringAsync());
        JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["application"]!["dueAt"]!.GetValue<string>().Should().Be("2026-03-12T05:00:00Z");

        // The day before it is valid, and the moment it ends, the same password is refused.
        factory.Clock.Reset(Morning - Duration.FromMinutes(1));
        clerk = await factory.CreateClientAsAsync(Clerk);
        await (await clerk.PostAsJsonAsync($"{Path}/requests", Agency("agency-phone", "knb", password))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "agency-password-refused");
        factory.Clock.Reset(Morning + Duration.FromDays(2) - Duration.FromMinutes(1));
        clerk = await factory.CreateClientAsAsync(Clerk);
        (await clerk.PostAsJsonAsync($"{Path}/requests", Agency("agency-phone", "knb", password))).StatusCode.Should().Be(HttpStatusCode.Created, "the last minute of the window");
        factory.Clock.Reset(Morning + Duration.FromDays(2));
        clerk = await factory.CreateClientAsAsync(Clerk);
        await (await clerk.PostAsJsonAsync($"{Path}/requests", Agency("agency-phone", "knb", password))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "agency-password-refused");

        // Rotation: a new password supersedes the old at once.
        factory.Clock.Reset(Morning + Duration.FromHours(1));
        clerk = await factory.CreateClientAsAsync(Clerk);
        head = await factory.CreateClientAsAsync(Head);
        var rotated = JsonNode.Parse(await (await head.PostAsJsonAsync($"{Path}/agencies/knb/passwords", new { })).Content.ReadAsStringAsync())!["password"]!.GetValue<string>();
        await (await clerk.PostAsJsonAsync($"{Path}/requests", Agency("agency-phone", "knb", password))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "agency-password-refused");
        (await clerk.PostAsJsonAsync($"{Path}/requests", Agency("agency-phone", "knb", rotated))).StatusCode.Should().Be(HttpStatusCode.Created);

        for (var i = 0; i < 5; i++)
        {
            await clerk.PostAsJsonAsync($"{Path}/requests", Agency("agency-phone", "knb", "wrong-" + i));
        }

        await (await clerk.PostAsJsonAsync($"{Path}/requests", Agency("agency-phone", "knb", rotated))).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "agency-password-rate-limited");
        factory.Clock.Reset(Morning + Duration.FromHours(2));
        clerk = await factory.CreateClientAsAsync(Clerk);
        (await clerk.PostAsJsonAsync($"{Path}/requests", Agency("agency-phone", "knb", rotated))).StatusCode.Should().Be(HttpStatusCode.Created, "15 minutes later the limit is lifted");

        await using var db = new NpgsqlConnection(TestDatabase.ConnectionString);
        (await db.ExecuteScalarAsync<long>("SELECT count(*) FROM platform.audit_log WHERE operation LIKE 'agency-password-%' AND object_id LIKE 'knb%'")).Should().BeGreaterThan(10);
    }

    [Theory]
    // in person: 10 minutes of the bureau's working time; Friday 17:55 → the next working day after Nauryz, Thursday 26 March 09:05
    [InlineData("in-person", null, "2026-03-20T12:55:00Z", "2026-03-26T04:05:00Z")]
    // a priority agency in writing: 48 hours around the clock through the weekend and Nauryz
    [InlineData("agency-written", "police-astana", "2026-03-20T05:00:00Z", "2026-03-22T05:00:00Z")]
    // another organisation: 5 тәулік = 120 hours around the clock through the weekend and the holidays
    [InlineData("organisation", null, "2026-03-20T05:00:00Z", "2026-03-25T05:00:00Z")]
    public async Task Each_term_kind_runs_across_a_weekend_and_a_holiday(string kind, string? agency, string acceptedAt, string dueAt)
    {
        factory.Clock.Reset(NodaTime.Text.InstantPattern.General.Parse(acceptedAt).Value);
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var body = kind switch
        {
            "in-person" => InPerson(),
            "organisation" => Organisation(),
            _ => Agency(kind, agency!),
        };
        var submitted = await SubmitAsync(clerk, body);
        submitted["application"]!["dueAt"]!.GetValue<string>().Should().Be(dueAt);
    }

    [Fact]
    public async Task A_foreigner_registered_by_the_migration_police_lands_in_the_register()
    {
        var events = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Kazgov.Kernel.Events.IntegrationEventDispatcher>().Single();
        var document = "N" + Random.Shared.Next(10_000_000, 99_999_999);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var publisher = scope.ServiceProvider.GetRequiredService<Kazgov.Kernel.Events.IntegrationEvents>();
            await publisher.PublishAsync(new Kazgov.Migration.Contracts.ForeignerRegisteredAtAddress(
                "TR-" + document, new Kazgov.Migration.Contracts.RegisteredForeigner(document, "UZB", "Каримов", "Алишер", null, new LocalDate(1990, 5, 5), "UZB"),
                "Астана, Абай даңғылы 10, 5", new LocalDate(2026, 3, 10), new LocalDate(2026, 6, 10), "migration-police-astana-e7769a19", null, Morning));
        }

        for (var i = 0; i < 20 && await events.DispatchOnceAsync(CancellationToken.None) == 0; i++)
        {
            await Task.Delay(100);
        }

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var row = await connection.QuerySingleRowAsync<(string Region, string Source)>(
            "SELECT region, source FROM address_bureau.registrations WHERE person_id = @id", new { id = "UZB:" + document });
        row.Should().Be(("astana", "migration-event"));
    }

    [Fact]
    public async Task A_permanent_residence_registration_brings_the_persons_names_into_the_register()
    {
        var events = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Kazgov.Kernel.Events.IntegrationEventDispatcher>().Single();
        var iin = TestIins.Next("850304", '4');
        var document = "RU:" + Random.Shared.Next(10_000_000, 99_999_999);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var publisher = scope.ServiceProvider.GetRequiredService<Kazgov.Kernel.Events.IntegrationEvents>();
            foreach (var person in new[] { iin, document })
            {
                await publisher.PublishAsync(new Kazgov.Migration.Contracts.PermanentResidenceRegistered(
                    Guid.NewGuid(), person, "pr-visa-holder", "astana", "Астана, Сарайшық к-сі, 5, 12-пәтер", new LocalDate(2026, 3, 10),
                    "migration-police-astana-e7769a19", "PR26-" + Random.Shared.Next(1_000_000, 9_999_999))
                {
                    LastName = "Петрова",
                    FirstName = "Анна",
                    MiddleName = "Сергеевна",
                    BirthDate = new LocalDate(1985, 3, 4),
                });
            }
        }

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        for (var i = 0; i < 40 && await connection.ExecuteScalarAsync<long>(
                 "SELECT count(*) FROM address_bureau.registrations WHERE person_id = ANY(@ids)", new { ids = new[] { iin, document } }) < 2; i++)
        {
            await events.DispatchOnceAsync(CancellationToken.None);
            await Task.Delay(100);
        }

        var persons = (await connection.QueryRowsAsync<(string PersonId, string LastName, string FirstName, string SearchLast, string BirthDate)>(
            "SELECT person_id, last_name, first_name, search_last, birth_date::text FROM address_bureau.persons WHERE person_id = ANY(@ids) ORDER BY person_id",
            new { ids = new[] { iin, document } })).ToList();
        persons.Should().HaveCount(2);
        persons.Should().OnlyContain(p => p.LastName == "Петрова" && p.FirstName == "Анна" && p.SearchLast == "PETROVA");
        persons.Single(p => p.PersonId == document).BirthDate.Should().Be("1985-03-04", "one without an IIN takes the event's birth date");
    }

    [Fact]
    public async Task A_resident_already_in_the_register_is_refused_and_leaves_nothing_behind()
    {
        // Found by fuzzing the contract (build/fuzz-check): the refused insert still fed the name dictionary.
        var clerk = await factory.CreateClientAsAsync(Clerk);
        var iin = TestIins.Next($"{Random.Shared.Next(40, 99):00}{Random.Shared.Next(1, 13):00}{Random.Shared.Next(1, 29):00}", '3');
        (await clerk.PostAsJsonAsync($"{Path}/residents", new { iin, lastName = "Ахметов", firstName = "Серік" })).StatusCode.Should().Be(HttpStatusCode.Created);
        var unseen = "Bdfgh" + string.Concat(Enumerable.Range(0, 8).Select(_ => "bdfghlmnprt"[Random.Shared.Next(11)]));

        await (await clerk.PostAsJsonAsync($"{Path}/residents", new { iin, lastName = unseen, firstName = unseen }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "address-person-exists");

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM address_bureau.name_parts WHERE part = @part", new { part = unseen.ToUpperInvariant() }))
            .Should().Be(0);
    }

    private async Task<string> ResidentAsync(HttpClient clerk, string last, string first, string? middle)
    {
        var iin = TestIins.Next($"{Random.Shared.Next(40, 99):00}{Random.Shared.Next(1, 13):00}{Random.Shared.Next(1, 29):00}", '3');
        (await clerk.PostAsJsonAsync($"{Path}/residents", new { iin, lastName = last, firstName = first, middleName = middle })).StatusCode.Should().Be(HttpStatusCode.Created);
        var earlier = await clerk.PostAsJsonAsync($"{Path}/residents/{iin}/registrations",
            new { kind = "permanent", region = "karaganda", settlement = "Қарағанды", street = "Бұқар жырау даңғылы", house = "12", flat = "4", from = "2010-05-01" });
        earlier.StatusCode.Should().Be(HttpStatusCode.Created, await earlier.Content.ReadAsStringAsync());
        (await clerk.PostAsJsonAsync($"{Path}/residents/{iin}/registrations",
            new { kind = "permanent", region = "astana", settlement = "Астана", street = "Мәңгілік Ел даңғылы", house = "8", flat = "120", from = "2019-09-02" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        return iin;
    }

    private static object InPerson() => new
    {
        officeId = Office,
        kind = "in-person",
        reason = "Туысының мекенжайы",
        applicant = new { kind = "individual", iin = TestIins.Next(), lastName = "Ахметов", firstName = "Серік", phone = "+77011234567", language = "kk" },
    };

    private static object Agency(string kind, string agency, string? password = null) => new
    {
        officeId = Office,
        kind,
        agencyCode = agency,
        requester = "аға лейтенант Б. Қасымов",
        reason = "Қылмыстық іс № 261500031000123",
        outgoingNumber = "15-2/1043",
        password,
        applicant = new { kind = "legal-entity", bin = "990240000010", organisationName = "Астана қаласының Полиция департаменті", phone = "+77011234567", language = "kk" },
    };

    private static object Organisation() => new
    {
        officeId = Office,
        kind = "organisation",
        requester = "Заң бөлімінің бастығы",
        reason = "Қарыз бойынша сот талабы",
        outgoingNumber = "01-12/77",
        applicant = new { kind = "legal-entity", bin = "020740000058", organisationName = "«Астана Су Арнасы» МКК", phone = "+77172556677", language = "ru" },
    };

    private async Task<JsonNode> SubmitAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync($"{Path}/requests", body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!;
    }

    private static async Task<List<(string Operation, string ObjectId)>> AuditAsync(string subject)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return (await connection.QueryRowsAsync<(string, string)>(
            "SELECT operation, coalesce(object_id, '') FROM platform.audit_entries WHERE subject_id = @subject AND operation LIKE 'address-%' AND operation NOT LIKE 'address-re%'",
            new { subject })).ToList();
    }
}
