using System.Globalization;
using System.Text;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Kernel.Notifications;

/// <summary>The problems of the outbox's administration, with stable codes.</summary>
public static class OutboxProblems
{
    public static readonly ProblemType MessageNotFound = new("outbox-message-not-found", 404, new(
        "Хабарлама шығыс кезегінде табылмады",
        "Сообщение в исходящей очереди не найдено",
        "The message was not found in the outbox"));
}

/// <summary>
/// Dead letters for administrators: GET /admin/outbox/dead-letters lists the messages the
/// dispatcher gave up on (newest first); POST /admin/outbox/{id}/replay queues one again with a
/// full allowance of attempts. Replaying is idempotent: a message that is not dead (already
/// replayed and waiting, or delivered) is left as it is and shown.
/// Recipients are masked: an administrator needs the reference and the error, not the number.
/// </summary>
internal static class OutboxAdminEndpoints
{
    private const string CursorList = "dead-letters";

    public static void MapOutboxAdminEndpoints(this IEndpointRouteBuilder api)
    {
        var outbox = api.MapGroup("/admin/outbox").WithTags("Notifications");
        outbox.MapGet("/dead-letters", ListDeadLettersAsync)
            .WithName("ListOutboxDeadLetters")
            .WithSummary("Notifications the dispatcher gave up on after Notifications:MaxAttempts attempts, newest first (administrators)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePolicy(Policies.Admin);
        outbox.MapPost("/{id:guid}/replay", ReplayAsync)
            .WithName("ReplayOutboxMessage")
            .WithSummary("Queues a dead letter again with a full allowance of attempts; a message that is not dead is left as it is (administrators)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePolicy(Policies.Admin);
    }

    private static async Task<DeadLetterPage> ListDeadLettersAsync(int? limit, string? cursor, DbSession session, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var take = Paging.Limit(limit, errors);
        // The list is newest first: the cursor is the (dead_at, id) of the last letter shown.
        var after = Paging.DecodeDue(CursorList, cursor, errors);
        errors.ThrowIfAny();
        var rows = (await session.QueryAsync<OutboxMessageRow>(
            $"""
            SELECT {OutboxMessageRow.Columns}
            FROM platform.outbox_messages
            WHERE dead_at IS NOT NULL
              AND (@afterDeadAt::timestamptz IS NULL OR (dead_at, id) < (@afterDeadAt, @afterId))
            ORDER BY dead_at DESC, id DESC
            LIMIT @take
            """,
            new { afterDeadAt = after?.DueAt, afterId = after?.Id ?? Guid.Empty, take = take + 1 },
            cancellationToken)).ToList();
        var next = rows.Count > take ? Paging.EncodeDue(CursorList, rows[take - 1].DeadAt!.Value, rows[take - 1].Id) : null;
        return new DeadLetterPage(rows.Take(take).Select(OutboxMessageView.Of).ToList(), next);
    }

    private static async Task<OutboxMessageView> ReplayAsync(Guid id, DbSession session, IClock clock, CancellationToken cancellationToken)
    {
        // One statement: two administrators replaying at once queue the message once.
        var now = clock.GetCurrentInstant();
        var row = await session.QuerySingleOrDefaultAsync<OutboxMessageRow>(
            $"""
            WITH replayed AS (
                UPDATE platform.outbox_messages
                SET dead_at = NULL, replayed_at = @now, next_attempt_at = @now, attempts_before_replay = attempts,
                    claimed_by = NULL, claimed_until = NULL
                WHERE id = @id AND dead_at IS NOT NULL
                RETURNING *)
            SELECT {OutboxMessageRow.Columns} FROM replayed
            UNION ALL
            SELECT {OutboxMessageRow.Columns} FROM platform.outbox_messages
            WHERE id = @id AND NOT EXISTS (SELECT 1 FROM replayed)
            """,
            new { id, now },
            cancellationToken);
        return row is null ? throw new ProblemException(OutboxProblems.MessageNotFound) : OutboxMessageView.Of(row);
    }
}

internal sealed record OutboxMessageRow(
    Guid Id,
    string Channel,
    string Recipient,
    string Language,
    string Subject,
    string? Reference,
    Instant CreatedAt,
    int Attempts,
    string? LastError,
    Instant NextAttemptAt,
    Instant? DeliveredAt,
    Instant? DeadAt,
    Instant? ReplayedAt)
{
    public const string Columns =
        """
        id AS Id, channel AS Channel, recipient AS Recipient, language AS Language, subject AS Subject, reference AS Reference,
        created_at AS CreatedAt, attempts AS Attempts, last_error AS LastError, next_attempt_at AS NextAttemptAt,
        delivered_at AS DeliveredAt, dead_at AS DeadAt, replayed_at AS ReplayedAt
        """;
}

/// <summary>
/// An outbox message as an administrator sees it. <c>status</c>: <c>pending</c> (waiting for a
/// round), <c>delivered</c> or <c>dead</c>. The recipient is masked (<c>+7701*****67</c>, <c>a***@mail.kz</c>).
/// </summary>
public sealed record OutboxMessageView(
    Guid Id,
    string Status,
    string Channel,
    string Recipient,
    string Language,
    string Subject,
    string? Reference,
    Instant CreatedAt,
    int Attempts,
    string? LastError,
    Instant? NextAttemptAt,
    Instant? DeliveredAt,
    Instant? DeadAt,
    Instant? ReplayedAt)
{
    internal static OutboxMessageView Of(OutboxMessageRow row) => new(
        row.Id,
        row.DeliveredAt is not null ? "delivered" : row.DeadAt is not null ? "dead" : "pending",
        row.Channel,
        Mask(row.Recipient),
        row.Language,
        row.Subject,
        row.Reference,
        row.CreatedAt,
        row.Attempts,
        row.LastError,
        row.DeliveredAt is null && row.DeadAt is null ? row.NextAttemptAt : null,
        row.DeliveredAt,
        row.DeadAt,
        row.ReplayedAt);

    /// <summary>Keeps enough to tell recipients apart, not enough to contact one.</summary>
    internal static string Mask(string recipient)
    {
        var at = recipient.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            return recipient[..1] + "***" + recipient[at..];
        }

        return recipient.Length <= 7
            ? new string('*', recipient.Length)
            : recipient[..5] + new string('*', recipient.Length - 7) + recipient[^2..];
    }
}

/// <summary>One page of dead letters; <c>nextCursor</c> is null on the last page.</summary>
public sealed record DeadLetterPage(IReadOnlyList<OutboxMessageView> Items, string? NextCursor);
