using Kazgov.Kernel.Data;
using Kazgov.Kernel.Problems;
using Mediator;

namespace Kazgov.Platform.Applications.Features.Transitions;

/// <summary>Suspends the term: the clock stops until resume, and the due date then moves by the time suspended.</summary>
internal sealed record Suspend(Guid Id, string? IfMatch, ReasonRequest Body) : ICommand<ApplicationView>;

internal sealed class SuspendHandler(ApplicationChanges changes, ApplicationStore store) : ICommandHandler<Suspend, ApplicationView>
{
    public async ValueTask<ApplicationView> Handle(Suspend command, CancellationToken cancellationToken)
    {
        var change = await changes.BeginAsync(command.Id, command.IfMatch, ApplicationAction.Suspend, cancellationToken);
        new ValidationErrors().Required("reason", command.Body.Reason).ThrowIfAny();
        await store.StartSuspensionAsync(change.Row.Id, command.Body.Reason!, change.Row.DueAt, change.Now, cancellationToken);
        return await changes.CommitAsync(change, ApplicationAction.Suspend, command.Body.Reason, cancellationToken);
    }
}
