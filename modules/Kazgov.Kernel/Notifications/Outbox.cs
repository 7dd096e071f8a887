using Kazgov.Kernel.Data;
using Kazgov.Kernel.Localization;
using NodaTime;

namespace Kazgov.Kernel.Notifications;

/// <summary>
/// Writes notifications into the outbox inside the caller's open transaction, so a notification
/// exists exactly when the status change that caused it was committed.
/// </summary>
public sealed class Outbox(DbSession session, IClock clock)
{
    public async Task<Guid> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        if (session.Transaction is null)
        {
            throw new InvalidOperationException("Outbox messages are written inside the transaction of the change that causes them.");
        }

        var id = Guid.CreateVersion7();
        var now = clock.GetCurrentInstant();
        await session.ExecuteDeferredAsync(
            """
            INSERT INTO platform.outbox_messages (id, channel, recipient, language, subject, body, reference, created_at, next_attempt_at)
            VALUES (@id, @channel, @recipient, @language, @subject, @body, @reference, @now, @now)
            """,
            new
            {
                id,
                channel = message.Channel == NotificationChannel.Sms ? "sms" : "email",
                recipient = message.Recipient,
                language = message.Language.ToCode(),
                subject = message.Subject,
                body = message.Body,
                reference = message.Reference,
                now,
            },
            cancellationToken);
        return id;
    }
}
