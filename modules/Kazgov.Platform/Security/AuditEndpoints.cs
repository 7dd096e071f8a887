using System.Globalization;
using System.Text;
using Kazgov.Platform.Data;
using Kazgov.Platform.Localization;
using Kazgov.Platform.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using NodaTime.Text;

namespace Kazgov.Platform.Security;

/// <summary>GET /api/v1/audit — the audit log for auditors and administrators, newest first, paged.</summary>
internal static class AuditEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;

    public static void MapAuditEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGet("/audit", SearchAsync)
            .WithTags("Security")
            .WithName("SearchAudit")
            .WithSummary("Searches the audit log (auditors, administrators); the search is itself audited")
            .RequirePolicy(Policies.AuditRead);

    private static async Task<AuditPage> SearchAsync(
        string? subject, string? actor, string? from, string? to, int? limit, string? cursor,
        DbSession session, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var fromInstant = ParseInstant(errors, "from", from);
        var toInstant = ParseInstant(errors, "to", to);
        if (fromInstant is not null && toInstant is not null && toInstant <= fromInstant)
        {
            errors.Add("to", new LocalizedText("«to» «from»-нан кейін болуы керек", "«to» должно быть позже «from»", "'to' must be after 'from'"));
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", new LocalizedText(
                $"1 мен {MaxLimit} аралығында болуы керек", $"Должно быть от 1 до {MaxLimit}", $"Must be between 1 and {MaxLimit}"));
        }

        var before = DecodeCursor(errors, cursor);
        errors.ThrowIfAny();
        var take = limit ?? DefaultLimit;

        // Reading the audit log is itself a read of personal data.
        await audit.RecordAsync(new AuditEvent("audit.search", AuditSubjects.Audit, subject), cancellationToken);

        var rows = (await session.QueryAsync<AuditRecord>(
            """
            SELECT id AS Id, occurred_at AS OccurredAt, actor_id AS Actor, actor_kind AS ActorKind, operation AS Operation,
                   subject_kind AS SubjectKind, subject_id AS SubjectId, object_id AS ObjectId, service_code AS ServiceCode,
                   office_id AS OfficeId, remote_address AS RemoteAddress, correlation_id AS CorrelationId
            FROM platform.audit_log
            WHERE (@subject::text IS NULL OR subject_id = @subject)
              AND (@actor::text IS NULL OR actor_id = @actor)
              AND (@from::timestamptz IS NULL OR occurred_at >= @from)
              AND (@to::timestamptz IS NULL OR occurred_at < @to)
              AND (@before::bigint IS NULL OR id < @before)
            ORDER BY id DESC
            LIMIT @take
            """,
            new { subject = Blank(subject), actor = Blank(actor), from = fromInstant, to = toInstant, before, take = take + 1 },
            cancellationToken)).ToList();

        var next = rows.Count > take ? EncodeCursor(rows[take - 1].Id) : null;
        return new AuditPage(rows.Take(take).ToList(), next);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Instant? ParseInstant(ValidationErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var result = InstantPattern.ExtendedIso.Parse(value.Trim());
        if (result.Success)
        {
            return result.Value;
        }

        errors.Add(field, new LocalizedText(
            "ISO-8601 UTC уақыты күтіледі, мысалы 2026-03-10T05:00:00Z",
            "Ожидается момент ISO-8601 в UTC, например 2026-03-10T05:00:00Z",
            "Expected an ISO-8601 UTC instant, e.g. 2026-03-10T05:00:00Z"));
        return null;
    }

    private static string EncodeCursor(long id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes("audit:" + id.ToString(CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static long? DecodeCursor(ValidationErrors errors, string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
            if (text.StartsWith("audit:", StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return id;
            }
        }
        catch (FormatException)
        {
        }

        errors.Add("cursor", new LocalizedText("Курсор жарамсыз", "Недействительный курсор", "The cursor is not valid"));
        return null;
    }
}

internal sealed record AuditRecord(
    long Id,
    Instant OccurredAt,
    string Actor,
    string ActorKind,
    string Operation,
    string SubjectKind,
    string? SubjectId,
    string? ObjectId,
    string? ServiceCode,
    string? OfficeId,
    string? RemoteAddress,
    string? CorrelationId);

internal sealed record AuditPage(IReadOnlyList<AuditRecord> Items, string? NextCursor);
