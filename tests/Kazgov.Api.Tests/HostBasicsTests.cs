using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Kazgov.Api.Tests.Infrastructure;

namespace Kazgov.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class HostBasicsTests(KazgovApiFactory factory)
{
    [Fact]
    public async Task Readiness_checks_the_database()
    {
        var response = await factory.CreateClient().GetAsync("/health/ready");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"status\":\"Healthy\"");
    }

    [Fact]
    public async Task The_tests_run_under_the_production_socket_completions()
    {
        (await factory.CreateClient().GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        // The runtime's own flag, read once at the first socket (no public API shows it): if this breaks
        // after a runtime upgrade, find where the runtime keeps it now rather than deleting the test.
        var engine = typeof(Socket).Assembly.GetType("System.Net.Sockets.SocketAsyncEngine", throwOnError: true)!;
        var inline = engine.GetField("InlineSocketCompletionsEnabled", BindingFlags.NonPublic | BindingFlags.Static)!;
        inline.GetValue(null).Should().Be(true, "the hosts in this process run as the host runs in production (SocketCompletions)");
    }
}
