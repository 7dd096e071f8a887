using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Platform.Offices;
using Kazgov.Platform.Reference;
using Kazgov.Tests;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kazgov.Api.Tests;

/// <summary>
/// A host on a database of its own (hosts of other test classes load the full reference file at
/// their start, which would bring a retired office back in the middle of these tests).
/// </summary>
public sealed class OwnDatabaseApiFactory : KazgovApiFactory
{
    public static readonly string DatabaseName = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString).Database + "_offices";

    public OwnDatabaseApiFactory()
        : base(new Dictionary<string, string?> { ["ConnectionStrings:Kazgov"] = ConnectionString })
    {
        Admin($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)");
        Admin($"CREATE DATABASE \"{DatabaseName}\"");
    }

    public static string ConnectionString =>
        new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Database = DatabaseName }.ConnectionString;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        Admin($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)");
    }

    private static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>An office that leaves reference/offices.json is retired, never deleted (issue 11 §7).</summary>
public sealed class OfficeRetirementTests(OwnDatabaseApiFactory factory) : IClassFixture<OwnDatabaseApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_referenced_office_that_leaves_the_file_is_retired_hidden_from_search_readable_by_id_and_comes_back_with_it()
    {
        var all = ReferenceFiles.Offices.Offices;
        var leaving = all.Last(o => o.Directory == "migration-police" && o.Region == "kyzylorda");
        var loader = factory.Services.GetRequiredService<OfficeDirectoryLoader>();
        var search = $"/api/v1/offices?region=kyzylorda&service=citizenship&limit=200";
        (await IdsAsync(search)).Should().Contain(leaving.Id);
        // A staff account bound to it: the foreign key would refuse a DELETE.
        await ExecuteAsync(
            """
            INSERT INTO platform.staff_users (login, password_hash, full_name, position, role, office_id, created_at, password_changed_at)
            VALUES ('clerk.retired', 'x', 'Clerk', 'Inspector', 'clerk', @office, now(), now())
            """,
            leaving.Id);

        var report = await loader.ImportAsync(all.Where(o => o.Id != leaving.Id).ToList());

        report.Should().Be(new OfficeImportReport(378, 0, 0, 1, 0, 0, 0, 0));
        (await IdsAsync(search)).Should().NotContain(leaving.Id).And.HaveCount(8);
        var office = await GetJsonAsync($"/api/v1/offices/{leaving.Id}");
        office.GetProperty("name").GetString().Should().Be(leaving.Name);
        office.GetProperty("retiredAt").GetString().Should().NotBeNullOrEmpty();
        office.GetProperty("services").EnumerateArray().Select(s => s.GetString()).Should().Contain("citizenship");
        office.GetProperty("schedule").GetProperty("version").GetInt32().Should().Be(1);
        (await loader.ImportAsync(all.Where(o => o.Id != leaving.Id).ToList())).ChangedNothing.Should().BeTrue();

        var back = await loader.ImportAsync();

        back.Should().Be(new OfficeImportReport(379, 0, 1, 0, 0, 0, 0, 0));
        (await IdsAsync(search)).Should().Contain(leaving.Id).And.HaveCount(9);
        (await GetJsonAsync($"/api/v1/offices/{leaving.Id}")).TryGetProperty("retiredAt", out _).Should().BeFalse();
        await ExecuteAsync("DELETE FROM platform.staff_users WHERE login = 'clerk.retired'", leaving.Id);
    }

    [Fact]
    public async Task A_retired_office_takes_no_new_applications()
    {
        var all = ReferenceFiles.Offices.Offices;
        var leaving = all.Last(o => o.Directory == "road-police" && o.Region == "pavlodar");
        var loader = factory.Services.GetRequiredService<OfficeDirectoryLoader>();
        await loader.ImportAsync(all.Where(o => o.Id != leaving.Id).ToList());
        try
        {
            var client = await factory.CreateClientAsAsync("clerk.astana");
            var request = Applications.LifecycleTests.VehicleRegistration();
            request["officeId"] = leaving.Id;

            var response = await client.PostAsJsonAsync("/api/v1/applications", request);

            response.StatusCode.Should().Be(HttpStatusCode.NotFound, await response.Content.ReadAsStringAsync());
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().Should().Be("office-not-found");
        }
        finally
        {
            await loader.ImportAsync();
        }
    }

    private async Task<List<string>> IdsAsync(string url) =>
        (await GetJsonAsync(url)).GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToList();

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await _client.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task ExecuteAsync(string sql, string office)
    {
        await using var connection = new NpgsqlConnection(OwnDatabaseApiFactory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("office", office);
        await command.ExecuteNonQueryAsync();
    }
}
