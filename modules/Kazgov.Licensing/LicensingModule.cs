using Kazgov.Platform.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Licensing;

/// <summary>The Licensing module's entry point: the only public type of the assembly besides its published contracts.</summary>
public sealed class LicensingModule : IKazgovModule
{
    public string Name => "Licensing";

    public string Schema => "licensing";

    public IReadOnlyList<string> ServiceCodes { get; } = ["driver-licence"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
    }
}
