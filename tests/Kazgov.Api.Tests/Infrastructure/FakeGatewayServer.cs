using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kazgov.Api.Tests.Infrastructure;

/// <summary>
/// A real HTTP gateway on a loopback port (Kestrel), standing in for the SMS and e-mail
/// providers. It can be told to fail the next N requests.
/// </summary>
public sealed class FakeGatewayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new();
    private readonly ConcurrentDictionary<string, (int Count, TimeSpan RetryAfter)> _rateLimitsLeft = new();

    public FakeGatewayServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/{channel}", async (string channel, HttpContext context) =>
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            Requests.Enqueue((channel, body));
            var reference = body["reference"]?.GetValue<string>() ?? "";
            var delay = _delays.Where(d => reference.StartsWith(d.Key, StringComparison.Ordinal)).Select(d => d.Value).DefaultIfEmpty().Max();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay);
            }

            if (_rateLimitsLeft.TryGetValue(reference, out var limit) && _rateLimitsLeft.TryUpdate(reference, (limit.Count - 1, limit.RetryAfter), limit) && limit.Count > 0)
            {
                context.Response.Headers.RetryAfter = ((int)limit.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.StatusCode(429);
            }

            return _failuresLeft.AddOrUpdate(reference, -1, (_, left) => left - 1) >= 0 ? Results.StatusCode(503) : Results.Ok();
        });
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri BaseUrl { get; }

    public ConcurrentQueue<(string Channel, JsonObject Body)> Requests { get; } = new();

    /// <summary>
    /// The next <paramref name="count"/> messages about <paramref name="reference"/> are refused with 503
    /// (per reference, so messages of tests running alongside are not affected).
    /// </summary>
    public void FailNext(string reference, int count) => _failuresLeft[reference] = count;

    /// <summary>The next <paramref name="count"/> messages about <paramref name="reference"/> get 429 with Retry-After.</summary>
    public void RateLimitNext(string reference, int count, TimeSpan retryAfter) => _rateLimitsLeft[reference] = (count, retryAfter);

    /// <summary>Messages whose reference starts with <paramref name="prefix"/> take <paramref name="delay"/> to answer.</summary>
    public void SlowDown(string prefix, TimeSpan delay) => _delays[prefix] = delay;

    /// <summary>How many messages about <paramref name="reference"/> the gateway received (accepted or not).</summary>
    public int CountFor(string reference) => Requests.Count(r => r.Body["reference"]?.GetValue<string>() == reference);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
