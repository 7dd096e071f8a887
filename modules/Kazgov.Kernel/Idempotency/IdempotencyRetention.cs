using Kazgov.Kernel.Retention;
using NodaTime;

namespace Kazgov.Kernel.Idempotency;

/// <summary>Stored idempotent responses hold personal data: they are kept only as long as a retry may come.</summary>
internal static class IdempotencyRetention
{
    public static readonly RetentionPurge Purge = new(
        RetentionKind.IdempotencyRecords,
        o => Duration.FromHours(o.IdempotencyRecordHours),
        """
        DELETE FROM platform.idempotency_records
        WHERE (caller, key) IN (
            SELECT caller, key FROM platform.idempotency_records
            WHERE created_at < @cutoff LIMIT @batch FOR UPDATE SKIP LOCKED)
        """);
}
