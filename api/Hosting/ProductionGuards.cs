using System.Text;
using Kazgov.Api.Security;

namespace Kazgov.Api.Hosting;

/// <summary>
/// Settings that are fine on a developer's machine and dangerous in production. A Production start
/// with any of them is refused with one message that lists every one found (not only the first), so
/// that an operator fixes the configuration in one go.
/// </summary>
internal static class ProductionGuards
{
    public const string DemoDataKey = "ReferenceData:LoadDemoData";
    public const string FakeGatewayKey = "Notifications:FakeGatewayEnabled";

    /// <summary>What is unsafe in <paramref name="configuration"/>; empty when nothing is.</summary>
    public static IReadOnlyList<string> Find(IConfiguration configuration)
    {
        var found = new List<string>();
        var signingKey = configuration[$"{JwtSettings.SectionName}:{nameof(JwtSettings.SigningKey)}"];
        if (string.IsNullOrEmpty(signingKey))
        {
            found.Add($"Security:Jwt:SigningKey is not set: set it to a secret of at least {JwtSettings.MinKeyBytes} bytes "
                + "(e.g. the output of `openssl rand -base64 48`), for example in the environment variable Security__Jwt__SigningKey.");
        }
        else if (Encoding.UTF8.GetByteCount(signingKey) < JwtSettings.MinKeyBytes)
        {
            found.Add($"Security:Jwt:SigningKey is shorter than {JwtSettings.MinKeyBytes} bytes: use a secret of at least "
                + $"{JwtSettings.MinKeyBytes} bytes (e.g. the output of `openssl rand -base64 48`).");
        }

        if (configuration.GetValue(DemoDataKey, false))
        {
            found.Add($"{DemoDataKey} is true: it creates demo accounts whose passwords are published; set it to false.");
        }

        if (configuration.GetValue(FakeGatewayKey, false))
        {
            found.Add($"{FakeGatewayKey} is true: notifications would go to the host's own stand-in gateway instead of "
                + "citizens; set it to false and point Notifications:SmsGatewayUrl / EmailGatewayUrl at the real gateways.");
        }

        if (!string.IsNullOrWhiteSpace(configuration[TestingClock.FixedClockKey]))
        {
            found.Add($"{TestingClock.FixedClockKey} is set: a stopped clock would falsify deadlines, token lifetimes and the audit; remove it.");
        }

        if (configuration.GetValue(Observability.MetricsOnMainPortKey, false))
        {
            found.Add($"{Observability.MetricsOnMainPortKey} is true: /metrics would be served on the public port; "
                + "remove it and scrape Management:Port instead.");
        }

        return found;
    }

    /// <summary>In Production, throws with every unsafe setting listed; elsewhere does nothing.</summary>
    public static void EnsureSafe(IConfiguration configuration, IHostEnvironment environment)
    {
        if (!environment.IsProduction())
        {
            return;
        }

        var found = Find(configuration);
        if (found.Count > 0)
        {
            throw new InvalidOperationException(
                $"Kazgov refuses to start in Production with {found.Count} unsafe setting{(found.Count == 1 ? "" : "s")}:"
                + string.Concat(found.Select(problem => Environment.NewLine + "  - " + problem)));
        }
    }
}
