using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Platform.Complaints;
using Kazgov.Platform.Fees;
using Kazgov.Kernel.Modules;
using Kazgov.Kernel.Notifications;
using Kazgov.Kernel.Observability;
using Kazgov.Platform.Offices;
using Kazgov.Kernel.Retention;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        services.AddSingleton(_ => ServiceCatalogue.Load());
        services.AddSingleton<IReferenceDataLoader, CatalogueStartupCheck>();
        services.AddOptions<NotificationOptions>()
            .Bind(configuration.GetSection(NotificationOptions.SectionName))
            .Validate(o => o.MaxAttempts >= 1 && o.BatchSize >= 1 && o.RetriesPerDispatch >= 0, "Notifications: MaxAttempts and BatchSize must be at least 1, RetriesPerDispatch not negative")
            .Validate(o => o.LeaseDuration > TimeSpan.Zero && o.GatewayTimeout > TimeSpan.Zero && o.PollInterval > TimeSpan.Zero, "Notifications: LeaseDuration, GatewayTimeout and PollInterval must be positive")
            .ValidateOnStart();
        services.AddHttpClient<GatewayClient>();
        services.AddTransient<INotificationGateway>(provider => provider.GetRequiredService<GatewayClient>());
        services.AddScoped<Outbox>();
        services.AddScoped<Kazgov.Kernel.Events.IntegrationEvents>();
        services.AddSingleton<Kazgov.Kernel.Events.IntegrationEventDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<Kazgov.Kernel.Events.IntegrationEventDispatcher>());
        services.AddSingleton<OutboxDispatcher>();
        services.AddKazgovMetrics();
        services.AddSingleton<Kazgov.Kernel.Observability.IGaugeSource, Applications.OverdueApplications>();
        services.AddSingleton<ActiveOffices>();
        services.AddHealthChecks()
            .AddCheck<OutboxHealthCheck>("outbox", tags: ["ready"])
            .AddCheck<ReferenceDataHealthCheck>("reference-data", tags: ["ready"]);
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());
        services.AddSingleton<IReferenceDataLoader, MciDefaultsLoader>();
        services.AddSingleton<IReferenceDataLoader, HolidayRulesLoader>();
        services.AddSingleton<IServiceTerms, CatalogueServiceTerms>();
        services.AddScoped<MciStore>();
        services.AddScoped<IMciRates, MciRates>();
        services.AddScoped<CalendarStore>();
        services.AddScoped<IWorkingCalendars>(provider => provider.GetRequiredService<CalendarStore>());
        services.AddScoped<DeadlineService>();
        services.AddScoped<Applications.ApplicationStore>();
        services.AddScoped<Applications.ApplicationReader>();
        services.AddScoped<Applications.ApplicationChanges>();
        services.AddScoped<Applications.ApplicantNotifications>();
        services.AddScoped<Applications.ServiceDefinitions>();
        services.AddScoped<Applications.HandOverWindows>();
        services.AddScoped<Applications.IApplications, Applications.MediatedApplications>();
        services.AddScoped<Applications.IApplicationDirectory, Applications.ApplicationDirectory>();
        services.AddComplaints();
        Queue.QueueCapability.AddQueue(services);
        Feedback.FeedbackCapability.AddFeedback(services, configuration);
        Indicators.IndicatorsCapability.AddIndicators(services);
        Integrations.IntegrationsRegistration.AddIntegrations(services, configuration);
        // The office directory: loaded from reference/offices.json at every start, read by the deadline engine.
        services.AddSingleton<OfficeDirectoryLoader>();
        services.AddSingleton<IReferenceDataLoader>(provider => provider.GetRequiredService<OfficeDirectoryLoader>());
        services.AddSingleton<IOfficeSchedules, OfficeSchedules>();
        services.AddScoped<IOfficeDirectory, OfficeDirectoryQuery>();
        services.AddScoped<IOfficeList, OfficeListQuery>();
        services.AddScoped<Security.IOfficeClerks, Security.OfficeClerksQuery>();
        services.AddPlatformSecurity(configuration);
        services.AddRetention(configuration);
        services.AddSingleton(Security.RefreshTokenRetention.Purge);
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapCatalogueEndpoints();
        api.MapCalendarEndpoints();
        api.MapFeeEndpoints();
        api.MapOfficeEndpoints();
        Applications.ApplicationEndpoints.MapApplicationEndpoints(api);
        Applications.Features.Workload.OfficeWorkloadEndpoints.MapOfficeWorkloadEndpoints(api);
        People.PersonEndpoints.MapPersonEndpoints(api);
        api.MapSecurityEndpoints();
        api.MapComplaintEndpoints();
        Queue.QueueCapability.MapQueueEndpoints(api);
        Feedback.FeedbackCapability.MapFeedbackEndpoints(api);
        Indicators.IndicatorsCapability.MapIndicatorEndpoints(api);
        api.MapOutboxAdminEndpoints();
        Integrations.IntegrationsRegistration.MapIntegrationEndpoints(api);
    }
}
