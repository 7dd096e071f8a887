using NodaTime;

namespace Kazgov.Platform.Security.Clients;

/// <summary>
/// Checks a private_key_jwt client assertion (RFC 7523 §3): signed by one of the client's public
/// keys, iss and sub the client id, aud this server, short-lived, with a jti. The host implements it
/// with the JWT library it already uses for access tokens (api/Security/ClientAssertions.cs).
/// </summary>
public interface IClientAssertionValidator
{
    /// <summary>The issuer the assertion claims (the client id), read without trusting it; null when it is not a JWT.</summary>
    string? ReadIssuer(string assertion);

    /// <summary>The checked assertion, or null when it fails any check.</summary>
    Task<ValidatedClientAssertion?> ValidateAsync(string assertion, string clientId, string jwks, CancellationToken cancellationToken);
}

/// <summary>A checked assertion: its id, good once, until it expires.</summary>
public sealed record ValidatedClientAssertion(string Jti, Instant ExpiresAt);
