using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Kazgov.Api.Hosting;

/// <summary>
/// What a slow or hostile client may hold, and how a stop ends (the <c>Http</c> section): request
/// headers must arrive within <c>RequestHeadersTimeoutSeconds</c>, a body at no less than
/// <c>MinBodyBytesPerSecond</c> after a grace period (Kestrel then answers 408 and closes), idle
/// keep-alive connections close after <c>KeepAliveTimeoutSeconds</c>. On SIGTERM Kestrel stops
/// accepting, requests in flight get <c>ShutdownTimeoutSeconds</c> to finish, and the background
/// dispatchers are cancelled and return their claimed work.
/// </summary>
internal static class ServerLimits
{
    public static void AddKazgovServerLimits(this WebApplicationBuilder builder)
    {
        var http = builder.Configuration.GetSection("Http");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var limits = kestrel.Limits;
            limits.RequestHeadersTimeout = TimeSpan.FromSeconds(http.GetValue("RequestHeadersTimeoutSeconds", 15));
            limits.KeepAliveTimeout = TimeSpan.FromSeconds(http.GetValue("KeepAliveTimeoutSeconds", 120));
            limits.MaxRequestHeadersTotalSize = http.GetValue("MaxRequestHeadersBytes", 32 * 1024);
            limits.MaxRequestHeaderCount = http.GetValue("MaxRequestHeaderCount", 100);
            limits.MinRequestBodyDataRate = new MinDataRate(
                bytesPerSecond: http.GetValue("MinBodyBytesPerSecond", 240.0),
                gracePeriod: TimeSpan.FromSeconds(http.GetValue("MinBodyGraceSeconds", 5)));
            limits.MinResponseDataRate = new MinDataRate(
                bytesPerSecond: http.GetValue("MinResponseBytesPerSecond", 240.0),
                gracePeriod: TimeSpan.FromSeconds(http.GetValue("MinBodyGraceSeconds", 5)));
        });
        builder.Services.Configure<HostOptions>(options =>
            options.ShutdownTimeout = TimeSpan.FromSeconds(http.GetValue("ShutdownTimeoutSeconds", 30)));
    }
}
