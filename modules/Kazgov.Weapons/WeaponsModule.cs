using Kazgov.Kernel.Modules;
using Kazgov.Platform.Applications;
using Kazgov.Platform.ExternalChecks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Weapons;

/// <summary>
/// The Weapons module's entry point: the only public type of the assembly besides its published
/// contracts. It runs weapon-registration (standard 7, seed lines 14176–14912): permits, licences and
/// the registration of each unit, the weapon register, the §18 checks and public verification.
/// </summary>
public sealed class WeaponsModule : IKazgovModule
{
    public string Name => "Weapons";

    public string Schema => "weapons";

    public IReadOnlyList<string> ServiceCodes { get; } = ["weapon-registration"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IServiceDefinition, WeaponRegistrationDefinition>();
        services.AddScoped<Kazgov.Platform.People.IPersonRecordSource, WeaponPersonRecords>();
        services.AddExternalChecks(WeaponRegistrationDefinition.Code, configuration, "Weapons:ExternalChecks");
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var weapons = api.MapGroup("/weapons").WithTags("Weapons");
        weapons.MapSubmitApplication();
        weapons.MapChecks();
        weapons.MapRecipient();
        weapons.MapRegister();
        weapons.MapVerification();
    }
}
