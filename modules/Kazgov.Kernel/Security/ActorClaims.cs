using System.Security.Claims;

namespace Kazgov.Kernel.Security;

/// <summary>
/// The claims of a Kazgov access token. "sub" is the stable actor id ("staff:&lt;login&gt;" or
/// "client:&lt;client_id&gt;") and is the identity's Name, so that everything keyed by the caller
/// (idempotency keys, rate-limit partitions, the audit log) uses one id.
/// </summary>
public static class ActorClaims
{
    public const string Subject = "sub";
    public const string Kind = "kind";
    public const string DisplayName = "name";
    public const string Position = "position";
    public const string Role = "role";
    public const string Office = "office";
    public const string Service = "svc";
    public const string Scope = "scope";
    public const string RateLimit = "rl";

    public const string StaffKind = "staff";
    public const string ClientKind = "client";

    public static string StaffId(string login) => "staff:" + login;

    public static string ClientId(string clientId) => "client:" + clientId;

    /// <summary>Scopes may arrive as one space-separated claim (RFC 8693) or as several claims.</summary>
    public static IEnumerable<string> ScopesOf(ClaimsPrincipal user) =>
        user.FindAll(Scope).SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The claims of a token for this profile.</summary>
    public static Dictionary<string, object> For(ActorProfile profile)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [Subject] = profile.Id,
            [Kind] = profile.Kind == ActorKind.Staff ? StaffKind : ClientKind,
            [DisplayName] = profile.DisplayName,
        };
        if (profile.Position is not null)
        {
            claims[Position] = profile.Position;
        }

        if (profile.Role is not null)
        {
            claims[Role] = profile.Role;
        }

        if (profile.OfficeId is not null)
        {
            claims[Office] = profile.OfficeId;
        }

        if (profile.Services.Count > 0)
        {
            claims[Service] = profile.Services.ToArray();
        }

        if (profile.Scopes.Count > 0)
        {
            claims[Scope] = string.Join(' ', profile.Scopes);
        }

        if (profile.RateLimitPerMinute is { } limit)
        {
            claims[RateLimit] = limit;
        }

        return claims;
    }
}
