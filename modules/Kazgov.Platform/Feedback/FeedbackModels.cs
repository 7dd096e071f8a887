using NodaTime;

namespace Kazgov.Platform.Feedback;

/// <summary>The answer through the notification's link: its token and three scores, 1 to 5.</summary>
public sealed record LinkFeedbackRequest(string? Token, int? Quality, int? Information, int? Courtesy);

/// <summary>The answer through the portal: three scores, 1 to 5.</summary>
public sealed record FeedbackScoresRequest(int? Quality, int? Information, int? Courtesy);

/// <summary>What a valid, unused link is for, so the page can name it before asking.</summary>
public sealed record FeedbackLinkResponse(string RegistrationNumber, string ServiceCode, string OfficeId, Instant ExpiresAt);

/// <summary>An applicant's answer.</summary>
/// <param name="Outcome">issued or refused: the end of the service the answer is about.</param>
/// <param name="Channel">link (the notification's) or portal.</param>
public sealed record FeedbackResponse(
    Guid ApplicationId, string RegistrationNumber, string ServiceCode, string OfficeId, string Outcome,
    int Quality, int Information, int Courtesy, string Channel, Instant AnsweredAt);
