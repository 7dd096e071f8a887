using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace Kazgov.Api.Tests.Integrations;

/// <summary>
/// A test portal's webhook endpoint: real Kestrel on loopback. It verifies every request's
/// signature with the StandardWebhooks package against the secret(s) it holds, answers what the
/// test says (200, 503 for an outage, 410 to unsubscribe), counts duplicates by webhook-id, and
/// keeps the portal's view of each application: the status of the highest sequence it applied.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly ConcurrentDictionary<string, int> _seen = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>What the receiver answers now.</summary>
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;

    /// <summary>The secrets it verifies with (any one must match).</summary>
    public List<string> Secrets { get; } = [];

    public string Url { get; private set; } = "";

    /// <summary>Every request, in arrival order, the refused ones too.</summary>
    public IReadOnlyList<Received> All => _received.ToList();

    /// <summary>The accepted ones (verified and answered 2xx).</summary>
    public IReadOnlyList<Received> Accepted => _received.Where(r => r.Accepted).ToList();

    /// <summary>How many accepted requests repeated a webhook-id already accepted.</summary>
    public int Duplicates => _seen.Values.Sum(n => Math.Max(0, n - 1));

    /// <summary>The portal's state from what it accepted: application id → (sequence, status).</summary>
    public ConcurrentDictionary<Guid, (int Sequence, string Status)> State { get; } = new();

    /// <summary>
    /// The applications WebhookTests submitted. Other test classes submit as the same portal client on the
    /// same database at the same time, and their events reach these subscriptions too: the receiver answers
    /// those 200 and leaves them out of what it counts.
    /// </summary>
    public static ConcurrentDictionary<Guid, bool> OurApplications { get; } = new();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks", (Delegate)receiver.HandleAsync);
        // A receiver that tries to send the platform elsewhere: the redirect must not be followed.
        app.MapPost("/moved", () => Results.Redirect("/hooks", permanent: false, preserveMethod: true));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address + "/hooks";
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var verified = Secrets.Any(secret => VerifyAny(secret, body, context.Request.Headers));
        var answer = verified ? Answer : HttpStatusCode.Unauthorized;
        var accepted = verified && (int)answer < 300;
        var id = context.Request.Headers["webhook-id"].ToString();
        var signatures = context.Request.Headers["webhook-signature"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        using var document = JsonDocument.Parse(body);
        var data = document.RootElement.GetProperty("data").Clone();
        if (data.TryGetProperty("applicationId", out var applicationId) && !OurApplications.ContainsKey(applicationId.GetGuid()))
        {
            return Results.Ok();
        }

        _received.Enqueue(new Received(id, document.RootElement.GetProperty("type").GetString()!, data, verified, accepted, signatures));
        if (accepted)
        {
            _seen.AddOrUpdate(id, 1, (_, n) => n + 1);
            Apply(State, data);
        }

        return Results.StatusCode((int)answer);
    }

    /// <summary>
    /// Whether one of the request's signatures is the secret's, checked with the StandardWebhooks
    /// package one signature at a time: its Verify (1.1.2) does not reliably accept a header that
    /// lists two, as the platform sends during a secret's grace period (SignatureLibraryTests).
    /// </summary>
    public static bool VerifyAny(string secret, string body, IHeaderDictionary headers)
    {
        var webhook = new StandardWebhook(secret);
        foreach (var signature in headers["webhook-signature"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var single = new HeaderDictionary
            {
                ["webhook-id"] = headers["webhook-id"],
                ["webhook-timestamp"] = headers["webhook-timestamp"],
                ["webhook-signature"] = signature,
            };
            try
            {
                webhook.Verify(body, single);
                return true;
            }
            catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
            {
            }
        }

        return false;
    }

    /// <summary>The portal's rule for an event: newer sequence wins, older or repeated ones change nothing.</summary>
    public static void Apply(ConcurrentDictionary<Guid, (int Sequence, string Status)> state, JsonElement data)
    {
        var application = data.GetProperty("applicationId").GetGuid();
        var sequence = data.GetProperty("sequence").GetInt32();
        var status = data.GetProperty("status").GetString()!;
        state.AddOrUpdate(application, (sequence, status), (_, current) => sequence > current.Sequence ? (sequence, status) : current);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record Received(string WebhookId, string Type, JsonElement Data, bool Verified, bool Accepted, int Signatures)
    {
        public int Sequence => Data.GetProperty("sequence").GetInt32();

        public Guid ApplicationId => Data.GetProperty("applicationId").GetGuid();

        public string Status => Data.GetProperty("status").GetString()!;
    }
}
