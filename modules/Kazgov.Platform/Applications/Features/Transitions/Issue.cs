using Kazgov.Kernel.Data;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Mediator;

namespace Kazgov.Platform.Applications.Features.Transitions;

/// <summary>
/// Hands the result over against signature: only inside the service's hand-over windows when its
/// catalogue entry has any (<see cref="HandOverWindows"/>, for every service alike), and the
/// service's module may still refuse it (e.g. a deprivation recorded since approval).
/// </summary>
internal sealed record Issue(Guid Id, string? IfMatch, IssueRequest Body) : ICommand<ApplicationView>;

internal sealed class IssueHandler(
    ApplicationChanges changes,
    ApplicationStore store,
    DbSession session,
    HandOverWindows windows,
    ServiceDefinitions definitions) : ICommandHandler<Issue, ApplicationView>
{
    public async ValueTask<ApplicationView> Handle(Issue command, CancellationToken cancellationToken)
    {
        var change = await changes.BeginAsync(command.Id, command.IfMatch, ApplicationAction.Issue, cancellationToken);
        var request = command.Body;
        var errors = new ValidationErrors();
        errors.Required("receivedBy", request.ReceivedBy);
        errors.Required("identityDocument", request.IdentityDocument);
        if (!request.SignatureTaken)
        {
            errors.Add("signatureTaken", new LocalizedText(
                "Нәтиже беру кітабындағы қолтаңбамен беріледі",
                "Результат выдаётся под роспись в журнале выдачи",
                "The result is handed over against signature in the issuance register"));
        }

        errors.ThrowIfAny();
        await windows.EnsureOpenAsync(change.Row.ServiceCode, change.Row.OfficeId, change.Now, cancellationToken);
        if (definitions.Find(change.Row.ServiceCode) is { } definition)
        {
            await definition.OnIssuingAsync(change.Context(session), cancellationToken);
        }

        await store.InsertIssuanceAsync(change.Row.Id, request.ReceivedBy!, request.IdentityDocument!, change.Now, cancellationToken);
        return await changes.CommitAsync(change, ApplicationAction.Issue, request.ReceivedBy, cancellationToken);
    }
}
