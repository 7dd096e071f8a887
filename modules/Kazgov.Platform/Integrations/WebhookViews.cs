using NodaTime;

namespace Kazgov.Platform.Integrations;

/// <summary>A webhook subscription; its secret is never shown again after it was created or rotated.</summary>
/// <param name="Id">The subscription's id.</param>
/// <param name="ClientId">The integrator client it belongs to.</param>
/// <param name="Url">Where deliveries are POSTed.</param>
/// <param name="EventTypes">The event types it receives (application.status-changed: every change).</param>
/// <param name="Services">The service codes whose applications it follows.</param>
/// <param name="Enabled">Whether deliveries are sent; a 410 Gone answer disables it.</param>
/// <param name="DisabledReason">Why it is disabled: gone (the receiver answered 410), client or admin.</param>
/// <param name="PreviousSecretValidUntil">Until when the secret before the last rotation still signs too.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record WebhookSubscriptionView(
    Guid Id,
    string ClientId,
    string Url,
    IReadOnlyList<string> EventTypes,
    IReadOnlyList<string> Services,
    bool Enabled,
    string? DisabledReason,
    Instant? PreviousSecretValidUntil,
    Instant CreatedAt,
    Instant UpdatedAt);

/// <summary>A new subscription and its signing secret, shown this once.</summary>
/// <param name="Subscription">The subscription.</param>
/// <param name="Secret">The signing secret (whsec_…): keep it, it is not shown again.</param>
public sealed record CreatedWebhookSubscription(WebhookSubscriptionView Subscription, string Secret);

/// <summary>The client's subscriptions.</summary>
/// <param name="Items">The subscriptions, oldest first.</param>
public sealed record WebhookSubscriptionList(IReadOnlyList<WebhookSubscriptionView> Items);

/// <summary>A new subscription.</summary>
/// <param name="Url">An https URL (http on loopback only outside production).</param>
/// <param name="EventTypes">application.submitted, application.status-changed, application.ready-for-issue, application.issued, application.refused.</param>
/// <param name="Services">Service codes the client has a webhooks scope for.</param>
public sealed record CreateWebhookSubscriptionRequest(string? Url, IReadOnlyList<string>? EventTypes, IReadOnlyList<string>? Services);

/// <summary>A new subscription for a client (administrators).</summary>
/// <param name="ClientId">The integrator client.</param>
/// <param name="Url">An https URL.</param>
/// <param name="EventTypes">The event types.</param>
/// <param name="Services">Service codes the client has a webhooks scope for.</param>
public sealed record AdminCreateWebhookSubscriptionRequest(string? ClientId, string? Url, IReadOnlyList<string>? EventTypes, IReadOnlyList<string>? Services);

/// <summary>A change of a subscription: what is given is replaced.</summary>
/// <param name="Url">A new URL.</param>
/// <param name="EventTypes">New event types.</param>
/// <param name="Services">New service codes.</param>
/// <param name="Enabled">Enable (e.g. after a 410) or disable it.</param>
public sealed record UpdateWebhookSubscriptionRequest(string? Url, IReadOnlyList<string>? EventTypes, IReadOnlyList<string>? Services, bool? Enabled);

/// <summary>A secret rotation.</summary>
/// <param name="GracePeriodMinutes">How long the previous secret still signs too (0 to 10080; default Webhooks:DefaultRotationGrace, a day).</param>
public sealed record RotateWebhookSecretRequest(int? GracePeriodMinutes);

/// <summary>The new secret, shown this once.</summary>
/// <param name="Secret">The new signing secret.</param>
/// <param name="PreviousSecretValidUntil">Until when the previous secret signs too.</param>
public sealed record RotatedWebhookSecret(string Secret, Instant? PreviousSecretValidUntil);

/// <summary>One delivery of one event to one subscription.</summary>
/// <param name="Id">The delivery's id.</param>
/// <param name="MessageId">The webhook-id header it is sent with (the same on every attempt and replay).</param>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="EventId">The event (as in the change feed).</param>
/// <param name="EventType">The event type.</param>
/// <param name="ApplicationId">The application.</param>
/// <param name="Sequence">The application's change number.</param>
/// <param name="Status">pending, delivered or dead (a dead letter).</param>
/// <param name="Attempts">HTTP calls made so far.</param>
/// <param name="LastStatusCode">The receiver's last HTTP status.</param>
/// <param name="LastError">The last failure.</param>
/// <param name="OccurredAt">When the event occurred.</param>
/// <param name="NextAttemptAt">When a pending delivery is tried next.</param>
/// <param name="DeliveredAt">When the receiver took it.</param>
/// <param name="DeadAt">When it became a dead letter.</param>
public sealed record WebhookDeliveryView(
    Guid Id,
    string MessageId,
    Guid SubscriptionId,
    string EventId,
    string EventType,
    Guid ApplicationId,
    int Sequence,
    string Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    Instant OccurredAt,
    Instant? NextAttemptAt,
    Instant? DeliveredAt,
    Instant? DeadAt);

/// <summary>A page of deliveries, newest first.</summary>
/// <param name="Items">The deliveries.</param>
/// <param name="NextCursor">The cursor of the next page; null at the end.</param>
public sealed record WebhookDeliveryList(IReadOnlyList<WebhookDeliveryView> Items, string? NextCursor);

/// <summary>One HTTP call of a delivery.</summary>
/// <param name="Attempt">Its number, from 1.</param>
/// <param name="AttemptedAt">When it ended.</param>
/// <param name="StatusCode">The receiver's status; null when there was no answer.</param>
/// <param name="Error">What went wrong; null on success.</param>
/// <param name="DurationMs">How long it took.</param>
public sealed record WebhookAttemptView(int Attempt, Instant AttemptedAt, int? StatusCode, string? Error, int DurationMs);

/// <summary>A delivery with its attempts.</summary>
/// <param name="Delivery">The delivery.</param>
/// <param name="Attempts">Its HTTP calls, oldest first.</param>
public sealed record WebhookDeliveryDetails(WebhookDeliveryView Delivery, IReadOnlyList<WebhookAttemptView> Attempts);

/// <summary>Which deliveries of a subscription to send again.</summary>
/// <param name="From">Events that occurred at or after this instant.</param>
/// <param name="To">…and before this one.</param>
public sealed record ReplayWebhookDeliveriesRequest(Instant? From, Instant? To);

/// <summary>How many deliveries were queued again.</summary>
/// <param name="Replayed">The count.</param>
public sealed record ReplayedWebhookDeliveries(int Replayed);

/// <summary>A page of the change feed, in commit order.</summary>
/// <param name="Items">The events after the cursor.</param>
/// <param name="NextCursor">Pass it as <c>after</c> for the next page; it is the cursor given when there is nothing new yet (null only before the first event).</param>
/// <param name="HasMore">Whether more events are there already.</param>
public sealed record ApplicationEventPage(IReadOnlyList<ApplicationEventData> Items, string? NextCursor, bool HasMore);
