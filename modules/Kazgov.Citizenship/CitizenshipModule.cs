using Kazgov.Citizenship.Features.Certificates;
using Kazgov.Citizenship.Features.Commission;
using Kazgov.Citizenship.Features.SubmitApplication;
using Kazgov.Kernel.Modules;
using Kazgov.Platform.Applications;
using Kazgov.Platform.ExternalChecks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Citizenship;

/// <summary>
/// The Citizenship module's entry point: the only public type of the assembly besides its published
/// contracts. It runs citizenship (standard 6, seed lines 10450–14162): admission by category and
/// renunciation, the commission's decision, the certificate register and its public verification.
/// </summary>
public sealed class CitizenshipModule : IKazgovModule
{
    public string Name => "Citizenship";

    public string Schema => "citizenship";

    public IReadOnlyList<string> ServiceCodes { get; } = [CitizenshipDefinition.Code];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IServiceDefinition, CitizenshipDefinition>();
        services.AddScoped<Kazgov.Platform.People.IPersonRecordSource, People.CitizenshipPersonRecords>();
        services.AddExternalChecks(CitizenshipDefinition.Code, configuration, "Citizenship:ExternalChecks");
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/citizenship").WithTags("Citizenship");
        group.MapSubmitApplications();
        group.MapSteps();
        group.MapVerification();
    }
}
