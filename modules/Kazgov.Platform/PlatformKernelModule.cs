using Kazgov.Platform.Modules;
using Kazgov.Platform.Offices;
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
        // The office directory: loaded from the seed at every start, read by the deadline engine.
        services.AddSingleton<OfficeDirectoryLoader>();
        services.AddSingleton<IReferenceDataLoader>(provider => provider.GetRequiredService<OfficeDirectoryLoader>());
        services.AddSingleton<IOfficeSchedules, OfficeSchedules>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapOfficeEndpoints();
    }
}
