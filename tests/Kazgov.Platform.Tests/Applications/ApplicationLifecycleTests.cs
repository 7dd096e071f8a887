using Kazgov.Platform.Applications;

namespace Kazgov.Platform.Tests.Applications;

public sealed class ApplicationLifecycleTests
{
    [Fact]
    public void The_happy_path_runs_from_submitted_to_issued()
    {
        var status = ApplicationStatus.Submitted;
        foreach (var action in new[] { ApplicationAction.StartReview, ApplicationAction.Approve, ApplicationAction.MarkReady, ApplicationAction.Issue })
        {
            ApplicationLifecycle.CanApply(status, action).Should().BeTrue($"{action} follows {status}");
            status = ApplicationLifecycle.Target(action);
        }

        status.Should().Be(ApplicationStatus.Issued);
        ApplicationLifecycle.IsFinal(status).Should().BeTrue();
    }

    [Theory]
    [InlineData(ApplicationStatus.Submitted, ApplicationAction.Approve)]
    [InlineData(ApplicationStatus.Submitted, ApplicationAction.Issue)]
    [InlineData(ApplicationStatus.InReview, ApplicationAction.MarkReady)]
    [InlineData(ApplicationStatus.Approved, ApplicationAction.Refuse)]
    [InlineData(ApplicationStatus.Approved, ApplicationAction.Withdraw)]
    [InlineData(ApplicationStatus.ReadyForIssue, ApplicationAction.Approve)]
    [InlineData(ApplicationStatus.Issued, ApplicationAction.Withdraw)]
    [InlineData(ApplicationStatus.Refused, ApplicationAction.Approve)]
    [InlineData(ApplicationStatus.Withdrawn, ApplicationAction.Resume)]
    [InlineData(ApplicationStatus.Suspended, ApplicationAction.Approve)]
    [InlineData(ApplicationStatus.Suspended, ApplicationAction.Suspend)]
    public void Invalid_transitions_are_refused(ApplicationStatus status, ApplicationAction action) =>
        ApplicationLifecycle.CanApply(status, action).Should().BeFalse();

    [Fact]
    public void Resume_returns_to_the_status_before_the_suspension()
    {
        ApplicationLifecycle.CanApply(ApplicationStatus.InReview, ApplicationAction.Suspend).Should().BeTrue();
        ApplicationLifecycle.Target(ApplicationAction.Resume, ApplicationStatus.InReview).Should().Be(ApplicationStatus.InReview);
    }

    [Fact]
    public void Only_issued_refused_and_withdrawn_are_final() =>
        Enum.GetValues<ApplicationStatus>().Where(ApplicationLifecycle.IsFinal)
            .Should().BeEquivalentTo([ApplicationStatus.Issued, ApplicationStatus.Refused, ApplicationStatus.Withdrawn]);
}
