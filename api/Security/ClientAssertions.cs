using Kazgov.Platform.Security.Clients;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace Kazgov.Api.Security;

/// <summary>
/// private_key_jwt client assertions (RFC 7523 §3), checked with Microsoft.IdentityModel's
/// JsonWebTokenHandler: the library the host already validates its own access tokens with, kept up
/// by the ASP.NET Core team, so no second JWT stack. Asymmetric algorithms only (RS256/384/512,
/// PS256/384/512, ES256/384/512): "none" and HMAC are refused, since an HMAC key would be a shared secret.
/// </summary>
internal sealed class ClientAssertions(IOptions<JwtSettings> jwt, IHttpContextAccessor http, IClock clock) : IClientAssertionValidator
{
    /// <summary>An assertion may live at most this long: it bounds the replay store, and RFC 7523 wants them short.</summary>
    public static readonly Duration MaxLifetime = Duration.FromMinutes(5);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public string? ReadIssuer(string assertion)
    {
        if (!_handler.CanReadToken(assertion))
        {
            return null;
        }

        try
        {
            var token = _handler.ReadJsonWebToken(assertion);
            return string.IsNullOrEmpty(token.Issuer) ? null : token.Issuer;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public async Task<ValidatedClientAssertion?> ValidateAsync(string assertion, string clientId, string jwks, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = clientId,
            ValidAudiences = Audiences(),
            IssuerSigningKeys = new JsonWebKeySet(jwks).GetSigningKeys(),
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = Skew,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var utcNow = now.ToDateTimeUtc();
                return expires is { } expiry
                    && expiry.ToUniversalTime() + Skew > utcNow
                    && expiry.ToUniversalTime() <= utcNow + MaxLifetime.ToTimeSpan() + Skew
                    && (notBefore is not { } start || start.ToUniversalTime() - Skew <= utcNow);
            },
        };
        var result = await _handler.ValidateTokenAsync(assertion, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            return null;
        }

        // RFC 7523 §3: sub is the client too, and a jti lets us refuse a replay.
        if (token.Subject != clientId || string.IsNullOrEmpty(token.Id) || token.Id.Length > 200)
        {
            return null;
        }

        return new ValidatedClientAssertion(token.Id, Instant.FromDateTimeUtc(token.ValidTo.ToUniversalTime()));
    }

    /// <summary>The token endpoint's URL as the client sees it (after forwarded headers), or our issuer identifier.</summary>
    private List<string> Audiences()
    {
        var audiences = new List<string> { jwt.Value.Issuer };
        if (http.HttpContext?.Request is { } request)
        {
            audiences.Add($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}");
        }

        return audiences;
    }
}
