using Mediator;

namespace Kazgov.Platform.Applications.Features.Transitions;

/// <summary>The clerk takes the application into review.</summary>
internal sealed record StartReview(Guid Id, string? IfMatch) : ICommand<ApplicationView>;

internal sealed class StartReviewHandler(ApplicationChanges changes) : ICommandHandler<StartReview, ApplicationView>
{
    public async ValueTask<ApplicationView> Handle(StartReview command, CancellationToken cancellationToken)
    {
        var change = await changes.BeginAsync(command.Id, command.IfMatch, ApplicationAction.StartReview, cancellationToken);
        return await changes.CommitAsync(change, ApplicationAction.StartReview, null, cancellationToken);
    }
}
