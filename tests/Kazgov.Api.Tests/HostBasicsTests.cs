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
    public async Task A_request_s_work_does_not_see_its_client_leave_and_the_error_handler_does()
    {
        using var left = new CancellationTokenSource();
        await left.CancelAsync();
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestAborted = left.Token };
        CancellationToken seen = left.Token;

        await Kazgov.Api.Hosting.ClientAbort.Middleware(context, inner =>
        {
            seen = inner.RequestAborted;
            return Task.CompletedTask;
        });

        seen.CanBeCanceled.Should().BeFalse("no query of the request's is cancelled when its client goes away (ClientAbort)");
        context.RequestAborted.Should().Be(left.Token, "on the way out the error handler sees that the caller left (499)");
    }

    [Fact]
    public void The_host_detaches_request_work_from_client_aborts_inside_the_error_handler()
    {
        var program = File.ReadAllLines(Path.Combine(Kazgov.Tests.RepositoryPaths.Root, "api", "Program.cs")).Select(line => line.Trim()).ToList();

        program.IndexOf("app.Use(ClientAbort.Middleware);").Should().Be(
            program.IndexOf("app.UseProblemResponses();") + 1,
            "inside the error handler (which answers 499 from the client's own token) and before everything that queries");
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
