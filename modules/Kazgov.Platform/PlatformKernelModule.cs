using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Platform.Complaints;
using Kazgov.Platform.Fees;
using Kazgov.Platform.Modules;
using Kazgov.Platform.Notifications;
using Kazgov.Platform.Offices;
using Kazgov.Platform.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kazgov.Platform;

/// <summary>
/// The shared kernel plugs into the host like any module: schema "platform", and the endpoints
/// all nine standards share (catalogue, offices, fees, calendar, lifecycle, complaints).
/// </summary>
public sealed class PlatformKernelModule : IKazgovModule
{
    public string Name => "Platform";

    public string Schema => "platform";

    public IReadOnlyList<string> ServiceCodes { get; } = [];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        // The catalogue first: a broken catalogue file stops the start before anything else loads.
        services.AddSingleton(provider => ServiceCatalogue.Load(provider.GetRequiredService<IOptions<ReferenceDataOptions>>().Value.SeedFile));
        services.AddSingleton<IReferenceDataLoader, CatalogueStartupCheck>();
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.SectionName));
        services.AddHttpClient<GatewayClient>();
        services.AddScoped<Outbox>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());
        services.AddSingleton<IReferenceDataLoader, MciDefaultsLoader>();
        services.AddSingleton<IReferenceDataLoader, HolidayRulesLoader>();
        services.AddSingleton<IServiceTerms, CatalogueServiceTerms>();
        services.AddScoped<MciStore>();
        services.AddScoped<CalendarStore>();
        services.AddScoped<IWorkingCalendars>(provider => provider.GetRequiredService<CalendarStore>());
        services.AddScoped<DeadlineService>();
        services.AddScoped<Applications.ApplicationStore>();
        services.AddScoped<Applications.ApplicationReader>();
        services.AddScoped<Applications.ApplicationChanges>();
        services.AddScoped<Applications.ApplicantNotifications>();
        services.AddScoped<Applications.ServiceDefinitions>();
        services.AddScoped<Applications.HandOverWindows>();
        services.AddScoped<IOfficeDirectory, OfficeLookup>();
        services.AddScoped<Applications.IApplications, Applications.MediatedApplications>();
        // The office directory: loaded from the seed at every start, read by the deadline engine.
        services.AddSingleton<OfficeDirectoryLoader>();
        services.AddSingleton<IReferenceDataLoader>(provider => provider.GetRequiredService<OfficeDirectoryLoader>());
        services.AddSingleton<IOfficeSchedules, OfficeSchedules>();
        services.AddPlatformSecurity(configuration);
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapCatalogueEndpoints();
        api.MapCalendarEndpoints();
        api.MapFeeEndpoints();
        api.MapOfficeEndpoints();
        Applications.ApplicationEndpoints.MapApplicationEndpoints(api);
        api.MapSecurityEndpoints();
        api.MapComplaintEndpoints();
    }
}
