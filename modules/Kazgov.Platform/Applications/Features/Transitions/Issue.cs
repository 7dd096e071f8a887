using System.Globalization;
using Kazgov.Kernel.Data;
using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Mediator;

namespace Kazgov.Platform.Applications.Features.Transitions;

/// <summary>
/// Hands the result over against signature: only inside the service's hand-over windows when its
/// catalogue entry has any (<see cref="HandOverWindows"/>, for every service alike), and the
/// service's module may still refuse it (e.g. a deprivation recorded since approval). A service
/// whose duty is paid after the decision (<see cref="ServiceFees.PayableAfterDecision"/>) is handed
/// over only once its receipts settle the fee (409 fee-unpaid), as approval demands it of the others.
/// </summary>
internal sealed record Issue(Guid Id, string? IfMatch, IssueRequest Body) : ICommand<ApplicationView>;

internal sealed class IssueHandler(
    ApplicationChanges changes,
    ApplicationStore store,
    DbSession session,
    HandOverWindows windows,
    ServiceDefinitions definitions,
    ServiceCatalogue catalogue,
    ApplicationReader reader) : ICommandHandler<Issue, ApplicationView>
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
        if (catalogue.Find(change.Row.ServiceCode)!.Fees.PayableAfterDecision
            && await reader.FeesAsync(change.Row, cancellationToken) is { Settled: false } fees)
        {
            throw new ProblemException(ApplicationProblems.FeeUnpaid, new LocalizedText(
                    "Төлеу керек: {0} ₸, төленгені: {1} ₸",
                    "К оплате: {0} ₸, оплачено: {1} ₸",
                    "Due: {0} KZT, paid: {1} KZT").Format(fees.TotalDue.ToString("0.00", CultureInfo.InvariantCulture), fees.TotalPaid.ToString("0.00", CultureInfo.InvariantCulture)),
                extensions: new Dictionary<string, object?> { ["fees"] = fees });
        }

        if (definitions.Find(change.Row.ServiceCode) is { } definition)
        {
            await definition.OnIssuingAsync(change.Context(session), cancellationToken);
        }

        await store.InsertIssuanceAsync(change.Row.Id, request.ReceivedBy!, request.IdentityDocument!, change.Now, cancellationToken);
        return await changes.CommitAsync(change, ApplicationAction.Issue, request.ReceivedBy, cancellationToken);
    }
}
