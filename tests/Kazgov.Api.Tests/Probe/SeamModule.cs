using System.Text.Json;
using Kazgov.Api.Hosting;
using Kazgov.Platform.Applications;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Api.Tests.Probe;

/// <summary>
/// A tiny module that fills the lifecycle's extension point for proxy-driver-registration, the way
/// a real module does: its own schema and registry, an eligibility rule naming a refusal ground of
/// the service's catalogue entry, and what approval creates.
/// </summary>
public sealed class SeamModule : IKazgovModule
{
    public string Name => "Seam";

    public string Schema => "test_seam";

    public IReadOnlyList<string> ServiceCodes { get; } = [];

    public string MigrationsNamespace => "Kazgov.Api.Tests.Probe.SeamMigrations";

    public void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IServiceDefinition, ProxyDriverDefinition>();

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
    }

    private sealed class ProxyDriverDefinition : IServiceDefinition
    {
        public string ServiceCode => "proxy-driver-registration";

        public ValueTask<IReadOnlyList<EligibilityFinding>> CheckEligibilityAsync(EligibilityContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<EligibilityFinding>>(
                context.ModuleData.TryGetProperty("trafficBan", out var ban) && ban.ValueKind == JsonValueKind.True
                    ? [new EligibilityFinding("traffic-participation-prohibited", new LocalizedText("Жол қозғалысына қатысуға тыйым салынған", "Запрещено участие в дорожном движении", "Barred from road traffic"))]
                    : []);

        public async ValueTask<string?> OnApprovedAsync(LifecycleContext context, CancellationToken cancellationToken)
        {
            await context.Session.ExecuteAsync(
                "INSERT INTO test_seam.registrations (application_id, registration_number, holder_iin) VALUES (@id, @number, @iin)",
                new { id = context.ApplicationId, number = context.RegistrationNumber, iin = context.Applicant.Iin },
                cancellationToken);
            return "SEAM-" + context.RegistrationNumber;
        }
    }
}

/// <summary>The real host plus the seam module, whose definition of proxy-driver-registration stands in for the Vehicles module's.</summary>
public sealed class SeamApiFactory : Infrastructure.PlainServicesApiFactory
{
    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        services.AddKazgovModule(new SeamModule(), new ConfigurationBuilder().Build());
    }
}
