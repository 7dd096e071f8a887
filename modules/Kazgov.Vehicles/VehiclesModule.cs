using Kazgov.Kernel.Modules;
using Kazgov.Platform.Applications;
using Kazgov.Platform.ExternalChecks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Vehicles;

/// <summary>
/// The Vehicles module's entry point: the only public type of the assembly besides its published
/// contracts. It runs vehicle-registration (standard 8, seed lines 14926–15227) — the vehicle register,
/// certificates and plates from the regions' pools, the §17 checks — and proxy-driver-registration
/// (standard 9, seed lines 15231–15464) — the register of proxy drivers, checked against the
/// Licensing module's published contract — with their public verification.
/// </summary>
public sealed class VehiclesModule : IKazgovModule
{
    public string Name => "Vehicles";

    public string Schema => "vehicles";

    public IReadOnlyList<string> ServiceCodes { get; } = ["vehicle-registration", "proxy-driver-registration"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IServiceDefinition, VehicleRegistrationDefinition>();
        services.AddScoped<IServiceDefinition, ProxyDriverDefinition>();
        services.AddScoped<Kazgov.Platform.People.IPersonRecordSource, VehiclePersonRecords>();
        services.AddExternalChecks(VehicleRegistrationDefinition.Code, configuration, "Vehicles:ExternalChecks");
        services.AddSingleton<IReferenceDataLoader, DemoVehicles>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var vehicles = api.MapGroup("/vehicles").WithTags("Vehicles");
        vehicles.MapSubmitApplications();
        vehicles.MapChecks();
        vehicles.MapRegister();
        vehicles.MapVerification();
    }
}
