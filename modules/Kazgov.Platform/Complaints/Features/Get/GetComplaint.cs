using Kazgov.Kernel.Http;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Platform.Complaints.Features.Get;

/// <summary>GET /complaints/{id}: one journal entry with its history.</summary>
internal sealed record GetComplaint(Guid Id) : IQuery<ComplaintResponse>;

/// <summary>Another office's complaint does not exist for the caller (404); the read of the complainant's data is audited.</summary>
internal sealed class GetComplaintHandler(ComplaintStore store, ComplaintJournal journal, ICurrentActor actor, IAuditTrail audit, IClock clock)
    : IQueryHandler<GetComplaint, ComplaintResponse>
{
    public async ValueTask<ComplaintResponse> Handle(GetComplaint query, CancellationToken cancellationToken)
    {
        var row = await store.FindAsync(query.Id, forUpdate: false, cancellationToken) ?? throw new ProblemException(PlatformProblems.NotFound);
        actor.EnsureCanRead(row.OfficeId, row.ServiceCode);
        await audit.RecordAsync(row.AuditOf("complaint.read"), cancellationToken);
        return await journal.WithHistoryAsync(row, clock.GetCurrentInstant(), cancellationToken);
    }
}

internal static class GetComplaintEndpoint
{
    public static void MapGetComplaint(this RouteGroupBuilder complaints) =>
        complaints.MapGet("/{id:guid}", async (Guid id, ISender sender, HttpContext context, CancellationToken cancellationToken) =>
            {
                var complaint = await sender.Send(new GetComplaint(id), cancellationToken);
                context.Response.Headers.ETag = Preconditions.ETagOf(complaint.Version);
                return complaint;
            })
            .RequirePolicy(Policies.ComplaintsRead)
            .WithName("GetComplaint")
            .WithSummary("One journal entry with its history (ETag = its version)")
            .Produces<ComplaintResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
