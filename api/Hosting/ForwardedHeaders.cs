using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Kazgov.Api.Hosting;

/// <summary>
/// Behind a reverse proxy, the caller's address and scheme come from X-Forwarded-For and
/// X-Forwarded-Proto, so that rate limits and the audit see the client, not the proxy. Only the
/// proxies named in Http:KnownProxies (addresses) or Http:KnownNetworks (CIDR ranges) are believed;
/// the headers of anybody else are ignored. With neither set, the headers are not read at all.
/// </summary>
internal static class ForwardedHeaders
{
    public const string KnownProxiesKey = "Http:KnownProxies";
    public const string KnownNetworksKey = "Http:KnownNetworks";
    public const string ForwardLimitKey = "Http:ForwardLimit";

    /// <summary>The options from configuration, or null when no proxy is trusted.</summary>
    public static ForwardedHeadersOptions? OptionsFrom(IConfiguration configuration)
    {
        var proxies = Values(configuration, KnownProxiesKey);
        var networks = Values(configuration, KnownNetworksKey);
        if (proxies.Count == 0 && networks.Count == 0)
        {
            return null;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
            // One proxy in front by default; a chain of trusted proxies (e.g. a load balancer and nginx) raises it.
            ForwardLimit = configuration.GetValue(ForwardLimitKey, 1),
        };
        // Only what is configured: not the framework's default of trusting loopback.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"{KnownProxiesKey} holds '{proxy}', which is not an IP address."));
        }

        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var range)
                ? range
                : throw new InvalidOperationException($"{KnownNetworksKey} holds '{network}', which is not a CIDR range such as 10.0.0.0/8."));
        }

        return options;
    }

    /// <summary>First in the pipeline, so that everything after it (rate limits, the audit) sees the client's address.</summary>
    public static void UseKazgovForwardedHeaders(this WebApplication app)
    {
        if (OptionsFrom(app.Configuration) is { } options)
        {
            app.UseForwardedHeaders(options);
        }
    }

    // A list in configuration: Http:KnownProxies:0, :1, … (JSON arrays, Http__KnownProxies__0=…), or one comma-separated value.
    private static List<string> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.GetChildren().Select(child => child.Value).ToList();
        values.Add(section.Value);
        return values
            .SelectMany(value => (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
    }
}
