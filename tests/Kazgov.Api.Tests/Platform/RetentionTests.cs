using System.Security.Cryptography;
using Dapper;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Kernel.Retention;
using Kazgov.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using Npgsql;
using Kazgov.Kernel.Data;

namespace Kazgov.Api.Tests.Platform;

/// <summary>
/// Each retention job deletes exactly the records past their age and keeps the rest. The jobs run
/// on a clock of their own in 2001, so that the cut-offs reach only the rows these tests write
/// (other tests' rows carry 2026 times and are never old enough), in batches of two.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RetentionTests(KazgovApiFactory factory)
{
    private static readonly Instant Now = Instant.FromUtc(2001, 1, 10, 12, 0);

    // Starting the host migrates the database before the tests write their rows.
    private readonly NpgsqlDataSource _dataSource = factory.Services.GetRequiredService<NpgsqlDataSource>();

    [Fact]
    public void The_defaults_are_the_documented_ones()
    {
        var defaults = new RetentionOptions();

        defaults.IdempotencyRecordHours.Should().Be(24);
        defaults.RefreshTokenDays.Should().Be(7);
        defaults.DeliveredOutboxDays.Should().Be(30);
        defaults.BatchSize.Should().Be(1000);
        factory.Services.GetRequiredService<IOptions<RetentionOptions>>().Value.Enabled.Should().BeFalse("test hosts never delete on their own");
    }

    [Fact]
    public async Task Idempotency_records_older_than_their_hours_are_deleted_and_younger_ones_kept()
    {
        var caller = "retention-" + Guid.NewGuid();
        var ages = new Dictionary<string, Duration>
        {
            ["old-1"] = Duration.FromDays(30),
            ["old-2"] = Duration.FromHours(25),
            ["old-3"] = Duration.FromHours(24) + Duration.FromSeconds(1),
            ["old-4"] = Duration.FromHours(24) + Duration.FromMinutes(5),
            ["old-5"] = Duration.FromDays(2),
            ["young-1"] = Duration.FromHours(24) - Duration.FromSeconds(1),
            ["young-2"] = Duration.FromHours(1),
            ["exactly-24h"] = Duration.FromHours(24),
        };
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            foreach (var (key, age) in ages)
            {
                await connection.ExecuteAsync(
                    """
                    INSERT INTO platform.idempotency_records (caller, key, method, path, request_fingerprint, status_code, body, created_at)
                    VALUES (@caller, @key, 'POST', '/api/v1/x', 'f', 201, '\x7b7d'::bytea, @createdAt)
                    """,
                    new { caller, key, createdAt = (Now - age).ToDateTimeUtc() });
            }
        }

        var deleted = await Service(new RetentionOptions { IdempotencyRecordHours = 24 }).PurgeAsync(RetentionKind.IdempotencyRecords, CancellationToken.None);

        deleted.Should().BeGreaterThanOrEqualTo(5);
        await using var check = new NpgsqlConnection(TestDatabase.ConnectionString);
        (await check.QueryRowsAsync<string>("SELECT key FROM platform.idempotency_records WHERE caller = @caller ORDER BY key", new { caller }))
            .Should().Equal("exactly-24h", "young-1", "young-2");
    }

    [Fact]
    public async Task Refresh_tokens_are_deleted_days_after_they_expired_whether_used_revoked_or_not()
    {
        var family = Guid.NewGuid();
        var tokens = new List<(string Name, Duration ExpiredAgo, bool Used, bool Revoked)>
        {
            ("used-long-ago", Duration.FromDays(8), true, false),
            ("revoked-long-ago", Duration.FromDays(7) + Duration.FromMinutes(1), false, true),
            ("unused-long-ago", Duration.FromDays(30), false, false),
            ("used-recently", Duration.FromDays(6), true, false),
            ("used-not-yet-expired", -Duration.FromHours(6), true, false), // kept: showing it again ends the session
            ("live", -Duration.FromHours(11), false, false),
        };
        var hashes = new Dictionary<string, byte[]>();
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            foreach (var (name, expiredAgo, used, revoked) in tokens)
            {
                var hash = RandomNumberGenerator.GetBytes(32);
                hashes[name] = hash;
                var expiresAt = Now - expiredAgo;
                var issuedAt = expiresAt - Duration.FromHours(12);
                await connection.ExecuteAsync(
                    """
                    INSERT INTO platform.refresh_tokens (token_hash, login, family_id, issued_at, expires_at, used_at, revoked_at)
                    VALUES (@hash, 'clerk.astana', @family, @issuedAt, @expiresAt, @usedAt, @revokedAt)
                    """,
                    new
                    {
                        hash,
                        family,
                        issuedAt = issuedAt.ToDateTimeUtc(),
                        expiresAt = expiresAt.ToDateTimeUtc(),
                        usedAt = used ? (issuedAt + Duration.FromHours(1)).ToDateTimeUtc() : (DateTime?)null,
                        revokedAt = revoked ? (issuedAt + Duration.FromHours(2)).ToDateTimeUtc() : (DateTime?)null,
                    });
            }
        }

        var deleted = await Service(new RetentionOptions { RefreshTokenDays = 7 }).PurgeAsync(RetentionKind.RefreshTokens, CancellationToken.None);

        deleted.Should().BeGreaterThanOrEqualTo(3);
        await using var check = new NpgsqlConnection(TestDatabase.ConnectionString);
        var left = (await check.QueryRowsAsync<byte[]>("SELECT token_hash FROM platform.refresh_tokens WHERE family_id = @family", new { family })).ToList();
        hashes.Where(h => left.Any(l => l.SequenceEqual(h.Value))).Select(h => h.Key)
            .Should().BeEquivalentTo("used-recently", "used-not-yet-expired", "live");
    }

    [Fact]
    public async Task Delivered_outbox_messages_are_deleted_with_their_attempts_days_after_delivery_and_the_rest_kept()
    {
        var reference = "retention-" + Guid.NewGuid();
        var messages = new List<(string Name, Duration? DeliveredAgo, bool Dead)>
        {
            ("delivered-long-ago", Duration.FromDays(31), false),
            ("delivered-just-past", Duration.FromDays(30) + Duration.FromSeconds(1), false),
            ("delivered-recently", Duration.FromDays(29), false),
            ("undelivered-old", null, false),
            ("dead-old", null, true),
        };
        var ids = new Dictionary<string, Guid>();
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            foreach (var (name, deliveredAgo, dead) in messages)
            {
                var id = Guid.NewGuid();
                ids[name] = id;
                var createdAt = (Now - Duration.FromDays(60)).ToDateTimeUtc();
                await connection.ExecuteAsync(
                    """
                    INSERT INTO platform.outbox_messages
                        (id, channel, recipient, language, subject, body, reference, created_at, next_attempt_at, attempts, delivered_at, dead_at)
                    VALUES (@id, 'sms', '+77010000000', 'kk', 's', @name, @reference, @createdAt, @nextAttemptAt, 1, @deliveredAt, @deadAt);
                    INSERT INTO platform.outbox_attempts (message_id, attempt, attempted_at, succeeded) VALUES (@id, 1, @createdAt, @delivered);
                    """,
                    new
                    {
                        id,
                        name,
                        reference,
                        createdAt,
                        // Undelivered rows wait far ahead, so no dispatcher of a parallel test picks them up.
                        nextAttemptAt = new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                        deliveredAt = deliveredAgo is { } ago ? (Now - ago).ToDateTimeUtc() : (DateTime?)null,
                        deadAt = dead ? createdAt : (DateTime?)null,
                        delivered = deliveredAgo is not null,
                    });
            }
        }

        var deleted = await Service(new RetentionOptions { DeliveredOutboxDays = 30 }).PurgeAsync(RetentionKind.DeliveredOutboxMessages, CancellationToken.None);

        deleted.Should().BeGreaterThanOrEqualTo(2);
        await using var check = new NpgsqlConnection(TestDatabase.ConnectionString);
        (await check.QueryRowsAsync<string>("SELECT body FROM platform.outbox_messages WHERE reference = @reference", new { reference }))
            .Should().BeEquivalentTo("delivered-recently", "undelivered-old", "dead-old");
        (await check.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM platform.outbox_attempts WHERE message_id = ANY(@ids)",
                new { ids = new[] { ids["delivered-long-ago"], ids["delivered-just-past"] } }))
            .Should().Be(0);
        await check.ExecuteAsync("DELETE FROM platform.outbox_messages WHERE reference = @reference", new { reference });
    }

    [Fact]
    public async Task A_job_set_to_zero_keeps_everything()
    {
        var caller = "retention-" + Guid.NewGuid();
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO platform.idempotency_records (caller, key, method, path, request_fingerprint, status_code, body, created_at)
                VALUES (@caller, 'ancient', 'POST', '/api/v1/x', 'f', 201, '\x7b7d'::bytea, '1990-01-01T00:00:00Z')
                """,
                new { caller });
        }

        var deleted = await Service(new RetentionOptions { IdempotencyRecordHours = 0 }).RunOnceAsync(CancellationToken.None);

        deleted[RetentionKind.IdempotencyRecords].Should().Be(0);
        await using var check = new NpgsqlConnection(TestDatabase.ConnectionString);
        (await check.ExecuteScalarAsync<long>("SELECT count(*) FROM platform.idempotency_records WHERE caller = @caller", new { caller })).Should().Be(1);
        await check.ExecuteAsync("DELETE FROM platform.idempotency_records WHERE caller = @caller", new { caller });
    }

    private RetentionService Service(RetentionOptions options)
    {
        options.BatchSize = 2;
        return new RetentionService(
            _dataSource,
            factory.Services.GetServices<RetentionPurge>(),
            new FakeClock(Now),
            Options.Create(options),
            NullLogger<RetentionService>.Instance);
    }
}
