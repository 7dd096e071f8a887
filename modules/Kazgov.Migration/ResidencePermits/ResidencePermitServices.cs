using Kazgov.Kernel.Modules;
using Kazgov.Migration.ResidencePermits.Features.Register;
using Kazgov.Migration.ResidencePermits.Features.SubmitApplication;
using Kazgov.Migration.ResidencePermits.Features.Verification;
using Kazgov.Platform.Applications;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Migration.ResidencePermits;

/// <summary>residence-permit: what the service registers in DI and the endpoints it maps under /api/v1/migration.</summary>
internal static class ResidencePermitServices
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IServiceDefinition, ResidencePermitDefinition>();
        // Demo holders of a valid permit and certificate (only with ReferenceData:LoadDemoData).
        services.AddSingleton<IReferenceDataLoader, ResidencePermitDemoData>();
    }

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapSubmitApplication();
        group.MapRegister();
        group.MapVerification();
    }
}
