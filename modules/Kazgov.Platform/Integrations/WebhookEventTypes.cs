namespace Kazgov.Platform.Integrations;

/// <summary>
/// The event types integrators subscribe to, mapped from what the lifecycle emits
/// (<see cref="Applications.ApplicationStatusChanged"/>): each status change is one event, typed by
/// its most specific name. <c>application.status-changed</c> subscribes to every change.
/// <c>complaint.answered</c> says that a complaint about an application the client submitted was
/// answered (not what the answer says: that goes to the complainant); status-changed does not include it.
/// </summary>
public static class WebhookEventTypes
{
    public const string Submitted = "application.submitted";
    public const string StatusChanged = "application.status-changed";
    public const string ReadyForIssue = "application.ready-for-issue";
    public const string Issued = "application.issued";
    public const string Refused = "application.refused";
    public const string ComplaintAnswered = "complaint.answered";

    public static readonly IReadOnlyList<string> All = [Submitted, StatusChanged, ReadyForIssue, Issued, Refused, ComplaintAnswered];

    /// <summary>The type of a change from <paramref name="from"/> (null: the submission) to <paramref name="to"/>.</summary>
    public static string Of(string? from, string to) => (from, to) switch
    {
        (null, _) => Submitted,
        (_, "ready-for-issue") => ReadyForIssue,
        (_, "issued") => Issued,
        (_, "refused") => Refused,
        _ => StatusChanged,
    };

    /// <summary>Whether a subscription to <paramref name="subscribed"/> receives an event of <paramref name="type"/>.</summary>
    public static bool Matches(IEnumerable<string> subscribed, string type) =>
        subscribed.Any(s => s == type || (s == StatusChanged && type.StartsWith("application.", StringComparison.Ordinal)));
}
