using Mediator;

namespace Kazgov.Platform.Applications;

// The lifecycle's use cases as mediator messages: commands run in one transaction each
// (TransactionBehavior), queries without one. Handlers are thin; the rules live in ApplicationService.

internal sealed record SubmitApplication(SubmitApplicationRequest Request) : ICommand<SubmittedApplication>;

internal sealed record ChangeApplicationStatus(Guid Id, string? IfMatch, ApplicationAction Action, object? Body) : ICommand<ApplicationView>;

internal sealed record RecordReceipt(Guid Id, string? IfMatch, ReceiptRequest Receipt) : ICommand<ApplicationView>;

internal sealed record GetApplication(Guid Id) : IQuery<ApplicationView>;

internal sealed record ListApplications(string? Office, string? Service, string? Status, bool Overdue, int Limit, string? Cursor) : IQuery<ApplicationList>;

internal sealed record GetApplicationHistory(Guid Id) : IQuery<ApplicationHistory>;

internal sealed record GetAcknowledgement(Guid Id) : IQuery<AcknowledgementSlip>;

internal sealed record GetRefusalNotice(Guid Id) : IQuery<RefusalNotice>;

internal sealed class ApplicationHandlers(ApplicationService applications) :
    ICommandHandler<SubmitApplication, SubmittedApplication>,
    ICommandHandler<ChangeApplicationStatus, ApplicationView>,
    ICommandHandler<RecordReceipt, ApplicationView>,
    IQueryHandler<GetApplication, ApplicationView>,
    IQueryHandler<ListApplications, ApplicationList>,
    IQueryHandler<GetApplicationHistory, ApplicationHistory>,
    IQueryHandler<GetAcknowledgement, AcknowledgementSlip>,
    IQueryHandler<GetRefusalNotice, RefusalNotice>
{
    public async ValueTask<SubmittedApplication> Handle(SubmitApplication command, CancellationToken cancellationToken) =>
        await applications.SubmitAsync(command.Request, cancellationToken);

    public async ValueTask<ApplicationView> Handle(ChangeApplicationStatus command, CancellationToken cancellationToken) =>
        await applications.ChangeAsync(command.Id, command.IfMatch, command.Action, command.Body, cancellationToken);

    public async ValueTask<ApplicationView> Handle(RecordReceipt command, CancellationToken cancellationToken) =>
        await applications.RecordReceiptAsync(command.Id, command.IfMatch, command.Receipt, cancellationToken);

    public async ValueTask<ApplicationView> Handle(GetApplication query, CancellationToken cancellationToken) =>
        await applications.GetAsync(query.Id, cancellationToken);

    public async ValueTask<ApplicationList> Handle(ListApplications query, CancellationToken cancellationToken) =>
        await applications.ListAsync(query.Office, query.Service, query.Status, query.Overdue, query.Limit, query.Cursor, cancellationToken);

    public async ValueTask<ApplicationHistory> Handle(GetApplicationHistory query, CancellationToken cancellationToken) =>
        await applications.HistoryAsync(query.Id, cancellationToken);

    public async ValueTask<AcknowledgementSlip> Handle(GetAcknowledgement query, CancellationToken cancellationToken) =>
        await applications.AcknowledgementAsync(query.Id, cancellationToken);

    public async ValueTask<RefusalNotice> Handle(GetRefusalNotice query, CancellationToken cancellationToken) =>
        await applications.RefusalNoticeAsync(query.Id, cancellationToken);
}

/// <summary>What modules use to run the shared lifecycle from their own endpoints (e.g. the driver-licence intake).</summary>
public interface IApplications
{
    Task<SubmittedApplication> SubmitAsync(SubmitApplicationRequest request, CancellationToken cancellationToken);
}

internal sealed class MediatedApplications(ISender sender) : IApplications
{
    public async Task<SubmittedApplication> SubmitAsync(SubmitApplicationRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new SubmitApplication(request), cancellationToken);
}
