using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Tests;
using NodaTime;
using Npgsql;

namespace Kazgov.Api.Tests.Applications;

/// <summary>
/// Issue 22, the person page: the migration services' registers (residence permits, temporary
/// registration, permanent residence, citizenship) each answer for their own table; a clerk sees
/// them only for the services they serve, and the look-up is audited.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MigrationPersonRecordsTests(PlainServicesApiFactory factory) : IAsyncLifetime
{
    private const string Office = "migration-police-astana-e7769a19";

    public Task InitializeAsync()
    {
        factory.Clock.Reset(Instant.FromUtc(2026, 3, 10, 5, 0));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_residence_permit_held_under_the_iin_is_on_the_person_page()
    {
        const string iin = "880412300501";
        await ExecuteAsync(
            """
            INSERT INTO migration.residence_permits (number, kind, application_id, holder_last_name, holder_first_name, holder_middle_name, holder_birth_date,
                holder_citizenship, travel_document_country, travel_document_number, holder_iin, office_id, status, reserved_at, issue_date, valid_until, handed_over_at)
            VALUES ('RP260000501', 'residence-permit', NULL, 'Петров', 'Алексей', NULL, '1988-04-12', 'RU', 'RU', '750000501', @iin, @office, 'issued',
                '2026-03-01T05:00:00Z', '2026-03-02', '2031-03-01', '2026-03-02T05:00:00Z')
            """,
            new { iin, office = Office });

        var record = await SingleRecordAsync("clerk.migration.astana", iin);

        record.GetProperty("service").GetString().Should().Be("residence-permit");
        record.GetProperty("kind").GetString().Should().Be("residence-permit");
        record.GetProperty("reference").GetString().Should().Be("RP260000501");
        record.GetProperty("summary").GetString().Should().Be("Петров Алексей · RU 750000501");
        record.GetProperty("status").GetString().Should().Be("issued");
        record.GetProperty("since").GetString().Should().Be("2026-03-02");
        record.GetProperty("validUntil").GetString().Should().Be("2031-03-01");
        record.GetProperty("officeId").GetString().Should().Be(Office);
        await HiddenFromRoadPoliceAsync(iin);
    }

    [Fact]
    public async Task A_host_sees_the_foreigners_registered_at_their_address()
    {
        const string iin = "850315300502";
        await ExecuteAsync(
            """
            INSERT INTO migration.temporary_registrations (number, application_id, person_id, person_kind, travel_document_number, travel_document_country,
                last_name, first_name, middle_name, birth_date, citizenship, address, host_kind, host_identifier, host_name, self_category, basis,
                valid_from, valid_until, limited_by, border_crossed_on, due_by, days_late, registered_on, office_id, is_current, recorded_at)
            VALUES ('TR260000502', @application, 'UZ:FA0000502', 'foreigner', 'FA0000502', 'UZ', 'Каримов', 'Бахтиёр', NULL, '1990-04-12', 'UZ',
                'Астана, Бейбітшілік к-сі, 10', 'individual', @iin, 'Сейітов Арман', NULL, 'visa-free', '2026-03-10', '2026-04-30', 'requested',
                '2026-03-05', '2026-03-10', 0, '2026-03-10', @office, true, '2026-03-10T05:00:00Z')
            """,
            new { iin, office = Office, application = Guid.NewGuid() });

        var record = await SingleRecordAsync("clerk.migration.astana", iin);

        record.GetProperty("service").GetString().Should().Be("temporary-registration");
        record.GetProperty("kind").GetString().Should().Be("hosted-foreigner");
        record.GetProperty("reference").GetString().Should().Be("TR260000502");
        record.GetProperty("summary").GetString().Should().Be("Каримов Бахтиёр · UZ FA0000502 · Астана, Бейбітшілік к-сі, 10");
        record.GetProperty("status").GetString().Should().Be("current");
        record.GetProperty("since").GetString().Should().Be("2026-03-10");
        record.GetProperty("validUntil").GetString().Should().Be("2026-04-30");
        await HiddenFromRoadPoliceAsync(iin);
    }

    [Fact]
    public async Task Permanent_residence_under_the_iin_is_on_the_person_page()
    {
        const string iin = "790101300503";
        await ExecuteAsync(
            """
            INSERT INTO migration.permanent_residence_register (stamp_number, application_id, person_id, route, settlement, address, office_id,
                approved_on, registered_on, is_current, created_at, handed_over_at)
            VALUES ('PR260000503', @application, @iin, 'other-lawful-stay', 'Астана', 'Сарыарқа ауданы, Кенесары к-сі, 4', @office,
                '2026-02-20', '2026-02-27', true, '2026-02-20T05:00:00Z', '2026-02-27T05:00:00Z')
            """,
            new { iin, office = Office, application = Guid.NewGuid() });

        var record = await SingleRecordAsync("clerk.migration.astana", iin);

        record.GetProperty("service").GetString().Should().Be("permanent-residence");
        record.GetProperty("reference").GetString().Should().Be("PR260000503");
        record.GetProperty("summary").GetString().Should().Be("Астана, Сарыарқа ауданы, Кенесары к-сі, 4");
        record.GetProperty("status").GetString().Should().Be("registered");
        record.GetProperty("since").GetString().Should().Be("2026-02-27");
        (!record.TryGetProperty("validUntil", out var until) || until.ValueKind == JsonValueKind.Null).Should().BeTrue("permanent residence has no end date");
        await HiddenFromRoadPoliceAsync(iin);
    }

    [Fact]
    public async Task A_citizenship_certificate_of_the_iin_is_on_the_person_page()
    {
        const string iin = "900202300504";
        await ExecuteAsync(
            """
            INSERT INTO citizenship.certificates (number, application_id, kind, category, person_id, holder_last_name, holder_first_name, holder_birth_date,
                decision_number, decision_date, office_id, approved_on, issued_on, handed_over_at)
            VALUES ('CR260000504', @application, 'renunciation', 8, @iin, 'Ким', 'Виктор', '1990-02-02', 'Указ № 1043', '2026-03-02', @office,
                '2026-03-03', NULL, NULL)
            """,
            new { iin, office = Office, application = Guid.NewGuid() });

        var record = await SingleRecordAsync("clerk.migration.astana", iin);

        record.GetProperty("service").GetString().Should().Be("citizenship");
        record.GetProperty("kind").GetString().Should().Be("citizenship-renunciation");
        record.GetProperty("reference").GetString().Should().Be("CR260000504");
        record.GetProperty("summary").GetString().Should().Be("Ким Виктор · Указ № 1043 02.03.2026");
        record.GetProperty("status").GetString().Should().Be("not-handed-over");
        record.GetProperty("since").GetString().Should().Be("2026-03-03");
        await HiddenFromRoadPoliceAsync(iin);

        // An auditor sees every register; each look-up is one audit record of the IIN.
        (await SingleRecordAsync("auditor", iin)).GetProperty("reference").GetString().Should().Be("CR260000504");
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM platform.audit_log WHERE operation = 'person.read' AND subject_id = @iin", new { iin })).Should().Be(3);
    }

    private async Task<JsonElement> SingleRecordAsync(string login, string iin)
    {
        var client = await factory.CreateClientAsAsync(login);
        var response = await client.GetAsync("/api/v1/people/" + iin);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var person = await response.Content.ReadFromJsonAsync<JsonElement>();
        return person.GetProperty("records").EnumerateArray().Should().ContainSingle().Subject;
    }

    /// <summary>The road police's clerk serves none of the migration services: the register stays out of their page.</summary>
    private async Task HiddenFromRoadPoliceAsync(string iin)
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var person = await (await clerk.GetAsync("/api/v1/people/" + iin)).Content.ReadFromJsonAsync<JsonElement>();
        person.GetProperty("records").GetArrayLength().Should().Be(0);
    }

    private static async Task ExecuteAsync(string sql, object parameters)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync(sql, parameters);
    }
}
