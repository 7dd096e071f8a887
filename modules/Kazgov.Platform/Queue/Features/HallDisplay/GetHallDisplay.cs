using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Offices;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Platform.Queue.Features.HallDisplay;

/// <summary>GET /offices/{id}/queue/display: the hall's screen. Ticket numbers and windows only, nobody's name.</summary>
internal sealed record GetHallDisplay(string OfficeId) : IQuery<HallDisplayResponse>;

internal sealed class GetHallDisplayHandler(QueueStore store, IOfficeDirectory offices, IClock clock) : IQueryHandler<GetHallDisplay, HallDisplayResponse>
{
    public async ValueTask<HallDisplayResponse> Handle(GetHallDisplay query, CancellationToken cancellationToken)
    {
        var office = await offices.FindAsync(query.OfficeId, cancellationToken) ?? throw new ProblemException(PlatformProblems.NotFound);
        var day = QueueDesk.DayOf(clock.GetCurrentInstant());
        var called = await store.AtWindowsAsync(office.Id, day, cancellationToken);
        return new HallDisplayResponse(
            office.Id,
            office.Name,
            day,
            [.. called.Select(t => new DisplayTicket(t.Number, t.WindowLabel!, t.CalledAt!.Value, t.ServiceCode, t.Purpose))],
            await store.WaitingCountAsync(office.Id, day, cancellationToken),
            office.Names);
    }
}

internal static class GetHallDisplayEndpoint
{
    public static void MapHallDisplay(this IEndpointRouteBuilder api) =>
        api.MapGet("/offices/{id}/queue/display", (string id, ISender sender, CancellationToken cancellationToken) =>
                sender.Send(new GetHallDisplay(id), cancellationToken))
            .AllowPublic()
            .WithTags("Queue")
            .WithName("GetHallDisplay")
            .WithSummary("The hall display of an office: the tickets called to a window and not yet closed (latest first) and how many wait.")
            .Produces<HallDisplayResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
