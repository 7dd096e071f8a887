using Kazgov.Kernel.Data;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Catalogue;
using Kazgov.Platform.Offices;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Platform.Queue.Features.TodayDashboard;

/// <summary>One service and purpose of today's line.</summary>
public sealed record ServiceQueueToday(string Service, string Purpose, int Waiting, int Served, decimal? AverageWaitMinutes, int? NormMinutes);

/// <summary>
/// GET /offices/{id}/dashboard/today: today's queue of the office for its head. Waits are the
/// queue's own (lunch break excluded): stored when called, live for those still waiting.
/// </summary>
public sealed record QueueToday(
    int Waiting, int Called, int Served, int NoShow, decimal? AverageWaitMinutes, int? LongestWaitingMinutes, int OverNorm,
    IReadOnlyList<ServiceQueueToday> ByService);

internal sealed record GetTodayDashboard(string OfficeId) : IQuery<QueueToday>;

internal sealed class GetTodayDashboardHandler(DbSession session, QueueDesk desk, ServiceCatalogue catalogue, IOfficeDirectory offices, ICurrentActor actor, IClock clock)
    : IQueryHandler<GetTodayDashboard, QueueToday>
{
    public async ValueTask<QueueToday> Handle(GetTodayDashboard query, CancellationToken cancellationToken)
    {
        // Another office's queue does not exist for a unit head (as for GET /offices/{id}/workload).
        if ((actor.Role != Roles.Auditor && actor.OfficeId != query.OfficeId) || await offices.FindAsync(query.OfficeId, cancellationToken) is null)
        {
            throw new ProblemException(PlatformProblems.NotFound);
        }

        var now = clock.GetCurrentInstant();
        var day = QueueDesk.DayOf(now);
        var schedule = await desk.ScheduleAsync(query.OfficeId, cancellationToken);
        // One office's day: a few hundred tickets at most, read by (office_id, service_code, day).
        var tickets = (await session.QueryAsync<TodayTicket>(
            """
            SELECT t.service_code AS ServiceCode, t.purpose AS Purpose, t.status AS Status, t.taken_at AS TakenAt,
                   t.norm_minutes AS NormMinutes, t.wait_minutes AS WaitMinutes
            FROM platform.queue_tickets t WHERE t.office_id = @officeId AND t.day = @day
            """,
            new { officeId = query.OfficeId, day },
            cancellationToken)).ToList();

        int Wait(TodayTicket t) => t.WaitMinutes ?? QueueHours.WaitMinutes(t.TakenAt, now, schedule);
        var waiting = tickets.Where(t => t.Status == "waiting").ToList();
        var called = tickets.Where(t => t.WaitMinutes is not null).ToList();
        var byService = tickets.GroupBy(t => (t.ServiceCode, t.Purpose))
            .OrderBy(g => g.Key.ServiceCode, StringComparer.Ordinal).ThenBy(g => g.Key.Purpose, StringComparer.Ordinal)
            .Select(g => new ServiceQueueToday(
                g.Key.ServiceCode,
                g.Key.Purpose,
                g.Count(t => t.Status == "waiting"),
                g.Count(t => t.Status == "served"),
                Average(g.Where(t => t.WaitMinutes is not null).Select(t => t.WaitMinutes!.Value)),
                g.Select(t => t.NormMinutes).FirstOrDefault(n => n is not null)
                    ?? (catalogue.Find(g.Key.ServiceCode) is { } entry && QueueCodes.ParsePurpose(g.Key.Purpose) is { } purpose
                        ? QueueHours.NormMinutes(entry, purpose) : null)))
            .ToList();
        return new QueueToday(
            waiting.Count,
            tickets.Count(t => t.Status == "called"),
            tickets.Count(t => t.Status == "served"),
            tickets.Count(t => t.Status == "no-show"),
            Average(called.Select(t => t.WaitMinutes!.Value)),
            waiting.Count == 0 ? null : waiting.Max(Wait),
            tickets.Count(t => t.Status is "waiting" or "called" or "served" or "no-show" && t.NormMinutes is { } norm && Wait(t) > norm),
            byService);
    }

    /// <summary>The mean of the called tickets' waits, one decimal; null when nobody has been called.</summary>
    private static decimal? Average(IEnumerable<int> waits)
    {
        var list = waits.ToList();
        return list.Count == 0 ? null : Math.Round((decimal)list.Sum() / list.Count, 1, MidpointRounding.AwayFromZero);
    }

    private sealed class TodayTicket
    {
        public string ServiceCode { get; init; } = "";

        public string Purpose { get; init; } = "";

        public string Status { get; init; } = "";

        public Instant TakenAt { get; init; }

        public int? NormMinutes { get; init; }

        public int? WaitMinutes { get; init; }
    }
}

internal static class GetTodayDashboardEndpoint
{
    public static void MapTodayDashboard(this IEndpointRouteBuilder api) =>
        api.MapGet("/offices/{id}/dashboard/today", (string id, ISender sender, CancellationToken cancellationToken) =>
                sender.Send(new GetTodayDashboard(id), cancellationToken))
            .RequirePolicy(Policies.IndicatorsRead)
            .WithTags("Queue")
            .WithName("GetOfficeQueueToday")
            .WithSummary("Today's queue of the office (Asia/Almaty): waiting, called, served and no-show tickets, the average wait of those called "
                + "and the longest wait of those still waiting (lunch break excluded), how many are over their norm, per service and purpose. "
                + "Unit heads: their own office (another does not exist for them: 404); auditors: any. Overdue applications per clerk: GET /offices/{id}/workload.")
            .Produces<QueueToday>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
