using Kazgov.Platform.Catalogue;
using Kazgov.Platform.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
        services.AddSingleton(provider => ServiceCatalogue.Load(provider.GetRequiredService<IOptions<ReferenceDataOptions>>().Value.SeedFile));
        services.AddSingleton<IReferenceDataLoader, CatalogueStartupCheck>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapCatalogueEndpoints();
    }
}
