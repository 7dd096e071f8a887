using System.Text.Json;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Kazgov.Kernel.Events;

/// <summary>
/// Writes an integration event in the current transaction (the request's <see cref="DbSession"/>):
/// the event exists exactly when the change that caused it committed. Subscribers receive it later,
/// at least once, in commit order (<see cref="IntegrationEventDispatcher"/>).
/// </summary>
public sealed class IntegrationEvents(DbSession session, IClock clock)
{
    public async Task PublishAsync<TEvent>(TEvent integrationEvent, CancellationToken cancellationToken = default)
        where TEvent : IIntegrationEvent =>
        await session.ExecuteDeferredAsync(
            "INSERT INTO platform.integration_events (type, payload, occurred_at) VALUES (@type, @payload::jsonb, @now)",
            new { type = TEvent.EventType, payload = JsonSerializer.Serialize(integrationEvent, PlatformJson.Options), now = clock.GetCurrentInstant() },
            cancellationToken);
}

/// <summary>An event other modules may subscribe to; its type name is its published contract.</summary>
public interface IIntegrationEvent
{
    /// <summary>The stable name, e.g. "application.status-changed".</summary>
    static abstract string EventType { get; }
}

/// <summary>
/// Handles one event type for one subscriber. It runs inside the transaction that moves the
/// subscriber's cursor, on the scope's <see cref="DbSession"/>: what it writes there commits with
/// the cursor, so a handler that only writes to the database sees each event once.
/// </summary>
public interface IIntegrationEventSubscriber<in TEvent>
    where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}

/// <summary>
/// Which stored event a handler is running for (scoped; set by the dispatcher before each call):
/// its id and its transaction, the (tx, id) commit order a handler may want to keep (webhooks).
/// </summary>
public sealed class CurrentIntegrationEvent
{
    public long Id { get; set; }

    /// <summary>The writing transaction's id (xid8) as text.</summary>
    public string Tx { get; set; } = "0";
}

/// <summary>A subscriber's registration: its name (its cursor's key), the event type, and how to run its handler.</summary>
public sealed record IntegrationEventSubscription(
    string Subscriber,
    string EventType,
    Func<IServiceProvider, JsonElement, CancellationToken, Task> Handle);

public static class IntegrationEventRegistration
{
    /// <summary>Subscribes <typeparamref name="THandler"/> to <typeparamref name="TEvent"/> under the name <paramref name="subscriber"/>.</summary>
    public static IServiceCollection AddIntegrationEventSubscriber<TEvent, THandler>(this IServiceCollection services, string subscriber)
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventSubscriber<TEvent>
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new IntegrationEventSubscription(
            subscriber,
            TEvent.EventType,
            (provider, payload, cancellationToken) => provider.GetRequiredService<THandler>()
                .HandleAsync(payload.Deserialize<TEvent>(PlatformJson.Options)!, cancellationToken)));
        return services;
    }
}
