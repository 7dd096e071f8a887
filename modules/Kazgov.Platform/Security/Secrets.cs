using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

using Kazgov.Kernel.Security;

namespace Kazgov.Platform.Security;

/// <summary>
/// Passwords and client secrets are stored as ASP.NET Core Identity's PasswordHasher hashes
/// (PBKDF2-HMAC-SHA512, 100 000 iterations, salted, versioned). Refresh tokens are random 256-bit
/// values looked up by their SHA-256 hash: they need no slow hash, and lookup must be exact.
/// </summary>
internal static class Secrets
{
    private static readonly PasswordHasher<string> Hasher = new();

    // Verified against when the login is unknown, so that a wrong login costs as long as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(string.Empty, "decoy-" + Guid.NewGuid());

    public const int MinPasswordLength = 10;

    // PBKDF2 takes tens of milliseconds of CPU: it runs on a thread-pool thread, never on the thread
    // that continued the request after a socket read (with inline socket completions, one of the few socket threads; BufferedRows).
    public static Task<string> HashAsync(string secret) => Task.Run(() => Hasher.HashPassword(string.Empty, secret));

    public static Task<PasswordVerificationResult> VerifyAsync(string hash, string provided) =>
        Task.Run(() => Hasher.VerifyHashedPassword(string.Empty, hash, provided));

    public static Task SpendDecoyTimeAsync(string provided) =>
        Task.Run(() => Hasher.VerifyHashedPassword(string.Empty, DecoyHash, provided));

    public static string NewRefreshToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] HashRefreshToken(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
