using Kazgov.Kernel.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Migration;

/// <summary>
/// The Migration module's entry point: the only public type of the assembly besides its published
/// contracts. It runs three standards of the order: residence-permit (standard 2, seed lines
/// 330–470), temporary-registration (standard 4, lines 3881–3961) and permanent-residence
/// (standard 5, lines 7217–7358), each with its register in the schema "migration".
/// </summary>
public sealed class MigrationModule : IKazgovModule
{
    public string Name => "Migration";

    public string Schema => "migration";

    public IReadOnlyList<string> ServiceCodes { get; } = ["residence-permit", "temporary-registration", "permanent-residence"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        ResidencePermits.ResidencePermitServices.Add(services, configuration);
        TemporaryRegistrations.TemporaryRegistrationServices.Add(services, configuration);
        PermanentResidence.PermanentResidenceServices.Add(services, configuration);
        services.AddScoped<Kazgov.Platform.People.IPersonRecordSource, People.ResidencePermitPersonRecords>();
        services.AddScoped<Kazgov.Platform.People.IPersonRecordSource, People.TemporaryRegistrationPersonRecords>();
        services.AddScoped<Kazgov.Platform.People.IPersonRecordSource, People.PermanentResidencePersonRecords>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var migration = api.MapGroup("/migration");
        ResidencePermits.ResidencePermitServices.Map(migration.MapGroup("/residence-permits").WithTags("Residence permits"));
        TemporaryRegistrations.TemporaryRegistrationServices.Map(migration.MapGroup("/temporary-registrations").WithTags("Temporary registration"));
        PermanentResidence.PermanentResidenceServices.Map(migration.MapGroup("/permanent-residence").WithTags("Permanent residence"));
    }
}
