using Kazgov.Kernel.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Citizenship;

/// <summary>The Citizenship module's entry point: the only public type of the assembly besides its published contracts.</summary>
public sealed class CitizenshipModule : IKazgovModule
{
    public string Name => "Citizenship";

    public string Schema => "citizenship";

    public IReadOnlyList<string> ServiceCodes { get; } = ["citizenship"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
    }
}
