using Kazgov.Kernel.Observability;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Kazgov.Api.Hosting;

/// <summary>
/// OpenTelemetry metrics and traces (ASP.NET Core, HttpClient, Npgsql and the Meter "Kazgov"), and
/// the Prometheus scrape endpoint /metrics, which is served only on the management port
/// (Management:Port, a second Kestrel endpoint on Management:Address, loopback by default). The
/// management port answers /metrics and /health/* and nothing else; the public port answers 404 to
/// /metrics. Without Management:Port there is no scrape endpoint at all.
/// </summary>
internal static class Observability
{
    public const string ManagementPortKey = "Management:Port";
    public const string ManagementAddressKey = "Management:Address";

    /// <summary>Tests only (refused in Production): /metrics on every port, for in-memory test hosts.</summary>
    public const string MetricsOnMainPortKey = "Testing:MetricsOnMainPort";

    public const string MetricsPath = "/metrics";

    public static void AddKazgovObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddKazgovMetrics();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("kazgov", serviceVersion: typeof(Observability).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics
                .AddMeter(KazgovMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                .DropHotPathDetail()
                .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsMetrics(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql());
        // The trace and span ids go into every log line's scope, beside the correlation id.
        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        var port = builder.Configuration.GetValue(ManagementPortKey, 0);
        if (port > 0)
        {
            // A second endpoint beside whatever --urls, ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS name.
            var address = builder.Configuration[ManagementAddressKey] is { Length: > 0 } configured ? configured : "127.0.0.1";
            var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
            if (string.IsNullOrWhiteSpace(urls))
            {
                var httpPorts = builder.WebHost.GetSetting("http_ports");
                urls = string.IsNullOrWhiteSpace(httpPorts)
                    ? "http://localhost:5000"
                    : string.Join(';', httpPorts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://*:{p}"));
            }

            var host = address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;
            builder.WebHost.UseUrls($"{urls};http://{host}:{port}");
        }
    }

    /// <summary>
    /// Instruments recorded several times on every request or every database command that no dashboard or
    /// alert of ours reads: the time taken by each authentication, rate-limit lease and routing match, Kestrel's
    /// memory-pool traffic and Npgsql's byte counts. They are dropped, so they cost nothing (a dropped
    /// instrument is not listened to); the request duration, the active requests, the connections, the
    /// rate limiter's decisions and the database's operation durations and pool stay.
    /// </summary>
    private static MeterProviderBuilder DropHotPathDetail(this MeterProviderBuilder metrics)
    {
        string[] dropped =
        [
            "aspnetcore.authentication.authenticate.duration",
            "aspnetcore.rate_limiting.request_lease.duration",
            "aspnetcore.rate_limiting.active_request_leases",
            "aspnetcore.routing.match_attempts",
            "aspnetcore.memory_pool.rented",
            "aspnetcore.memory_pool.pooled",
            "aspnetcore.memory_pool.allocated",
            "aspnetcore.memory_pool.evicted",
            "db.client.operation.npgsql.bytes_written",
            "db.client.operation.npgsql.bytes_read",
        ];
        foreach (var name in dropped)
        {
            metrics.AddView(name, MetricStreamConfiguration.Drop);
        }

        return metrics;
    }

    /// <summary>First in the pipeline: the management port serves /metrics and /health/*, and 404 to everything else.</summary>
    public static void UseKazgovManagement(this WebApplication app)
    {
        var port = app.Configuration.GetValue(ManagementPortKey, 0);
        var onMainPort = app.Configuration.GetValue(MetricsOnMainPortKey, false);
        if (port > 0)
        {
            app.Use(async (context, next) =>
            {
                if (context.Connection.LocalPort == port
                    && !IsMetrics(context.Request.Path)
                    && !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await next(context);
            });
        }

        if (port > 0 || onMainPort)
        {
            bool IsScrape(HttpContext context) =>
                IsMetrics(context.Request.Path) && HttpMethods.IsGet(context.Request.Method)
                && (onMainPort || context.Connection.LocalPort == port);

            // The gauges' callbacks only look at cached readings; a scrape reads the stale ones again
            // first, asynchronously, so that it sees values at most a few seconds old.
            var metrics = app.Services.GetRequiredService<KazgovMetrics>();
            app.Use(async (context, next) =>
            {
                if (IsScrape(context))
                {
                    // Not the request's token: a query cancelled mid-read can stop the host (ClientAbort).
                    await metrics.RefreshGaugesAsync(CancellationToken.None);
                }

                await next(context);
            });
            app.UseOpenTelemetryPrometheusScrapingEndpoint(IsScrape);
        }
    }

    private static bool IsMetrics(PathString path) => path.Equals(MetricsPath, StringComparison.OrdinalIgnoreCase);
}
