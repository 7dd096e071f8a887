using Kazgov.Kernel.Events;
using NodaTime;

namespace Kazgov.Platform.Complaints;

/// <summary>
/// A complaint about an application was answered. Published in the answer's transaction, only for
/// complaints linked to an application (the answer itself goes to the complainant by post or
/// e-mail; the event tells the application's submitter that there is one, not what it says).
/// The application's status and status sequence are as they stand: the answer does not change them.
/// </summary>
public sealed record ComplaintAnswered(
    Guid ComplaintId,
    string JournalNumber,
    Guid ApplicationId,
    string RegistrationNumber,
    string ServiceCode,
    string OfficeId,
    string ApplicationStatus,
    int Sequence,
    string SubmittedBy,
    Instant At) : IIntegrationEvent
{
    public static string EventType => "complaint.answered";
}
