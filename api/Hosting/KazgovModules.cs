using Kazgov.Kernel.Modules;

namespace Kazgov.Api.Hosting;

/// <summary>The modules this host runs, in migration order. Adding a module starts here (README § Adding a module).</summary>
internal static class KazgovModules
{
    public static readonly IReadOnlyList<IKazgovModule> All =
    [
        new Kazgov.Platform.PlatformKernelModule(),
        new Kazgov.Licensing.LicensingModule(),
        new Kazgov.Migration.MigrationModule(),
        new Kazgov.Citizenship.CitizenshipModule(),
        new Kazgov.Weapons.WeaponsModule(),
        new Kazgov.Vehicles.VehiclesModule(),
        new Kazgov.AddressBureau.AddressBureauModule(),
    ];

    public static void AddKazgovModule(this IServiceCollection services, IKazgovModule module, IConfiguration configuration)
    {
        services.AddSingleton(module);
        module.AddServices(services, configuration);
    }
}
