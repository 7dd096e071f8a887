using Kazgov.Platform.Security.Clients.Features.ManageClients;
using Kazgov.Platform.Security.Clients.Features.OwnRecord;
using Kazgov.Platform.Security.Clients.Features.RotateSecret;
using Kazgov.Platform.Security.Clients.Features.Usage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Platform.Security.Clients;

/// <summary>Integrator client management: the registry, the clients' cached state, usage counting, and the endpoints.</summary>
internal static class ClientsRegistration
{
    public static void AddIntegratorClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClientUsageOptions>().Bind(configuration.GetSection(ClientUsageOptions.SectionName));
        services.AddScoped<ApiClientRegistry>();
        services.AddScoped<ClientStates>();
        services.AddSingleton<InactiveClients>();
        services.AddSingleton<ClientUsageRecorder>();
        services.AddHostedService<ClientUsageFlusher>();
    }

    public static void MapIntegratorClients(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/admin/clients").WithTags("Integrator clients").MapManageClients();
        api.MapRotateSecret();
        api.MapUsage();
        api.MapOwnRecord();
    }
}
