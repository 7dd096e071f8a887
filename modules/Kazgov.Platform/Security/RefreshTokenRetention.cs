using Kazgov.Kernel.Retention;
using NodaTime;

using Kazgov.Kernel.Security;

namespace Kazgov.Platform.Security;

/// <summary>Refresh tokens that expired long ago; a used one is kept until then, since presenting it again ends a stolen session.</summary>
internal static class RefreshTokenRetention
{
    public static readonly RetentionPurge Purge = new(
        RetentionKind.RefreshTokens,
        o => Duration.FromDays(o.RefreshTokenDays),
        """
        DELETE FROM platform.refresh_tokens
        WHERE token_hash IN (
            SELECT token_hash FROM platform.refresh_tokens
            WHERE expires_at < @cutoff LIMIT @batch FOR UPDATE SKIP LOCKED)
        """);
}
