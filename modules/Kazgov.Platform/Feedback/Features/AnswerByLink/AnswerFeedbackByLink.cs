using Kazgov.Kernel.Mediation;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Platform.Feedback.Features.AnswerByLink;

/// <summary>POST /feedback: the applicant scores quality, information and courtesy through the notification's signed link.</summary>
internal sealed record AnswerFeedbackByLink(LinkFeedbackRequest Request) : ICommand<FeedbackResponse>;

internal sealed class AnswerFeedbackByLinkValidator : IValidator<AnswerFeedbackByLink>
{
    public void Validate(AnswerFeedbackByLink message, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(message.Request.Token))
        {
            errors.Add("token", CommonMessages.Required);
        }

        FeedbackDesk.CheckScores(errors, message.Request.Quality, message.Request.Information, message.Request.Courtesy);
    }
}

internal sealed class AnswerFeedbackByLinkHandler(FeedbackDesk desk, IClock clock) : ICommandHandler<AnswerFeedbackByLink, FeedbackResponse>
{
    public async ValueTask<FeedbackResponse> Handle(AnswerFeedbackByLink command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var now = clock.GetCurrentInstant();
        var (application, _) = await desk.OpenLinkAsync(request.Token, now, cancellationToken);
        return await desk.AnswerAsync(application, request.Quality!.Value, request.Information!.Value, request.Courtesy!.Value, "link", now, cancellationToken);
    }
}

internal static class AnswerFeedbackByLinkEndpoint
{
    public static void MapAnswerFeedbackByLink(this RouteGroupBuilder feedback) =>
        feedback.MapPost("", async (LinkFeedbackRequest request, ISender sender, CancellationToken cancellationToken) =>
            {
                var answer = await sender.Send(new AnswerFeedbackByLink(request), cancellationToken);
                return Results.Created((string?)null, answer);
            })
            .AllowPublic()
            .WithName("AnswerFeedbackByLink")
            .WithSummary("The applicant's scores (quality, information, courtesy, each 1–5) through the signed link of their notification, "
                + "after issuance or refusal; one answer per application.")
            .Accepts<LinkFeedbackRequest>("application/json")
            .Produces<FeedbackResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
}
