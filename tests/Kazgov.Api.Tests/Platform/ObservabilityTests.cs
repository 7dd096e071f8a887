using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Applications;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Kernel.Notifications;
using Kazgov.Kernel.Observability;
using Kazgov.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kazgov.Api.Tests.Platform;

/// <summary>
/// A host that serves /metrics on its main pipeline (Testing:MetricsOnMainPort, refused in
/// Production: in-memory test hosts have no second port) and keeps its log lines.
/// </summary>
public sealed class ObservedHostFactory() : PlainServicesApiFactory(new Dictionary<string, string?>
{
    ["Testing:MetricsOnMainPort"] = "true",
    ["Notifications:BacklogDegradedAbove"] = "1000000",
})
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        services.AddSingleton<ILoggerProvider>(Logs);
    }
}

/// <summary>The domain metrics move where things happen; logs carry no IIN.</summary>
public sealed class ObservabilityTests(ObservedHostFactory factory) : IClassFixture<ObservedHostFactory>
{
    [Fact]
    public async Task Submitting_an_application_moves_the_submitted_counter_of_its_service_and_office()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var before = await ScrapeAsync();
        var labels = new[] { "service=\"vehicle-registration\"", $"office=\"{LifecycleTests.AstanaOffice}\"" };

        var response = await clerk.PostAsJsonAsync("/api/v1/applications", LifecycleTests.VehicleRegistration());
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        var after = await ScrapeAsync();
        Sum(after, "kazgov_applications_submitted_total", labels).Should().BeGreaterThanOrEqualTo(Sum(before, "kazgov_applications_submitted_total", labels) + 1);
        // The gauges read the database and are always there. (ASP.NET Core's own instruments are
        // per host: with several test hosts in one process they are not asserted here; the e2e run
        // and build/publish-check scrape a single real host.)
        after.Should().Contain("kazgov_outbox_backlog").And.Contain("kazgov_outbox_oldest_message_age_seconds")
            .And.Contain("kazgov_outbox_dead_letters_waiting");
    }

    [Fact]
    public async Task Idempotent_replays_and_login_failures_are_counted()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var before = await ScrapeAsync();
        var key = Guid.NewGuid().ToString();
        var request = LifecycleTests.VehicleRegistration();
        for (var i = 0; i < 2; i++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/applications") { Content = JsonContent.Create(request) };
            message.Headers.Add("Idempotency-Key", key);
            (await clerk.SendAsync(message)).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var wrong = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { grant_type = "password", username = "auditor", password = "not-the-password" });
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var after = await ScrapeAsync();
        Sum(after, "kazgov_idempotency_replays_total").Should().BeGreaterThanOrEqualTo(Sum(before, "kazgov_idempotency_replays_total") + 1);
        Sum(after, "kazgov_security_login_failures_total").Should().BeGreaterThanOrEqualTo(Sum(before, "kazgov_security_login_failures_total") + 1);
    }

    [Fact]
    public async Task An_iin_submitted_or_requested_never_reaches_the_logs_only_its_mask()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var request = LifecycleTests.VehicleRegistration();
        var iin = request["applicant"]!["iin"]!.GetValue<string>();
        var masked = iin[..4] + "******" + iin[10..];

        (await clerk.PostAsJsonAsync("/api/v1/applications", request)).StatusCode.Should().Be(HttpStatusCode.Created);
        // The IIN in a path and a query string (request logging names the path; ASP.NET Core's scope too).
        await clerk.GetAsync($"/api/v1/no-such-thing/{iin}");
        await clerk.GetAsync($"/api/v1/applications?search={iin}");
        await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { grant_type = "password", username = iin, password = "x" });

        var logs = factory.Logs.All;
        logs.Should().Contain(masked, "the path with the IIN is logged, masked");
        logs.Should().NotContain(iin);
    }

    [Fact]
    public async Task Readiness_reports_each_check_and_the_reference_data()
    {
        var response = await factory.CreateClient().GetAsync("/health/ready");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["status"]!.GetValue<string>().Should().Be("Healthy");
        body["checks"]!["database"]!["status"]!.GetValue<string>().Should().Be("Healthy");
        body["checks"]!["outbox"]!["status"]!.GetValue<string>().Should().Be("Healthy");
        var reference = body["checks"]!["reference-data"]!;
        reference["status"]!.GetValue<string>().Should().Be("Healthy");
        reference["data"]!["services"]!.GetValue<int>().Should().Be(9);
        reference["data"]!["offices"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(379);
    }

    private async Task<string> ScrapeAsync()
    {
        var response = await factory.CreateClient().GetAsync("/metrics");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    internal static double Sum(string scrape, string name, params string[] labels) =>
        scrape.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => labels.All(label => line.Contains(label, StringComparison.Ordinal)))
            .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
}

/// <summary>The public port has no /metrics: it is a 404 there, never the client app's page.</summary>
[Collection(ApiCollection.Name)]
public sealed class PublicMetricsTests(KazgovApiFactory factory)
{
    [Fact]
    public async Task The_public_port_answers_404_to_metrics()
    {
        var response = await factory.CreateClient().GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("kazgov_");
    }

    [Fact]
    public async Task Liveness_stays_trivial()
    {
        var response = await factory.CreateClient().GetAsync("/health/live");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }
}

/// <summary>A backlog above the threshold: ready but degraded; live untouched.</summary>
public sealed class BacklogHostFactory() : KazgovApiFactory(new Dictionary<string, string?>
{
    ["Notifications:BacklogDegradedAbove"] = "0",
});

public sealed class OutboxBacklogHealthTests(BacklogHostFactory factory) : IClassFixture<BacklogHostFactory>
{
    [Fact]
    public async Task An_outbox_backlog_above_the_threshold_makes_readiness_degraded_but_still_200()
    {
        _ = factory.Services; // the host has migrated the database before the test writes to it
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO platform.outbox_messages (id, channel, recipient, language, subject, body, created_at, next_attempt_at)
                VALUES (@id, 'sms', '+77010000000', 'kk', 'test', 'backlog', now(), now() + interval '1 day')
                """,
                new { id = Guid.NewGuid() });
        }

        factory.Services.GetRequiredService<OutboxBacklog>().Invalidate();
        var response = await factory.CreateClient().GetAsync("/health/ready");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["status"]!.GetValue<string>().Should().Be("Degraded");
        body["checks"]!["outbox"]!["status"]!.GetValue<string>().Should().Be("Degraded");
        body["checks"]!["outbox"]!["data"]!["backlog"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(1);
        (await factory.CreateClient().GetStringAsync("/health/live")).Should().Be("Healthy");
    }
}

/// <summary>An office directory with no open office: the host is not ready (503).</summary>
public sealed class EmptyDirectoryHostFactory : KazgovApiFactory
{
    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton<Kazgov.Platform.Offices.ActiveOffices, NoOffices>();
    }

    private sealed class NoOffices() : Kazgov.Platform.Offices.ActiveOffices(null!)
    {
        public override Task<long> CountAsync(CancellationToken cancellationToken) => Task.FromResult(0L);
    }
}

public sealed class EmptyDirectoryHealthTests(EmptyDirectoryHostFactory factory) : IClassFixture<EmptyDirectoryHostFactory>
{
    [Fact]
    public async Task An_empty_office_directory_makes_the_host_unhealthy_while_liveness_stays_up()
    {
        var response = await factory.CreateClient().GetAsync("/health/ready");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["status"]!.GetValue<string>().Should().Be("Unhealthy");
        body["checks"]!["reference-data"]!["description"]!.GetValue<string>().Should().Contain("office directory is empty");
        (await factory.CreateClient().GetStringAsync("/health/live")).Should().Be("Healthy");
    }
}

/// <summary>Every metric the Grafana dashboard charts is one the host exports.</summary>
public sealed class DashboardTests
{
    [Fact]
    public void Every_metric_the_dashboard_charts_is_exported()
    {
        var path = Path.Combine(RepositoryRoot(), "build", "ops", "kazgov-dashboard.json");
        var dashboard = JsonNode.Parse(File.ReadAllText(path))!;
        var expressions = dashboard["panels"]!.AsArray()
            .SelectMany(panel => panel!["targets"]?.AsArray() ?? [])
            .Select(target => target!["expr"]!.GetValue<string>())
            .ToList();
        expressions.Should().NotBeEmpty();

        var charted = expressions
            .SelectMany(expr => System.Text.RegularExpressions.Regex.Matches(expr, @"\bkazgov_[a-z0-9_]+").Select(m => m.Value))
            .Select(name => name.EndsWith("_bucket", StringComparison.Ordinal) ? name[..^"_bucket".Length] : name)
            .ToHashSet();

        charted.Should().NotBeEmpty();
        charted.Should().BeSubsetOf(KazgovMetrics.ExportedNames);
        // And every domain metric is on the dashboard.
        KazgovMetrics.ExportedNames.Should().BeSubsetOf(charted);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Kazgov.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Kazgov.sln not found above " + AppContext.BaseDirectory);
    }
}
