using Kazgov.Kernel.Mediation;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Queue.Features.CloseTicket;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Platform.Queue.Features.LinkApplication;

/// <summary>POST /queue/tickets/{id}/application: a served ticket names the application it produced, once.</summary>
internal sealed record LinkTicketApplication(Guid Id, Guid? ApplicationId) : ICommand<TicketResponse>;

internal sealed class LinkTicketApplicationValidator : IValidator<LinkTicketApplication>
{
    public void Validate(LinkTicketApplication message, ValidationErrors errors)
    {
        if (message.ApplicationId is null || message.ApplicationId == Guid.Empty)
        {
            errors.Add("applicationId", CommonMessages.Required);
        }
    }
}

internal sealed class LinkTicketApplicationHandler(QueueStore store, QueueDesk desk, TicketApplications applications, IAuditTrail audit, IClock clock)
    : ICommandHandler<LinkTicketApplication, TicketResponse>
{
    public async ValueTask<TicketResponse> Handle(LinkTicketApplication command, CancellationToken cancellationToken)
    {
        var row = await desk.LockForChangeAsync(command.Id, cancellationToken);
        if (row.StatusValue != TicketStatus.Served)
        {
            throw QueueDesk.InvalidTransition(row, "link-application");
        }

        if (row.ApplicationId is { } linked)
        {
            throw new ProblemException(QueueProblems.AlreadyLinked, extensions: new Dictionary<string, object?> { ["applicationId"] = linked });
        }

        await applications.EnsureFitsAsync(row, command.ApplicationId!.Value, cancellationToken);
        await store.LinkAsync(row.Id, command.ApplicationId.Value, cancellationToken);
        await audit.RecordAsync(new AuditEvent("queue.link-application", "ticket", null) { ObjectId = row.Number, ServiceCode = row.ServiceCode, OfficeId = row.OfficeId }, cancellationToken);
        var linkedRow = (await store.FindAsync(row.Id, forUpdate: false, cancellationToken))!;
        return QueueDesk.ToResponse(linkedRow, await desk.ScheduleAsync(row.OfficeId, cancellationToken), clock.GetCurrentInstant());
    }
}

internal static class LinkTicketApplicationEndpoint
{
    public static void MapLinkTicketApplication(this RouteGroupBuilder queue) =>
        queue.MapPost("/tickets/{id:guid}/application", async (Guid id, LinkTicketRequest request, ISender sender, CancellationToken cancellationToken) =>
                await sender.Send(new LinkTicketApplication(id, request.ApplicationId), cancellationToken))
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("LinkTicketApplication")
            .WithSummary("Names the application a served ticket produced (of the ticket's office and service), when it was registered after the ticket was closed.")
            .Accepts<LinkTicketRequest>("application/json")
            .Produces<TicketResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
