using Kazgov.Kernel.Data;
using Kazgov.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kazgov.Platform.Integrations.Features.Subscriptions;

/// <summary>
/// A client's own subscriptions under /webhooks/subscriptions (webhooks scope): create (the secret
/// is shown once), list, read, change (URL, types, services, enable again after a 410), delete,
/// rotate the secret with a grace period.
/// </summary>
internal static class SubscriptionEndpoints
{
    public static void MapWebhookSubscriptions(this IEndpointRouteBuilder webhooks)
    {
        var subscriptions = webhooks.MapGroup("/subscriptions");
        subscriptions.MapPost("", CreateAsync)
            .RequirePolicy(Policies.WebhooksManage)
            .WithName("CreateWebhookSubscription")
            .WithSummary("Subscribes a URL to events of the client's applications; answers the signing secret once.")
            .Produces<CreatedWebhookSubscription>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        subscriptions.MapGet("", ListAsync)
            .RequirePolicy(Policies.WebhooksManage)
            .WithName("ListWebhookSubscriptions")
            .WithSummary("The client's webhook subscriptions.")
            .Produces<WebhookSubscriptionList>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        subscriptions.MapGet("/{id:guid}", GetAsync)
            .RequirePolicy(Policies.WebhooksManage)
            .WithName("GetWebhookSubscription")
            .WithSummary("One of the client's webhook subscriptions (without its secret).")
            .Produces<WebhookSubscriptionView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        subscriptions.MapPatch("/{id:guid}", UpdateAsync)
            .RequirePolicy(Policies.WebhooksManage)
            .WithName("UpdateWebhookSubscription")
            .WithSummary("Changes a subscription: URL, event types, services; enabled=true resumes one a 410 Gone disabled.")
            .Produces<WebhookSubscriptionView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        subscriptions.MapDelete("/{id:guid}", DeleteAsync)
            .RequirePolicy(Policies.WebhooksManage)
            .WithName("DeleteWebhookSubscription")
            .WithSummary("Deletes a subscription with its deliveries.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        subscriptions.MapPost("/{id:guid}/rotate-secret", RotateAsync)
            .RequirePolicy(Policies.WebhooksManage)
            .WithName("RotateWebhookSecret")
            .WithSummary("A new signing secret, shown once; the previous one signs too until the grace period ends.")
            .Produces<RotatedWebhookSecret>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(CreateWebhookSubscriptionRequest request, WebhookSubscriptions subscriptions, ICurrentActor actor, DbSession session, CancellationToken cancellationToken)
    {
        await using var transaction = await session.BeginAsync(cancellationToken);
        var created = await subscriptions.CreateAsync(
            WebhookSubscriptions.ClientIdOf(actor), WebhookSubscriptions.ServicesWith(actor.Scopes, Scopes.Webhooks),
            request.Url, request.EventTypes, request.Services, cancellationToken);
        await transaction.CommitAsync();
        return Results.Created($"/api/v1/webhooks/subscriptions/{created.Subscription.Id}", created);
    }

    private static async Task<WebhookSubscriptionList> ListAsync(WebhookSubscriptions subscriptions, ICurrentActor actor, CancellationToken cancellationToken) =>
        new(await subscriptions.ListAsync(WebhookSubscriptions.ClientIdOf(actor), cancellationToken));

    private static async Task<WebhookSubscriptionView> GetAsync(Guid id, WebhookSubscriptions subscriptions, ICurrentActor actor, CancellationToken cancellationToken) =>
        await subscriptions.RequireAsync(id, WebhookSubscriptions.ClientIdOf(actor), cancellationToken);

    private static async Task<WebhookSubscriptionView> UpdateAsync(Guid id, UpdateWebhookSubscriptionRequest request, WebhookSubscriptions subscriptions, ICurrentActor actor, DbSession session, CancellationToken cancellationToken)
    {
        await using var transaction = await session.BeginAsync(cancellationToken);
        var updated = await subscriptions.UpdateAsync(
            id, WebhookSubscriptions.ClientIdOf(actor), WebhookSubscriptions.ServicesWith(actor.Scopes, Scopes.Webhooks), request, "client", cancellationToken);
        await transaction.CommitAsync();
        return updated;
    }

    private static async Task<IResult> DeleteAsync(Guid id, WebhookSubscriptions subscriptions, ICurrentActor actor, CancellationToken cancellationToken)
    {
        await subscriptions.DeleteAsync(id, WebhookSubscriptions.ClientIdOf(actor), cancellationToken);
        return Results.NoContent();
    }

    private static async Task<RotatedWebhookSecret> RotateAsync(Guid id, RotateWebhookSecretRequest? request, WebhookSubscriptions subscriptions, ICurrentActor actor, CancellationToken cancellationToken) =>
        await subscriptions.RotateAsync(id, WebhookSubscriptions.ClientIdOf(actor), request?.GracePeriodMinutes, cancellationToken);
}
