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

    /// <summary>
    /// All 64 pairs of status and action, written out as the standards' lifecycle reads (issue 6):
    /// "x" where the action is allowed. A change to the state machine must change this table.
    /// </summary>
    private const string Expected = """
                        start-review approve refuse mark-ready issue withdraw suspend resume
        submitted            x          .      x        .        .       x        x       .
        in-review            .          x      x        .        .       x        x       .
        approved             .          .      .        x        .       .        .       .
        ready-for-issue      .          .      .        .        x       .        .       .
        issued               .          .      .        .        .       .        .       .
        refused              .          .      .        .        .       .        .       .
        withdrawn            .          .      .        .        .       .        .       .
        suspended            .          .      .        .        .       x        .       x
        """;

    public static TheoryData<ApplicationStatus, ApplicationAction, bool> AllPairs()
    {
        var lines = Expected.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var actions = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ApplicationStatusCodes.ParseAction).ToList();
        var data = new TheoryData<ApplicationStatus, ApplicationAction, bool>();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < actions.Count; i++)
            {
                data.Add(ApplicationStatusCodes.ParseStatus(cells[0]), actions[i], cells[i + 1] == "x");
            }
        }

        return data;
    }

    [Fact]
    public void The_table_covers_every_status_and_action() =>
        AllPairs().Count.Should().Be(Enum.GetValues<ApplicationStatus>().Length * Enum.GetValues<ApplicationAction>().Length).And.Be(64);

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Each_status_allows_exactly_the_actions_of_the_table(ApplicationStatus status, ApplicationAction action, bool allowed) =>
        ApplicationLifecycle.CanApply(status, action).Should().Be(allowed);

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
