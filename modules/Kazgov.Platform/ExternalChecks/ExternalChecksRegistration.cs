using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kazgov.Platform.ExternalChecks;

/// <summary>
/// Each service that asks outside agencies gets its own runner, keyed by its service code, with its
/// own settings (&lt;section&gt;: Timeout, MaxRetryAttempts, RetryDelay; &lt;section&gt;:Fake: the fake's
/// answers). Take it with <c>[FromKeyedServices("service-code")] ExternalCheckRunner</c>.
/// </summary>
public static class ExternalChecksRegistration
{
    public static IServiceCollection AddExternalChecks(this IServiceCollection services, string serviceCode, IConfiguration configuration, string sectionName) =>
        services.AddKeyedSingleton(serviceCode, (provider, _) => new ExternalCheckRunner(
            // No real interface to the agencies exists yet: the configurable fake stands in for them.
            new FakeExternalRegistryChecks(configuration, provider.GetRequiredService<IHostEnvironment>(), sectionName + ":Fake"),
            ExternalCheckOptions.From(configuration, sectionName)));
}
