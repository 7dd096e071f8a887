using Kazgov.Kernel.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Platform.Feedback.Features.ReadLink;

/// <summary>GET /feedback/link?token=: what the link is for, or why it cannot be used (before the applicant scores).</summary>
internal sealed record ReadFeedbackLink(string? Token) : IQuery<FeedbackLinkResponse>;

internal sealed class ReadFeedbackLinkHandler(FeedbackDesk desk, IClock clock) : IQueryHandler<ReadFeedbackLink, FeedbackLinkResponse>
{
    public async ValueTask<FeedbackLinkResponse> Handle(ReadFeedbackLink query, CancellationToken cancellationToken)
    {
        var (application, claim) = await desk.OpenLinkAsync(query.Token, clock.GetCurrentInstant(), cancellationToken);
        return new FeedbackLinkResponse(application.RegistrationNumber, application.ServiceCode, application.OfficeId, claim.ExpiresAt);
    }
}

internal static class ReadFeedbackLinkEndpoint
{
    public static void MapReadFeedbackLink(this RouteGroupBuilder feedback) =>
        feedback.MapGet("/link", (string? token, ISender sender, CancellationToken cancellationToken) =>
                sender.Send(new ReadFeedbackLink(token), cancellationToken))
            .AllowPublic()
            .WithName("ReadFeedbackLink")
            .WithSummary("What a feedback link from the applicant's notification is for. A forged or malformed token is 400 feedback-link-invalid, "
                + "an expired one 410 feedback-link-expired, one already answered 409 feedback-already-given.")
            .Produces<FeedbackLinkResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
}
