using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Kazgov.Kernel.Caching;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using NodaTime;

namespace Kazgov.Platform.Security.Clients;

/// <summary>
/// The integrator clients (platform.api_clients): created, changed, disabled and deleted by
/// administrators, with secrets made here and shown once. Every change is audited and drops the
/// clients' cached state on every host (<see cref="ClientStates"/>).
/// </summary>
internal sealed partial class ApiClientRegistry(DbSession session, ReferenceData reference, IAuditTrail audit, IClock clock, Accounts accounts)
{
    public const int DefaultOverlapHours = 24;
    public const int MaxOverlapHours = 168;

    private const string Columns =
        """
        c.client_id AS ClientId, c.display_name AS DisplayName, c.auth_method AS AuthMethod, c.scopes AS Scopes,
        c.rate_limit_per_minute AS RateLimitPerMinute, c.disabled AS Disabled, c.jwks::text AS Jwks,
        c.created_at AS CreatedAt, c.updated_at AS UpdatedAt, c.secret_rotated_at AS SecretRotatedAt,
        c.previous_secret_until AS PreviousSecretUntil,
        (SELECT max(u.last_used_at) FROM platform.api_client_usage u WHERE u.client_id = c.client_id) AS LastUsedAt
        """;

    public async Task<IReadOnlyList<ApiClientView>> ListAsync(CancellationToken cancellationToken) =>
        (await session.QueryAsync<Row>(
            $"SELECT {Columns} FROM platform.api_clients c WHERE c.deleted_at IS NULL ORDER BY c.client_id", cancellationToken: cancellationToken))
        .Select(row => row.ToView(clock.GetCurrentInstant())).ToList();

    /// <summary>The client, or 404 when there is none (or it was deleted).</summary>
    public async Task<ApiClientView> GetAsync(string clientId, CancellationToken cancellationToken) =>
        (await FindAsync(clientId, forUpdate: false, cancellationToken) ?? throw new ProblemException(PlatformProblems.NotFound))
        .ToView(clock.GetCurrentInstant());

    public async Task<CreatedApiClient> CreateAsync(CreateApiClientRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Required("clientId", request.ClientId).Required("displayName", request.DisplayName);
        var clientId = request.ClientId?.Trim() ?? "";
        if (clientId.Length > 0 && !ClientIdPattern().IsMatch(clientId))
        {
            errors.Add("clientId", new LocalizedText(
                "2–64 таңба: латын кіші әріптері, цифрлар, «.», «_», «-»",
                "2–64 символа: строчные латинские буквы, цифры, «.», «_», «-»",
                "2 to 64 characters: lower-case Latin letters, digits, '.', '_', '-'"));
        }

        var method = string.IsNullOrWhiteSpace(request.AuthMethod) ? ClientAuthMethods.ClientSecret : request.AuthMethod.Trim();
        if (!ClientAuthMethods.All.Contains(method, StringComparer.Ordinal))
        {
            errors.Add("authMethod", new LocalizedText(
                "Тәсілдер: client_secret, private_key_jwt", "Способы: client_secret, private_key_jwt", "Methods: client_secret, private_key_jwt"));
        }

        var scopes = CheckScopes(request.Scopes, errors, required: true);
        CheckRateLimit(request.RateLimitPerMinute, errors);
        string? jwks = null;
        if (method == ClientAuthMethods.PrivateKeyJwt)
        {
            jwks = ClientPublicKeys.Check(request.Jwks, errors, required: true);
        }
        else if (request.Jwks is not null)
        {
            errors.Add("jwks", new LocalizedText(
                "Ашық кілттер тек private_key_jwt тәсілімен беріледі",
                "Открытые ключи задаются только со способом private_key_jwt",
                "Public keys go only with the private_key_jwt method"));
        }

        errors.ThrowIfAny();

        var secret = method == ClientAuthMethods.ClientSecret ? NewSecret() : null;
        var now = clock.GetCurrentInstant();
        await using var transaction = await session.BeginAsync(cancellationToken);
        var inserted = await session.ExecuteAsync(
            """
            INSERT INTO platform.api_clients (client_id, secret_hash, display_name, scopes, rate_limit_per_minute, auth_method, jwks, created_at, updated_at)
            VALUES (@clientId, @hash, @displayName, @scopes, @rateLimit, @method, @jwks::jsonb, @now, @now)
            ON CONFLICT (client_id) DO NOTHING
            """,
            new
            {
                clientId,
                hash = secret is null ? null : await Secrets.HashAsync(secret),
                displayName = request.DisplayName!.Trim(),
                scopes = scopes!.ToArray(),
                rateLimit = request.RateLimitPerMinute,
                method,
                jwks,
                now,
            },
            cancellationToken);
        if (inserted == 0)
        {
            throw new ProblemException(ClientProblems.ClientExists);
        }

        await audit.RecordAsync(new AuditEvent("api-client.create", AuditSubjects.Client, clientId), cancellationToken);
        reference.Changed(ReferenceAreas.Clients);
        var view = (await FindAsync(clientId, forUpdate: false, cancellationToken))!.ToView(now);
        await transaction.CommitAsync();
        return new CreatedApiClient(view, secret);
    }

    public async Task<ApiClientView> UpdateAsync(string clientId, UpdateApiClientRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (request.DisplayName is not null && request.DisplayName.Trim().Length == 0)
        {
            errors.Add("displayName", CommonMessages.Required);
        }

        var scopes = CheckScopes(request.Scopes, errors, required: false);
        CheckRateLimit(request.RateLimitPerMinute, errors);
        if (request.RateLimitPerMinute is not null && request.UseDefaultRateLimit == true)
        {
            errors.Add("useDefaultRateLimit", new LocalizedText(
                "Не өз шегі, не әдепкісі — біреуі ғана", "Либо свой предел, либо по умолчанию — что-то одно", "Either a limit of its own or the default, not both"));
        }

        var jwks = ClientPublicKeys.Check(request.Jwks, errors, required: false);
        errors.ThrowIfAny();

        await using var transaction = await session.BeginAsync(cancellationToken);
        var existing = await FindAsync(clientId, forUpdate: true, cancellationToken) ?? throw new ProblemException(PlatformProblems.NotFound);
        if (jwks is not null && existing.AuthMethod != ClientAuthMethods.PrivateKeyJwt)
        {
            throw new ProblemException(ClientProblems.WrongAuthMethod, new LocalizedText(
                "Клиент құпия кілтпен кіреді; ашық кілттер оған берілмейді",
                "Клиент входит по секрету; открытые ключи ему не задаются",
                "The client signs in with a secret; it takes no public keys"));
        }

        var now = clock.GetCurrentInstant();
        await session.ExecuteAsync(
            """
            UPDATE platform.api_clients SET
                display_name = COALESCE(@displayName, display_name),
                scopes = COALESCE(@scopes, scopes),
                rate_limit_per_minute = CASE WHEN @useDefault THEN NULL ELSE COALESCE(@rateLimit, rate_limit_per_minute) END,
                disabled = COALESCE(@disabled, disabled),
                jwks = COALESCE(@jwks::jsonb, jwks),
                updated_at = @now
            WHERE client_id = @clientId
            """,
            new
            {
                clientId = existing.ClientId,
                displayName = request.DisplayName?.Trim(),
                scopes = scopes?.ToArray(),
                useDefault = request.UseDefaultRateLimit == true,
                rateLimit = request.RateLimitPerMinute,
                disabled = request.Disabled,
                jwks,
                now,
            },
            cancellationToken);
        var operation = request.Disabled switch
        {
            true when !existing.Disabled => "api-client.disable",
            false when existing.Disabled => "api-client.enable",
            _ => "api-client.update",
        };
        await audit.RecordAsync(new AuditEvent(operation, AuditSubjects.Client, existing.ClientId), cancellationToken);
        reference.Changed(ReferenceAreas.Clients);
        var view = (await FindAsync(existing.ClientId, forUpdate: false, cancellationToken))!.ToView(now);
        await transaction.CommitAsync();
        return view;
    }

    /// <summary>
    /// A new secret; the previous one keeps working for <paramref name="overlapHours"/> so that the
    /// client's hosts can switch one by one. A secret older than that previous one stops at once.
    /// </summary>
    public async Task<RotatedClientSecret> RotateSecretAsync(string clientId, int? overlapHours, CancellationToken cancellationToken)
    {
        var hours = overlapHours ?? DefaultOverlapHours;
        if (hours is < 0 or > MaxOverlapHours)
        {
            new ValidationErrors().Add("overlapHours", new LocalizedText(
                $"0-ден {MaxOverlapHours}-ге дейін сағат", $"От 0 до {MaxOverlapHours} часов", $"0 to {MaxOverlapHours} hours")).ThrowIfAny();
        }

        await using var transaction = await session.BeginAsync(cancellationToken);
        var existing = await FindAsync(clientId, forUpdate: true, cancellationToken) ?? throw new ProblemException(PlatformProblems.NotFound);
        if (existing.AuthMethod != ClientAuthMethods.ClientSecret)
        {
            throw new ProblemException(ClientProblems.WrongAuthMethod, new LocalizedText(
                "Клиент private_key_jwt арқылы кіреді: құпия кілті жоқ, ашық кілттерін ауыстырыңыз",
                "Клиент входит через private_key_jwt: секрета нет, замените его открытые ключи",
                "The client signs in with private_key_jwt: it has no secret; replace its public keys instead"));
        }

        var secret = NewSecret();
        var now = clock.GetCurrentInstant();
        Instant? previousUntil = hours > 0 ? now + Duration.FromHours(hours) : null;
        await session.ExecuteAsync(
            """
            UPDATE platform.api_clients SET
                previous_secret_hash = CASE WHEN @previousUntil::timestamptz IS NULL THEN NULL ELSE secret_hash END,
                previous_secret_until = @previousUntil,
                secret_hash = @hash, secret_rotated_at = @now, updated_at = @now
            WHERE client_id = @clientId
            """,
            new { clientId = existing.ClientId, hash = await Secrets.HashAsync(secret), previousUntil, now },
            cancellationToken);
        await audit.RecordAsync(new AuditEvent("api-client.rotate-secret", AuditSubjects.Client, existing.ClientId), cancellationToken);
        reference.Changed(ReferenceAreas.Clients);
        await transaction.CommitAsync();
        return new RotatedClientSecret(secret, now, previousUntil);
    }

    /// <summary>
    /// Deletes the client: its credentials and keys are erased and it gets no tokens; the row stays
    /// (deleted_at), so that the id is never given to another client while history names it.
    /// </summary>
    public async Task DeleteAsync(string clientId, CancellationToken cancellationToken)
    {
        await using var transaction = await session.BeginAsync(cancellationToken);
        var existing = await FindAsync(clientId, forUpdate: true, cancellationToken) ?? throw new ProblemException(PlatformProblems.NotFound);
        var now = clock.GetCurrentInstant();
        await session.ExecuteAsync(
            """
            UPDATE platform.api_clients SET
                deleted_at = @now, updated_at = @now, disabled = true,
                secret_hash = NULL, previous_secret_hash = NULL, previous_secret_until = NULL, jwks = NULL
            WHERE client_id = @clientId
            """,
            new { clientId = existing.ClientId, now },
            cancellationToken);
        await audit.RecordAsync(new AuditEvent("api-client.delete", AuditSubjects.Client, existing.ClientId), cancellationToken);
        reference.Changed(ReferenceAreas.Clients);
        await transaction.CommitAsync();
    }

    private async Task<Row?> FindAsync(string clientId, bool forUpdate, CancellationToken cancellationToken) =>
        await session.QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM platform.api_clients c WHERE c.client_id = @clientId AND c.deleted_at IS NULL{(forUpdate ? " FOR UPDATE OF c" : "")}",
            new { clientId = clientId.Trim() },
            cancellationToken);

    private List<string>? CheckScopes(IReadOnlyList<string>? requested, ValidationErrors errors, bool required)
    {
        if (requested is null)
        {
            if (required)
            {
                errors.Add("scopes", CommonMessages.Required);
            }

            return null;
        }

        var scopes = requested.Select(scope => scope?.Trim() ?? "").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (scopes.Count == 0)
        {
            errors.Add("scopes", new LocalizedText("Кемінде бір ая", "Хотя бы одна область", "At least one scope"));
        }

        var services = accounts.KnownServiceCodes;
        for (var i = 0; i < requested.Count; i++)
        {
            if (!Scopes.IsValid(requested[i]?.Trim() ?? "", services))
            {
                errors.Add($"scopes[{i}]", new LocalizedText(
                    "«қызмет:операция», операциялар: " + string.Join(", ", Scopes.Operations),
                    "«услуга:операция», операции: " + string.Join(", ", Scopes.Operations),
                    "'service:operation', operations: " + string.Join(", ", Scopes.Operations)));
            }
        }

        return scopes;
    }

    private static void CheckRateLimit(int? limit, ValidationErrors errors)
    {
        if (limit is < 1 or > 100_000)
        {
            errors.Add("rateLimitPerMinute", new LocalizedText(
                "Минутына 1-ден 100 000-ға дейін сұрау", "От 1 до 100 000 запросов в минуту", "1 to 100,000 requests a minute"));
        }
    }

    /// <summary>A 256-bit random secret, URL-safe, prefixed so that leaked secrets are easy to find in logs and repositories.</summary>
    private static string NewSecret() => "kzs_" + Secrets.NewRefreshToken();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,63}$")]
    private static partial Regex ClientIdPattern();

    private sealed class Row
    {
        public string ClientId { get; init; } = "";

        public string DisplayName { get; init; } = "";

        public string AuthMethod { get; init; } = "";

        public string[] Scopes { get; init; } = [];

        public int? RateLimitPerMinute { get; init; }

        public bool Disabled { get; init; }

        public string? Jwks { get; init; }

        public Instant CreatedAt { get; init; }

        public Instant? UpdatedAt { get; init; }

        public Instant? SecretRotatedAt { get; init; }

        public Instant? PreviousSecretUntil { get; init; }

        public Instant? LastUsedAt { get; init; }

        public ApiClientView ToView(Instant now) => new(
            ClientId, DisplayName, AuthMethod, Scopes, RateLimitPerMinute, Disabled, ClientPublicKeys.IdsOf(Jwks),
            CreatedAt, UpdatedAt, SecretRotatedAt,
            // An overlap that has ended is not worth showing.
            PreviousSecretUntil > now ? PreviousSecretUntil : null,
            LastUsedAt);
    }
}
