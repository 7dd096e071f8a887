using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Applications;
using NodaTime;

namespace Kazgov.Platform.Feedback;

/// <summary>What the feedback slices share: reading a link, the scores, and the one answer per application.</summary>
internal sealed class FeedbackDesk(FeedbackTokens tokens, FeedbackStore store, IApplicationDirectory applications, ICurrentActor actor, IAuditTrail audit)
{
    /// <summary>The application of a link: forged or malformed → 400, expired → 410, answered → 409.</summary>
    public async Task<(ApplicationReference Application, FeedbackClaim Claim)> OpenLinkAsync(string? token, Instant now, CancellationToken cancellationToken)
    {
        var claim = await tokens.ReadAsync(token?.Trim(), cancellationToken) ?? throw new ProblemException(FeedbackProblems.LinkInvalid);
        if (now >= claim.ExpiresAt)
        {
            throw new ProblemException(FeedbackProblems.LinkExpired, extensions: new Dictionary<string, object?> { ["expiredAt"] = claim.ExpiresAt.ToString() });
        }

        // A signed link names an application the platform made; should it be gone, the link is no longer valid.
        var application = await applications.FindAsync(claim.ApplicationId, cancellationToken) ?? throw new ProblemException(FeedbackProblems.LinkInvalid);
        await EnsureOpenAsync(application, cancellationToken);
        return (application, claim);
    }

    public async Task EnsureOpenAsync(ApplicationReference application, CancellationToken cancellationToken)
    {
        if (await store.ExistsAsync(application.Id, cancellationToken))
        {
            throw new ProblemException(FeedbackProblems.AlreadyGiven);
        }
    }

    public static void CheckScores(ValidationErrors errors, int? quality, int? information, int? courtesy)
    {
        Score(errors, "quality", quality);
        Score(errors, "information", information);
        Score(errors, "courtesy", courtesy);
    }

    public async Task<FeedbackResponse> AnswerAsync(ApplicationReference application, int quality, int information, int courtesy, string channel, Instant now, CancellationToken cancellationToken)
    {
        // issued or refused: feedback is about a service that is over (issue 21).
        var outcome = application.Status is "issued" or "refused"
            ? application.Status
            : throw new ProblemException(FeedbackProblems.NotYet, extensions: new Dictionary<string, object?> { ["currentStatus"] = application.Status });
        if (!await store.InsertAsync(application.Id, application.OfficeId, application.ServiceCode, outcome, quality, information, courtesy, channel, actor.Id, now, cancellationToken))
        {
            throw new ProblemException(FeedbackProblems.AlreadyGiven);
        }

        await audit.RecordAsync(new AuditEvent("feedback.answer", "application", null) { ObjectId = application.RegistrationNumber, ServiceCode = application.ServiceCode, OfficeId = application.OfficeId }, cancellationToken);
        return new FeedbackResponse(application.Id, application.RegistrationNumber, application.ServiceCode, application.OfficeId, outcome, quality, information, courtesy, channel, now);
    }

    private static void Score(ValidationErrors errors, string field, int? value)
    {
        if (value is null)
        {
            errors.Add(field, CommonMessages.Required);
        }
        else if (value is < 1 or > 5)
        {
            errors.Add(field, FeedbackMessages.Score);
        }
    }
}
