using Kazgov.Migration.TemporaryRegistrations.Features.Register;
using Kazgov.Migration.TemporaryRegistrations.Features.SubmitApplication;
using Kazgov.Platform.Applications;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Migration.TemporaryRegistrations;

/// <summary>temporary-registration: what the service registers in DI and the endpoints it maps under /api/v1/migration.</summary>
internal static class TemporaryRegistrationServices
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IServiceDefinition, TemporaryRegistrationDefinition>();
    }

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapSubmitApplication();
        group.MapRegister();
    }
}
