using NodaTime;

namespace Kazgov.Platform.Integrations;

/// <summary>One change of an application, or the answer to a complaint about it, as webhooks carry it (in <c>data</c>) and the change feed lists it.</summary>
/// <param name="EventId">The event's stable id: the same in a webhook and in the feed.</param>
/// <param name="Type">application.submitted, application.status-changed, application.ready-for-issue, application.issued, application.refused or complaint.answered.</param>
/// <param name="ApplicationId">The application's id.</param>
/// <param name="RegistrationNumber">The registration number on the acknowledgement slip.</param>
/// <param name="Service">The service code.</param>
/// <param name="Status">The status after the change (for complaint.answered: the status as it stands).</param>
/// <param name="PreviousStatus">The status before it; null for the submission (for complaint.answered: the same status).</param>
/// <param name="Sequence">The application's change number, from 1 (the submission): apply an event only when it is above the last one applied. complaint.answered carries the current number: it changes no status.</param>
/// <param name="OccurredAt">When the change was made.</param>
/// <param name="ComplaintNumber">complaint.answered: the complaint's journal number; otherwise null.</param>
public sealed record ApplicationEventData(
    string EventId,
    string Type,
    Guid ApplicationId,
    string RegistrationNumber,
    string Service,
    string Status,
    string? PreviousStatus,
    int Sequence,
    Instant OccurredAt,
    string? ComplaintNumber = null)
{
    internal static ApplicationEventData From(long eventId, Applications.ApplicationStatusChanged change) => new(
        eventId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        WebhookEventTypes.Of(change.From, change.To),
        change.ApplicationId,
        change.RegistrationNumber,
        change.ServiceCode,
        change.To,
        change.From,
        change.Sequence,
        change.At);

    internal static ApplicationEventData From(long eventId, Complaints.ComplaintAnswered answered) => new(
        eventId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        WebhookEventTypes.ComplaintAnswered,
        answered.ApplicationId,
        answered.RegistrationNumber,
        answered.ServiceCode,
        answered.ApplicationStatus,
        answered.ApplicationStatus,
        answered.Sequence,
        answered.At,
        answered.JournalNumber);
}

/// <summary>A webhook's body, after the Standard Webhooks specification: type, timestamp, data.</summary>
/// <param name="Type">The event type.</param>
/// <param name="Timestamp">When the event occurred.</param>
/// <param name="Data">The change.</param>
public sealed record WebhookPayload(string Type, Instant Timestamp, ApplicationEventData Data);
