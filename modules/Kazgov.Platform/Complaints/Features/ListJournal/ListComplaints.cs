using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Mediation;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Platform.Complaints.Features.ListJournal;

/// <summary>GET /complaints: the journal by due date, as the query string gives it (text, checked by <see cref="ListComplaintsValidator"/>).</summary>
internal sealed record ListComplaints(string? Office, string? Service, string? Status, string? Overdue, string? Limit, string? Cursor)
    : IQuery<ComplaintListResponse>
{
    /// <summary>The list's tag in its cursors, so that another list's cursor is refused here.</summary>
    public const string CursorList = "complaints";

    /// <summary>The page size and filter the query asks for; field errors for what is malformed.</summary>
    public (int Limit, ComplaintFilter Filter) Read(ServiceCatalogue catalogue, ValidationErrors errors)
    {
        var limit = Paging.Limit(Limit, errors);
        var after = Paging.DecodeOptionalDue(CursorList, Cursor, errors);
        if (!string.IsNullOrEmpty(Service) && !catalogue.Exists(Service))
        {
            errors.Add("service", ComplaintMessages.UnknownService.Format(Service, string.Join(", ", catalogue.All.Select(e => e.Code))));
        }

        ComplaintStatus? status = null;
        if (!string.IsNullOrEmpty(Status))
        {
            if (ComplaintLifecycle.TryParseStatus(Status, out var parsed))
            {
                status = parsed;
            }
            else
            {
                errors.Add("status", ComplaintMessages.BadStatus);
            }
        }

        var overdueOnly = false;
        if (!string.IsNullOrEmpty(Overdue) && !bool.TryParse(Overdue, out overdueOnly))
        {
            errors.Add("overdue", ComplaintMessages.BadBoolean);
        }

        return (limit, new ComplaintFilter(NullIfEmpty(Office), NullIfEmpty(Service), status, overdueOnly, after));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

internal sealed class ListComplaintsValidator(ServiceCatalogue catalogue) : IValidator<ListComplaints>
{
    public void Validate(ListComplaints message, ValidationErrors errors) => message.Read(catalogue, errors);
}

/// <summary>
/// What the actor may read (<see cref="ActorAccess.ReadScopeOf"/>: a clerk their office and services,
/// a unit head their office, an auditor theirs or, ministry-wide, all), then the caller's filters.
/// </summary>
internal sealed class ListComplaintsHandler(ComplaintStore store, ServiceCatalogue catalogue, ICurrentActor actor, IAuditTrail audit, IClock clock)
    : IQueryHandler<ListComplaints, ComplaintListResponse>
{
    public async ValueTask<ComplaintListResponse> Handle(ListComplaints query, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (limit, filter) = query.Read(catalogue, errors);
        errors.ThrowIfAny();

        var now = clock.GetCurrentInstant();
        var rows = await store.ListAsync(actor.ReadScopeOf(), filter, now, limit + 1, cancellationToken);
        var page = rows.Take(limit).ToList();
        // Each listed entry shows a complainant's personal data: each is a read, recorded in one statement.
        await audit.RecordManyAsync([.. page.Select(row => row.AuditOf("complaint.list"))], cancellationToken);

        var next = rows.Count > limit ? Paging.EncodeOptionalDue(ListComplaints.CursorList, page[^1].DueAt, page[^1].Id) : null;
        return new ComplaintListResponse(page.Select(r => r.ToResponse(catalogue, now)).ToList(), next);
    }
}

internal static class ListComplaintsEndpoint
{
    public static void MapListComplaints(this RouteGroupBuilder complaints) =>
        complaints.MapGet("", async (string? office, string? service, string? status, string? overdue, string? limit, string? cursor,
                ISender sender, CancellationToken cancellationToken) =>
                await sender.Send(new ListComplaints(office, service, status, overdue, limit, cursor), cancellationToken))
            .RequirePolicy(Policies.ComplaintsRead)
            .WithName("ListComplaints")
            .WithSummary("The journal by due date: ?office=&service=&status=&overdue=true&limit=&cursor= (overdue: not answered and due). "
                + "Clerks see their office and services, unit heads their office, auditors theirs or all.")
            .Produces<ComplaintListResponse>()
            .ProducesValidationProblem();
}
