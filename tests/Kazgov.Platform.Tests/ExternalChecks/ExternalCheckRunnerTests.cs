using System.Diagnostics;
using Kazgov.Platform.ExternalChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Kazgov.Platform.Tests.ExternalChecks;

/// <summary>The Polly pipeline around the agencies: a timeout per attempt, retries, and an honest "no answer".</summary>
public sealed class ExternalCheckRunnerTests
{
    private static readonly ExternalCheckOptions Fast = new(TimeSpan.FromMilliseconds(150), 2, TimeSpan.FromMilliseconds(10));

    private static readonly ExternalCheckSubject Subject = new("N1234567", "Petrov", "Ivan", new NodaTime.LocalDate(1980, 1, 2), "RU");

    private static ExternalCheckRunner Runner(string answer, string environment = "Testing", ExternalCheckOptions? options = null) =>
        new(new FakeExternalRegistryChecks(
                new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [$"Checks:Fake:Answers:{Subject.DocumentNumber}:criminal-record"] = answer,
                }).Build(),
                new Environment(environment),
                "Checks:Fake"),
            options ?? Fast);

    [Fact]
    public async Task A_clear_answer_is_recorded_after_one_attempt()
    {
        var outcome = await Runner("clear").AskAsync("criminal-record", Subject, CancellationToken.None);

        outcome.Should().Be(new ExternalCheckOutcome(ExternalAnswer.Clear, 1, null));
    }

    [Fact]
    public async Task A_found_answer_names_its_grounds()
    {
        var outcome = await Runner("found:previously-expelled,crimes-against-humanity").AskAsync("criminal-record", Subject, CancellationToken.None);

        outcome.Answered.Should().BeTrue();
        outcome.Answer!.Found.Should().BeTrue();
        outcome.Answer.Grounds.Should().Equal("previously-expelled", "crimes-against-humanity");
    }

    [Fact]
    public async Task An_agency_that_never_answers_is_timed_out_on_every_attempt_and_the_check_stays_unanswered()
    {
        var watch = Stopwatch.StartNew();

        var outcome = await Runner("never").AskAsync("criminal-record", Subject, CancellationToken.None);

        outcome.Answered.Should().BeFalse();
        outcome.Attempts.Should().Be(3, "one attempt and two retries");
        outcome.Error.Should().Be("timeout");
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(3 * 150), "each attempt waits out its timeout");
    }

    [Fact]
    public async Task A_slow_first_attempt_is_cut_off_by_the_timeout_and_the_retry_gets_the_answer()
    {
        var outcome = await Runner("slow-once:clear").AskAsync("criminal-record", Subject, CancellationToken.None);

        outcome.Should().Be(new ExternalCheckOutcome(ExternalAnswer.Clear, 2, null));
    }

    [Fact]
    public async Task An_unavailable_first_attempt_is_retried()
    {
        var outcome = await Runner("fail-once:found:epidemic-disease").AskAsync("criminal-record", Subject, CancellationToken.None);

        outcome.Attempts.Should().Be(2);
        outcome.Answer!.Grounds.Should().Equal("epidemic-disease");
    }

    [Fact]
    public async Task Without_retries_a_slow_agency_is_unanswered_after_one_attempt()
    {
        var outcome = await Runner("slow-once:clear", options: Fast with { MaxRetryAttempts = 0 }).AskAsync("criminal-record", Subject, CancellationToken.None);

        outcome.Should().Be(new ExternalCheckOutcome(null, 1, "timeout"));
    }

    [Fact]
    public async Task An_unconfigured_document_is_clear_outside_production_and_unanswered_in_production()
    {
        var other = Subject with { DocumentNumber = "UNLISTED" };

        (await Runner("clear").AskAsync("expulsion", other, CancellationToken.None)).Answered.Should().BeTrue();
        (await Runner("clear", environment: "Production").AskAsync("expulsion", other, CancellationToken.None)).Answered.Should().BeFalse();
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = "";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
