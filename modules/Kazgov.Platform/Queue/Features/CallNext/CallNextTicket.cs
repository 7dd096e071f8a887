using System.Text.RegularExpressions;
using Kazgov.Kernel.Mediation;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Platform.Queue.Features.CallNext;

/// <summary>POST /queue/call-next: the first ticket of today's line among the caller's services, to the caller's window.</summary>
internal sealed partial record CallNextTicket(string? Window) : ICommand<TicketResponse>
{
    public string? WindowLabel => Window?.Trim();

    public bool WindowIsValid => WindowLabel is { } label && WindowPattern().IsMatch(label);

    [GeneratedRegex(@"^[\p{L}\p{N}-]{1,16}$")]
    private static partial Regex WindowPattern();
}

internal sealed class CallNextTicketValidator : IValidator<CallNextTicket>
{
    public void Validate(CallNextTicket message, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(message.Window))
        {
            errors.Add("window", CommonMessages.Required);
        }
        else if (!message.WindowIsValid)
        {
            errors.Add("window", QueueMessages.BadWindow);
        }
    }
}

/// <summary>
/// Two clerks pressing "call next" at once each lock a different ticket (QueueStore.LockNextWaitingAsync,
/// FOR UPDATE SKIP LOCKED), so no ticket is called twice and neither waits for the other.
/// </summary>
internal sealed class CallNextTicketHandler(QueueStore store, QueueDesk desk, ICurrentActor actor, IAuditTrail audit, IClock clock)
    : ICommandHandler<CallNextTicket, TicketResponse>
{
    public async ValueTask<TicketResponse> Handle(CallNextTicket command, CancellationToken cancellationToken)
    {
        var officeId = desk.OfficeOfCaller();
        var now = clock.GetCurrentInstant();
        var row = await store.LockNextWaitingAsync(officeId, QueueDesk.DayOf(now), desk.ServicesOfCaller(), cancellationToken)
            ?? throw new ProblemException(QueueProblems.Empty);
        var schedule = await desk.ScheduleAsync(officeId, cancellationToken);
        var wait = QueueHours.WaitMinutes(row.TakenAt, now, schedule);
        await store.MarkCalledAsync(row.Id, now, actor.Id, command.WindowLabel!, wait, cancellationToken);
        await audit.RecordAsync(new AuditEvent("queue.call", "ticket", null) { ObjectId = row.Number, ServiceCode = row.ServiceCode, OfficeId = row.OfficeId }, cancellationToken);
        var called = (await store.FindAsync(row.Id, forUpdate: false, cancellationToken))!;
        return QueueDesk.ToResponse(called, schedule, now);
    }
}

internal static class CallNextTicketEndpoint
{
    public static void MapCallNext(this RouteGroupBuilder queue) =>
        queue.MapPost("/call-next", async (CallNextRequest request, ISender sender, CancellationToken cancellationToken) =>
                await sender.Send(new CallNextTicket(request.Window), cancellationToken))
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("CallNextTicket")
            .WithSummary("Calls the first waiting ticket of today's queue of the caller's office among the services they serve "
                + "(a unit head: all), to the given window. Two clerks calling at once never get the same ticket.")
            .Accepts<CallNextRequest>("application/json")
            .Produces<TicketResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
