using Kazgov.Kernel.Problems;

namespace Kazgov.Platform.Integrations;

/// <summary>The problems of webhooks and the change feed, with stable codes.</summary>
public static class WebhookProblems
{
    public static readonly ProblemType SubscriptionNotFound = new("webhook-subscription-not-found", 404, new(
        "Webhook жазылымы табылмады",
        "Подписка на вебхуки не найдена",
        "No such webhook subscription"));

    public static readonly ProblemType DeliveryNotFound = new("webhook-delivery-not-found", 404, new(
        "Webhook жеткізілімі табылмады",
        "Доставка вебхука не найдена",
        "No such webhook delivery"));

    /// <summary>The URL is not one webhooks may go to (http in production, a private or loopback address); <c>reason</c> says which.</summary>
    public static readonly ProblemType TargetRefused = new("webhook-target-refused", 422, new(
        "Бұл мекенжайға webhook жіберуге болмайды",
        "На этот адрес нельзя отправлять вебхуки",
        "Webhooks may not be sent to this address"));
}
