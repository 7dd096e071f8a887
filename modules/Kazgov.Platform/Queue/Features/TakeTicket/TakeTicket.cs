using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Mediation;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Platform.Offices;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Platform.Queue.Features.TakeTicket;

/// <summary>
/// A ticket in today's queue of an office: at its kiosk (anyone in the hall) or in advance through
/// the portal (an integrator with the service's submit scope). Either way it is a place in the day's
/// line by the time it was taken, first come first served: no appointment, no express lane (Queue/README.md).
/// </summary>
internal sealed record TakeTicket(string? OfficeId, string? ServiceCode, string? Purpose, TicketChannel Channel) : ICommand<TicketResponse>;

internal sealed class TakeTicketValidator(ServiceCatalogue catalogue) : IValidator<TakeTicket>
{
    public void Validate(TakeTicket message, ValidationErrors errors)
    {
        if (message.Channel == TicketChannel.Portal && string.IsNullOrWhiteSpace(message.OfficeId))
        {
            errors.Add("officeId", CommonMessages.Required);
        }

        var entry = string.IsNullOrWhiteSpace(message.ServiceCode) ? null : catalogue.Find(message.ServiceCode.Trim());
        if (string.IsNullOrWhiteSpace(message.ServiceCode))
        {
            errors.Add("serviceCode", CommonMessages.Required);
        }
        else if (entry is null)
        {
            errors.Add("serviceCode", QueueMessages.UnknownService.Format(message.ServiceCode));
        }

        var purpose = QueueCodes.ParsePurpose(message.Purpose);
        if (purpose is null)
        {
            errors.Add("purpose", string.IsNullOrWhiteSpace(message.Purpose) ? CommonMessages.Required : QueueMessages.UnknownPurpose);
        }
        else if (entry is not null && purpose == QueuePurpose.PickUp && entry.Terms.Queue?.PickUp is null)
        {
            // address-certificate §7: the certificate is given at once; the standard sets no queue to collect it.
            errors.Add("purpose", QueueMessages.NoPickUpQueue.Format(entry.Code));
        }
    }
}

internal sealed class TakeTicketHandler(
    QueueStore store,
    QueueDesk desk,
    IOfficeDirectory offices,
    IWorkingCalendars calendars,
    ServiceCatalogue catalogue,
    ICurrentActor actor,
    IClock clock) : ICommandHandler<TakeTicket, TicketResponse>
{
    public async ValueTask<TicketResponse> Handle(TakeTicket command, CancellationToken cancellationToken)
    {
        var officeId = command.OfficeId!.Trim();
        var entry = catalogue.Find(command.ServiceCode!.Trim())!;
        var purpose = QueueCodes.ParsePurpose(command.Purpose)!.Value;
        var office = await offices.FindAsync(officeId, cancellationToken);
        if (office is null || office.Retired)
        {
            if (command.Channel == TicketChannel.Kiosk)
            {
                throw new ProblemException(PlatformProblems.NotFound, QueueMessages.NoSuchOffice.Format(officeId));
            }

            new ValidationErrors().Add("officeId", QueueMessages.NoSuchOffice.Format(officeId)).ThrowIfAny();
        }

        if (!office!.Serves(entry.Code))
        {
            new ValidationErrors().Add("serviceCode", QueueMessages.OfficeDoesNotServe.Format(officeId, entry.Code)).ThrowIfAny();
        }

        // The portal books for the services it may submit: a ticket is the first step of an application.
        if (command.Channel == TicketChannel.Portal && actor.Kind == ActorKind.Client
            && !actor.Scopes.Contains(Scopes.For(entry.Code, Scopes.Submit)))
        {
            throw new ProblemException(SecurityProblems.Forbidden);
        }

        var now = clock.GetCurrentInstant();
        var schedule = await desk.ScheduleAsync(officeId, cancellationToken);
        var calendar = await calendars.LoadAsync(cancellationToken);
        if (QueueHours.ClosureAt(schedule, entry.Code, now, calendar) is { } closure)
        {
            throw new ProblemException(
                QueueProblems.Closed,
                closure switch
                {
                    QueueClosure.DayOff => QueueMessages.ClosedDayOff,
                    QueueClosure.LunchBreak => QueueMessages.ClosedLunch,
                    _ => QueueMessages.ClosedHours,
                },
                extensions: new Dictionary<string, object?> { ["reason"] = closure switch
                {
                    QueueClosure.DayOff => "day-off",
                    QueueClosure.LunchBreak => "lunch-break",
                    _ => "outside-hours",
                } });
        }

        var day = QueueDesk.DayOf(now);
        var prefix = TicketNumbers.Prefix(entry.Code, purpose);
        var sequence = await store.NextSequenceAsync(officeId, day, prefix, cancellationToken);
        var id = Guid.CreateVersion7();
        await store.InsertAsync(
            id, officeId, day, TicketNumbers.Format(prefix, sequence), entry.Code, purpose, command.Channel,
            actor.Id, now, QueueHours.NormMinutes(entry, purpose), cancellationToken);
        var row = (await store.FindAsync(id, forUpdate: false, cancellationToken))!;
        return QueueDesk.ToResponse(row, schedule, now, await store.PeopleAheadAsync(row, cancellationToken));
    }
}

internal static class TakeTicketEndpoints
{
    /// <summary>POST /offices/{id}/queue/tickets: the kiosk in the office's hall.</summary>
    public static void MapKioskTicket(this IEndpointRouteBuilder api) =>
        api.MapPost("/offices/{id}/queue/tickets", async (string id, KioskTicketRequest request, ISender sender, CancellationToken cancellationToken) =>
            {
                var ticket = await sender.Send(new TakeTicket(id, request.ServiceCode, request.Purpose, TicketChannel.Kiosk), cancellationToken);
                return Results.Created($"/api/v1/queue/tickets/{ticket.Id}", ticket);
            })
            .AllowPublic()
            .WithTags("Queue")
            .WithName("TakeKioskTicket")
            .WithSummary("The office's kiosk: a ticket in today's queue for a service and purpose (submission or pick-up), "
                + "only during reception hours and not in the lunch break. First come, first served.")
            .Accepts<KioskTicketRequest>("application/json")
            .Produces<TicketResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>POST /queue/tickets: in advance through the portal; a place in today's queue only.</summary>
    public static void MapAdvanceTicket(this RouteGroupBuilder queue) =>
        queue.MapPost("/tickets", async (AdvanceTicketRequest request, ISender sender, CancellationToken cancellationToken) =>
            {
                var ticket = await sender.Send(new TakeTicket(request.OfficeId, request.ServiceCode, request.Purpose, TicketChannel.Portal), cancellationToken);
                return Results.Created($"/api/v1/queue/tickets/{ticket.Id}", ticket);
            })
            .RequirePolicy(Policies.ApplicationsSubmit)
            .WithName("TakeAdvanceTicket")
            .WithSummary("A ticket taken in advance (integrators with the service's submit scope): it holds a place in today's queue "
                + "of the office by the time it is taken, like a kiosk ticket; no appointment, no express service.")
            .Accepts<AdvanceTicketRequest>("application/json")
            .Produces<TicketResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
