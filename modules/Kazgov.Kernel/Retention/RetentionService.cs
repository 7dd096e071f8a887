using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace Kazgov.Kernel.Retention;

/// <summary>
/// One kind of record retention deletes: its age from the options, and a DELETE of at most @batch
/// rows older than @cutoff. Declared by the capability that owns the table.
/// </summary>
public sealed record RetentionPurge(RetentionKind Kind, Func<RetentionOptions, Duration> Age, string Sql);

/// <summary>The kinds of records retention deletes by age.</summary>
public enum RetentionKind
{
    IdempotencyRecords,
    RefreshTokens,
    DeliveredOutboxMessages,
}

/// <summary>
/// Deletes records past their age (options under "Retention"): stored idempotent responses,
/// refresh tokens that ended long ago and delivered outbox messages. Every DELETE takes at most
/// <see cref="RetentionOptions.BatchSize"/> rows (FOR UPDATE SKIP LOCKED, so it never waits on a
/// row someone holds) and commits on its own; a job repeats it until nothing is left.
/// </summary>
public sealed class RetentionService(
    NpgsqlDataSource dataSource,
    IEnumerable<RetentionPurge> purges,
    IClock clock,
    IOptions<RetentionOptions> options,
    ILogger<RetentionService> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRunDelay = TimeSpan.FromMinutes(1);

    /// <summary>Runs every job once; returns how many rows each deleted.</summary>
    public async Task<IReadOnlyDictionary<RetentionKind, int>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var deleted = new Dictionary<RetentionKind, int>();
        foreach (var kind in Enum.GetValues<RetentionKind>())
        {
            deleted[kind] = await PurgeAsync(kind, cancellationToken);
        }

        return deleted;
    }

    /// <summary>Deletes the records of one kind that are past their age; returns how many.</summary>
    public async Task<int> PurgeAsync(RetentionKind kind, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var purge = purges.Single(p => p.Kind == kind);
        var age = purge.Age(settings);
        var sql = purge.Sql;
        if (age <= Duration.Zero)
        {
            return 0;
        }

        var cutoff = clock.GetCurrentInstant() - age;
        var batch = Math.Max(1, settings.BatchSize);
        var total = 0;
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        while (true)
        {
            // A stopping host ends the purge between batches, never during one (QueryCancellation).
            cancellationToken.ThrowIfCancellationRequested();
            var deleted = await connection.ExecuteAsync(new CommandDefinition(sql, new { cutoff, batch }));
            total += deleted;
            if (deleted < batch)
            {
                break;
            }
        }

        if (total > 0)
        {
            logger.LogInformation("Retention deleted {Count} {Kind} older than {Cutoff}", total, kind, cutoff);
        }

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var delay = FirstRunDelay;
        while (true)
        {
            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be briefly away; the next run catches up.
                logger.LogError(exception, "Retention run failed");
            }

            delay = options.Value.Interval;
        }
    }
}

/// <summary>Registration of the retention jobs.</summary>
public static class RetentionRegistration
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.SectionName))
            .Validate(
                o => o.BatchSize >= 1 && o.Interval > TimeSpan.Zero && o.IdempotencyRecordHours >= 0 && o.RefreshTokenDays >= 0 && o.DeliveredOutboxDays >= 0,
                "Retention: BatchSize must be at least 1, Interval positive, ages 0 (keep) or more")
            .ValidateOnStart();
        // Each capability deletes from its own table: the statements live beside the tables' owners.
        services.AddSingleton(Idempotency.IdempotencyRetention.Purge);
        services.AddSingleton(Notifications.OutboxRetention.Purge);
        services.AddSingleton<RetentionService>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionService>());
        return services;
    }
}
