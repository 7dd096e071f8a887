using Kazgov.Platform.Calendar;
using Mediator;

namespace Kazgov.Platform.Applications.Features.Transitions;

/// <summary>Resumes a suspended application: the due date is computed again with every suspended span taken out.</summary>
internal sealed record Resume(Guid Id, string? IfMatch) : ICommand<ApplicationView>;

internal sealed class ResumeHandler(ApplicationChanges changes, ApplicationStore store, DeadlineService deadlines) : ICommandHandler<Resume, ApplicationView>
{
    public async ValueTask<ApplicationView> Handle(Resume command, CancellationToken cancellationToken)
    {
        var change = await changes.BeginAsync(command.Id, command.IfMatch, ApplicationAction.Resume, cancellationToken);
        var row = change.Row;
        var suspended = await store.EndedSuspensionsAsync(row.Id, cancellationToken) + (change.Now - row.SuspendedSince!.Value);
        var (_, deadline) = await deadlines.ComputeAsync(row.ServiceCode, row.TermVariant, row.AcceptedAt, row.OfficeId, suspended, cancellationToken);
        await store.EndSuspensionAsync(row.Id, deadline.DueAt, change.Now, cancellationToken);
        return await changes.CommitAsync(change, ApplicationAction.Resume, null, cancellationToken, deadline.DueAt);
    }
}
