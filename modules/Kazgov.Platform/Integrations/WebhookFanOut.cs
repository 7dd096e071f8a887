using System.Text.Json;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Events;
using Kazgov.Kernel.Http;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Security.Clients;

namespace Kazgov.Platform.Integrations;

/// <summary>
/// The integration-event subscriber "webhooks": for each status change, one delivery row per
/// enabled subscription of the submitting client that wants the event's type and service. It runs
/// in the transaction that moves its cursor (<see cref="IntegrationEventDispatcher"/>), so every
/// committed change gets its deliveries exactly once; <see cref="WebhookDispatcher"/> sends them.
/// </summary>
internal sealed class WebhookFanOut(DbSession session, CurrentIntegrationEvent current, IApplicationDirectory applications, ClientStates clients) : IIntegrationEventSubscriber<ApplicationStatusChanged>
{
    public const string Subscriber = "webhooks";

    public async Task HandleAsync(ApplicationStatusChanged change, CancellationToken cancellationToken)
    {
        // Events written before SubmittedBy was published name no submitter: ask the application.
        var submittedBy = change.SubmittedBy ?? (await applications.FindAsync(change.ApplicationId, cancellationToken))?.SubmittedBy;
        if (submittedBy is null || !submittedBy.StartsWith("client:", StringComparison.Ordinal))
        {
            return;
        }

        // A disabled or deleted client gets no new deliveries (the change feed still holds the events for when it is enabled again).
        if (!(await clients.OfAsync(submittedBy["client:".Length..], cancellationToken)).Active)
        {
            return;
        }

        var data = ApplicationEventData.From(current.Id, change);
        var payload = JsonSerializer.Serialize(new WebhookPayload(data.Type, data.OccurredAt, data), PlatformJson.Options);
        // Due at the change's own time (the writing host's clock), not this host's.
        await session.ExecuteAsync(
            """
            INSERT INTO platform.webhook_deliveries
                (id, subscription_id, client_id, event_id, event_tx, event_type, application_id, sequence, payload, occurred_at, next_attempt_at)
            SELECT gen_random_uuid(), s.id, s.client_id, @eventId, @eventTx::xid8, @type, @applicationId, @sequence, @payload::jsonb, @at, @at
            FROM platform.webhook_subscriptions s
            WHERE s.client_id = @clientId AND s.enabled AND @service = ANY (s.services)
              AND (@type = ANY (s.event_types) OR @statusChanged = ANY (s.event_types))
            ON CONFLICT (subscription_id, event_id) DO NOTHING
            """,
            new
            {
                eventId = current.Id,
                eventTx = current.Tx,
                type = data.Type,
                applicationId = change.ApplicationId,
                clientId = submittedBy["client:".Length..],
                sequence = change.Sequence,
                payload,
                at = change.At,
                service = change.ServiceCode,
                statusChanged = WebhookEventTypes.StatusChanged,
            },
            cancellationToken);
    }
}
