using Kazgov.Kernel.Data;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Offices;
using Kazgov.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Platform.Applications.Features.Workload;

/// <summary>
/// One clerk's open applications, how many are overdue and how many fall due later today (not yet
/// overdue, due by the end of today in Almaty), in all and per service.
/// </summary>
public sealed record ClerkWorkload(string Login, string FullName, int Open, int Overdue, int DueToday, IReadOnlyList<ServiceWorkload> Services);

public sealed record ServiceWorkload(string Service, int Open, int Overdue, int DueToday);

/// <summary>GET /offices/{id}/workload: the office's open applications per clerk (by who has them: the assignee, else who accepted).</summary>
public sealed record OfficeWorkloadResponse(string OfficeId, Instant At, int Open, int Overdue, int DueToday, IReadOnlyList<ClerkWorkload> Clerks);

/// <summary>The body of POST /applications/{id}/reassign: the login of a clerk of the application's office.</summary>
public sealed record ReassignApplicationRequest(string? Clerk, string? Reason);

/// <summary>The application after reassignment: who has it now.</summary>
public sealed record ReassignmentResponse(Guid Id, string RegistrationNumber, string AssignedTo, string AssignedToName, int Version);

/// <summary>
/// A unit head is not a clerk (issue 22): the office's workload per clerk and service, and handing
/// an application to another clerk of the office, recorded in its history as "reassign".
/// </summary>
public static class OfficeWorkloadEndpoints
{
    public static readonly ProblemType NotAClerkOfOffice = new("not-a-clerk-of-office", 422, new(
        "Өтінішті тек осы бөлімшенің осы қызметті көрсететін инспекторына беруге болады",
        "Заявление можно передать только инспектору этого подразделения, оказывающему эту услугу",
        "An application can be handed only to a clerk of its office who serves its service"));

    public static readonly ProblemType ApplicationClosed = new("application-closed", 409, new(
        "Өтініш жабылған: оны басқа инспекторға беруге болмайды",
        "Заявление закрыто: его нельзя передать другому инспектору",
        "The application is closed: it cannot be handed to another clerk"));

    private static readonly string[] OpenStatuses = ["submitted", "in-review", "approved", "ready-for-issue", "suspended"];

    public static void MapOfficeWorkloadEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/offices/{id}/workload", GetWorkloadAsync)
            .RequirePolicy(Policies.StaffDirectory)
            .WithTags("Applications")
            .WithName("GetOfficeWorkload")
            .WithSummary("The office's open and overdue applications per clerk and service (unit heads: their office; administrators: any)")
            .Produces<OfficeWorkloadResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/applications/{id:guid}/reassign", ReassignAsync)
            .RequirePolicy(Policies.StaffDirectory)
            .WithTags("Applications")
            .WithName("ReassignApplication")
            .WithSummary("Hands an open application to another clerk of its office (unit heads); recorded in its history")
            .Accepts<ReassignApplicationRequest>("application/json")
            .Produces<ReassignmentResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<OfficeWorkloadResponse> GetWorkloadAsync(
        string id, DbSession session, ICurrentActor actor, IClock clock, IOfficeDirectory offices, IOfficeClerks officeClerks, CancellationToken cancellationToken)
    {
        // Another office's queue does not exist for a unit head (as its staff do not).
        if (!actor.CanSeeOffice(id) || actor.Role is not (Roles.UnitHead or Roles.Admin) || await offices.FindAsync(id, cancellationToken) is null)
        {
            throw new ProblemException(PlatformProblems.NotFound);
        }

        var now = clock.GetCurrentInstant();
        // Due today: an open application whose due instant is still ahead but no later than the end of today in Almaty.
        var endOfToday = now.InZone(WorkingCalendar.Zone).Date.PlusDays(1).AtStartOfDayInZone(WorkingCalendar.Zone).ToInstant();
        var staff = await officeClerks.ListAsync(id, cancellationToken);
        var rows = (await session.QueryAsync<WorkloadRow>(
            """
            WITH clerks AS (
                SELECT 'staff:' || c.login AS holder, c.login, c.full_name FROM unnest(@logins, @names) AS c(login, full_name)),
            work AS (
                SELECT coalesce(a.assigned_to, a.accepted_by) AS holder, a.service_code,
                       count(*)::int AS open, count(*) FILTER (WHERE a.due_at <= @now AND a.status <> 'suspended')::int AS overdue,
                       count(*) FILTER (WHERE a.due_at > @now AND a.due_at <= @endOfToday AND a.status <> 'suspended')::int AS due_today
                FROM platform.applications a
                WHERE a.office_id = @id AND a.status = ANY(@open)
                GROUP BY 1, 2)
            SELECT coalesce(c.holder, w.holder) AS Holder, c.login AS Login, c.full_name AS FullName,
                   w.service_code AS Service, coalesce(w.open, 0) AS Open, coalesce(w.overdue, 0) AS Overdue,
                   coalesce(w.due_today, 0) AS DueToday
            FROM clerks c FULL JOIN work w ON w.holder = c.holder
            ORDER BY 1, 4
            """,
            new { id, now, endOfToday, open = OpenStatuses, logins = staff.Select(c => c.Login).ToArray(), names = staff.Select(c => c.FullName).ToArray() },
            cancellationToken)).ToList();

        // Applications held by someone who is no longer a clerk here (a unit head, a moved clerk) appear under their id.
        var clerks = rows.GroupBy(r => r.Holder).Select(g =>
        {
            var services = g.Where(r => r.Service is not null).Select(r => new ServiceWorkload(r.Service!, r.Open, r.Overdue, r.DueToday)).ToList();
            var first = g.First();
            var login = first.Login ?? (first.Holder.StartsWith("staff:", StringComparison.Ordinal) ? first.Holder[6..] : first.Holder);
            return new ClerkWorkload(login, first.FullName ?? login, services.Sum(s => s.Open), services.Sum(s => s.Overdue), services.Sum(s => s.DueToday), services);
        }).OrderByDescending(c => c.Overdue).ThenByDescending(c => c.Open).ThenBy(c => c.Login, StringComparer.Ordinal).ToList();
        return new OfficeWorkloadResponse(id, now, clerks.Sum(c => c.Open), clerks.Sum(c => c.Overdue), clerks.Sum(c => c.DueToday), clerks);
    }

    private static async Task<ReassignmentResponse> ReassignAsync(
        Guid id, ReassignApplicationRequest request, DbSession session, ICurrentActor actor, IClock clock, IOfficeClerks officeClerks, CancellationToken cancellationToken)
    {
        new ValidationErrors().Required("clerk", request.Clerk).ThrowIfAny();
        if (request.Reason is { Length: > 500 })
        {
            new ValidationErrors().Add("reason", new LocalizedText("500 таңбадан аспауы керек", "Не более 500 символов", "At most 500 characters")).ThrowIfAny();
        }

        await using var transaction = await session.BeginAsync(cancellationToken);
        var application = await session.QuerySingleOrDefaultAsync<ApplicationHolder>(
            """
            SELECT id AS Id, registration_number AS RegistrationNumber, office_id AS OfficeId, service_code AS Service, status AS Status,
                   coalesce(assigned_to, accepted_by) AS Holder, version AS Version
            FROM platform.applications WHERE id = @id FOR UPDATE
            """,
            new { id },
            cancellationToken);
        // Only the head of the application's office hands it on (an administrator touches no citizen's application).
        if (application is null || actor.Role != Roles.UnitHead || !actor.CanChange(application.OfficeId, application.Service))
        {
            throw new ProblemException(ApplicationProblems.ApplicationNotFound);
        }

        if (!OpenStatuses.Contains(application.Status))
        {
            throw new ProblemException(ApplicationClosed);
        }

        var login = request.Clerk!.Trim().ToLowerInvariant();
        var clerk = await officeClerks.FindAsync(login, application.OfficeId, application.Service, cancellationToken)
            ?? throw new ProblemException(NotAClerkOfOffice, null,
                new Dictionary<string, IReadOnlyList<LocalizedText>> { ["clerk"] = [NotAClerkOfOffice.Title] });

        var to = ActorClaims.StaffId(clerk.Login);
        var now = clock.GetCurrentInstant();
        var details = System.Text.Json.JsonSerializer.Serialize(new { from = application.Holder, to, toName = clerk.FullName });
        await session.ExecuteAsync(
            """
            UPDATE platform.applications SET assigned_to = @to, version = version + 1, updated_at = @now WHERE id = @id;
            INSERT INTO platform.application_events (application_id, at, actor_id, actor_name, action, from_status, to_status, reason, details)
            VALUES (@id, @now, @actorId, @actorName, 'reassign', @status, @status, @reason, @details::jsonb);
            """,
            new { id, to, now, actorId = actor.Id, actorName = actor.DisplayName, status = application.Status, reason = request.Reason, details },
            cancellationToken);
        await transaction.CommitAsync();
        return new ReassignmentResponse(id, application.RegistrationNumber, clerk.Login, clerk.FullName, application.Version + 1);
    }

    private sealed class WorkloadRow
    {
        public string Holder { get; init; } = "";

        public string? Login { get; init; }

        public string? FullName { get; init; }

        public string? Service { get; init; }

        public int Open { get; init; }

        public int Overdue { get; init; }

        public int DueToday { get; init; }
    }

    private sealed class ApplicationHolder
    {
        public Guid Id { get; init; }

        public string RegistrationNumber { get; init; } = "";

        public string OfficeId { get; init; } = "";

        public string Service { get; init; } = "";

        public string Status { get; init; } = "";

        public string Holder { get; init; } = "";

        public int Version { get; init; }
    }
}
