using Dapper;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Modules;
using Kazgov.Kernel.Observability;
using Kazgov.Kernel.Problems;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

using Kazgov.Kernel.Security;
using Kazgov.Platform.Security.Clients;
using Microsoft.AspNetCore.Http;

namespace Kazgov.Platform.Security;

/// <summary>Signs access tokens; the host implements it (JWT, api/Security).</summary>
public interface ITokenIssuer
{
    IssuedToken Issue(ActorProfile profile);
}

public sealed record IssuedToken(string AccessToken, Duration Lifetime);

/// <summary>What a successful grant returns: an access token, for staff a refresh token, and the actor's profile.</summary>
internal sealed record Grant(IssuedToken Token, string? RefreshToken, ActorProfile Profile);

internal sealed class StaffUserRow
{
    public string Login { get; init; } = "";

    public string PasswordHash { get; init; } = "";

    public string FullName { get; init; } = "";

    public string Position { get; init; } = "";

    public string Role { get; init; } = "";

    public string? OfficeId { get; init; }

    public string[] ServiceCodes { get; init; } = [];

    public int FailedAttempts { get; init; }

    public Instant? LockedUntil { get; init; }

    public bool Disabled { get; init; }

    public const string Columns =
        """
        login AS Login, password_hash AS PasswordHash, full_name AS FullName, position AS Position, role AS Role,
        office_id AS OfficeId, service_codes AS ServiceCodes, failed_attempts AS FailedAttempts,
        locked_until AS LockedUntil, disabled AS Disabled
        """;

    public ActorProfile ToProfile() => new(
        ActorClaims.StaffId(Login), ActorKind.Staff, FullName, Position, Role, OfficeId, ServiceCodes, [])
    {
        Positions = Offices.PositionNames.Of(Position),
    };
}

internal sealed class ApiClientRow
{
    public string ClientId { get; init; } = "";

    public string? SecretHash { get; init; }

    public string? PreviousSecretHash { get; init; }

    public Instant? PreviousSecretUntil { get; init; }

    public string AuthMethod { get; init; } = "";

    public string? Jwks { get; init; }

    public string DisplayName { get; init; } = "";

    public string[] Scopes { get; init; } = [];

    public int? RateLimitPerMinute { get; init; }

    public bool Disabled { get; init; }

    public const string Columns =
        """
        client_id AS ClientId, secret_hash AS SecretHash, previous_secret_hash AS PreviousSecretHash,
        previous_secret_until AS PreviousSecretUntil, auth_method AS AuthMethod, jwks::text AS Jwks,
        display_name AS DisplayName, scopes AS Scopes, rate_limit_per_minute AS RateLimitPerMinute,
        disabled OR deleted_at IS NOT NULL AS Disabled
        """;
}

/// <summary>
/// The OAuth 2.0 grants of POST /auth/token: password (staff), refresh_token (staff, rotated on
/// every use) and client_credentials (integrators).
/// </summary>
internal sealed class Accounts(
    DbSession session,
    NpgsqlDataSource dataSource,
    ITokenIssuer issuer,
    IClock clock,
    IOptions<SecurityOptions> options,
    IEnumerable<IKazgovModule> modules,
    ILogger<Accounts> logger,
    KazgovMetrics metrics,
    ClientUsageRecorder usage,
    IClientAssertionValidator assertions)
{
    private SecurityOptions Options => options.Value;

    public async Task<Grant> PasswordGrantAsync(string username, string password, CancellationToken cancellationToken)
    {
        var login = username.Trim().ToLowerInvariant();
        var user = await session.QuerySingleOrDefaultAsync<StaffUserRow>(
            $"SELECT {StaffUserRow.Columns} FROM platform.staff_users WHERE login = @login", new { login }, cancellationToken);
        if (user is null || user.Disabled)
        {
            await Secrets.SpendDecoyTimeAsync(password);
            metrics.LoginFailure(user is null ? "unknown-login" : "disabled");
            throw new ProblemException(SecurityProblems.InvalidCredentials);
        }

        var now = clock.GetCurrentInstant();
        if (user.LockedUntil is { } lockedUntil && lockedUntil > now)
        {
            metrics.LoginFailure("locked");
            throw Locked(lockedUntil - now);
        }

        var verification = await Secrets.VerifyAsync(user.PasswordHash, password);
        if (verification == PasswordVerificationResult.Failed)
        {
            var lockUntil = now + Duration.FromMinutes(Options.Lockout.LockoutMinutes);
            // One statement, so that concurrent wrong guesses cannot both slip under the limit; on a
            // connection of its own, so that it persists although the request fails (and even when an
            // Idempotency-Key wrapped the request in a transaction that the failure rolls back).
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var newLock = await connection.ExecuteScalarAsync<Instant?>(new CommandDefinition(
                """
                UPDATE platform.staff_users SET
                    failed_attempts = CASE WHEN failed_attempts + 1 >= @max THEN 0 ELSE failed_attempts + 1 END,
                    locked_until = CASE WHEN failed_attempts + 1 >= @max THEN @lockUntil ELSE locked_until END
                WHERE login = @login
                RETURNING locked_until
                """,
                new { login, max = Options.Lockout.MaxFailedAttempts, lockUntil },
                cancellationToken: cancellationToken));
            // It was not locked before this attempt, so a lock in the future is this attempt's doing.
            if (newLock > now)
            {
                logger.LogWarning("Staff account {Login} locked until {LockedUntil} after {Attempts} wrong passwords", login, lockUntil, Options.Lockout.MaxFailedAttempts);
                metrics.LoginFailure("wrong-password");
                metrics.Lockout();
                throw Locked(lockUntil - now);
            }

            metrics.LoginFailure("wrong-password");
            throw new ProblemException(SecurityProblems.InvalidCredentials);
        }

        await session.ExecuteAsync(
            """
            UPDATE platform.staff_users
            SET failed_attempts = 0, locked_until = NULL, password_hash = COALESCE(@rehash, password_hash)
            WHERE login = @login
            """,
            new { login, rehash = verification == PasswordVerificationResult.SuccessRehashNeeded ? await Secrets.HashAsync(password) : null },
            cancellationToken);

        var refreshToken = await StoreRefreshTokenAsync(login, Guid.NewGuid(), now, cancellationToken);
        var profile = user.ToProfile();
        return new Grant(issuer.Issue(profile), refreshToken, profile);
    }

    public async Task<Grant> RefreshGrantAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var hash = Secrets.HashRefreshToken(refreshToken);
        var now = clock.GetCurrentInstant();
        await using var transaction = await session.BeginAsync(cancellationToken);
        // Consuming the token is one conditional statement: of two requests racing with one token,
        // exactly one gets it, and the other is treated as a reuse.
        var consumed = await session.QuerySingleOrDefaultAsync<ConsumedRefreshToken>(
            """
            UPDATE platform.refresh_tokens SET used_at = @now
            WHERE token_hash = @hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > @now
            RETURNING login AS Login, family_id AS FamilyId
            """,
            new { now, hash },
            cancellationToken);
        if (consumed is null)
        {
            await RevokeIfReusedAsync(hash, now, cancellationToken);
            throw new ProblemException(SecurityProblems.InvalidGrant);
        }

        var user = await session.QuerySingleOrDefaultAsync<StaffUserRow>(
            $"SELECT {StaffUserRow.Columns} FROM platform.staff_users WHERE login = @login", new { login = consumed.Login }, cancellationToken);
        if (user is null || user.Disabled || user.LockedUntil > now)
        {
            throw new ProblemException(SecurityProblems.InvalidGrant);
        }

        var next = await StoreRefreshTokenAsync(user.Login, consumed.FamilyId, now, cancellationToken);
        await transaction.CommitAsync();

        var profile = user.ToProfile();
        return new Grant(issuer.Issue(profile), next, profile);
    }

    public async Task<Grant> ClientCredentialsGrantAsync(string clientId, string clientSecret, string? scope, CancellationToken cancellationToken)
    {
        var client = await FindClientAsync(clientId.Trim(), cancellationToken);
        if (client is null || client.Disabled || client.AuthMethod != ClientAuthMethods.ClientSecret)
        {
            await Secrets.SpendDecoyTimeAsync(clientSecret);
            RecordTokenRequest(client, StatusCodes.Status401Unauthorized);
            throw new ProblemException(SecurityProblems.InvalidCredentials);
        }

        // The current secret, or during a rotation's overlap the previous one.
        var valid = await Secrets.VerifyAsync(client.SecretHash!, clientSecret) != PasswordVerificationResult.Failed
            || (client.PreviousSecretHash is not null && client.PreviousSecretUntil > clock.GetCurrentInstant()
                && await Secrets.VerifyAsync(client.PreviousSecretHash, clientSecret) != PasswordVerificationResult.Failed);
        if (!valid)
        {
            RecordTokenRequest(client, StatusCodes.Status401Unauthorized);
            throw new ProblemException(SecurityProblems.InvalidCredentials);
        }

        return ClientGrant(client, scope);
    }

    /// <summary>
    /// client_credentials with a signed client assertion (private_key_jwt, RFC 7523 §2.2): the client
    /// proves itself with its private key; each assertion is good once (its jti is kept until it expires).
    /// </summary>
    public async Task<Grant> ClientAssertionGrantAsync(string assertion, string? clientIdParameter, string? scope, CancellationToken cancellationToken)
    {
        var clientId = assertions.ReadIssuer(assertion);
        if (clientId is null || (clientIdParameter is { Length: > 0 } given && given.Trim() != clientId))
        {
            throw new ProblemException(ClientProblems.InvalidClientAssertion);
        }

        var client = await FindClientAsync(clientId, cancellationToken);
        if (client is null || client.Disabled || client.AuthMethod != ClientAuthMethods.PrivateKeyJwt || client.Jwks is null)
        {
            RecordTokenRequest(client, StatusCodes.Status401Unauthorized);
            throw new ProblemException(ClientProblems.InvalidClientAssertion);
        }

        var validated = await assertions.ValidateAsync(assertion, client.ClientId, client.Jwks, cancellationToken);
        if (validated is null)
        {
            RecordTokenRequest(client, StatusCodes.Status401Unauthorized);
            throw new ProblemException(ClientProblems.InvalidClientAssertion);
        }

        // On a connection of its own, so that the use of the assertion holds whatever happens to this request.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var first = await connection.ExecuteAsync(new CommandDefinition(
            """
            WITH expired AS (DELETE FROM platform.client_assertion_ids WHERE client_id = @clientId AND expires_at < @now)
            INSERT INTO platform.client_assertion_ids (client_id, jti, expires_at) VALUES (@clientId, @jti, @expiresAt)
            ON CONFLICT (client_id, jti) DO NOTHING
            """,
            new { clientId = client.ClientId, jti = validated.Jti, expiresAt = validated.ExpiresAt, now = clock.GetCurrentInstant() },
            cancellationToken: cancellationToken));
        if (first == 0)
        {
            RecordTokenRequest(client, StatusCodes.Status401Unauthorized);
            throw new ProblemException(ClientProblems.InvalidClientAssertion, new LocalizedText(
                "Бұл растау (jti) бұрын пайдаланылған; әр сұрауға жаңасын жасаңыз",
                "Это утверждение (jti) уже использовано; создавайте новое для каждого запроса",
                "This assertion (jti) was used before; make a new one for each request"));
        }

        return ClientGrant(client, scope);
    }

    private Task<ApiClientRow?> FindClientAsync(string clientId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<ApiClientRow>(
            $"SELECT {ApiClientRow.Columns} FROM platform.api_clients WHERE client_id = @clientId",
            new { clientId },
            cancellationToken);

    private void RecordTokenRequest(ApiClientRow? client, int statusCode)
    {
        // Only known clients: an unknown id must not make rows.
        if (client is not null)
        {
            usage.Record(client.ClientId, ClientUsageRecorder.TokenOperation, statusCode);
        }
    }

    private Grant ClientGrant(ApiClientRow client, string? scope)
    {
        var requested = (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        var notGranted = requested.Where(s => !client.Scopes.Contains(s, StringComparer.Ordinal)).ToList();
        if (notGranted.Count > 0)
        {
            RecordTokenRequest(client, StatusCodes.Status400BadRequest);
            throw new ProblemException(SecurityProblems.InvalidScope, new LocalizedText(
                "Берілмеген аялар: " + string.Join(' ', notGranted),
                "Не предоставлены: " + string.Join(' ', notGranted),
                "Not granted: " + string.Join(' ', notGranted)));
        }

        var scopes = requested.Count > 0 ? requested : client.Scopes.ToList();
        var profile = new ActorProfile(ActorClaims.ClientId(client.ClientId), ActorKind.Client, client.DisplayName, null, null, null, [], scopes)
        {
            RateLimitPerMinute = client.RateLimitPerMinute,
        };
        RecordTokenRequest(client, StatusCodes.Status200OK);
        return new Grant(issuer.Issue(profile), null, profile);
    }

    /// <summary>Ends the session a refresh token belongs to (RFC 7009: unknown tokens are not an error).</summary>
    public async Task RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var familyId = await session.QuerySingleOrDefaultAsync<Guid?>(
            "SELECT family_id FROM platform.refresh_tokens WHERE token_hash = @hash",
            new { hash = Secrets.HashRefreshToken(refreshToken) },
            cancellationToken);
        if (familyId is { } family)
        {
            await RevokeFamilyAsync(family, clock.GetCurrentInstant(), cancellationToken);
        }
    }

    /// <summary>The service codes of the modules the host runs (validates staff services and client scopes).</summary>
    public IReadOnlyList<string> KnownServiceCodes => modules.SelectMany(module => module.ServiceCodes).ToList();

    private async Task<string> StoreRefreshTokenAsync(string login, Guid familyId, Instant now, CancellationToken cancellationToken)
    {
        var token = Secrets.NewRefreshToken();
        await session.ExecuteAsync(
            """
            INSERT INTO platform.refresh_tokens (token_hash, login, family_id, issued_at, expires_at)
            VALUES (@hash, @login, @familyId, @now, @expiresAt)
            """,
            new { hash = Secrets.HashRefreshToken(token), login, familyId, now, expiresAt = now + Duration.FromHours(Options.RefreshTokenHours) },
            cancellationToken);
        return token;
    }

    /// <summary>
    /// A used token that comes back means someone holds a copy: the whole session ends
    /// (RFC 9700 §4.14.2). On a connection of its own, so that the failing request cannot roll it back.
    /// </summary>
    private async Task RevokeIfReusedAsync(byte[] hash, Instant now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var revoked = await connection.QueryFirstRowOrDefaultAsync<ConsumedRefreshToken>(new CommandDefinition(
            """
            UPDATE platform.refresh_tokens SET revoked_at = @now
            WHERE family_id = (SELECT family_id FROM platform.refresh_tokens WHERE token_hash = @hash AND used_at IS NOT NULL AND revoked_at IS NULL)
              AND revoked_at IS NULL
            RETURNING login AS Login, family_id AS FamilyId
            """,
            new { hash, now },
            cancellationToken: cancellationToken));
        if (revoked is not null)
        {
            logger.LogWarning("Refresh token of {Login} reused; session {FamilyId} revoked", revoked.Login, revoked.FamilyId);
        }
    }

    private Task<int> RevokeFamilyAsync(Guid familyId, Instant now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "UPDATE platform.refresh_tokens SET revoked_at = @now WHERE family_id = @familyId AND revoked_at IS NULL",
            new { familyId, now },
            cancellationToken);

    private static ProblemException Locked(Duration remaining)
    {
        var seconds = (long)Math.Ceiling(remaining.TotalSeconds);
        var minutes = (seconds + 59) / 60;
        return new ProblemException(
            SecurityProblems.AccountLocked,
            new LocalizedText(
                $"Тіркелгі қате құпиясөздерден кейін бұғатталды; {minutes} минуттан кейін қайталаңыз немесе әкімшіге хабарласыңыз",
                $"Учётная запись заблокирована после неверных паролей; повторите через {minutes} мин. или обратитесь к администратору",
                $"The account was locked after wrong passwords; try again in {minutes} min or ask an administrator"),
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
    }

    private sealed class ConsumedRefreshToken
    {
        public string Login { get; init; } = "";

        public Guid FamilyId { get; init; }
    }
}
