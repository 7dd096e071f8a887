using System.Security.Cryptography;
using System.Text;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace Kazgov.Api.Security;

/// <summary>
/// Configuration section "Security:Jwt". New tokens are signed with <see cref="SigningKey"/> and
/// carry its id (<c>kid</c>); tokens signed with it or with one of <see cref="PreviousKeys"/> are
/// accepted, so that the key can be rotated without signing everybody out (Security/README.md).
/// </summary>
internal sealed class JwtSettings
{
    public const string SectionName = "Security:Jwt";
    public const int MinKeyBytes = 32;

    /// <summary>The current HMAC-SHA256 key. Required outside Development and Testing.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The current key's id, put in every new token's <c>kid</c>; derived from the key when not set.</summary>
    public string? SigningKeyId { get; set; }

    /// <summary>Keys that signed tokens still in circulation: accepted, never used to sign.</summary>
    public List<PreviousKey> PreviousKeys { get; set; } = [];

    public string Issuer { get; set; } = "kazgov";

    public string Audience { get; set; } = "kazgov";

    public int AccessTokenMinutes { get; set; } = 15;

    /// <summary>The key new tokens are signed with.</summary>
    public SymmetricSecurityKey Key() => KeyOf(SigningKey!, SigningKeyId);

    /// <summary>Every key a token may be signed with: the current one first, then the previous ones.</summary>
    public IReadOnlyList<SecurityKey> ValidationKeys() =>
        [Key(), .. PreviousKeys.Select(previous => KeyOf(previous.Key!, previous.Id))];

    /// <summary>Why the keys cannot be used, or null when they can.</summary>
    public string? KeyProblem()
    {
        if (SigningKey is null || Encoding.UTF8.GetByteCount(SigningKey) < MinKeyBytes)
        {
            return $"Security:Jwt:SigningKey is not set or shorter than {MinKeyBytes} bytes. Set it to a secret of at least "
                + $"{MinKeyBytes} bytes (e.g. the output of `openssl rand -base64 48`), for example in the environment variable "
                + "Security__Jwt__SigningKey. Only the Development and Testing environments make one up.";
        }

        for (var i = 0; i < PreviousKeys.Count; i++)
        {
            if (PreviousKeys[i].Key is not { } key || Encoding.UTF8.GetByteCount(key) < MinKeyBytes)
            {
                return $"Security:Jwt:PreviousKeys:{i}:Key is not set or shorter than {MinKeyBytes} bytes.";
            }
        }

        var ids = ValidationKeys().Select(key => key.KeyId).ToList();
        var repeated = ids.GroupBy(id => id, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        return repeated is null
            ? null
            : $"Security:Jwt: the key id '{repeated.Key}' is used by more than one key (SigningKeyId and PreviousKeys ids must differ; "
                + "a previous key must not be the current key again).";
    }

    private static SymmetricSecurityKey KeyOf(string secret, string? id) =>
        new(Encoding.UTF8.GetBytes(secret)) { KeyId = string.IsNullOrWhiteSpace(id) ? DerivedKeyId(secret) : id.Trim() };

    // A key id derived from the key, so that a rotated key is told apart in logs without revealing it.
    private static string DerivedKeyId(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..8].ToLowerInvariant();

    /// <summary>One entry of Security:Jwt:PreviousKeys.</summary>
    public sealed class PreviousKey
    {
        /// <summary>The id its tokens carry (derived from the key when not set, as for a current key without SigningKeyId).</summary>
        public string? Id { get; set; }

        public string? Key { get; set; }
    }
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
