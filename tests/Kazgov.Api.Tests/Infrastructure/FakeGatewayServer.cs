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
    private int _failuresLeft;

    public FakeGatewayServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/{channel}", async (string channel, HttpContext context) =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body);
            Requests.Enqueue((channel, body!.AsObject()));
            return Interlocked.Decrement(ref _failuresLeft) >= 0 ? Results.StatusCode(503) : Results.Ok();
        });
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri BaseUrl { get; }

    public ConcurrentQueue<(string Channel, JsonObject Body)> Requests { get; } = new();

    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
