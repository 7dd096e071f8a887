using Kazgov.Kernel.Problems;
using Mediator;

namespace Kazgov.Platform.Applications.Features.Transitions;

/// <summary>The applicant withdraws the application (the integrator that submitted it may do so too).</summary>
internal sealed record Withdraw(Guid Id, string? IfMatch, ReasonRequest Body) : ICommand<ApplicationView>;

internal sealed class WithdrawHandler(ApplicationChanges changes) : ICommandHandler<Withdraw, ApplicationView>
{
    public async ValueTask<ApplicationView> Handle(Withdraw command, CancellationToken cancellationToken)
    {
        var change = await changes.BeginAsync(command.Id, command.IfMatch, ApplicationAction.Withdraw, cancellationToken);
        new ValidationErrors().Required("reason", command.Body.Reason).ThrowIfAny();
        return await changes.CommitAsync(change, ApplicationAction.Withdraw, command.Body.Reason, cancellationToken);
    }
}
