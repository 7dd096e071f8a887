using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Idempotency;
using Kazgov.Kernel.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;

using Kazgov.Kernel.Security;

namespace Kazgov.Platform.Security;

/// <summary>
/// POST /api/v1/auth/token (OAuth 2.0 token endpoint, JSON or form), POST /api/v1/auth/revoke,
/// GET /api/v1/auth/me.
/// </summary>
internal static class AuthEndpoints
{
    public const string PasswordGrant = "password";
    public const string RefreshTokenGrant = "refresh_token";
    public const string ClientCredentialsGrant = "client_credentials";
    public const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static void MapAuthEndpoints(this IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Security");
        auth.MapPost("/token", TokenAsync)
            .WithName("IssueToken")
            .WithSummary("Issues an access token: grant_type password (staff), refresh_token (staff) or client_credentials (integrators)")
            .Accepts<TokenRequest>("application/json", "application/x-www-form-urlencoded")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status423Locked)
            .AllowPublic()
            .RequireRateLimiting(RateLimitPolicies.Token)
            .WithMetadata(SkipIdempotency.Instance);
        auth.MapPost("/revoke", RevokeAsync)
            .WithName("RevokeToken")
            .WithSummary("Ends the staff session a refresh token belongs to (every refresh token of that login)")
            .Accepts<RevokeRequest>("application/json", "application/x-www-form-urlencoded")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .AllowPublic()
            .RequireRateLimiting(RateLimitPolicies.Token)
            .WithMetadata(SkipIdempotency.Instance);
        auth.MapGet("/me", (ICurrentActor actor) => Profile(actor))
            .WithName("GetCurrentActor")
            .WithSummary("The calling actor's profile")
            .RequirePolicy(Policies.AnyActor);
    }

    public static ActorProfile Profile(ICurrentActor actor) => new(
        actor.Id, actor.Kind, actor.DisplayName, actor.Position, actor.Role, actor.OfficeId,
        actor.Services.Order(StringComparer.Ordinal).ToList(), actor.Scopes.Order(StringComparer.Ordinal).ToList())
    {
        Positions = Offices.PositionNames.Of(actor.Position),
    };

    private static async Task<IResult> TokenAsync(HttpContext context, Accounts accounts, CancellationToken cancellationToken)
    {
        var request = await ReadAsync<TokenRequest>(context.Request, cancellationToken) ?? new TokenRequest();
        request = WithBasicCredentials(context.Request, request);

        var errors = new ValidationErrors().Required("grant_type", request.GrantType);
        errors.ThrowIfAny();
        Grant grant;
        switch (request.GrantType)
        {
            case PasswordGrant:
                errors.Required("username", request.Username).Required("password", request.Password).ThrowIfAny();
                grant = await accounts.PasswordGrantAsync(request.Username!, request.Password!, cancellationToken);
                break;
            case RefreshTokenGrant:
                errors.Required("refresh_token", request.RefreshToken).ThrowIfAny();
                grant = await accounts.RefreshGrantAsync(request.RefreshToken!, cancellationToken);
                break;
            case ClientCredentialsGrant when request.ClientAssertion is not null || request.ClientAssertionType is not null:
                errors.Required("client_assertion", request.ClientAssertion).Required("client_assertion_type", request.ClientAssertionType);
                if (request.ClientAssertionType is { Length: > 0 } type && type != JwtBearerAssertionType)
                {
                    errors.Add("client_assertion_type", new("Тек " + JwtBearerAssertionType, "Только " + JwtBearerAssertionType, "Only " + JwtBearerAssertionType));
                }

                errors.ThrowIfAny();
                grant = await accounts.ClientAssertionGrantAsync(request.ClientAssertion!, request.ClientId, request.Scope, cancellationToken);
                break;
            case ClientCredentialsGrant:
                errors.Required("client_id", request.ClientId).Required("client_secret", request.ClientSecret).ThrowIfAny();
                grant = await accounts.ClientCredentialsGrantAsync(request.ClientId!, request.ClientSecret!, request.Scope, cancellationToken);
                break;
            default:
                throw new ProblemException(SecurityProblems.UnsupportedGrantType, new(
                    "Қолдау көрсетілетін түрлері: password, refresh_token, client_credentials",
                    "Поддерживаются: password, refresh_token, client_credentials",
                    "Supported: password, refresh_token, client_credentials"));
        }

        // RFC 6749 §5.1: token responses must not be cached.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        return Results.Ok(new TokenResponse(
            grant.Token.AccessToken,
            "Bearer",
            (int)grant.Token.Lifetime.TotalSeconds,
            grant.RefreshToken,
            grant.Profile.Kind == ActorKind.Client ? string.Join(' ', grant.Profile.Scopes) : null,
            grant.Profile));
    }

    private static async Task<IResult> RevokeAsync(HttpRequest httpRequest, Accounts accounts, CancellationToken cancellationToken)
    {
        var request = await ReadAsync<RevokeRequest>(httpRequest, cancellationToken) ?? new RevokeRequest();
        new ValidationErrors().Required("refresh_token", request.RefreshToken).ThrowIfAny();
        await accounts.RevokeAsync(request.RefreshToken!, cancellationToken);
        return Results.NoContent();
    }

    /// <summary>OAuth clients send form bodies (RFC 6749 §4); the API's own client sends JSON. Both are read.</summary>
    private static async Task<T?> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var json = System.Text.Json.JsonSerializer.Serialize(form.ToDictionary(field => field.Key, field => field.Value.ToString()));
            return System.Text.Json.JsonSerializer.Deserialize<T>(json, PlatformJson.Options);
        }

        if (request.HasJsonContentType())
        {
            return await request.ReadFromJsonAsync<T>(PlatformJson.Options, cancellationToken);
        }

        throw new ProblemException(PlatformProblems.UnsupportedMediaType, new(
            "application/json немесе application/x-www-form-urlencoded күтіледі",
            "Ожидается application/json или application/x-www-form-urlencoded",
            "Expected application/json or application/x-www-form-urlencoded"));
    }

    /// <summary>Client credentials may also come as HTTP Basic (RFC 6749 §2.3.1).</summary>
    private static TokenRequest WithBasicCredentials(HttpRequest httpRequest, TokenRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(httpRequest.Headers.Authorization, out var header)
            || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return request;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return request;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0
            ? request
            : request with
            {
                ClientId = request.ClientId ?? Uri.UnescapeDataString(decoded[..colon]),
                ClientSecret = request.ClientSecret ?? Uri.UnescapeDataString(decoded[(colon + 1)..]),
            };
    }
}

/// <summary>The token request (RFC 6749 parameter names).</summary>
internal sealed record TokenRequest
{
    [JsonPropertyName("grant_type")]
    public string? GrantType { get; init; }

    [JsonPropertyName("username")]
    public string? Username { get; init; }

    [JsonPropertyName("password")]
    public string? Password { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("client_id")]
    public string? ClientId { get; init; }

    [JsonPropertyName("client_secret")]
    public string? ClientSecret { get; init; }

    /// <summary>private_key_jwt (RFC 7523 §2.2): urn:ietf:params:oauth:client-assertion-type:jwt-bearer.</summary>
    [JsonPropertyName("client_assertion_type")]
    public string? ClientAssertionType { get; init; }

    /// <summary>private_key_jwt: a JWT signed with the client's private key (iss = sub = client_id, aud = the token endpoint or the issuer, exp within 5 minutes, a fresh jti).</summary>
    [JsonPropertyName("client_assertion")]
    public string? ClientAssertion { get; init; }

    /// <summary>Space-separated subset of the client's scopes; all of them when absent.</summary>
    [JsonPropertyName("scope")]
    public string? Scope { get; init; }
}

internal sealed record RevokeRequest
{
    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }
}

/// <summary>The token response (RFC 6749 §5.1) plus the actor's profile for the client app.</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken,
    [property: JsonPropertyName("scope"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Scope,
    [property: JsonPropertyName("actor")] ActorProfile Actor);
