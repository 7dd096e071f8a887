using System.Globalization;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Mediator;

namespace Kazgov.Platform.Applications.Features.Transitions;

/// <summary>
/// Approval: the fee paid (409 fee-unpaid) unless the service takes it after the decision
/// (<see cref="ServiceFees.PayableAfterDecision"/>: then the hand-over asks for it), the module's eligibility rules met on the day of
/// decision (409 eligibility-failed, with the findings kept on the application), then the module
/// creates the result in its register and the application names it.
/// </summary>
internal sealed record Approve(Guid Id, string? IfMatch) : ICommand<ApplicationView>;

internal sealed class ApproveHandler(
    ApplicationChanges changes,
    ApplicationStore store,
    ApplicationReader reader,
    ServiceCatalogue catalogue,
    DbSession session,
    ServiceDefinitions definitions) : ICommandHandler<Approve, ApplicationView>
{
    public async ValueTask<ApplicationView> Handle(Approve command, CancellationToken cancellationToken)
    {
        var change = await changes.BeginAsync(command.Id, command.IfMatch, ApplicationAction.Approve, cancellationToken);
        var row = change.Row;
        var service = catalogue.Find(row.ServiceCode)!;
        var fees = await reader.FeesAsync(row, cancellationToken);
        if (!fees.Settled && !service.Fees.PayableAfterDecision)
        {
            throw new ProblemException(ApplicationProblems.FeeUnpaid, new LocalizedText(
                    "Төлеу керек: {0} ₸, төленгені: {1} ₸",
                    "К оплате: {0} ₸, оплачено: {1} ₸",
                    "Due: {0} KZT, paid: {1} KZT").Format(fees.TotalDue.ToString("0.00", CultureInfo.InvariantCulture), fees.TotalPaid.ToString("0.00", CultureInfo.InvariantCulture)),
                extensions: new Dictionary<string, object?> { ["fees"] = fees });
        }

        if (definitions.Find(row.ServiceCode) is { } definition)
        {
            // Eligibility is judged again on the day of decision (e.g. age thresholds, driver-licence §17.5).
            var today = change.Now.InZone(WorkingCalendar.Zone).Date;
            var findings = await definition.CheckEligibilityAsync(
                new EligibilityContext(row.ServiceCode, row.SubType, row.ApplicantType, row.ApplicantValue, row.ModuleDataValue, today, session)
                {
                    AtDecision = true,
                    ApplicationId = row.Id,
                },
                cancellationToken);
            IntakeRules.EnsureGroundsOfService(service, findings.Select(f => f.RefusalGround));
            await store.SetFindingsAsync(row.Id, findings, cancellationToken);
            if (findings.Count > 0)
            {
                // The findings of the day stay on the application although approval is refused.
                throw new ProblemException(ApplicationProblems.EligibilityFailed, new LocalizedText(
                        string.Join("; ", findings.Select(f => f.Explanation.Kk)),
                        string.Join("; ", findings.Select(f => f.Explanation.Ru)),
                        string.Join("; ", findings.Select(f => f.Explanation.En))),
                    extensions: new Dictionary<string, object?> { ["refusalGrounds"] = findings.Select(f => f.RefusalGround).ToArray() })
                {
                    KeepsChanges = true,
                };
            }

            var reference = await definition.OnApprovedAsync(change.Context(session), cancellationToken);
            await store.SetResultReferenceAsync(row.Id, reference, cancellationToken);
        }

        return await changes.CommitAsync(change, ApplicationAction.Approve, null, cancellationToken);
    }
}
