using Kazgov.Platform.Modules;
using Kazgov.Platform.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Platform;

/// <summary>
/// The shared kernel plugs into the host like any module: schema "platform", and the endpoints
/// all nine standards share (catalogue, offices, fees, calendar, lifecycle).
/// </summary>
public sealed class PlatformKernelModule : IKazgovModule
{
    public string Name => "Platform";

    public string Schema => "platform";

    public IReadOnlyList<string> ServiceCodes { get; } = [];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddPlatformSecurity(configuration);
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapSecurityEndpoints();
    }
}
