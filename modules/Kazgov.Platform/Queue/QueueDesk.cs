using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Offices;
using NodaTime;

namespace Kazgov.Platform.Queue;

/// <summary>What the queue's slices share: today's day of an office, responses with their waits, and the clerk's access to a ticket.</summary>
internal sealed class QueueDesk(QueueStore store, IOfficeSchedules schedules, ICurrentActor actor)
{
    public static LocalDate DayOf(Instant at) => at.InZone(WorkingCalendar.Zone).Date;

    public async Task<OfficeSchedule> ScheduleAsync(string officeId, CancellationToken cancellationToken) =>
        await schedules.FindAsync(officeId, cancellationToken) ?? OfficeSchedule.Default([]);

    public static TicketResponse ToResponse(TicketRow row, OfficeSchedule schedule, Instant now, int? peopleAhead = null)
    {
        var waited = row.WaitMinutes ?? QueueHours.WaitMinutes(row.TakenAt, now, schedule);
        return new TicketResponse(
            row.Id, row.Number, row.OfficeId, row.Day, row.ServiceCode, row.Purpose, row.Channel, row.Status, row.TakenAt,
            row.NormMinutes, waited, row.NormMinutes is { } norm && waited > norm, peopleAhead,
            row.CalledAt, row.WindowLabel, row.ServedAt, row.NoShowAt, row.ApplicationId);
    }

    /// <summary>The caller's office; a staff user without one has no queue.</summary>
    public string OfficeOfCaller() =>
        actor.OfficeId ?? throw new ProblemException(SecurityProblems.Forbidden, QueueMessages.NoOffice);

    /// <summary>The services whose line the caller works: a clerk's own, a unit head's all (null).</summary>
    public string[]? ServicesOfCaller() => actor.Role == Roles.Clerk ? [.. actor.Services] : null;

    /// <summary>The ticket locked for a change by a clerk of its office and service (another's does not exist for them).</summary>
    public async Task<TicketRow> LockForChangeAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await store.FindAsync(id, forUpdate: true, cancellationToken);
        if (row is null || !actor.CanChange(row.OfficeId, row.ServiceCode))
        {
            throw new ProblemException(QueueProblems.TicketNotFound);
        }

        return row;
    }

    public static ProblemException InvalidTransition(TicketRow row, string action) =>
        new(PlatformProblems.InvalidTransition, extensions: new Dictionary<string, object?>
        {
            ["currentStatus"] = row.Status,
            ["action"] = action,
        });
}
