using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using NodaTime.Text;

using Kazgov.Kernel.Security;

namespace Kazgov.Platform.Security;

/// <summary>GET /api/v1/audit — the audit log for auditors and administrators, newest first, paged.</summary>
internal static class AuditEndpoints
{
    /// <summary>The list's tag in its cursors (<see cref="Paging"/>).</summary>
    private const string CursorList = "audit";

    public static void MapAuditEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGet("/audit", SearchAsync)
            .WithTags("Security")
            .WithName("SearchAudit")
            .WithSummary("Searches the audit log (auditors, administrators); the search is itself audited")
            .WithDescription(
                "Newest first. A read of several people at once (a list) is one record of subjectKind `several` whose `entries` " +
                "name each person read; searched by `subject`, such a record shows that person's entries only.")
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

        var take = Paging.Limit(limit, errors);
        var before = Paging.DecodeNumber(CursorList, cursor, errors);
        errors.ThrowIfAny();

        // Reading the audit log is itself a read of personal data.
        await audit.RecordAsync(new AuditEvent("audit.search", AuditSubjects.Audit, subject), cancellationToken);

        // A read of several people (subject_kind 'several') is found through its subjects' GIN index;
        // searched by subject, it shows that person's entries alone, not the rest of the list.
        var wanted = Blank(subject);
        var rows = (await session.QueryAsync<AuditRow>(
            """
            SELECT id AS Id, occurred_at AS OccurredAt, actor_id AS Actor, actor_kind AS ActorKind, operation AS Operation,
                   subject_kind AS SubjectKind, subject_id AS SubjectId, object_id AS ObjectId, service_code AS ServiceCode,
                   office_id AS OfficeId, remote_address AS RemoteAddress, correlation_id AS CorrelationId,
                   subject_kinds AS SubjectKinds, subject_ids AS SubjectIds, object_ids AS ObjectIds, service_codes AS ServiceCodes,
                   office_ids AS OfficeIds
            FROM platform.audit_log
            WHERE (@subject::text IS NULL OR subject_id = @subject OR subject_ids @> ARRAY[@subject::text])
              AND (@actor::text IS NULL OR actor_id = @actor)
              AND (@from::timestamptz IS NULL OR occurred_at >= @from)
              AND (@to::timestamptz IS NULL OR occurred_at < @to)
              AND (@before::bigint IS NULL OR id < @before)
            ORDER BY id DESC
            LIMIT @take
            """,
            new { subject = wanted, actor = Blank(actor), from = fromInstant, to = toInstant, before, take = take + 1 },
            cancellationToken)).Select(row => row.ToRecord(wanted)).ToList();

        var next = rows.Count > take ? Paging.EncodeNumber(CursorList, rows[take - 1].Id) : null;
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
    string? CorrelationId,
    IReadOnlyList<AuditEntry>? Entries);

/// <summary>One person in a record of kind <c>several</c> (a list read): whose data, which record, where.</summary>
internal sealed record AuditEntry(string SubjectKind, string? SubjectId, string? ObjectId, string? ServiceCode, string? OfficeId);

/// <summary>
/// A row of platform.audit_log; a record of several people keeps its entries in parallel arrays.
/// A class with setters, not a positional record: Npgsql names an array column's type
/// <see cref="System.Array"/>, which matches no constructor parameter for Dapper.
/// </summary>
internal sealed class AuditRow
{
    public long Id { get; init; }

    public Instant OccurredAt { get; init; }

    public string Actor { get; init; } = "";

    public string ActorKind { get; init; } = "";

    public string Operation { get; init; } = "";

    public string SubjectKind { get; init; } = "";

    public string? SubjectId { get; init; }

    public string? ObjectId { get; init; }

    public string? ServiceCode { get; init; }

    public string? OfficeId { get; init; }

    public string? RemoteAddress { get; init; }

    public string? CorrelationId { get; init; }

    public string[]? SubjectKinds { get; init; }

    public string?[]? SubjectIds { get; init; }

    public string?[]? ObjectIds { get; init; }

    public string?[]? ServiceCodes { get; init; }

    public string?[]? OfficeIds { get; init; }

    /// <summary>The record as the API shows it: with a subject asked for, only that subject's entries.</summary>
    public AuditRecord ToRecord(string? subject)
    {
        var entries = SubjectIds is null
            ? null
            : Enumerable.Range(0, SubjectIds.Length)
                .Where(i => subject is null || SubjectIds[i] == subject)
                .Select(i => new AuditEntry(SubjectKinds![i], SubjectIds[i], ObjectIds![i], ServiceCodes![i], OfficeIds![i]))
                .ToList();
        return new AuditRecord(
            Id, OccurredAt, Actor, ActorKind, Operation, SubjectKind, SubjectId, ObjectId, ServiceCode, OfficeId, RemoteAddress, CorrelationId, entries);
    }
}

internal sealed record AuditPage(IReadOnlyList<AuditRecord> Items, string? NextCursor);
