using NodaTime;

namespace Kazgov.Platform.Security.Clients;

/// <summary>How an integrator client proves who it is at the token endpoint.</summary>
public static class ClientAuthMethods
{
    /// <summary>A shared secret (RFC 6749 §2.3.1), rotatable with an overlap.</summary>
    public const string ClientSecret = "client_secret";

    /// <summary>A JWT the client signs with its own private key (RFC 7523 §2.2); we hold only its public keys.</summary>
    public const string PrivateKeyJwt = "private_key_jwt";

    public static readonly IReadOnlyList<string> All = [ClientSecret, PrivateKeyJwt];
}

/// <summary>An integrator client as administrators see it. Secrets are never shown again after they are made.</summary>
/// <param name="ClientId">The client's id (its tokens' subject is "client:&lt;id&gt;").</param>
/// <param name="DisplayName">The organisation's name.</param>
/// <param name="AuthMethod"><c>client_secret</c> or <c>private_key_jwt</c>.</param>
/// <param name="Scopes">Granted scopes, "service:operation".</param>
/// <param name="RateLimitPerMinute">Its own limit; null takes the configured default.</param>
/// <param name="Disabled">A disabled client gets no tokens, and its tokens stop working at once.</param>
/// <param name="PublicKeyIds">The ids (kid) of its registered public keys (private_key_jwt).</param>
/// <param name="SecretRotatedAt">When its secret was last rotated.</param>
/// <param name="PreviousSecretValidUntil">Until when the secret before the last rotation still works.</param>
/// <param name="LastUsedAt">Its last request or token, as counted by the hosts (a few seconds behind).</param>
public sealed record ApiClientView(
    string ClientId,
    string DisplayName,
    string AuthMethod,
    IReadOnlyList<string> Scopes,
    int? RateLimitPerMinute,
    bool Disabled,
    IReadOnlyList<string> PublicKeyIds,
    Instant CreatedAt,
    Instant? UpdatedAt,
    Instant? SecretRotatedAt,
    Instant? PreviousSecretValidUntil,
    Instant? LastUsedAt);

public sealed record ApiClientList(IReadOnlyList<ApiClientView> Items);

/// <summary>A created client; <paramref name="ClientSecret"/> is shown this once (null for private_key_jwt).</summary>
public sealed record CreatedApiClient(ApiClientView Client, string? ClientSecret);

/// <summary>A public key of a private_key_jwt client, as a JWK (RFC 7517): RSA (n, e) of 2048 bits or more, or EC (crv P-256/P-384/P-521, x, y).</summary>
public sealed record ClientPublicKey(string? Kty, string? Kid, string? Alg, string? Use, string? N, string? E, string? Crv, string? X, string? Y, string? D);

/// <summary>The client's public keys (a JWK Set).</summary>
public sealed record ClientPublicKeySet(IReadOnlyList<ClientPublicKey>? Keys);

/// <param name="ClientId">2–64 characters: lower-case Latin letters, digits, '.', '_', '-'. Never reused.</param>
/// <param name="AuthMethod">client_secret (the default) or private_key_jwt, which then needs <paramref name="Jwks"/>.</param>
public sealed record CreateApiClientRequest(
    string? ClientId, string? DisplayName, IReadOnlyList<string>? Scopes, int? RateLimitPerMinute, string? AuthMethod, ClientPublicKeySet? Jwks);

/// <summary>Changes what is given; absent fields stay. <paramref name="UseDefaultRateLimit"/> drops the client's own limit.</summary>
public sealed record UpdateApiClientRequest(
    string? DisplayName, IReadOnlyList<string>? Scopes, int? RateLimitPerMinute, bool? UseDefaultRateLimit, bool? Disabled, ClientPublicKeySet? Jwks);

/// <param name="OverlapHours">How long the old secret keeps working, 0–168 hours; 24 when absent.</param>
public sealed record RotateClientSecretRequest(int? OverlapHours);

/// <summary>The new secret, shown this once, and until when the previous one still works.</summary>
public sealed record RotatedClientSecret(string ClientSecret, Instant SecretRotatedAt, Instant? PreviousSecretValidUntil);

/// <summary>Counts of a client's requests; rate-limited ones (429) are not among the client errors.</summary>
public sealed record UsageCounts(long Requests, long ClientErrors, long ServerErrors, long RateLimited);

public sealed record UsageDay(LocalDate Day, UsageCounts Counts);

/// <param name="Operation">The endpoint's operationId, or IssueToken for token requests.</param>
public sealed record UsageOperation(string Operation, UsageCounts Counts, Instant LastUsedAt);

/// <summary>A client's use of the API over the last <c>days</c> days (Asia/Almaty), newest day first.</summary>
public sealed record ApiClientUsage(
    string ClientId, LocalDate From, LocalDate To, Instant? LastUsedAt, UsageCounts Totals, IReadOnlyList<UsageDay> Days, IReadOnlyList<UsageOperation> Operations);
