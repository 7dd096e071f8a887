using Kazgov.Kernel.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Vehicles;

/// <summary>The Vehicles module's entry point: the only public type of the assembly besides its published contracts.</summary>
public sealed class VehiclesModule : IKazgovModule
{
    public string Name => "Vehicles";

    public string Schema => "vehicles";

    public IReadOnlyList<string> ServiceCodes { get; } = ["vehicle-registration", "proxy-driver-registration"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
    }
}
