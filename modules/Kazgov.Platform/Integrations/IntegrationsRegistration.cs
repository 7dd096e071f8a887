using Kazgov.Kernel.Events;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Integrations.Features.AdminSubscriptions;
using Kazgov.Platform.Integrations.Features.ChangeFeed;
using Kazgov.Platform.Integrations.Features.Deliveries;
using Kazgov.Platform.Integrations.Features.Subscriptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kazgov.Platform.Integrations;

/// <summary>Webhooks and the change feed: services, the delivery HttpClient, the endpoints.</summary>
internal static class IntegrationsRegistration
{
    public static IServiceCollection AddIntegrations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.SectionName))
            .Validate(o => o.RequestTimeout > TimeSpan.Zero && o.RedeliveryDelay > TimeSpan.Zero && o.LeaseDuration > TimeSpan.Zero
                && o.PollInterval > TimeSpan.Zero && o.DeadLetterAfter >= TimeSpan.Zero && o.BatchSize >= 1 && o.RetriesPerDispatch >= 0
                && o.MaxResponseBytes >= 0, "Webhooks: timeouts and delays must be positive, BatchSize at least 1")
            .ValidateOnStart();
        services.AddSingleton<WebhookTargets>();
        services.AddScoped<WebhookSubscriptions>();
        services.AddScoped<CurrentIntegrationEvent>();
        services.AddScoped<IntegrationEventLog>();
        services.AddScoped<Security.ApiClientScopes>();
        services.AddScoped<WebhookDeliveryWriter>();
        services.AddIntegrationEventSubscriber<ApplicationStatusChanged, WebhookFanOut>(WebhookFanOut.Subscriber);
        services.AddIntegrationEventSubscriber<Complaints.ComplaintAnswered, ComplaintWebhookFanOut>(ComplaintWebhookFanOut.Subscriber);
        // No redirects (a receiver could point us anywhere), connections only to allowed addresses,
        // no cookies, no proxy; the per-call timeout is the dispatcher's (Polly).
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Kazgov-Webhooks/1");
            })
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var targets = provider.GetRequiredService<WebhookTargets>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    UseProxy = false,
                    ConnectTimeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.RequestTimeout,
                    MaxResponseHeadersLength = 64,
                    ConnectCallback = targets.ConnectAsync,
                };
            });
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookDispatcher>());
        return services;
    }

    public static void MapIntegrationEndpoints(this IEndpointRouteBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks");
        webhooks.MapWebhookSubscriptions();
        webhooks.MapWebhookDeliveries();
        api.MapAdminWebhookSubscriptions();
        api.MapChangeFeed();
    }
}
