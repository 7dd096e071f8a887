using System.Security.Cryptography;
using Kazgov.AddressBureau.Domain;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace Kazgov.AddressBureau.Passwords;

/// <summary>An issued password: shown once, to be sent to the agency marked "for official use".</summary>
internal sealed record IssuedPassword(string AgencyCode, string Password, Instant ValidFrom, Instant ValidUntil);

/// <summary>The password in force for an agency, without the password.</summary>
internal sealed record PasswordPeriod(string AgencyCode, Instant ValidFrom, Instant ValidUntil, Instant IssuedAt, string IssuedBy);

/// <summary>
/// §12.2 note: a law-enforcement agency may ask by telephone with a password sent once a quarter,
/// marked "for official use" and set for one day or more but no more than three. The bureau issues one
/// per agency, keeps only its hash, and a new one supersedes the old (rotation). Every check is recorded
/// and audited; after <see cref="MaxFailures"/> wrong passwords in <see cref="FailureWindow"/> the agency is refused (429).
/// </summary>
internal sealed class AgencyPasswords(DbSession session, ICurrentActor actor, IClock clock, IAuditTrail audit)
{
    public const int MaxFailures = 5;
    public static readonly Duration FailureWindow = Duration.FromMinutes(15);
    public static readonly Duration Shortest = Duration.FromDays(1);
    public static readonly Duration Longest = Duration.FromDays(3);

    private static readonly PasswordHasher<string> Hasher = new();
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    /// <summary>Whether a validity window is allowed: from one to three days (§12.2 note).</summary>
    public static bool IsAllowedWindow(Instant from, Instant until) => until - from >= Shortest && until - from <= Longest;

    public async Task<IssuedPassword> IssueAsync(Agency agency, Instant from, Instant until, CancellationToken cancellationToken)
    {
        var password = string.Create(12, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
        var now = clock.GetCurrentInstant();
        await using var transaction = await session.BeginAsync(cancellationToken);
        await session.ExecuteAsync(
            "UPDATE address_bureau.agency_passwords SET superseded_at = @now WHERE agency_code = @agency AND superseded_at IS NULL",
            new { agency = agency.Code, now },
            cancellationToken);
        await session.ExecuteAsync(
            """
            INSERT INTO address_bureau.agency_passwords (agency_code, password_hash, valid_from, valid_until, issued_by, issued_at)
            VALUES (@agency, @hash, @from, @until, @by, @now)
            """,
            new { agency = agency.Code, hash = await Task.Run(() => Hasher.HashPassword(string.Empty, password), cancellationToken), from, until, by = actor.Id, now },
            cancellationToken);
        await audit.RecordAsync(new AuditEvent("agency-password-issued", AuditSubjects.Bin, agency.Bin) { ObjectId = agency.Code }, cancellationToken);
        await transaction.CommitAsync();
        return new IssuedPassword(agency.Code, password, from, until);
    }

    public Task<IEnumerable<PasswordPeriod>> CurrentAsync(CancellationToken cancellationToken) =>
        session.QueryAsync<PasswordPeriod>(
            """
            SELECT agency_code AS AgencyCode, valid_from AS ValidFrom, valid_until AS ValidUntil, issued_at AS IssuedAt, issued_by AS IssuedBy
            FROM address_bureau.agency_passwords WHERE superseded_at IS NULL ORDER BY agency_code
            """,
            cancellationToken: cancellationToken);

    /// <summary>Checks the password the caller named; answers the check's id, which the telephone request is accepted on.</summary>
    public async Task<long> CheckAsync(Agency agency, string? password, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var failures = await session.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM address_bureau.password_attempts WHERE agency_code = @agency AND NOT succeeded AND attempted_at > @since",
            new { agency = agency.Code, since = now - FailureWindow },
            cancellationToken);
        if (failures >= MaxFailures)
        {
            await audit.RecordAsync(new AuditEvent("agency-password-rate-limited", AuditSubjects.Bin, agency.Bin) { ObjectId = agency.Code }, cancellationToken);
            throw new ProblemException(AddressBureauProblems.TooManyPasswordAttempts, extensions: new Dictionary<string, object?> { ["agency"] = agency.Code });
        }

        var hashes = await session.QueryAsync<string>(
            """
            SELECT password_hash FROM address_bureau.agency_passwords
            WHERE agency_code = @agency AND superseded_at IS NULL AND valid_from <= @now AND valid_until > @now
            """,
            new { agency = agency.Code, now },
            cancellationToken);
        // PBKDF2 on a thread-pool thread, not on the socket thread that continued after the read (with inline socket completions; BufferedRows).
        var ok = !string.IsNullOrEmpty(password) && await Task.Run(
            () => hashes.Any(hash => Hasher.VerifyHashedPassword(string.Empty, hash, password) != PasswordVerificationResult.Failed),
            cancellationToken);
        var id = await session.ExecuteScalarAsync<long>(
            """
            INSERT INTO address_bureau.password_attempts (agency_code, attempted_at, succeeded, actor_id)
            VALUES (@agency, @now, @ok, @actor) RETURNING id
            """,
            new { agency = agency.Code, now, ok, actor = actor.Id },
            cancellationToken);
        await audit.RecordAsync(new AuditEvent(ok ? "agency-password-accepted" : "agency-password-refused", AuditSubjects.Bin, agency.Bin) { ObjectId = agency.Code + "/" + id }, cancellationToken);
        return ok ? id : throw new ProblemException(AddressBureauProblems.WrongPassword, extensions: new Dictionary<string, object?> { ["agency"] = agency.Code });
    }
}
