using System.Globalization;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Platform.Integrations.Features.Deliveries;

/// <summary>
/// A client's deliveries (webhooks scope): list them (newest first, by subscription and status),
/// read one with its attempts, replay one, or replay a subscription's deliveries of a time range.
/// A replay queues the delivery again with a fresh day of retries, under the same webhook-id.
/// </summary>
internal static class DeliveryEndpoints
{
    private const string CursorList = "webhook-deliveries";

    private const string Columns = """
        d.id AS Id, d.subscription_id AS SubscriptionId, d.event_id AS EventId, d.event_type AS EventType, d.application_id AS ApplicationId,
        d.sequence AS Sequence, d.attempts AS Attempts, d.last_status AS LastStatusCode, d.last_error AS LastError, d.occurred_at AS OccurredAt,
        d.next_attempt_at AS NextAttemptAt, d.delivered_at AS DeliveredAt, d.dead_at AS DeadAt
        """;

    public static void MapWebhookDeliveries(this IEndpointRouteBuilder webhooks)
    {
        webhooks.MapGet("/deliveries", ListAsync)
            .RequirePolicy(Policies.WebhooksManage)
            .WithName("ListWebhookDeliveries")
            .WithSummary("The client's deliveries, newest first; subscription= and status=pending|delivered|dead narrow it.")
            .Produces<WebhookDeliveryList>()
            .ProducesValidationProblem();
        webhooks.MapGet("/deliveries/{id:guid}", GetAsync)
            .RequirePolicy(Policies.WebhooksManage)
            .WithName("GetWebhookDelivery")
            .WithSummary("One delivery with every HTTP attempt.")
            .Produces<WebhookDeliveryDetails>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/deliveries/{id:guid}/replay", ReplayOneAsync)
            .RequirePolicy(Policies.WebhooksManage)
            .WithName("ReplayWebhookDelivery")
            .WithSummary("Sends a delivery again (a dead letter too), with a fresh retry budget and the same webhook-id.")
            .Produces<WebhookDeliveryView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/subscriptions/{id:guid}/replay", ReplayRangeAsync)
            .RequirePolicy(Policies.WebhooksManage)
            .WithName("ReplayWebhookDeliveries")
            .WithSummary("Sends again every delivery of the subscription whose event occurred in [from, to), in their order.")
            .Produces<ReplayedWebhookDeliveries>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<WebhookDeliveryList> ListAsync(
        Guid? subscription, string? status, int? limit, string? cursor, DbSession session, ICurrentActor actor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var take = Paging.Limit(limit, errors);
        var after = Paging.Decode(CursorList, cursor, 2, errors);
        if (status is not (null or "pending" or "delivered" or "dead"))
        {
            errors.Add("status", new LocalizedText("pending, delivered не dead", "pending, delivered или dead", "pending, delivered or dead"));
        }

        errors.ThrowIfAny();
        var rows = (await session.QueryAsync<DeliveryRow>(
            $"""
            SELECT {Columns} FROM platform.webhook_deliveries d
            WHERE d.client_id = @client
              AND (@subscription::uuid IS NULL OR d.subscription_id = @subscription)
              AND (@status::text IS NULL
                   OR (@status = 'delivered' AND d.delivered_at IS NOT NULL)
                   OR (@status = 'dead' AND d.dead_at IS NOT NULL)
                   OR (@status = 'pending' AND d.delivered_at IS NULL AND d.dead_at IS NULL))
              AND (@afterAt::timestamptz IS NULL OR (d.occurred_at, d.id) < (@afterAt, @afterId))
            ORDER BY d.occurred_at DESC, d.id DESC
            LIMIT @take
            """,
            new
            {
                client = WebhookSubscriptions.ClientIdOf(actor),
                subscription,
                status,
                afterAt = after is null ? (Instant?)null : Instant.FromUnixTimeTicks(long.Parse(after[0], CultureInfo.InvariantCulture)),
                afterId = after is null ? Guid.Empty : Guid.Parse(after[1]),
                take = take + 1,
            },
            cancellationToken)).ToList();
        var page = rows.Take(take).Select(r => r.ToView()).ToList();
        var next = rows.Count > take
            ? Paging.Encode(CursorList, page[^1].OccurredAt.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture), page[^1].Id.ToString())
            : null;
        return new WebhookDeliveryList(page, next);
    }

    private static async Task<WebhookDeliveryDetails> GetAsync(Guid id, DbSession session, ICurrentActor actor, CancellationToken cancellationToken)
    {
        var delivery = await FindAsync(id, WebhookSubscriptions.ClientIdOf(actor), session, cancellationToken);
        var attempts = await session.QueryAsync<WebhookAttemptView>(
            """
            SELECT attempt AS Attempt, attempted_at AS AttemptedAt, status_code AS StatusCode, error AS Error, duration_ms AS DurationMs
            FROM platform.webhook_attempts WHERE delivery_id = @id ORDER BY attempt
            """,
            new { id },
            cancellationToken);
        return new WebhookDeliveryDetails(delivery, attempts.ToList());
    }

    private static async Task<WebhookDeliveryView> ReplayOneAsync(Guid id, DbSession session, ICurrentActor actor, IClock clock, CancellationToken cancellationToken)
    {
        var client = WebhookSubscriptions.ClientIdOf(actor);
        await FindAsync(id, client, session, cancellationToken);
        await session.ExecuteAsync(
            $"{Replay} WHERE id = @id AND client_id = @client",
            new { id, client, now = clock.GetCurrentInstant() },
            cancellationToken);
        return await FindAsync(id, client, session, cancellationToken);
    }

    private static async Task<ReplayedWebhookDeliveries> ReplayRangeAsync(
        Guid id, ReplayWebhookDeliveriesRequest request, WebhookSubscriptions subscriptions, DbSession session, ICurrentActor actor, IClock clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (request.From is null)
        {
            errors.Add("from", CommonMessages.Required);
        }

        if (request.To is null)
        {
            errors.Add("to", CommonMessages.Required);
        }
        else if (request.From is { } from && request.To <= from)
        {
            errors.Add("to", new LocalizedText("to from-нан кейін болуы керек", "to должно быть позже from", "to must be after from"));
        }

        errors.ThrowIfAny();
        var client = WebhookSubscriptions.ClientIdOf(actor);
        await subscriptions.RequireAsync(id, client, cancellationToken);
        var replayed = await session.ExecuteAsync(
            $"{Replay} WHERE subscription_id = @id AND client_id = @client AND occurred_at >= @from AND occurred_at < @to",
            new { id, client, from = request.From, to = request.To, now = clock.GetCurrentInstant() },
            cancellationToken);
        return new ReplayedWebhookDeliveries(replayed);
    }

    // A replayed delivery is pending again, due now, with a fresh day before it can become a dead letter.
    private const string Replay = """
        UPDATE platform.webhook_deliveries
        SET delivered_at = NULL, dead_at = NULL, first_failed_at = NULL, next_attempt_at = @now, replayed_at = @now,
            claimed_by = NULL, claimed_until = NULL
        """;

    private static async Task<WebhookDeliveryView> FindAsync(Guid id, string client, DbSession session, CancellationToken cancellationToken) =>
        (await session.QuerySingleOrDefaultAsync<DeliveryRow>(
            $"SELECT {Columns} FROM platform.webhook_deliveries d WHERE d.id = @id AND d.client_id = @client",
            new { id, client },
            cancellationToken))?.ToView()
        ?? throw new ProblemException(WebhookProblems.DeliveryNotFound);

    private sealed class DeliveryRow
    {
        public Guid Id { get; init; }

        public Guid SubscriptionId { get; init; }

        public long EventId { get; init; }

        public string EventType { get; init; } = "";

        public Guid ApplicationId { get; init; }

        public int Sequence { get; init; }

        public int Attempts { get; init; }

        public int? LastStatusCode { get; init; }

        public string? LastError { get; init; }

        public Instant OccurredAt { get; init; }

        public Instant? NextAttemptAt { get; init; }

        public Instant? DeliveredAt { get; init; }

        public Instant? DeadAt { get; init; }

        public WebhookDeliveryView ToView() => new(
            Id,
            "msg_" + Id.ToString("N"),
            SubscriptionId,
            EventId.ToString(CultureInfo.InvariantCulture),
            EventType,
            ApplicationId,
            Sequence,
            DeliveredAt is not null ? "delivered" : DeadAt is not null ? "dead" : "pending",
            Attempts,
            LastStatusCode,
            LastError,
            OccurredAt,
            DeliveredAt is null && DeadAt is null ? NextAttemptAt : null,
            DeliveredAt,
            DeadAt);
    }
}
