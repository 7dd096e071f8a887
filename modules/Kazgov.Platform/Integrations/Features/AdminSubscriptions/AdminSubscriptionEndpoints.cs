using Kazgov.Kernel.Data;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kazgov.Platform.Integrations.Features.AdminSubscriptions;

/// <summary>
/// Administrators' view of every client's subscriptions under /admin/webhooks/subscriptions:
/// list (by client), create for a client (within its webhooks scopes), enable or disable, delete.
/// </summary>
internal static class AdminSubscriptionEndpoints
{
    public static void MapAdminWebhookSubscriptions(this IEndpointRouteBuilder api)
    {
        var subscriptions = api.MapGroup("/admin/webhooks/subscriptions").WithTags("Webhooks");
        subscriptions.MapGet("", ListAsync)
            .RequirePolicy(Policies.Admin)
            .WithName("AdminListWebhookSubscriptions")
            .WithSummary("Every client's webhook subscriptions, or one client's (client=) (administrators).")
            .Produces<WebhookSubscriptionList>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        subscriptions.MapPost("", CreateAsync)
            .RequirePolicy(Policies.Admin)
            .WithName("AdminCreateWebhookSubscription")
            .WithSummary("Subscribes a URL for a client, within its webhooks scopes; answers the secret once (administrators).")
            .Produces<CreatedWebhookSubscription>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        subscriptions.MapPatch("/{id:guid}", UpdateAsync)
            .RequirePolicy(Policies.Admin)
            .WithName("AdminUpdateWebhookSubscription")
            .WithSummary("Changes any subscription, e.g. disables it (administrators).")
            .Produces<WebhookSubscriptionView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        subscriptions.MapDelete("/{id:guid}", DeleteAsync)
            .RequirePolicy(Policies.Admin)
            .WithName("AdminDeleteWebhookSubscription")
            .WithSummary("Deletes any subscription with its deliveries (administrators).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<WebhookSubscriptionList> ListAsync(string? client, WebhookSubscriptions subscriptions, CancellationToken cancellationToken) =>
        new(await subscriptions.ListAsync(string.IsNullOrWhiteSpace(client) ? null : client.Trim(), cancellationToken));

    private static async Task<IResult> CreateAsync(AdminCreateWebhookSubscriptionRequest request, WebhookSubscriptions subscriptions, DbSession session, CancellationToken cancellationToken)
    {
        new ValidationErrors().Required("clientId", request.ClientId).ThrowIfAny();
        await using var transaction = await session.BeginAsync(cancellationToken);
        var clientId = request.ClientId!.Trim();
        var created = await subscriptions.CreateAsync(
            clientId, await subscriptions.ClientServicesAsync(clientId, cancellationToken), request.Url, request.EventTypes, request.Services, cancellationToken);
        await transaction.CommitAsync();
        return Results.Created($"/api/v1/admin/webhooks/subscriptions/{created.Subscription.Id}", created);
    }

    private static async Task<WebhookSubscriptionView> UpdateAsync(Guid id, UpdateWebhookSubscriptionRequest request, WebhookSubscriptions subscriptions, DbSession session, CancellationToken cancellationToken)
    {
        await using var transaction = await session.BeginAsync(cancellationToken);
        var updated = await subscriptions.UpdateAsync(id, null, null, request, "admin", cancellationToken);
        await transaction.CommitAsync();
        return updated;
    }

    private static async Task<IResult> DeleteAsync(Guid id, WebhookSubscriptions subscriptions, CancellationToken cancellationToken)
    {
        await subscriptions.DeleteAsync(id, null, cancellationToken);
        return Results.NoContent();
    }
}
