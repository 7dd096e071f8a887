namespace Kazgov.Platform.Applications;

/// <summary>The kebab-case strings statuses and actions have in the API and in the database.</summary>
public static class ApplicationStatusCodes
{
    public static string ToCode(this ApplicationStatus status) => status switch
    {
        ApplicationStatus.Submitted => "submitted",
        ApplicationStatus.InReview => "in-review",
        ApplicationStatus.Approved => "approved",
        ApplicationStatus.ReadyForIssue => "ready-for-issue",
        ApplicationStatus.Issued => "issued",
        ApplicationStatus.Refused => "refused",
        ApplicationStatus.Withdrawn => "withdrawn",
        _ => "suspended",
    };

    public static ApplicationStatus ParseStatus(string code) =>
        Enum.GetValues<ApplicationStatus>().Single(status => status.ToCode() == code);

    public static bool TryParseStatus(string? code, out ApplicationStatus status)
    {
        foreach (var candidate in Enum.GetValues<ApplicationStatus>())
        {
            if (candidate.ToCode() == code)
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    public static string ToCode(this ApplicationAction action) => action switch
    {
        ApplicationAction.StartReview => "start-review",
        ApplicationAction.Approve => "approve",
        ApplicationAction.Refuse => "refuse",
        ApplicationAction.MarkReady => "mark-ready",
        ApplicationAction.Issue => "issue",
        ApplicationAction.Withdraw => "withdraw",
        ApplicationAction.Suspend => "suspend",
        _ => "resume",
    };

    public static ApplicationAction ParseAction(string code) =>
        Enum.GetValues<ApplicationAction>().Single(action => action.ToCode() == code);
}
