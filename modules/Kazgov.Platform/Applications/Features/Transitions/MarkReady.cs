using Mediator;

namespace Kazgov.Platform.Applications.Features.Transitions;

/// <summary>The result is ready for issue; the applicant is notified (every standard's §16).</summary>
internal sealed record MarkReady(Guid Id, string? IfMatch) : ICommand<ApplicationView>;

internal sealed class MarkReadyHandler(ApplicationChanges changes) : ICommandHandler<MarkReady, ApplicationView>
{
    public async ValueTask<ApplicationView> Handle(MarkReady command, CancellationToken cancellationToken)
    {
        var change = await changes.BeginAsync(command.Id, command.IfMatch, ApplicationAction.MarkReady, cancellationToken);
        return await changes.CommitAsync(change, ApplicationAction.MarkReady, null, cancellationToken);
    }
}
