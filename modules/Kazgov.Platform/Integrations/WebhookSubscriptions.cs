using System.Security.Cryptography;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Kazgov.Platform.Integrations;

/// <summary>
/// Subscriptions, for a client's own endpoints and the administrators' alike: checks what is asked
/// (URL target, event types, services within the client's webhooks scopes) and writes it.
/// The secret is kept in the clear because the platform signs with it; it is shown once.
/// </summary>
internal sealed class WebhookSubscriptions(DbSession session, WebhookTargets targets, IClock clock, IOptions<WebhookOptions> options, Security.ApiClientScopes clients)
{
    private const string Columns = """
        id AS Id, client_id AS ClientId, url AS Url, event_types AS EventTypes, services AS Services, enabled AS Enabled,
        disabled_reason AS DisabledReason, previous_secret_until AS PreviousSecretValidUntil, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    /// <summary>The client id of an actor "client:&lt;id&gt;".</summary>
    public static string ClientIdOf(ICurrentActor actor) => actor.Id["client:".Length..];

    public async Task<CreatedWebhookSubscription> CreateAsync(string clientId, IReadOnlyCollection<string> allowedServices, string? url, IReadOnlyList<string>? eventTypes, IReadOnlyList<string>? services, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Required("url", url);
        CheckEventTypes(eventTypes, errors, required: true);
        CheckServices(services, allowedServices, errors, required: true);
        errors.ThrowIfAny();
        await CheckTargetAsync(url!.Trim(), cancellationToken);
        var id = Guid.CreateVersion7();
        var secret = NewSecret();
        var now = clock.GetCurrentInstant();
        await session.ExecuteAsync(
            """
            INSERT INTO platform.webhook_subscriptions (id, client_id, url, event_types, services, secret, created_at, updated_at)
            VALUES (@id, @clientId, @url, @eventTypes, @services, @secret, @now, @now)
            """,
            new { id, clientId, url = url.Trim(), eventTypes = eventTypes!.Distinct().ToArray(), services = services!.Distinct().ToArray(), secret, now },
            cancellationToken);
        return new CreatedWebhookSubscription((await FindAsync(id, null, cancellationToken))!, secret);
    }

    public async Task<IReadOnlyList<WebhookSubscriptionView>> ListAsync(string? clientId, CancellationToken cancellationToken) =>
        (await session.QueryAsync<SubscriptionRow>(
            $"SELECT {Columns} FROM platform.webhook_subscriptions WHERE @clientId::text IS NULL OR client_id = @clientId ORDER BY created_at, id",
            new { clientId },
            cancellationToken)).Select(r => r.ToView()).ToList();

    /// <summary>The subscription; null when it does not exist or (with <paramref name="clientId"/>) is another client's.</summary>
    public async Task<WebhookSubscriptionView?> FindAsync(Guid id, string? clientId, CancellationToken cancellationToken) =>
        (await session.QuerySingleOrDefaultAsync<SubscriptionRow>(
            $"SELECT {Columns} FROM platform.webhook_subscriptions WHERE id = @id AND (@clientId::text IS NULL OR client_id = @clientId)",
            new { id, clientId },
            cancellationToken))?.ToView();

    public async Task<WebhookSubscriptionView> RequireAsync(Guid id, string? clientId, CancellationToken cancellationToken) =>
        await FindAsync(id, clientId, cancellationToken) ?? throw new ProblemException(WebhookProblems.SubscriptionNotFound);

    public async Task<WebhookSubscriptionView> UpdateAsync(Guid id, string? clientId, IReadOnlyCollection<string>? allowedServices, UpdateWebhookSubscriptionRequest request, string disabledBy, CancellationToken cancellationToken)
    {
        var existing = await RequireAsync(id, clientId, cancellationToken);
        var errors = new ValidationErrors();
        if (request.Url is not null && string.IsNullOrWhiteSpace(request.Url))
        {
            errors.Required("url", request.Url);
        }

        CheckEventTypes(request.EventTypes, errors, required: false);
        CheckServices(request.Services, allowedServices ?? await ClientServicesAsync(existing.ClientId, cancellationToken), errors, required: false);
        errors.ThrowIfAny();
        if (request.Url is not null)
        {
            await CheckTargetAsync(request.Url.Trim(), cancellationToken);
        }

        await session.ExecuteAsync(
            """
            UPDATE platform.webhook_subscriptions
            SET url = COALESCE(@url, url), event_types = COALESCE(@eventTypes, event_types), services = COALESCE(@services, services),
                enabled = COALESCE(@enabled, enabled),
                disabled_reason = CASE WHEN @enabled IS NULL THEN disabled_reason WHEN @enabled THEN NULL ELSE @disabledBy END,
                updated_at = @now
            WHERE id = @id
            """,
            new
            {
                id,
                url = request.Url?.Trim(),
                eventTypes = request.EventTypes?.Distinct().ToArray(),
                services = request.Services?.Distinct().ToArray(),
                enabled = request.Enabled,
                disabledBy,
                now = clock.GetCurrentInstant(),
            },
            cancellationToken);
        return (await FindAsync(id, null, cancellationToken))!;
    }

    public async Task DeleteAsync(Guid id, string? clientId, CancellationToken cancellationToken)
    {
        if (await session.ExecuteAsync(
                "DELETE FROM platform.webhook_subscriptions WHERE id = @id AND (@clientId::text IS NULL OR client_id = @clientId)",
                new { id, clientId },
                cancellationToken) == 0)
        {
            throw new ProblemException(WebhookProblems.SubscriptionNotFound);
        }
    }

    /// <summary>A new secret; the current one becomes the previous and keeps signing for the grace period.</summary>
    public async Task<RotatedWebhookSecret> RotateAsync(Guid id, string? clientId, int? graceMinutes, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (graceMinutes is < 0 or > 10080)
        {
            errors.Add("gracePeriodMinutes", new LocalizedText("0-ден 10080-ге дейін", "От 0 до 10080", "From 0 to 10080"));
        }

        errors.ThrowIfAny();
        await RequireAsync(id, clientId, cancellationToken);
        var now = clock.GetCurrentInstant();
        var grace = graceMinutes is { } minutes ? Duration.FromMinutes(minutes) : Duration.FromTimeSpan(options.Value.DefaultRotationGrace);
        var secret = NewSecret();
        var until = grace > Duration.Zero ? now + grace : (Instant?)null;
        await session.ExecuteAsync(
            """
            UPDATE platform.webhook_subscriptions
            SET previous_secret = CASE WHEN @until::timestamptz IS NULL THEN NULL ELSE secret END, previous_secret_until = @until,
                secret = @secret, updated_at = @now
            WHERE id = @id
            """,
            new { id, secret, until, now },
            cancellationToken);
        return new RotatedWebhookSecret(secret, until);
    }

    /// <summary>The services a client has a webhooks scope for (administrators create subscriptions within them).</summary>
    public async Task<IReadOnlyCollection<string>> ClientServicesAsync(string clientId, CancellationToken cancellationToken)
    {
        var scopes = await clients.OfAsync(clientId, cancellationToken);
        return ServicesWith(scopes ?? [], Scopes.Webhooks);
    }

    /// <summary>The service codes of the scopes "&lt;service&gt;:<paramref name="operation"/>".</summary>
    public static IReadOnlyCollection<string> ServicesWith(IEnumerable<string> scopes, string operation) =>
        scopes.Where(s => Scopes.OperationOf(s) == operation).Select(s => s[..s.LastIndexOf(':')]).ToHashSet(StringComparer.Ordinal);

    private async Task CheckTargetAsync(string url, CancellationToken cancellationToken)
    {
        if (await targets.RefusalAsync(url, cancellationToken) is { } reason)
        {
            throw new ProblemException(WebhookProblems.TargetRefused, extensions: new Dictionary<string, object?> { ["reason"] = reason });
        }
    }

    private static void CheckEventTypes(IReadOnlyList<string>? eventTypes, ValidationErrors errors, bool required)
    {
        if (eventTypes is null ? required : eventTypes.Count == 0)
        {
            errors.Add("eventTypes", CommonMessages.Required);
        }
        else if (eventTypes?.FirstOrDefault(t => !WebhookEventTypes.All.Contains(t)) is { } unknown)
        {
            errors.Add("eventTypes", new LocalizedText(
                $"Белгісіз оқиға түрі: {unknown}", $"Неизвестный тип события: {unknown}", $"Unknown event type: {unknown}"));
        }
    }

    private static void CheckServices(IReadOnlyList<string>? services, IReadOnlyCollection<string> allowed, ValidationErrors errors, bool required)
    {
        if (services is null ? required : services.Count == 0)
        {
            errors.Add("services", CommonMessages.Required);
        }
        else if (services?.FirstOrDefault(s => !allowed.Contains(s)) is { } outside)
        {
            errors.Add("services", new LocalizedText(
                $"Клиентте {outside}:webhooks рұқсаты жоқ", $"У клиента нет разрешения {outside}:webhooks", $"The client has no {outside}:webhooks scope"));
        }
    }

    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private sealed class SubscriptionRow
    {
        public Guid Id { get; init; }

        public string ClientId { get; init; } = "";

        public string Url { get; init; } = "";

        public string[] EventTypes { get; init; } = [];

        public string[] Services { get; init; } = [];

        public bool Enabled { get; init; }

        public string? DisabledReason { get; init; }

        public Instant? PreviousSecretValidUntil { get; init; }

        public Instant CreatedAt { get; init; }

        public Instant UpdatedAt { get; init; }

        public WebhookSubscriptionView ToView() =>
            new(Id, ClientId, Url, EventTypes, Services, Enabled, DisabledReason, PreviousSecretValidUntil, CreatedAt, UpdatedAt);
    }
}
