using System.Net.Http.Json;

namespace Kazgov.Api.Tests.Infrastructure;

/// <summary>Lifecycle actions as a client sends them: POST /applications/{id}/{action} with If-Match.</summary>
public static class ApplicationActions
{
    public static HttpRequestMessage Request(string id, string action, string etag, object? body = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/applications/{id}/{action}");
        if (body is not null)
        {
            message.Content = JsonContent.Create(body);
        }

        message.Headers.TryAddWithoutValidation("If-Match", etag);
        return message;
    }

    public static async Task<HttpResponseMessage> SendActionAsync(this HttpClient client, string id, string action, string etag, object? body = null)
    {
        using var message = Request(id, action, etag, body);
        return await client.SendAsync(message);
    }
}
