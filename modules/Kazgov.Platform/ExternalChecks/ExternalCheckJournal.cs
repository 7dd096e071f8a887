using Kazgov.Kernel.Data;
using NodaTime;

namespace Kazgov.Platform.ExternalChecks;

/// <summary>What a service asks an outside agency: the check's code, the agency (source) and the refusal grounds a positive answer bears on.</summary>
public sealed record ExternalCheckKind(string Code, string Source, IReadOnlyList<string> Grounds);

/// <summary>
/// Asks the agencies and writes every question with its answer (or its absence) into the module's
/// own journal table — a table of the module's schema with the columns (id, application_id,
/// check_code, source, subject, asked_at, answered_at, answer, found_grounds, reference, attempts,
/// error, asked_by). The module decides what an unanswered check blocks; this only records.
/// </summary>
public static class ExternalCheckJournal
{
    /// <summary>
    /// Asks each of <paramref name="kinds"/> through the service's runner and records it. An agency
    /// speaks only to its own grounds: a "found" naming none of them names them all.
    /// </summary>
    public static async Task AskAsync(
        DbSession session,
        string journalTable,
        ExternalCheckRunner runner,
        IClock clock,
        Guid applicationId,
        ExternalCheckSubject subject,
        IEnumerable<ExternalCheckKind> kinds,
        string askedBy,
        CancellationToken cancellationToken)
    {
        foreach (var kind in kinds)
        {
            var askedAt = clock.GetCurrentInstant();
            var outcome = await runner.AskAsync(kind.Code, subject, cancellationToken);
            string[] found = outcome.Answer is { Found: true } answer
                ? (answer.Grounds.Intersect(kind.Grounds).ToArray() is { Length: > 0 } named ? named : [.. kind.Grounds])
                : [];
            await session.ExecuteAsync(
                $"""
                INSERT INTO {journalTable}
                    (id, application_id, check_code, source, subject, asked_at, answered_at, answer, found_grounds, reference, attempts, error, asked_by)
                VALUES (@id, @applicationId, @check, @source, @subject, @askedAt, @answeredAt, @answer, @found, @reference, @attempts, @error, @by)
                """,
                new
                {
                    id = Guid.CreateVersion7(),
                    applicationId,
                    check = kind.Code,
                    source = kind.Source,
                    subject = subject.DocumentNumber,
                    askedAt,
                    answeredAt = outcome.Answered ? clock.GetCurrentInstant() : (Instant?)null,
                    answer = outcome.Answer is null ? null : outcome.Answer.Found ? "found" : "clear",
                    found,
                    reference = outcome.Answer?.Reference,
                    attempts = outcome.Attempts,
                    error = outcome.Error,
                    by = askedBy,
                },
                cancellationToken);
        }
    }
}
