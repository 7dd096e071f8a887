using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Migration.PermanentResidence;

/// <summary>permanent-residence: what the service registers in DI and the endpoints it maps under /api/v1/migration.</summary>
internal static class PermanentResidenceServices
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
    }

    public static void Map(IEndpointRouteBuilder group)
    {
    }
}
