using Kazgov.Kernel.Data;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Mediator;

namespace Kazgov.Platform.Applications.Features.Transitions;

/// <summary>Hands the result over against signature; the service's module may refuse it (e.g. outside its hand-over windows).</summary>
internal sealed record Issue(Guid Id, string? IfMatch, IssueRequest Body) : ICommand<ApplicationView>;

internal sealed class IssueHandler(
    ApplicationChanges changes,
    ApplicationStore store,
    DbSession session,
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
        if (definitions.Find(change.Row.ServiceCode) is { } definition)
        {
            await definition.OnIssuingAsync(change.Context(session), cancellationToken);
        }

        await store.InsertIssuanceAsync(change.Row.Id, request.ReceivedBy!, request.IdentityDocument!, change.Now, cancellationToken);
        return await changes.CommitAsync(change, ApplicationAction.Issue, request.ReceivedBy, cancellationToken);
    }
}
