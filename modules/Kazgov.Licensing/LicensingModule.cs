using Kazgov.Licensing.Features.DrivingBans;
using Kazgov.Licensing.Features.Exams;
using Kazgov.Licensing.Features.SubmitApplication;
using Kazgov.Licensing.Features.Verification;
using Kazgov.Platform.Applications;
using Kazgov.Kernel.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Licensing;

/// <summary>
/// The Licensing module's entry point: the only public type of the assembly besides its published
/// contracts. It runs driver-licence (the seed's first standard, lines 59–195): the intake, the §17
/// rules, the licence register, hand-over windows and public verification.
/// </summary>
public sealed class LicensingModule : IKazgovModule
{
    public string Name => "Licensing";

    public string Schema => "licensing";

    public IReadOnlyList<string> ServiceCodes { get; } = ["driver-licence"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IServiceDefinition, DriverLicenceDefinition>();
        // The published query other modules use instead of licensing's tables.
        services.AddScoped<Contracts.IDrivingRights, DrivingRights>();
        services.AddScoped<Kazgov.Platform.People.IPersonRecordSource, LicencePersonRecords>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var licences = api.MapGroup("/driver-licences").WithTags("Driver licences");
        licences.MapSubmitApplication();
        licences.MapDrivingBans();
        licences.MapExams();
        licences.MapVerification();
    }
}
