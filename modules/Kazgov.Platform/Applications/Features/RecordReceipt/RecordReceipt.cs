using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Problems;
using Mediator;
using NodaTime;

namespace Kazgov.Platform.Applications.Features.RecordReceipt;

/// <summary>Records a bank receipt for one of the application's fee items (a receipt can come after intake).</summary>
internal sealed record RecordReceipt(Guid Id, string? IfMatch, ReceiptRequest Receipt) : ICommand<ApplicationView>;

internal sealed class RecordReceiptHandler(ApplicationChanges changes, ApplicationStore store, ServiceCatalogue catalogue) : ICommandHandler<RecordReceipt, ApplicationView>
{
    public async ValueTask<ApplicationView> Handle(RecordReceipt command, CancellationToken cancellationToken)
    {
        var change = await changes.BeginAsync(command.Id, command.IfMatch, action: null, cancellationToken);
        var service = catalogue.Find(change.Row.ServiceCode)!;
        var errors = new ValidationErrors();
        IntakeRules.ValidateReceipts(
            [command.Receipt],
            [.. service.Fees.Items.Where(i => change.Row.FeeItems.Contains(i.Code))],
            change.Now.InZone(WorkingCalendar.Zone).Date,
            errors,
            "receipt");
        errors.ThrowIfAny();
        if (!await store.InsertReceiptAsync(change.Row.Id, command.Receipt, change.Now, cancellationToken))
        {
            throw IntakeRules.ReceiptAlreadyRecorded(command.Receipt);
        }

        return await changes.CommitAsync(change, "application.receipt", cancellationToken);
    }
}
