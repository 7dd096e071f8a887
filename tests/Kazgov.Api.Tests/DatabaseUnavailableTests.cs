using System.Net;
using System.Net.Sockets;
using Kazgov.Api.Tests.Infrastructure;

namespace Kazgov.Api.Tests;

/// <summary>
/// The host with its database unreachable (a closed port; nothing migrated at start): a request that
/// needs the database is a 503 service-unavailable problem with Retry-After, never a 500.
/// build/crash-check stops PostgreSQL for real under load and watches the host recover.
/// </summary>
public sealed class DatabaseUnavailableTests(DatabaseUnavailableTests.UnreachableDatabaseFactory factory)
    : IClassFixture<DatabaseUnavailableTests.UnreachableDatabaseFactory>
{
    [Fact]
    public async Task A_request_that_needs_the_database_is_a_503_problem_with_Retry_After()
    {
        var client = factory.CreateClient();

        using var signIn = await client.PostAsync("/api/v1/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "clerk.astana",
            ["password"] = "kazgov-demo-2026",
        }));

        var problem = await signIn.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
        signIn.Headers.RetryAfter!.Delta.Should().BePositive();
        problem.GetProperty("retryAfterSeconds").GetInt32().Should().BePositive();
    }

    [Fact]
    public async Task Readiness_reports_the_database_down()
    {
        var response = await factory.CreateClient().GetAsync("/health/ready");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    public sealed class UnreachableDatabaseFactory() : KazgovApiFactory(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Kazgov"] = $"Host=127.0.0.1;Port={ClosedPort()};Database=kazgov;Username=postgres;Timeout=3",
        ["Database:MigrateOnStart"] = "false",
    })
    {
        /// <summary>A port nothing listens on: taken from the system, then given back.</summary>
        private static int ClosedPort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
