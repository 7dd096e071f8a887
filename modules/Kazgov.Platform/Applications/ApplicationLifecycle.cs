namespace Kazgov.Platform.Applications;

/// <summary>Where an application stands. Shared by all nine standards.</summary>
public enum ApplicationStatus
{
    Submitted,
    InReview,
    Approved,
    ReadyForIssue,
    Issued,
    Refused,
    Withdrawn,
    Suspended,
}

/// <summary>What a clerk (or the applicant, for withdrawal) can do to an application.</summary>
public enum ApplicationAction
{
    StartReview,
    Approve,
    Refuse,
    MarkReady,
    Issue,
    Withdraw,
    Suspend,
    Resume,
}

/// <summary>
/// The one state machine of the platform: submitted → in-review → approved → ready-for-issue →
/// issued; refused and withdrawn end it early; suspended pauses it (the paused time moves the due
/// date) and resume returns to where it was.
/// </summary>
public static class ApplicationLifecycle
{
    private static readonly Dictionary<ApplicationStatus, ApplicationAction[]> Allowed = new()
    {
        [ApplicationStatus.Submitted] = [ApplicationAction.StartReview, ApplicationAction.Refuse, ApplicationAction.Withdraw, ApplicationAction.Suspend],
        [ApplicationStatus.InReview] = [ApplicationAction.Approve, ApplicationAction.Refuse, ApplicationAction.Withdraw, ApplicationAction.Suspend],
        [ApplicationStatus.Approved] = [ApplicationAction.MarkReady],
        [ApplicationStatus.ReadyForIssue] = [ApplicationAction.Issue],
        [ApplicationStatus.Suspended] = [ApplicationAction.Resume, ApplicationAction.Withdraw],
        [ApplicationStatus.Issued] = [],
        [ApplicationStatus.Refused] = [],
        [ApplicationStatus.Withdrawn] = [],
    };

    public static IReadOnlyList<ApplicationAction> AllowedActions(ApplicationStatus status) => Allowed[status];

    public static bool IsFinal(ApplicationStatus status) => Allowed[status].Length == 0;

    /// <summary>The status an action leads to; resume needs the status before the suspension.</summary>
    public static ApplicationStatus Target(ApplicationAction action, ApplicationStatus? statusBeforeSuspension = null) => action switch
    {
        ApplicationAction.StartReview => ApplicationStatus.InReview,
        ApplicationAction.Approve => ApplicationStatus.Approved,
        ApplicationAction.Refuse => ApplicationStatus.Refused,
        ApplicationAction.MarkReady => ApplicationStatus.ReadyForIssue,
        ApplicationAction.Issue => ApplicationStatus.Issued,
        ApplicationAction.Withdraw => ApplicationStatus.Withdrawn,
        ApplicationAction.Suspend => ApplicationStatus.Suspended,
        ApplicationAction.Resume => statusBeforeSuspension ?? throw new ArgumentNullException(nameof(statusBeforeSuspension)),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static bool CanApply(ApplicationStatus status, ApplicationAction action) => Allowed[status].Contains(action);
}
