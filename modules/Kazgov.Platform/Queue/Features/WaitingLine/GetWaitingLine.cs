using Kazgov.Kernel.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Platform.Queue.Features.WaitingLine;

/// <summary>GET /queue/line: today's waiting line of the caller's office for the services they serve, and the tickets they called and have not closed.</summary>
internal sealed record GetWaitingLine : IQuery<WaitingLineResponse>;

internal sealed class GetWaitingLineHandler(QueueStore store, QueueDesk desk, ICurrentActor actor, IClock clock)
    : IQueryHandler<GetWaitingLine, WaitingLineResponse>
{
    public async ValueTask<WaitingLineResponse> Handle(GetWaitingLine query, CancellationToken cancellationToken)
    {
        var officeId = desk.OfficeOfCaller();
        var now = clock.GetCurrentInstant();
        var day = QueueDesk.DayOf(now);
        var schedule = await desk.ScheduleAsync(officeId, cancellationToken);
        var waiting = await store.WaitingAsync(officeId, day, desk.ServicesOfCaller(), cancellationToken);
        var called = await store.CalledByAsync(officeId, day, actor.Id, cancellationToken);
        return new WaitingLineResponse(
            officeId,
            day,
            [.. waiting.Select(row => QueueDesk.ToResponse(row, schedule, now))],
            [.. called.Select(row => QueueDesk.ToResponse(row, schedule, now))]);
    }
}

internal static class GetWaitingLineEndpoint
{
    public static void MapWaitingLine(this RouteGroupBuilder queue) =>
        queue.MapGet("/line", (ISender sender, CancellationToken cancellationToken) => sender.Send(new GetWaitingLine(), cancellationToken))
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("GetWaitingLine")
            .WithSummary("Today's waiting line of the caller's office, in order of arrival, for the services the caller serves "
                + "(a unit head: all), each with its wait so far (lunch break excluded) against the standard's norm; "
                + "and the tickets the caller called and has not marked served or no-show.")
            .Produces<WaitingLineResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
