using Kazgov.Kernel.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kazgov.Kernel.Observability;

/// <summary>A source of observable gauges: registered once, when <see cref="KazgovMetrics"/> is first resolved.</summary>
public interface IGaugeSource
{
    void Register(KazgovMetrics metrics);
}

public static class MetricsServices
{
    /// <summary>The Meter "Kazgov" and the kernel's own gauges (the outbox backlog); safe to call twice.</summary>
    public static IServiceCollection AddKazgovMetrics(this IServiceCollection services)
    {
        services.TryAddSingleton<OutboxBacklog>();
        services.TryAddSingleton(provider =>
        {
            var metrics = new KazgovMetrics();
            provider.GetRequiredService<OutboxBacklog>().Register(metrics);
            foreach (var source in provider.GetServices<IGaugeSource>())
            {
                source.Register(metrics);
            }

            return metrics;
        });
        return services;
    }
}
