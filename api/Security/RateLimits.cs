using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Observability;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Microsoft.Extensions.Options;

namespace Kazgov.Api.Security;

/// <summary>Configuration section "Security:RateLimits": fixed windows, no queueing.</summary>
internal sealed class RateLimitSettings
{
    public const string SectionName = "Security:RateLimits";

    /// <summary>Per authenticated actor (a client's own rate_limit_per_minute wins).</summary>
    public Window PerCaller { get; set; } = new() { PermitLimit = 600, WindowSeconds = 60 };

    /// <summary>Per remote address, for calls without a token.</summary>
    public Window Anonymous { get; set; } = new() { PermitLimit = 300, WindowSeconds = 60 };

    /// <summary>Public document verification, per remote address.</summary>
    public Window Verification { get; set; } = new() { PermitLimit = 30, WindowSeconds = 60 };

    /// <summary>A citizen's application status lookup, per remote address.</summary>
    public Window StatusLookup { get; set; } = new() { PermitLimit = 10, WindowSeconds = 60 };

    /// <summary>The token endpoint, per remote address.</summary>
    public Window Token { get; set; } = new() { PermitLimit = 30, WindowSeconds = 60 };

    /// <summary>
    /// How many hosts share the load behind the balancer. Limits are counted in each host's memory,
    /// so each host allows its share (the limit ÷ hosts, rounded up): a caller spread round-robin over
    /// the hosts gets the configured limit in all. A caller pinned to one host gets only that share.
    /// </summary>
    public int HostCount { get; set; } = 1;

    public sealed class Window
    {
        public int PermitLimit { get; set; }

        public int WindowSeconds { get; set; } = 60;

        public FixedWindowRateLimiterOptions ToOptions(int hostCount) => new()
        {
            PermitLimit = Math.Max(1, (PermitLimit + Math.Max(1, hostCount) - 1) / Math.Max(1, hostCount)),
            Window = TimeSpan.FromSeconds(WindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}

/// <summary>
/// Every call under /api counts against its caller's window (the actor id when authenticated,
/// else the remote address); verification and the token endpoint have stricter windows of their own.
/// A refused call gets 429 rate-limited with Retry-After.
/// </summary>
internal static class RateLimits
{
    public static void AddKazgovRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitSettings>().Bind(configuration.GetSection(RateLimitSettings.SectionName));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(PerCaller);
            options.AddPolicy(RateLimitPolicies.Verification, context =>
                PerAddress("verification", context, Settings(context).Verification));
            options.AddPolicy(RateLimitPolicies.StatusLookup, context =>
                PerAddress("status-lookup", context, Settings(context).StatusLookup));
            options.AddPolicy(RateLimitPolicies.Token, context =>
                PerAddress("token", context, Settings(context).Token));
            options.OnRejected = RejectAsync;
        });
    }

    private static RateLimitSettings Settings(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<RateLimitSettings>>().Value;

    private static RateLimitPartition<string> PerCaller(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        var settings = Settings(context);
        if (context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } actor })
        {
            if (int.TryParse(context.User.FindFirstValue(ActorClaims.RateLimit), NumberStyles.None, CultureInfo.InvariantCulture, out var own) && own > 0)
            {
                // The limit is part of the key: a changed limit takes effect with the client's next token.
                return RateLimitPartition.GetFixedWindowLimiter($"actor:{actor}:{own}", _ =>
                    new RateLimitSettings.Window { PermitLimit = own, WindowSeconds = 60 }.ToOptions(settings.HostCount));
            }

            return RateLimitPartition.GetFixedWindowLimiter("actor:" + actor, _ => settings.PerCaller.ToOptions(settings.HostCount));
        }

        return PerAddress("anonymous", context, settings.Anonymous);
    }

    private static RateLimitPartition<string> PerAddress(string prefix, HttpContext context, RateLimitSettings.Window window) =>
        RateLimitPartition.GetFixedWindowLimiter($"{prefix}:{context.Connection.RemoteIpAddress}", _ => window.ToOptions(Settings(context).HostCount));

    private static async ValueTask RejectAsync(Microsoft.AspNetCore.RateLimiting.OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        rejected.HttpContext.RequestServices.GetService<KazgovMetrics>()?.RateLimitRejection(rejected.HttpContext.Request.Path.Value ?? "");
        await ProblemWriter.WriteAsync(
            rejected.HttpContext,
            SecurityProblems.RateLimited,
            new LocalizedText(
                $"Сұраулар шегінен асып кетті; {seconds} секундтан кейін қайталаңыз",
                $"Превышен лимит запросов; повторите через {seconds} с",
                $"The request limit is exhausted; retry in {seconds} s"),
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
    }
}
