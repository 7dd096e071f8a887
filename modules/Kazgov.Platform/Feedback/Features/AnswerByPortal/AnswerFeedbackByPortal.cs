using Kazgov.Kernel.Mediation;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Applications;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Platform.Feedback.Features.AnswerByPortal;

/// <summary>POST /applications/{id}/feedback: the portal passes on the applicant's scores for an application it submitted.</summary>
internal sealed record AnswerFeedbackByPortal(Guid ApplicationId, FeedbackScoresRequest Request) : ICommand<FeedbackResponse>;

internal sealed class AnswerFeedbackByPortalValidator : IValidator<AnswerFeedbackByPortal>
{
    public void Validate(AnswerFeedbackByPortal message, ValidationErrors errors) =>
        FeedbackDesk.CheckScores(errors, message.Request.Quality, message.Request.Information, message.Request.Courtesy);
}

/// <summary>Only the integrator that submitted the application, with the service's submit scope; staff never score their own service.</summary>
internal sealed class AnswerFeedbackByPortalHandler(FeedbackDesk desk, IApplicationDirectory applications, ICurrentActor actor, IClock clock)
    : ICommandHandler<AnswerFeedbackByPortal, FeedbackResponse>
{
    public async ValueTask<FeedbackResponse> Handle(AnswerFeedbackByPortal command, CancellationToken cancellationToken)
    {
        if (actor.Kind != ActorKind.Client)
        {
            throw new ProblemException(SecurityProblems.Forbidden);
        }

        var application = await applications.FindAsync(command.ApplicationId, cancellationToken);
        if (application is null || application.SubmittedBy != actor.Id)
        {
            throw new ProblemException(PlatformProblems.NotFound);
        }

        actor.EnsureCanChange(application.OfficeId, application.ServiceCode, application.SubmittedBy);
        await desk.EnsureOpenAsync(application, cancellationToken);
        var request = command.Request;
        return await desk.AnswerAsync(application, request.Quality!.Value, request.Information!.Value, request.Courtesy!.Value, "portal", clock.GetCurrentInstant(), cancellationToken);
    }
}

internal static class AnswerFeedbackByPortalEndpoint
{
    public static void MapAnswerFeedbackByPortal(this IEndpointRouteBuilder api) =>
        api.MapPost("/applications/{id:guid}/feedback", async (Guid id, FeedbackScoresRequest request, ISender sender, CancellationToken cancellationToken) =>
            {
                var answer = await sender.Send(new AnswerFeedbackByPortal(id, request), cancellationToken);
                return Results.Created((string?)null, answer);
            })
            .RequirePolicy(Policies.ApplicationsSubmit)
            .WithTags("Feedback")
            .WithName("AnswerFeedbackByPortal")
            .WithSummary("The applicant's scores (quality, information, courtesy, each 1–5) passed on by the integrator that submitted the application, "
                + "after issuance or refusal; one answer per application.")
            .Accepts<FeedbackScoresRequest>("application/json")
            .Produces<FeedbackResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
