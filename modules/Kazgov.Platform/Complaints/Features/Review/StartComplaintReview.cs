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

namespace Kazgov.Platform.Complaints.Features.Review;

/// <summary>POST /complaints/{id}/review: received → under-review, with an optional note for the history.</summary>
internal sealed record StartComplaintReview(Guid Id, string? IfMatch, ReviewComplaintRequest? Request) : ICommand<ComplaintResponse>
{
    public string? Note(ValidationErrors errors) =>
        ComplaintFields.Text(errors, "note", Request?.Note, ComplaintFields.MaxNoteLength, required: false);
}

internal sealed class StartComplaintReviewValidator : IValidator<StartComplaintReview>
{
    public void Validate(StartComplaintReview message, ValidationErrors errors) => message.Note(errors);
}

internal sealed class StartComplaintReviewHandler(ComplaintStore store, ComplaintJournal journal, IClock clock)
    : ICommandHandler<StartComplaintReview, ComplaintResponse>
{
    public async ValueTask<ComplaintResponse> Handle(StartComplaintReview command, CancellationToken cancellationToken)
    {
        // StartComplaintReviewValidator has refused a note that is too long; this only reads it.
        var note = command.Note(new ValidationErrors());
        var now = clock.GetCurrentInstant();
        return await journal.ChangeAsync(command.Id, command.IfMatch, ComplaintAction.Review, now,
            async row =>
            {
                await store.MarkUnderReviewAsync(row.Id, now, cancellationToken);
                return note;
            },
            cancellationToken);
    }
}

internal static class StartComplaintReviewEndpoint
{
    public static void MapStartComplaintReview(this RouteGroupBuilder complaints) =>
        complaints.MapPost("/{id:guid}/review", async (Guid id, ReviewComplaintRequest? request, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
            {
                var complaint = await sender.Send(new StartComplaintReview(id, context.Request.Headers.IfMatch.ToString(), request), cancellationToken);
                context.Response.Headers.ETag = Preconditions.ETagOf(complaint.Version);
                return complaint;
            })
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("StartComplaintReview")
            .WithSummary("received → under-review. Requires If-Match with the complaint's ETag.")
            .Accepts<ReviewComplaintRequest>("application/json")
            .Produces<ComplaintResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
