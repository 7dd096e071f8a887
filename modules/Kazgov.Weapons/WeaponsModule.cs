using Kazgov.Kernel.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Weapons;

/// <summary>The Weapons module's entry point: the only public type of the assembly besides its published contracts.</summary>
public sealed class WeaponsModule : IKazgovModule
{
    public string Name => "Weapons";

    public string Schema => "weapons";

    public IReadOnlyList<string> ServiceCodes { get; } = ["weapon-registration"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
    }
}
