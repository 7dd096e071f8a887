using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace Kazgov.Kernel.Security;

/// <summary>What kind of identifier an audit record's subject is.</summary>
public static class AuditSubjects
{
    /// <summary>A person's individual identification number.</summary>
    public const string Iin = "iin";

    /// <summary>An organisation's business identification number.</summary>
    public const string Bin = "bin";

    /// <summary>An issued document's number (licence, permit, certificate, plate…).</summary>
    public const string Document = "document";

    /// <summary>A person known only by name (a complainant who gave no IIN).</summary>
    public const string Name = "name";

    /// <summary>A staff user (their login).</summary>
    public const string Staff = "staff";

    /// <summary>An integrator client (its client id).</summary>
    public const string Client = "client";

    /// <summary>A search over the audit log itself.</summary>
    public const string Audit = "audit";

    /// <summary>
    /// A read of several people at once (a list): one record whose entries name each person, see
    /// <see cref="IAuditTrail.RecordManyAsync"/>.
    /// </summary>
    public const string Several = "several";
}

/// <summary>
/// One read or change of personal data. <see cref="SubjectId"/> is whose data it was (IIN, BIN or
/// document number); <see cref="ObjectId"/> the record touched (e.g. an application number).
/// </summary>
public sealed record AuditEvent(string Operation, string SubjectKind, string? SubjectId)
{
    public string? ObjectId { get; init; }

    public string? ServiceCode { get; init; }

    public string? OfficeId { get; init; }
}

/// <summary>
/// The append-only audit trail (platform.audit_log). Records are written on the request's
/// <see cref="DbSession"/>: inside its transaction when one is open, so a change and its audit
/// record commit or roll back together. Nobody can update or delete them (a trigger refuses).
/// </summary>
public interface IAuditTrail
{
    Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);

    Task RecordAsync(string operation, string subjectKind, string? subjectId, CancellationToken cancellationToken = default) =>
        RecordAsync(new AuditEvent(operation, subjectKind, subjectId), cancellationToken);

    /// <summary>
    /// A read of several people at once (a list): one record of kind <see cref="AuditSubjects.Several"/>
    /// with one entry per event (its subject, object, service and office), found by any of its subjects.
    /// One event makes an ordinary record.
    /// </summary>
    Task RecordManyAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken = default);
}

internal sealed class AuditTrail(DbSession session, ICurrentActor actor, IHttpContextAccessor http, IClock clock) : IAuditTrail
{
    public async Task RecordManyAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken = default)
    {
        if (auditEvents.Count == 0)
        {
            return;
        }

        if (auditEvents.Count == 1)
        {
            await RecordAsync(auditEvents[0], cancellationToken);
            return;
        }

        // One row for the whole list: a page of 50 people was 50 rows under four indexes, half the
        // inbox's database time (build/bench/README.md). The operation is the same for every entry.
        var context = http.HttpContext;
        await session.ExecuteDeferredAsync(
            """
            INSERT INTO platform.audit_log
                (occurred_at, actor_id, actor_kind, operation, subject_kind, subject_kinds, subject_ids, object_ids, service_codes, office_ids,
                 remote_address, correlation_id)
            VALUES (@occurredAt, @actorId, @actorKind, @operation, @subjectKind, @subjectKinds, @subjectIds, @objectIds, @serviceCodes, @officeIds,
                    @remoteAddress, @correlationId)
            """,
            new
            {
                occurredAt = clock.GetCurrentInstant(),
                actorId = context is null ? "system" : actor.Id,
                actorKind = ActorKindOf(context),
                operation = OperationOf(auditEvents),
                subjectKind = AuditSubjects.Several,
                subjectKinds = auditEvents.Select(e => e.SubjectKind).ToArray(),
                subjectIds = auditEvents.Select(e => e.SubjectId).ToArray(),
                objectIds = auditEvents.Select(e => e.ObjectId).ToArray(),
                serviceCodes = auditEvents.Select(e => e.ServiceCode).ToArray(),
                officeIds = auditEvents.Select(e => e.OfficeId).ToArray(),
                remoteAddress = context?.Connection.RemoteIpAddress?.ToString(),
                correlationId = context is null ? null : CorrelationId.Of(context),
            },
            cancellationToken);
    }

    private static string OperationOf(IReadOnlyList<AuditEvent> auditEvents)
    {
        var operation = auditEvents[0].Operation;
        return auditEvents.All(e => e.Operation == operation)
            ? operation
            : throw new ArgumentException($"One audit record covers one operation; this list mixes {operation} with others.", nameof(auditEvents));
    }

    private string ActorKindOf(HttpContext? context) => context is null ? "system" : actor.Kind switch
    {
        ActorKind.Staff => "staff",
        ActorKind.Client => "client",
        _ => "anonymous",
    };

    public async Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        var context = http.HttpContext;
        await session.ExecuteDeferredAsync(
            """
            INSERT INTO platform.audit_log
                (occurred_at, actor_id, actor_kind, operation, subject_kind, subject_id, object_id, service_code, office_id, remote_address, correlation_id)
            VALUES (@occurredAt, @actorId, @actorKind, @operation, @subjectKind, @subjectId, @objectId, @serviceCode, @officeId, @remoteAddress, @correlationId)
            """,
            new
            {
                occurredAt = clock.GetCurrentInstant(),
                actorId = context is null ? "system" : actor.Id,
                actorKind = ActorKindOf(context),
                operation = auditEvent.Operation,
                subjectKind = auditEvent.SubjectKind,
                subjectId = auditEvent.SubjectId,
                objectId = auditEvent.ObjectId,
                serviceCode = auditEvent.ServiceCode,
                officeId = auditEvent.OfficeId,
                remoteAddress = context?.Connection.RemoteIpAddress?.ToString(),
                correlationId = context is null ? null : CorrelationId.Of(context),
            },
            cancellationToken);
    }
}
