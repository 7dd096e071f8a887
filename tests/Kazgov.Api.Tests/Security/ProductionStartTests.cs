using System.Net;
using System.Net.Http.Json;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Kazgov.Tests;
using Npgsql;
using static Kazgov.Api.Tests.Security.TokenTests;

namespace Kazgov.Api.Tests.Security;

/// <summary>
/// A production configuration, on a database of its own: no demo data, the first administrator
/// from Security:BootstrapAdmin, and no start at all with an unsafe setting (no or a short signing
/// key, demo data, the fake gateway, a fixed clock), every one of them named in one message.
/// </summary>
public sealed class ProductionStartTests
{
    private static readonly string ConnectionString = FreshDatabase("_production");

    [Fact]
    public async Task A_production_start_creates_the_first_admin_from_configuration_and_loads_no_demo_data()
    {
        await using var factory = new ProductionFactory(ConnectionString, new Dictionary<string, string?>
        {
            ["Security:Jwt:SigningKey"] = KazgovApiFactory.TestSigningKey,
        });
        var client = factory.CreateClient();

        var admin = await client.PostAsJsonAsync("/api/v1/auth/token", new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = "root.admin", ["password"] = "first-admin-password",
        });
        admin.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Json(admin)).GetProperty("actor").GetProperty("role").GetString().Should().Be(Roles.Admin);

        var demo = await client.PostAsJsonAsync("/api/v1/auth/token", new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = "clerk.astana", ["password"] = DemoAccounts.StaffPassword,
        });
        await ShouldBeProblem(demo, HttpStatusCode.Unauthorized, "invalid-credentials");

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM platform.staff_users) * 100 + (SELECT count(*) FROM platform.api_clients)", connection);
        ((long)(await count.ExecuteScalarAsync())!).Should().Be(100, "one staff user (the admin) and no client");
    }

    [Fact]
    public async Task A_production_start_without_a_signing_key_fails_with_a_clear_message()
    {
        await using var factory = new ProductionFactory(ConnectionString, new Dictionary<string, string?>
        {
            ["Security:Jwt:SigningKey"] = null,
        });

        var act = () => factory.CreateClient();

        act.Should().Throw<Exception>().Where(e => e.ToString().Contains("Security:Jwt:SigningKey is not set", StringComparison.Ordinal));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_production_start_with_a_short_signing_key_is_refused()
    {
        await using var factory = new ProductionFactory(ConnectionString, new Dictionary<string, string?>
        {
            ["Security:Jwt:SigningKey"] = "too-short-a-secret",
        });

        var act = () => factory.CreateClient();

        act.Should().Throw<Exception>().Where(e => e.ToString().Contains("Security:Jwt:SigningKey is shorter than 32 bytes", StringComparison.Ordinal));
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("ReferenceData:LoadDemoData", "true")]
    [InlineData("Notifications:FakeGatewayEnabled", "true")]
    [InlineData("Testing:FixedClock", "2026-11-27T05:30:00Z")]
    [InlineData("Testing:MetricsOnMainPort", "true")]
    public async Task A_production_start_with_a_development_setting_is_refused(string key, string value)
    {
        await using var factory = new ProductionFactory(ConnectionString, new Dictionary<string, string?>
        {
            ["Security:Jwt:SigningKey"] = KazgovApiFactory.TestSigningKey,
            [key] = value,
        });

        var act = () => factory.CreateClient();

        act.Should().Throw<Exception>().Where(e => e.ToString().Contains("refuses to start in Production with 1 unsafe setting", StringComparison.Ordinal)
            && e.ToString().Contains(key + " is", StringComparison.Ordinal));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_production_start_lists_every_unsafe_setting_in_one_message()
    {
        await using var factory = new ProductionFactory(ConnectionString, new Dictionary<string, string?>
        {
            ["Security:Jwt:SigningKey"] = null,
            ["ReferenceData:LoadDemoData"] = "true",
            ["Notifications:FakeGatewayEnabled"] = "true",
            ["Testing:FixedClock"] = "2026-11-27T05:30:00Z",
        });

        var act = () => factory.CreateClient();

        var message = act.Should().Throw<Exception>().Which.ToString();
        message.Should().Contain("refuses to start in Production with 4 unsafe settings")
            .And.Contain("Security:Jwt:SigningKey is not set")
            .And.Contain("ReferenceData:LoadDemoData is true")
            .And.Contain("Notifications:FakeGatewayEnabled is true")
            .And.Contain("Testing:FixedClock is set");
        await Task.CompletedTask;
    }

    private static string FreshDatabase(string suffix)
    {
        var builder = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString);
        var name = builder.Database + suffix;
        var admin = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Database = "postgres", Pooling = false };
        using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }

        builder.Database = name;
        return builder.ConnectionString;
    }

    private sealed class ProductionFactory(string connectionString, Dictionary<string, string?> settings) : KazgovApiFactory(
        WithDefaults(connectionString, settings),
        environment: "Production")
    {
        // A production configuration; the test's own settings win over it.
        private static Dictionary<string, string?> WithDefaults(string connectionString, Dictionary<string, string?> settings)
        {
            var all = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Kazgov"] = connectionString,
                ["ReferenceData:LoadDemoData"] = "false",
                ["Security:BootstrapAdmin:Login"] = "root.admin",
                ["Security:BootstrapAdmin:Password"] = "first-admin-password",
                ["Security:BootstrapAdmin:FullName"] = "Бас әкімші",
            };
            foreach (var (key, value) in settings)
            {
                all[key] = value;
            }

            return all;
        }
    }
}
