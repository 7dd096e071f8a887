using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using NodaTime;

namespace Kazgov.Api.Tests.Infrastructure;

/// <summary>
/// Tokens for the demo actors: <c>factory.CreateClientAs("clerk.astana")</c>,
/// <c>factory.CreateClientAs(ApiAuth.Portal)</c>. Tokens are reused while the fake clock says they are fresh.
/// </summary>
public static class ApiAuth
{
    /// <summary>The egov-portal demo client with all its scopes.</summary>
    public const string Portal = "client:egov-portal";

    private static readonly ConcurrentDictionary<(KazgovApiFactory, string), (string Token, Instant IssuedAt)> Cache = new();

    public static async Task<string> TokenAsync(this KazgovApiFactory factory, string actor)
    {
        var now = factory.Clock.GetCurrentInstant();
        if (Cache.TryGetValue((factory, actor), out var cached) && now >= cached.IssuedAt && now < cached.IssuedAt + Duration.FromMinutes(10))
        {
            return cached.Token;
        }

        using var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", RequestFor(actor));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"No token for {actor}: {(int)response.StatusCode} {body}");
        }

        var token = JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
        Cache[(factory, actor)] = (token, now);
        return token;
    }

    public static async Task<HttpClient> CreateClientAsAsync(this KazgovApiFactory factory, string actor)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await factory.TokenAsync(actor));
        return client;
    }

    /// <summary>"login" for a demo staff user, "client:id" or "client:id scope1 scope2" for the demo client.</summary>
    private static Dictionary<string, string> RequestFor(string actor)
    {
        if (!actor.StartsWith("client:", StringComparison.Ordinal))
        {
            return new() { ["grant_type"] = "password", ["username"] = actor, ["password"] = DemoAccounts.StaffPassword };
        }

        var parts = actor["client:".Length..].Split(' ', 2);
        var request = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = parts[0],
            ["client_secret"] = parts[0] == DemoAccounts.PoliceClientId ? DemoAccounts.PoliceClientSecret : DemoAccounts.PortalClientSecret,
        };
        if (parts.Length > 1)
        {
            request["scope"] = parts[1];
        }

        return request;
    }
}
