using Kazgov.Kernel.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Migration;

/// <summary>The Migration module's entry point: the only public type of the assembly besides its published contracts.</summary>
public sealed class MigrationModule : IKazgovModule
{
    public string Name => "Migration";

    public string Schema => "migration";

    public IReadOnlyList<string> ServiceCodes { get; } = ["residence-permit", "temporary-registration", "permanent-residence"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
    }
}
