using Kazgov.Kernel.Data;
using Kazgov.Kernel.Observability;
using Kazgov.Kernel.Events;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using NodaTime;

namespace Kazgov.Platform.Applications;

/// <summary>
/// The one path every change of an application takes: lock the row, check the actor may read and
/// change it, check If-Match against its version, check the lifecycle allows the action — then,
/// after the use case did its part, write the new status, the history event, the notification and
/// the audit record, and answer with the fresh view.
/// </summary>
internal sealed class ApplicationChanges(
    ApplicationStore store,
    ApplicationReader reader,
    ApplicantNotifications notifications,
    IntegrationEvents events,
    ICurrentActor actor,
    IClock clock,
    DbSession session,
    KazgovMetrics metrics)
{
    /// <summary>Loads the application for <paramref name="action"/>; null action: a change that is not a transition (a receipt).</summary>
    public async Task<PendingChange> BeginAsync(Guid id, string? ifMatch, ApplicationAction? action, CancellationToken cancellationToken)
    {
        var row = await store.FindAsync(id, forUpdate: true, cancellationToken);
        if (row is null || !actor.CanRead(row.OfficeId, row.ServiceCode, row.SubmittedBy))
        {
            throw new ProblemException(ApplicationProblems.ApplicationNotFound);
        }

        // Only staff process applications; the integrator that submitted one may withdraw it and record receipts.
        var processing = action is not (null or ApplicationAction.Withdraw);
        if (!actor.CanChange(row.OfficeId, row.ServiceCode, row.SubmittedBy) || (processing && actor.Kind != ActorKind.Staff))
        {
            throw new ProblemException(SecurityProblems.Forbidden);
        }

        Preconditions.RequireCurrent(ifMatch, row.Version);

        var from = row.StatusValue;
        if (action is { } wanted && !ApplicationLifecycle.CanApply(from, wanted))
        {
            throw InvalidTransition(from, wanted);
        }

        if (action is null && ApplicationLifecycle.IsFinal(from))
        {
            throw new ProblemException(PlatformProblems.InvalidTransition, extensions: new Dictionary<string, object?>
            {
                ["currentStatus"] = row.Status,
                ["allowedActions"] = Array.Empty<string>(),
            });
        }

        return new PendingChange(row, clock.GetCurrentInstant());
    }

    /// <summary>Writes the transition the use case decided, with its history, notification and audit.</summary>
    public async Task<ApplicationView> CommitAsync(PendingChange change, ApplicationAction action, string? reason, CancellationToken cancellationToken, Instant? dueAt = null)
    {
        var row = change.Row;
        var from = row.StatusValue;
        var to = ApplicationLifecycle.Target(action, row.StatusBeforeSuspension is null ? null : ApplicationStatusCodes.ParseStatus(row.StatusBeforeSuspension));
        var suspending = action == ApplicationAction.Suspend;
        var (updated, sequence) = await store.UpdateStatusReturningAsync(row.Id, to, suspending ? from : null, suspending ? change.Now : null, dueAt ?? row.DueAt, change.Now, cancellationToken);
        await store.AppendEventAsync(row.Id, action.ToCode(), from, to, reason, change.Now, cancellationToken);
        await events.PublishAsync(new ApplicationStatusChanged(row.Id, row.RegistrationNumber, row.ServiceCode, row.OfficeId, from.ToCode(), to.ToCode(), change.Now, sequence, row.SubmittedBy), cancellationToken);
        if (to is ApplicationStatus.ReadyForIssue or ApplicationStatus.Refused)
        {
            await notifications.NotifyAsync(row, to, cancellationToken);
        }

        await reader.AuditAsync("application." + action.ToCode(), row, cancellationToken);
        Count(row, to);
        // The updated row as the statement returned it: the rest of the transaction does not change it.
        return await reader.ViewAsync(updated, cancellationToken);
    }

    // Counted when the change commits (an Idempotency-Key request may still roll it back).
    private void Count(ApplicationRow row, ApplicationStatus to)
    {
        switch (to)
        {
            case ApplicationStatus.Approved:
                session.AfterCommit(() => metrics.ApplicationDecided(row.ServiceCode, row.OfficeId, "approved"));
                break;
            case ApplicationStatus.Refused:
                session.AfterCommit(() => metrics.ApplicationDecided(row.ServiceCode, row.OfficeId, "refused"));
                break;
            case ApplicationStatus.Issued:
                session.AfterCommit(() => metrics.ApplicationIssued(row.ServiceCode, row.OfficeId));
                break;
        }
    }

    /// <summary>A change that is not a transition: a new version and its audit record.</summary>
    public async Task<ApplicationView> CommitAsync(PendingChange change, string operation, CancellationToken cancellationToken)
    {
        await store.TouchAsync(change.Row.Id, change.Now, cancellationToken);
        await reader.AuditAsync(operation, change.Row, cancellationToken);
        return await reader.ViewAsync(change.Row.Id, cancellationToken);
    }

    private static ProblemException InvalidTransition(ApplicationStatus from, ApplicationAction action) =>
        new(PlatformProblems.InvalidTransition, new LocalizedText(
                "«{0}» күйінде «{1}» мүмкін емес",
                "В статусе «{0}» действие «{1}» невозможно",
                "'{1}' is not possible in status '{0}'").Format(from.ToCode(), action.ToCode()),
            extensions: new Dictionary<string, object?>
            {
                ["currentStatus"] = from.ToCode(),
                ["allowedActions"] = ApplicationLifecycle.AllowedActions(from).Select(a => a.ToCode()).ToArray(),
            });
}

/// <summary>An application locked for a change, and the moment of the change.</summary>
internal sealed record PendingChange(ApplicationRow Row, Instant Now)
{
    public LifecycleContext Context(Kazgov.Kernel.Data.DbSession session) =>
        new(Row.Id, Row.RegistrationNumber, Row.ServiceCode, Row.SubType, Row.OfficeId, Row.ApplicantValue, Row.ModuleDataValue, Now, session)
        {
            Status = Row.Status,
        };
}

/// <summary>
/// Published with every change of an application's status, submission included (From is null then):
/// the integration event other modules and integrators follow. No personal data: the registration
/// number and ids only. Sequence counts the application's status changes from 1 (the submission),
/// so a consumer can tell an old or repeated event from a new one. SubmittedBy is the submitting
/// actor ("client:&lt;id&gt;" for an integrator): webhooks and the change feed go to that client only.
/// </summary>
public sealed record ApplicationStatusChanged(
    Guid ApplicationId, string RegistrationNumber, string ServiceCode, string OfficeId, string? From, string To, Instant At, int Sequence = 0, string? SubmittedBy = null) : IIntegrationEvent
{
    public static string EventType => "application.status-changed";
}
