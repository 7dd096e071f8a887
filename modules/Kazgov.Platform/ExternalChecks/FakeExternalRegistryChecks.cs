using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Kazgov.Platform.ExternalChecks;

/// <summary>
/// The local stand-in for the outside agencies (no real interface to them exists yet). Answers come
/// from configuration, by document number and check, under the service's section:
/// &lt;section&gt;:Answers:&lt;document&gt;:&lt;check&gt; =
/// "clear" | "found:&lt;ground&gt;[,&lt;ground&gt;]" | "never" (does not answer: the runner's timeout
/// ends the call) | "fail-once:&lt;answer&gt;" (unavailable on the first call, then the answer) |
/// "slow-once:&lt;answer&gt;" (no answer on the first call, then the answer).
/// A document without an entry gets Fake:DefaultAnswer — "clear" outside Production, "never" in
/// Production, so an unconfigured production host blocks approvals instead of passing them.
/// </summary>
public sealed class FakeExternalRegistryChecks(IConfiguration configuration, IHostEnvironment environment, string sectionName) : IExternalRegistryChecks
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public async Task<ExternalAnswer> AskAsync(string check, ExternalCheckSubject subject, CancellationToken cancellationToken)
    {
        var section = configuration.GetSection(sectionName);
        var script = section[$"Answers:{subject.DocumentNumber}:{check}"]
            ?? section["DefaultAnswer"]
            ?? (environment.IsProduction() ? "never" : "clear");
        var call = _calls.AddOrUpdate(subject.DocumentNumber + "|" + check, 1, (_, n) => n + 1);
        return await AnswerAsync(script, call, cancellationToken);
    }

    private async Task<ExternalAnswer> AnswerAsync(string script, int call, CancellationToken cancellationToken)
    {
        switch (script)
        {
            case "clear":
                return ExternalAnswer.Clear;
            case "never":
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new OperationCanceledException(cancellationToken);
            case var found when found.StartsWith("found:", StringComparison.Ordinal):
                return new ExternalAnswer(true, [.. found["found:".Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)], "FAKE-" + call);
            case var failOnce when failOnce.StartsWith("fail-once:", StringComparison.Ordinal):
                return call == 1
                    ? throw new ExternalRegistryUnavailableException("The registry is unavailable (fake, first call).")
                    : await AnswerAsync(failOnce["fail-once:".Length..], call, cancellationToken);
            case var slowOnce when slowOnce.StartsWith("slow-once:", StringComparison.Ordinal):
                if (call == 1)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                return await AnswerAsync(slowOnce["slow-once:".Length..], call, cancellationToken);
            default:
                throw new InvalidOperationException($"Unknown fake answer '{script}' in {sectionName}.");
        }
    }
}
