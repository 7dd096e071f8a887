using System.Collections.Concurrent;
using Kazgov.Platform.Applications;
using Kazgov.Kernel.Events;

namespace Kazgov.Api.Tests.Infrastructure;

/// <summary>Remembers every application.status-changed event delivered to it, in delivery order.</summary>
public sealed class RecordingSubscriber : IIntegrationEventSubscriber<ApplicationStatusChanged>
{
    public const string Name = "tests.recorder";

    public static ConcurrentQueue<ApplicationStatusChanged> Received { get; } = new();

    public Task HandleAsync(ApplicationStatusChanged integrationEvent, CancellationToken cancellationToken)
    {
        Received.Enqueue(integrationEvent);
        return Task.CompletedTask;
    }
}
