using System.Security.Cryptography;
using System.Text;
using Kazgov.Platform.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace Kazgov.Api.Security;

/// <summary>Configuration section "Security:Jwt".</summary>
internal sealed class JwtSettings
{
    public const string SectionName = "Security:Jwt";
    public const int MinKeyBytes = 32;

    /// <summary>The HMAC-SHA256 key. Required outside Development and Testing.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "kazgov";

    public string Audience { get; set; } = "kazgov";

    public int AccessTokenMinutes { get; set; } = 15;

    public SymmetricSecurityKey Key() => new(Encoding.UTF8.GetBytes(SigningKey!)) { KeyId = KeyId() };

    // A key id derived from the key, so that a rotated key is told apart in logs without revealing it.
    private string KeyId() => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(SigningKey!)))[..8].ToLowerInvariant();
}

/// <summary>Signs short-lived access tokens (JWT, HS256) with the claims of <see cref="ActorClaims"/>.</summary>
internal sealed class JwtTokenIssuer(IOptions<JwtSettings> settings, IClock clock) : ITokenIssuer
{
    // Times come from the injected clock, not from the handler's own DateTime.UtcNow.
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public IssuedToken Issue(ActorProfile profile)
    {
        var jwt = settings.Value;
        var now = clock.GetCurrentInstant();
        var lifetime = Duration.FromMinutes(jwt.AccessTokenMinutes);
        var claims = ActorClaims.For(profile);
        claims[JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N");
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now.ToDateTimeUtc(),
            NotBefore = now.ToDateTimeUtc(),
            Expires = (now + lifetime).ToDateTimeUtc(),
            Claims = claims,
            SigningCredentials = new SigningCredentials(jwt.Key(), SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, lifetime);
    }
}
