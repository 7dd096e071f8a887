using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Migration.ResidencePermits;

/// <summary>residence-permit: what the service registers in DI and the endpoints it maps under /api/v1/migration.</summary>
internal static class ResidencePermitServices
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
    }

    public static void Map(IEndpointRouteBuilder group)
    {
    }
}
