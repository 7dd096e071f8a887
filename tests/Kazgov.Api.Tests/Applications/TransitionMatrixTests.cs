using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Platform.Applications;
using NodaTime;

namespace Kazgov.Api.Tests.Applications;

/// <summary>
/// Every one of the 64 pairs of status and action through the API, on a free service without a
/// module (proxy-driver-registration at the Astana road police): an allowed action answers 200 and
/// leads to its status, any other answers 409 invalid-transition naming the allowed actions, and
/// leaves the application as it was.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TransitionMatrixTests(PlainServicesApiFactory factory) : IAsyncLifetime
{
    // Tuesday 10 March 2026, 12:30 in Astana: inside the hand-over windows of every service, so that "issue" answers as the lifecycle allows.
    private static readonly Instant Morning = Instant.FromUtc(2026, 3, 10, 7, 30);

    /// <summary>How an application gets into each status from submission.</summary>
    private static readonly Dictionary<ApplicationStatus, string[]> PathTo = new()
    {
        [ApplicationStatus.Submitted] = [],
        [ApplicationStatus.InReview] = ["start-review"],
        [ApplicationStatus.Approved] = ["start-review", "approve"],
        [ApplicationStatus.ReadyForIssue] = ["start-review", "approve", "mark-ready"],
        [ApplicationStatus.Issued] = ["start-review", "approve", "mark-ready", "issue"],
        [ApplicationStatus.Refused] = ["refuse"],
        [ApplicationStatus.Withdrawn] = ["withdraw"],
        [ApplicationStatus.Suspended] = ["start-review", "suspend"],
    };

    public static TheoryData<ApplicationStatus> Statuses() => [.. Enum.GetValues<ApplicationStatus>()];

    public Task InitializeAsync()
    {
        factory.Clock.Reset(Morning);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        factory.Clock.Reset(Morning);
        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Every_action_in_this_status_answers_as_the_lifecycle_allows(ApplicationStatus status)
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var answers = new List<string>();
        foreach (var action in Enum.GetValues<ApplicationAction>())
        {
            var (id, etag) = await InStatusAsync(clerk, status);
            var response = await clerk.SendActionAsync(id, action.ToCode(), etag, BodyOf(action));
            var body = await response.Content.ReadAsStringAsync();
            var current = JsonNode.Parse(await clerk.GetStringAsync($"/api/v1/applications/{id}"))!;
            if (ApplicationLifecycle.CanApply(status, action))
            {
                response.StatusCode.Should().Be(HttpStatusCode.OK, $"{action.ToCode()} in {status.ToCode()}: {body}");
                current["status"]!.GetValue<string>().Should().Be(ApplicationLifecycle.Target(action, ApplicationStatus.InReview).ToCode());
            }
            else
            {
                var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-transition");
                problem.GetProperty("currentStatus").GetString().Should().Be(status.ToCode());
                problem.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString())
                    .Should().Equal(ApplicationLifecycle.AllowedActions(status).Select(a => a.ToCode()));
                current["status"]!.GetValue<string>().Should().Be(status.ToCode(), "a refused action changes nothing");
                current["version"]!.GetValue<int>().Should().Be(int.Parse(etag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture));
            }

            answers.Add(action.ToCode());
        }

        answers.Should().HaveCount(8);
    }

    private static object? BodyOf(ApplicationAction action) => action switch
    {
        ApplicationAction.Refuse => new { grounds = new[] { "traffic-participation-prohibited" }, explanation = "Тексеру" },
        ApplicationAction.Issue => new { receivedBy = "Ахметов Серік", identityDocument = "Жеке куәлік № 045612378", signatureTaken = true },
        ApplicationAction.Withdraw or ApplicationAction.Suspend => new { reason = "Өтініш берушінің сұрауы" },
        _ => null,
    };

    private static async Task<(string Id, string ETag)> InStatusAsync(HttpClient clerk, ApplicationStatus status)
    {
        var submitted = await clerk.PostAsJsonAsync("/api/v1/applications", LifecycleTests.ProxyDriverRegistration());
        submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var id = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["application"]!["id"]!.GetValue<string>();
        var etag = submitted.Headers.ETag!.ToString();
        foreach (var step in PathTo[status])
        {
            var response = await clerk.SendActionAsync(id, step, etag, BodyOf(ApplicationStatusCodes.ParseAction(step)));
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{step} on the way to {status.ToCode()}: {await response.Content.ReadAsStringAsync()}");
            etag = response.Headers.ETag!.ToString();
        }

        return (id, etag);
    }
}
