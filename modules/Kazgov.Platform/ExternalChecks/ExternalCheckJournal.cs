using Kazgov.Kernel.Data;
using NodaTime;

namespace Kazgov.Platform.ExternalChecks;

/// <summary>What a service asks an outside agency: the check's code, the agency (source) and the refusal grounds a positive answer bears on.</summary>
public sealed record ExternalCheckKind(string Code, string Source, IReadOnlyList<string> Grounds);

/// <summary>One question put to an agency and its answer (a class: Dapper maps nullable NodaTime values and arrays by property).</summary>
public sealed class ExternalCheckRecord
{
    public Guid Id { get; set; }

    public string CheckCode { get; set; } = "";

    public string Source { get; set; } = "";

    public string Subject { get; set; } = "";

    public Instant AskedAt { get; set; }

    public Instant? AnsweredAt { get; set; }

    /// <summary>clear, found, or null while unanswered.</summary>
    public string? Answer { get; set; }

    public string[] FoundGrounds { get; set; } = [];

    public string? Reference { get; set; }

    public int Attempts { get; set; }

    public string? Error { get; set; }
}

/// <summary>
/// Asks the agencies and writes every question with its answer (or its absence) into the module's
/// own journal table — a table of the module's schema with the columns (id, application_id,
/// check_code, source, subject, asked_at, answered_at, answer, found_grounds, reference, attempts,
/// error, asked_by). The module decides what an unanswered check blocks; this only records.
/// </summary>
public static class ExternalCheckJournal
{
    /// <summary>The application's questions in the order they were asked (checks asked at one instant by their code).</summary>
    public static async Task<IReadOnlyList<ExternalCheckRecord>> ListAsync(DbSession session, string journalTable, Guid applicationId, CancellationToken cancellationToken) =>
        [.. await session.QueryAsync<ExternalCheckRecord>(
            $"""
            SELECT id AS Id, check_code AS CheckCode, source AS Source, subject AS Subject, asked_at AS AskedAt, answered_at AS AnsweredAt,
                   answer AS Answer, found_grounds AS FoundGrounds, reference AS Reference, attempts AS Attempts, error AS Error
            FROM {journalTable} WHERE application_id = @applicationId ORDER BY asked_at, check_code, id
            """,
            new { applicationId },
            cancellationToken)];

    /// <summary>The answer that stands for each check: the latest answered one.</summary>
    public static IReadOnlyDictionary<string, ExternalCheckRecord> Answered(IEnumerable<ExternalCheckRecord> checks) =>
        checks.Where(c => c.AnsweredAt is not null).GroupBy(c => c.CheckCode).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

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
