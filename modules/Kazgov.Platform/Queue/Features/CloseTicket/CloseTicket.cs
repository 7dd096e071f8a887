using Kazgov.Kernel.Mediation;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Applications;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Platform.Queue.Features.CloseTicket;

/// <summary>A called ticket is closed: served (with the application it produced, if any) or the applicant did not come.</summary>
internal sealed record CloseTicket(Guid Id, bool Served, Guid? ApplicationId) : ICommand<TicketResponse>;

internal sealed class CloseTicketValidator : IValidator<CloseTicket>
{
    public void Validate(CloseTicket message, ValidationErrors errors)
    {
        if (message.ApplicationId == Guid.Empty)
        {
            errors.Add("applicationId", QueueMessages.NoSuchApplication);
        }
    }
}

internal sealed class CloseTicketHandler(QueueStore store, QueueDesk desk, TicketApplications applications, IAuditTrail audit, IClock clock)
    : ICommandHandler<CloseTicket, TicketResponse>
{
    public async ValueTask<TicketResponse> Handle(CloseTicket command, CancellationToken cancellationToken)
    {
        var row = await desk.LockForChangeAsync(command.Id, cancellationToken);
        if (row.StatusValue != TicketStatus.Called)
        {
            throw QueueDesk.InvalidTransition(row, command.Served ? "serve" : "no-show");
        }

        var now = clock.GetCurrentInstant();
        if (command.Served)
        {
            if (command.ApplicationId is { } applicationId)
            {
                await applications.EnsureFitsAsync(row, applicationId, cancellationToken);
            }

            await store.MarkServedAsync(row.Id, now, command.ApplicationId, cancellationToken);
        }
        else
        {
            await store.MarkNoShowAsync(row.Id, now, cancellationToken);
        }

        await audit.RecordAsync(new AuditEvent(command.Served ? "queue.serve" : "queue.no-show", "ticket", null) { ObjectId = row.Number, ServiceCode = row.ServiceCode, OfficeId = row.OfficeId }, cancellationToken);
        var closed = (await store.FindAsync(row.Id, forUpdate: false, cancellationToken))!;
        return QueueDesk.ToResponse(closed, await desk.ScheduleAsync(row.OfficeId, cancellationToken), now);
    }
}

/// <summary>The application a ticket names must exist for the clerk and be of the ticket's office and service.</summary>
internal sealed class TicketApplications(IApplicationDirectory directory, ICurrentActor actor)
{
    public async Task EnsureFitsAsync(TicketRow row, Guid applicationId, CancellationToken cancellationToken)
    {
        var application = await directory.FindAsync(applicationId, cancellationToken);
        if (application is null || !actor.CanRead(application.OfficeId, application.ServiceCode, application.SubmittedBy))
        {
            new ValidationErrors().Add("applicationId", QueueMessages.NoSuchApplication).ThrowIfAny();
        }

        if (application!.OfficeId != row.OfficeId || application.ServiceCode != row.ServiceCode)
        {
            new ValidationErrors().Add("applicationId", QueueMessages.ApplicationElsewhere.Format(row.OfficeId, row.ServiceCode)).ThrowIfAny();
        }
    }
}

internal static class CloseTicketEndpoints
{
    public static void MapCloseTicket(this RouteGroupBuilder queue)
    {
        queue.MapPost("/tickets/{id:guid}/serve", async (Guid id, ServeTicketRequest? request, ISender sender, CancellationToken cancellationToken) =>
                await sender.Send(new CloseTicket(id, Served: true, request?.ApplicationId), cancellationToken))
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("ServeTicket")
            .WithSummary("called → served, optionally naming the application the visit produced (of the ticket's office and service).")
            .Accepts<ServeTicketRequest>("application/json")
            .Produces<TicketResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        queue.MapPost("/tickets/{id:guid}/no-show", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                await sender.Send(new CloseTicket(id, Served: false, null), cancellationToken))
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("MarkTicketNoShow")
            .WithSummary("called → no-show: the applicant did not come to the window.")
            .Produces<TicketResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
