using Kazgov.Migration.PermanentResidence.Features.AfterDecision;
using Kazgov.Migration.PermanentResidence.Features.Checks;
using Kazgov.Migration.PermanentResidence.Features.HousingPrices;
using Kazgov.Migration.PermanentResidence.Features.SubmitApplication;
using Kazgov.Migration.PermanentResidence.Reference;
using Kazgov.Platform.Applications;
using Kazgov.Platform.ExternalChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Migration.PermanentResidence;

/// <summary>permanent-residence: what the service registers in DI and the endpoints it maps under /api/v1/migration.</summary>
internal static class PermanentResidenceServices
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IServiceDefinition, PermanentResidenceDefinition>();
        // The published query other modules (citizenship) use instead of the register's table.
        services.AddScoped<Contracts.IPermanentResidenceRegister, PermanentResidenceRegister>();
        services.AddSingleton(HousingPrices.Load(configuration));
        services.AddSingleton(TreatyStates.Load());
        services.AddExternalChecks(PermanentResidenceDefinition.Code, configuration, "Migration:PermanentResidence:ExternalChecks");
    }

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapSubmitApplication();
        group.MapChecks();
        group.MapHousingPrices();
        group.MapAfterDecision();
    }
}
