using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Kazgov.Kernel.Notifications;

/// <summary>
/// Where the dispatcher hands a message over: one call, throwing when it was not accepted.
/// <paramref name="messageId"/> is the outbox message's id, the same on every attempt.
/// </summary>
public interface INotificationGateway
{
    Task SendAsync(Guid messageId, NotificationChannel channel, string recipient, string subject, string body, string? reference, CancellationToken cancellationToken);
}

/// <summary>
/// The channel adapters: SMS and e-mail gateways spoken to over HTTP at configurable URLs. Every
/// attempt at one message carries the message's id as Idempotency-Key, so a gateway that accepted a
/// message whose answer was lost (a timeout, a dropped connection) can tell the retry is the same one.
/// </summary>
public sealed class GatewayClient(HttpClient http, IOptions<NotificationOptions> options) : INotificationGateway
{
    public async Task SendAsync(Guid messageId, NotificationChannel channel, string recipient, string subject, string body, string? reference, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (url, payload) = channel switch
        {
            NotificationChannel.Sms => (settings.SmsGatewayUrl, (object)new { to = recipient, text = body, reference }),
            _ => (settings.EmailGatewayUrl, new { to = recipient, subject, text = body, reference }),
        };
        if (url is null)
        {
            throw new GatewayException($"No gateway URL is configured for {channel}.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(payload) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", messageId.ToString());
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // A gateway that says when to come back (429 or 503 with Retry-After) is not called sooner.
            var retryAfter = response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date - DateTimeOffset.UtcNow,
                _ => (TimeSpan?)null,
            };
            throw new GatewayException(
                $"The {channel} gateway answered {(int)response.StatusCode}.",
                retryAfter is { } wait && wait > TimeSpan.Zero ? wait : null);
        }
    }
}

/// <summary>The gateway did not accept the message; <see cref="RetryAfter"/> is how long it asked us to wait, if it did.</summary>
public sealed class GatewayException(string message, TimeSpan? retryAfter = null) : Exception(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
