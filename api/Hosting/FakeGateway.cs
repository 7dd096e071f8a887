using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;

namespace Kazgov.Api.Hosting;

/// <summary>
/// A stand-in SMS/e-mail gateway for local runs (a Production start with it on is refused): ./build/run
/// points the notification adapters at it, and GET /dev/fake-gateway/messages shows an administrator
/// what was "sent". The POSTs stay open: the host's own outbox dispatcher calls them without a token.
/// </summary>
internal static class FakeGateway
{
    private static readonly ConcurrentQueue<JsonObject> Received = new();

    public static void MapFakeGateway(this WebApplication app)
    {
        var group = app.MapGroup("/dev/fake-gateway").ExcludeFromDescription();
        group.MapPost("/{channel}", (string channel, JsonObject message, ILogger<JsonObject> logger) =>
        {
            message["channel"] = channel;
            message["receivedAt"] = DateTimeOffset.UtcNow.ToString("O");
            Received.Enqueue(message);
            while (Received.Count > 200 && Received.TryDequeue(out _))
            {
            }

            logger.LogInformation("Fake {Channel} gateway received a message for {To}", channel, message["to"]?.ToString());
            return Results.Accepted();
        });
        // What was "sent" holds citizens' phone numbers and texts: administrators only, never anonymous.
        group.MapGet("/messages", () => Results.Ok(Received.Reverse().ToArray())).RequirePolicy(Policies.Admin);
    }
}
