using System.Buffers;
using System.Security.Cryptography;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Kazgov.Kernel.Idempotency;

/// <summary>
/// Makes every POST that carries an Idempotency-Key safe to retry (DESIGN.md § API conventions).
///
/// The key is scoped to the caller. Under a transaction-level advisory lock on (caller, key) the
/// middleware looks the key up: a stored response with the same request fingerprint is replayed;
/// a different fingerprint gets 422 idempotency-key-reused. Otherwise the request runs inside the
/// same transaction (the command joins it), and a successful response is stored before the
/// commit — so the resource and the stored response become durable together, and concurrent
/// requests with one key wait on the lock and then replay the first response.
/// Failed requests (4xx/5xx) are not stored: they changed nothing, and a retry runs afresh.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    private const int MaxKeyLength = 128;

    public async Task InvokeAsync(HttpContext context, DbSession session, IClock clock)
    {
        // A header that is present but empty is a mistake to report, not a request without a key.
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Headers.TryGetValue(HeaderName, out var values)
            || context.GetEndpoint()?.Metadata.GetMetadata<SkipIdempotency>() is not null)
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c < 0x21 || c > 0x7e))
        {
            throw new ProblemException(PlatformProblems.IdempotencyKeyInvalid, new(
                "Кілт 1–128 басылатын ASCII таңбадан тұруы керек",
                "Ключ должен состоять из 1–128 печатных символов ASCII",
                "The key must be 1 to 128 printable ASCII characters"));
        }

        var caller = CallerOf(context);
        var fingerprint = await FingerprintAsync(context.Request, context.RequestAborted);

        await using var transaction = await session.BeginAsync(context.RequestAborted);
        var stored = await LockAndFindAsync(session, caller, key, context.RequestAborted);

        if (stored is not null)
        {
            if (!string.Equals(stored.RequestFingerprint, fingerprint, StringComparison.Ordinal))
            {
                throw new ProblemException(PlatformProblems.IdempotencyKeyReused, new(
                    "Бұл кілтпен басқа денесі бар сұрау жіберілген. Жаңа сұрау үшін жаңа кілт алыңыз.",
                    "С этим ключом уже отправлен запрос с другим телом. Для нового запроса используйте новый ключ.",
                    "A request with a different body was sent with this key. Use a new key for a new request."));
            }

            await transaction.CommitAsync();
            await ReplayAsync(context, stored);
            return;
        }

        var originalBody = context.Response.Body;
        // Sized for a typical created resource's view (a submission's is about 5 KB), so it rarely grows.
        await using var buffer = new MemoryStream(8 * 1024);
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = originalBody;
        }

        var status = context.Response.StatusCode;
        if (status is >= 200 and < 300)
        {
            await session.ExecuteDeferredAsync(
                """
                INSERT INTO platform.idempotency_records
                    (caller, key, method, path, request_fingerprint, status_code, content_type, location, etag, body, created_at)
                VALUES (@caller, @key, @method, @path, @fingerprint, @status, @contentType, @location, @etag, @body, @createdAt)
                """,
                new
                {
                    caller,
                    key,
                    method = context.Request.Method,
                    path = context.Request.Path.Value ?? "/",
                    fingerprint,
                    status,
                    contentType = context.Response.ContentType,
                    location = NullIfEmpty(context.Response.Headers.Location.ToString()),
                    etag = NullIfEmpty(context.Response.Headers.ETag.ToString()),
                    body = buffer.ToArray(),
                    createdAt = clock.GetCurrentInstant(),
                },
                context.RequestAborted);
            await transaction.CommitAsync();
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(originalBody, context.RequestAborted);
    }

    /// <summary>
    /// Takes the key's lock, then looks the key up, in one round trip: two statements, so the lookup
    /// runs after the lock is granted, with a snapshot of its own (read committed) that sees a response
    /// the lock's previous holder committed.
    /// </summary>
    private static async Task<StoredResponse?> LockAndFindAsync(DbSession session, string caller, string key, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        await using var results = await connection.QueryResultsAsync(new Dapper.CommandDefinition(
            """
            SELECT pg_advisory_xact_lock(hashtextextended(@lockKey, 0));
            SELECT request_fingerprint AS RequestFingerprint, status_code AS StatusCode, content_type AS ContentType,
                   location AS Location, etag AS ETag, body AS Body
            FROM platform.idempotency_records WHERE caller = @caller AND key = @key;
            """,
            new { lockKey = "idempotency:" + caller + ":" + key, caller, key },
            session.Transaction,
            cancellationToken: cancellationToken));
        await results.NextResultAsync(cancellationToken);
        return await results.ReadSingleRowOrDefaultAsync<StoredResponse>(cancellationToken);
    }

    /// <summary>Who the key belongs to: the authenticated caller, or "anonymous" until one is known.</summary>
    private static string CallerOf(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "anonymous";

    private static async Task<string> FingerprintAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(request.Method + " " + request.Path + request.QueryString + "\n"));
        // A pooled chunk: every idempotent POST reads its body here, and a fresh 16 KB array each time was
        // the largest single allocation of a submission.
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                hash.AppendData(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        context.Response.StatusCode = stored.StatusCode;
        if (stored.ContentType is not null)
        {
            context.Response.ContentType = stored.ContentType;
        }

        if (stored.Location is not null)
        {
            context.Response.Headers.Location = stored.Location;
        }

        if (stored.ETag is not null)
        {
            context.Response.Headers.ETag = stored.ETag;
        }

        context.Response.Headers[ReplayedHeaderName] = "true";
        context.RequestServices.GetService<Kazgov.Kernel.Observability.KazgovMetrics>()?.IdempotentReplay();
        await context.Response.Body.WriteAsync(stored.Body, context.RequestAborted);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private sealed record StoredResponse(string RequestFingerprint, int StatusCode, string? ContentType, string? Location, string? ETag, byte[] Body);
}

/// <summary>
/// Endpoint metadata: the endpoint ignores Idempotency-Key. For POSTs that create nothing a retry
/// could duplicate and whose responses must not be stored (the token endpoint: its responses are credentials).
/// </summary>
public sealed class SkipIdempotency
{
    public static readonly SkipIdempotency Instance = new();

    private SkipIdempotency()
    {
    }
}
