using System.Globalization;
using Microsoft.Extensions.Configuration;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Kazgov.Platform.ExternalChecks;

/// <summary>How long one call may take and how often it is tried again (Timeout, MaxRetryAttempts, RetryDelay of the service's section).</summary>
public sealed record ExternalCheckOptions(TimeSpan Timeout, int MaxRetryAttempts, TimeSpan RetryDelay)
{
    public static readonly ExternalCheckOptions Default = new(TimeSpan.FromSeconds(5), 2, TimeSpan.FromMilliseconds(200));

    public static ExternalCheckOptions From(IConfiguration configuration, string sectionName)
    {
        var section = configuration.GetSection(sectionName);
        return new ExternalCheckOptions(
            section["Timeout"] is { } timeout ? TimeSpan.Parse(timeout, CultureInfo.InvariantCulture) : Default.Timeout,
            section["MaxRetryAttempts"] is { } retries ? int.Parse(retries, CultureInfo.InvariantCulture) : Default.MaxRetryAttempts,
            section["RetryDelay"] is { } delay ? TimeSpan.Parse(delay, CultureInfo.InvariantCulture) : Default.RetryDelay);
    }
}

/// <summary>The outcome of asking one agency: its answer, or none (timed out / unavailable after every attempt).</summary>
public sealed record ExternalCheckOutcome(ExternalAnswer? Answer, int Attempts, string? Error)
{
    public bool Answered => Answer is not null;
}

/// <summary>
/// Asks an agency through a Polly pipeline: each attempt bounded by a timeout, a timed-out or
/// unavailable attempt retried (constant delay), then given up — an unanswered check is recorded as
/// such and blocks approval; it never counts as clear.
/// </summary>
public sealed class ExternalCheckRunner
{
    private readonly IExternalRegistryChecks _registries;
    private readonly ResiliencePipeline<ExternalAnswer> _pipeline;

    public ExternalCheckRunner(IExternalRegistryChecks registries, ExternalCheckOptions options)
    {
        _registries = registries;
        Options = options;
        var builder = new ResiliencePipelineBuilder<ExternalAnswer>();
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ExternalAnswer>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Constant,
                ShouldHandle = new PredicateBuilder<ExternalAnswer>().Handle<TimeoutRejectedException>().Handle<ExternalRegistryUnavailableException>(),
            });
        }

        // The timeout is inside the retry: it bounds each attempt, not the whole run.
        _pipeline = builder.AddTimeout(options.Timeout).Build();
    }

    public ExternalCheckOptions Options { get; }

    public async Task<ExternalCheckOutcome> AskAsync(string check, ExternalCheckSubject subject, CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            var answer = await _pipeline.ExecuteAsync(
                async token =>
                {
                    Interlocked.Increment(ref attempts);
                    return await _registries.AskAsync(check, subject, token);
                },
                cancellationToken);
            return new ExternalCheckOutcome(answer, attempts, null);
        }
        catch (TimeoutRejectedException)
        {
            return new ExternalCheckOutcome(null, attempts, "timeout");
        }
        catch (ExternalRegistryUnavailableException exception)
        {
            return new ExternalCheckOutcome(null, attempts, "unavailable: " + exception.Message);
        }
    }
}
