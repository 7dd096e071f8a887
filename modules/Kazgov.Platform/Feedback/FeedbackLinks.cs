using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Npgsql;
using NodaTime;

namespace Kazgov.Platform.Feedback;

/// <summary>Settings of the feedback links (section "Feedback").</summary>
public sealed class FeedbackOptions
{
    public const string SectionName = "Feedback";

    /// <summary>The front office's public address; the link is {PublicUrl}/feedback?token=….</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>How long a link is valid after the notification that carries it.</summary>
    public int LinkDays { get; set; } = 30;
}

/// <summary>The feedback link the applicant's notification carries: other capabilities ask for it here.</summary>
public interface IFeedbackLinks
{
    /// <summary>A signed link for the application, valid for <see cref="FeedbackOptions.LinkDays"/> from <paramref name="now"/>.</summary>
    Task<string> LinkForAsync(Guid applicationId, Instant now, CancellationToken cancellationToken = default);
}

/// <summary>What a token says once its signature is checked.</summary>
internal sealed record FeedbackClaim(Guid ApplicationId, Instant ExpiresAt);

/// <summary>
/// token = base64url(application id, 16 bytes | expiry in Unix seconds, 8 bytes big-endian | key id, 1 byte)
/// "." base64url(first 16 bytes of HMAC-SHA256 over those 25 bytes). Short enough for an SMS; the
/// key lives in platform.feedback_link_keys (made by the migration), so every host checks alike.
/// </summary>
internal sealed class FeedbackTokens(NpgsqlDataSource dataSource) : IDisposable
{
    private const int PayloadLength = 25;
    private const int MacLength = 16;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<byte, byte[]>? _keys;

    public void Dispose() => _gate.Dispose();

    public async Task<string> CreateAsync(Guid applicationId, Instant expiresAt, CancellationToken cancellationToken)
    {
        var keys = await KeysAsync(cancellationToken);
        var keyId = keys.Keys.Max();
        var payload = new byte[PayloadLength];
        applicationId.TryWriteBytes(payload.AsSpan(0, 16));
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(16, 8), expiresAt.ToUnixTimeSeconds());
        payload[24] = keyId;
        return Base64Url(payload) + "." + Base64Url(Mac(keys[keyId], payload));
    }

    /// <summary>The claim of a token whose signature is right, or null for anything else (never an exception).</summary>
    public async Task<FeedbackClaim?> ReadAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100 || token.Split('.') is not [var payloadText, var macText])
        {
            return null;
        }

        var payload = FromBase64Url(payloadText);
        var mac = FromBase64Url(macText);
        if (payload is not { Length: PayloadLength } || mac is not { Length: MacLength })
        {
            return null;
        }

        var keys = await KeysAsync(cancellationToken);
        if (!keys.TryGetValue(payload[24], out var key) || !CryptographicOperations.FixedTimeEquals(Mac(key, payload), mac))
        {
            return null;
        }

        return new FeedbackClaim(new Guid(payload.AsSpan(0, 16)), Instant.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(16, 8))));
    }

    private static byte[] Mac(byte[] key, byte[] payload) => HMACSHA256.HashData(key, payload)[..MacLength];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        var buffer = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : null;
    }

    private async Task<Dictionary<byte, byte[]>> KeysAsync(CancellationToken cancellationToken)
    {
        if (_keys is { } loaded)
        {
            return loaded;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_keys is null)
            {
                var keys = new Dictionary<byte, byte[]>();
                await using var command = dataSource.CreateCommand("SELECT id, secret FROM platform.feedback_link_keys");
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    keys[(byte)reader.GetInt32(0)] = (byte[])reader.GetValue(1);
                }

                _keys = keys.Count > 0 ? keys : throw new InvalidOperationException("platform.feedback_link_keys holds no key.");
            }

            return _keys;
        }
        finally
        {
            _gate.Release();
        }
    }
}

internal sealed class FeedbackLinks(FeedbackTokens tokens, IOptions<FeedbackOptions> options) : IFeedbackLinks
{
    public async Task<string> LinkForAsync(Guid applicationId, Instant now, CancellationToken cancellationToken = default)
    {
        var token = await tokens.CreateAsync(applicationId, now + Duration.FromDays(options.Value.LinkDays), cancellationToken);
        return options.Value.PublicUrl.TrimEnd('/') + "/feedback?token=" + token;
    }
}
