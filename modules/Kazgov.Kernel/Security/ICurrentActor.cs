using Kazgov.Kernel.Localization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Kazgov.Kernel.Security;

public enum ActorKind
{
    Anonymous,
    Staff,
    Client,
}

/// <summary>
/// Who is calling: a staff user or an API client, as the access token says. Injected wherever a
/// rule depends on the caller (object-level access via <see cref="ActorAccess"/>, the audit trail,
/// the acknowledgement slip's "accepting official: position, full name").
/// </summary>
public interface ICurrentActor
{
    ActorKind Kind { get; }

    bool IsAuthenticated => Kind != ActorKind.Anonymous;

    /// <summary>"staff:&lt;login&gt;", "client:&lt;client_id&gt;" or "anonymous".</summary>
    string Id { get; }

    /// <summary>A staff user's full name, or a client's display name.</summary>
    string DisplayName { get; }

    /// <summary>A staff user's position (as printed on documents they sign); null for clients.</summary>
    string? Position { get; }

    /// <summary>A staff user's role (<see cref="Roles"/>); null for clients.</summary>
    string? Role { get; }

    /// <summary>The office a staff user works at; null for clients and ministry-wide staff.</summary>
    string? OfficeId { get; }

    /// <summary>The service codes a staff user serves.</summary>
    IReadOnlySet<string> Services { get; }

    /// <summary>A client's scopes ("service-code:operation").</summary>
    IReadOnlySet<string> Scopes { get; }
}

/// <summary>The profile an actor is issued a token for; also the body of GET /auth/me.</summary>
public sealed record ActorProfile(
    string Id,
    ActorKind Kind,
    string DisplayName,
    string? Position,
    string? Role,
    string? OfficeId,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Scopes)
{
    /// <summary>The staff position in kk, ru and en (GET /auth/me), so that a Russian or English page names the post in its language; null without a position.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LocalizedText? Positions { get; init; }

    /// <summary>A client's own request limit per minute (null: the configured default); not shown.</summary>
    [JsonIgnore]
    public int? RateLimitPerMinute { get; init; }
}

/// <summary>The actor of the current HTTP request, read from its authenticated principal.</summary>
public sealed class HttpCurrentActor : ICurrentActor
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    public HttpCurrentActor(IHttpContextAccessor accessor)
        : this(accessor.HttpContext?.User)
    {
    }

    public HttpCurrentActor(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true })
        {
            Kind = ActorKind.Anonymous;
            Id = "anonymous";
            DisplayName = "anonymous";
            Services = None;
            Scopes = None;
            return;
        }

        Kind = user.FindFirstValue(ActorClaims.Kind) switch
        {
            ActorClaims.StaffKind => ActorKind.Staff,
            ActorClaims.ClientKind => ActorKind.Client,
            _ => ActorKind.Anonymous,
        };
        Id = user.FindFirstValue(ActorClaims.Subject) ?? "anonymous";
        DisplayName = user.FindFirstValue(ActorClaims.DisplayName) ?? Id;
        Position = user.FindFirstValue(ActorClaims.Position);
        Role = user.FindFirstValue(ActorClaims.Role);
        OfficeId = user.FindFirstValue(ActorClaims.Office);
        Services = user.FindAll(ActorClaims.Service).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
        Scopes = ActorClaims.ScopesOf(user).ToHashSet(StringComparer.Ordinal);
    }

    public ActorKind Kind { get; }

    public bool IsAuthenticated => Kind != ActorKind.Anonymous;

    public string Id { get; }

    public string DisplayName { get; }

    public string? Position { get; }

    public string? Role { get; }

    public string? OfficeId { get; }

    public IReadOnlySet<string> Services { get; }

    public IReadOnlySet<string> Scopes { get; }
}
