using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Kazgov.Platform.Notifications;

/// <summary>Where the dispatcher hands a message over: one call, throwing when it was not accepted.</summary>
public interface INotificationGateway
{
    Task SendAsync(NotificationChannel channel, string recipient, string subject, string body, string? reference, CancellationToken cancellationToken);
}

/// <summary>The channel adapters: SMS and e-mail gateways spoken to over HTTP at configurable URLs.</summary>
public sealed class GatewayClient(HttpClient http, IOptions<NotificationOptions> options) : INotificationGateway
{
    public async Task SendAsync(NotificationChannel channel, string recipient, string subject, string body, string? reference, CancellationToken cancellationToken)
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

        using var response = await http.PostAsJsonAsync(url, payload, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new GatewayException($"The {channel} gateway answered {(int)response.StatusCode}.");
        }
    }
}

public sealed class GatewayException(string message) : Exception(message);
