using Kazgov.Kernel.Retention;
using NodaTime;

namespace Kazgov.Kernel.Notifications;

/// <summary>Delivered messages (their attempts go with them); dead letters stay for an administrator.</summary>
internal static class OutboxRetention
{
    public static readonly RetentionPurge Purge = new(
        RetentionKind.DeliveredOutboxMessages,
        o => Duration.FromDays(o.DeliveredOutboxDays),
        """
        DELETE FROM platform.outbox_messages
        WHERE id IN (
            SELECT id FROM platform.outbox_messages
            WHERE delivered_at < @cutoff LIMIT @batch FOR UPDATE SKIP LOCKED)
        """);
}
