using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Kazgov.Kernel.Modules;
using Kazgov.Platform.Security.Clients;

using Kazgov.Kernel.Security;

namespace Kazgov.Platform.Security;

/// <summary>The kernel's part of security: the actor, the audit trail, accounts and their endpoints.</summary>
public static class PlatformSecurity
{
    public static void AddPlatformSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.SectionName));
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentActor>(provider => new HttpCurrentActor(provider.GetRequiredService<IHttpContextAccessor>()));
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<Accounts>();
        services.AddSingleton<IReferenceDataLoader, SecurityDataLoader>();
        services.AddIntegratorClients(configuration);
    }

    public static void MapSecurityEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapAuthEndpoints();
        api.MapAuditEndpoints();
        api.MapStaffEndpoints();
        api.MapIntegratorClients();
    }
}
