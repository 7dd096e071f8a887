using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using NodaTime;

namespace Kazgov.Platform.Complaints;

/// <summary>
/// What the journal's slices share: the entry with its history, and the one path of every state
/// change — lock the row, check access (404 / 403), If-Match (428 / 412) and the lifecycle (409),
/// apply, record the event and the audit record. Changes run inside the command's transaction
/// (TransactionBehavior), so the lock holds until the commit.
/// </summary>
internal sealed class ComplaintJournal(ComplaintStore store, ICurrentActor actor, IAuditTrail audit, ServiceCatalogue catalogue)
{
    public async Task<ComplaintResponse> WithHistoryAsync(ComplaintRow row, Instant now, CancellationToken cancellationToken) =>
        row.ToResponse(catalogue, now) with { Events = await store.EventsAsync(row.Id, cancellationToken) };

    /// <summary>
    /// Applies <paramref name="action"/> to the complaint; <paramref name="apply"/> writes the change
    /// and returns the event's note.
    /// </summary>
    public async Task<ComplaintResponse> ChangeAsync(
        Guid id, string? ifMatch, ComplaintAction action, Instant now, Func<ComplaintRow, Task<string?>> apply, CancellationToken cancellationToken)
    {
        var row = await store.FindAsync(id, forUpdate: true, cancellationToken) ?? throw new ProblemException(PlatformProblems.NotFound);
        actor.EnsureCanChange(row.OfficeId, row.ServiceCode);

        var header = ifMatch?.Trim() ?? "";
        Preconditions.RequireCurrent(header, row.Version, ComplaintMessages.IfMatchMissing, ComplaintMessages.Stale.Format(Preconditions.ETagOf(row.Version), header));

        var status = row.StatusValue;
        if (!ComplaintLifecycle.CanApply(status, action))
        {
            var allowed = ComplaintLifecycle.AllowedActions(status).Select(ComplaintLifecycle.ToCode).ToList();
            throw new ProblemException(
                PlatformProblems.InvalidTransition,
                ComplaintMessages.InvalidTransition.Format(
                    ComplaintLifecycle.ToCode(status),
                    ComplaintLifecycle.ToCode(action),
                    allowed.Count > 0 ? string.Join(", ", allowed) : "—"),
                extensions: new Dictionary<string, object?>
                {
                    // Not "status": that member is the problem's HTTP status (RFC 9457).
                    ["currentStatus"] = ComplaintLifecycle.ToCode(status),
                    ["action"] = ComplaintLifecycle.ToCode(action),
                    ["allowedActions"] = allowed,
                });
        }

        var note = await apply(row);
        var code = ComplaintLifecycle.ToCode(action);
        await store.AddEventAsync(id, now, actor.Id, actor.DisplayName, code, status, ComplaintLifecycle.Target(action), note, cancellationToken);
        await audit.RecordAsync(row.AuditOf("complaint." + code), cancellationToken);
        var updated = await store.FindAsync(id, forUpdate: false, cancellationToken)
            ?? throw new InvalidOperationException($"Complaint {id} vanished inside its own transaction.");
        return await WithHistoryAsync(updated, now, cancellationToken);
    }
}
