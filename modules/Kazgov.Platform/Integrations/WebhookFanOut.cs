using System.Text.Json;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Events;
using Kazgov.Kernel.Http;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Complaints;
using Kazgov.Platform.Security.Clients;

namespace Kazgov.Platform.Integrations;

/// <summary>
/// The integration-event subscriber "webhooks": for each status change, one delivery row per
/// enabled subscription of the submitting client that wants the event's type and service. It runs
/// in the transaction that moves its cursor (<see cref="IntegrationEventDispatcher"/>), so every
/// committed change gets its deliveries exactly once; <see cref="WebhookDispatcher"/> sends them.
/// </summary>
internal sealed class WebhookFanOut(WebhookDeliveryWriter writer, IApplicationDirectory applications) : IIntegrationEventSubscriber<ApplicationStatusChanged>
{
    public const string Subscriber = "webhooks";

    public async Task HandleAsync(ApplicationStatusChanged change, CancellationToken cancellationToken)
    {
        // Events written before SubmittedBy was published name no submitter: ask the application.
        var submittedBy = change.SubmittedBy ?? (await applications.FindAsync(change.ApplicationId, cancellationToken))?.SubmittedBy;
        await writer.WriteAsync(submittedBy, data => ApplicationEventData.From(data, change), change.ServiceCode, cancellationToken);
    }
}

/// <summary>The subscriber "webhooks.complaints": the same for answered complaints about a client's applications.</summary>
internal sealed class ComplaintWebhookFanOut(WebhookDeliveryWriter writer) : IIntegrationEventSubscriber<ComplaintAnswered>
{
    public const string Subscriber = "webhooks.complaints";

    public Task HandleAsync(ComplaintAnswered answered, CancellationToken cancellationToken) =>
        writer.WriteAsync(answered.SubmittedBy, eventId => ApplicationEventData.From(eventId, answered), answered.ServiceCode, cancellationToken);
}

/// <summary>Writes the current integration event's deliveries to the submitting client's matching subscriptions.</summary>
internal sealed class WebhookDeliveryWriter(DbSession session, CurrentIntegrationEvent current, ClientStates clients)
{
    public async Task WriteAsync(string? submittedBy, Func<long, ApplicationEventData> dataOf, string service, CancellationToken cancellationToken)
    {
        if (submittedBy is null || !submittedBy.StartsWith("client:", StringComparison.Ordinal))
        {
            return;
        }

        // A disabled or deleted client gets no new deliveries (the change feed still holds the events for when it is enabled again).
        var clientId = submittedBy["client:".Length..];
        if (!(await clients.OfAsync(clientId, cancellationToken)).Active)
        {
            return;
        }

        var data = dataOf(current.Id);
        var payload = JsonSerializer.Serialize(new WebhookPayload(data.Type, data.OccurredAt, data), PlatformJson.Options);
        // Due at the change's own time (the writing host's clock), not this host's. status-changed
        // subscribes to every application.* type, not to complaint.answered.
        await session.ExecuteAsync(
            """
            INSERT INTO platform.webhook_deliveries
                (id, subscription_id, client_id, event_id, event_tx, event_type, application_id, sequence, payload, occurred_at, next_attempt_at)
            SELECT gen_random_uuid(), s.id, s.client_id, @eventId, @eventTx::xid8, @type, @applicationId, @sequence, @payload::jsonb, @at, @at
            FROM platform.webhook_subscriptions s
            WHERE s.client_id = @clientId AND s.enabled AND @service = ANY (s.services)
              AND (@type = ANY (s.event_types) OR (@type LIKE 'application.%' AND @statusChanged = ANY (s.event_types)))
            ON CONFLICT (subscription_id, event_id) DO NOTHING
            """,
            new
            {
                eventId = current.Id,
                eventTx = current.Tx,
                type = data.Type,
                applicationId = data.ApplicationId,
                clientId,
                sequence = data.Sequence,
                payload,
                at = data.OccurredAt,
                service,
                statusChanged = WebhookEventTypes.StatusChanged,
            },
            cancellationToken);
    }
}
