using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace Kazgov.Platform.Security.Clients;

/// <summary>Configuration section "Security:ClientUsage".</summary>
public sealed class ClientUsageOptions
{
    public const string SectionName = "Security:ClientUsage";

    /// <summary>How often each host adds its counts to the database (a client's last use is this much behind at most).</summary>
    public int FlushSeconds { get; set; } = 10;
}

/// <summary>
/// Counts integrator clients' requests per day (Asia/Almaty) and operation in memory; <see cref="FlushAsync"/>
/// adds them to platform.api_client_usage in one statement. Counts only ever add up, so any number
/// of hosts may flush. A flush that fails puts its counts back for the next one.
/// </summary>
public sealed class ClientUsageRecorder(NpgsqlDataSource dataSource, IClock clock, ILogger<ClientUsageRecorder> logger)
{
    public const string TokenOperation = "IssueToken";
    private static readonly DateTimeZone Almaty = DateTimeZoneProviders.Tzdb["Asia/Almaty"];

    private ConcurrentDictionary<Key, Counts> _pending = new();

    public void Record(string clientId, string operation, int statusCode)
    {
        var now = clock.GetCurrentInstant();
        var counts = _pending.GetOrAdd(new Key(clientId, now.InZone(Almaty).Date, operation), _ => new Counts());
        counts.Add(statusCode, now);
    }

    /// <summary>Saves the counts so far. Flushes may overlap: each takes its own batch, and the counts only add up.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<Key, Counts>());
        if (batch.IsEmpty)
        {
            return;
        }

        var rows = batch.ToList();
        try
        {
            // The token is checked before the statement, never during it (QueryCancellation).
            cancellationToken.ThrowIfCancellationRequested();
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO platform.api_client_usage AS u
                    (client_id, day, operation, requests, client_errors, server_errors, rate_limited, last_used_at)
                SELECT * FROM unnest(@clientIds, @days, @operations, @requests, @clientErrors, @serverErrors, @rateLimited, @lastUsed)
                ON CONFLICT (client_id, day, operation) DO UPDATE SET
                    requests = u.requests + EXCLUDED.requests,
                    client_errors = u.client_errors + EXCLUDED.client_errors,
                    server_errors = u.server_errors + EXCLUDED.server_errors,
                    rate_limited = u.rate_limited + EXCLUDED.rate_limited,
                    last_used_at = greatest(u.last_used_at, EXCLUDED.last_used_at)
                """,
                new
                {
                    clientIds = rows.Select(row => row.Key.ClientId).ToArray(),
                    days = rows.Select(row => row.Key.Day).ToArray(),
                    operations = rows.Select(row => row.Key.Operation).ToArray(),
                    requests = rows.Select(row => row.Value.Requests).ToArray(),
                    clientErrors = rows.Select(row => row.Value.ClientErrors).ToArray(),
                    serverErrors = rows.Select(row => row.Value.ServerErrors).ToArray(),
                    rateLimited = rows.Select(row => row.Value.RateLimited).ToArray(),
                    lastUsed = rows.Select(row => row.Value.LastUsedAt).ToArray(),
                }));
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException)
        {
            foreach (var (key, counts) in rows)
            {
                _pending.GetOrAdd(key, _ => new Counts()).Merge(counts);
            }

            logger.LogWarning(exception, "Client usage counts not saved ({Rows} rows); they wait for the next flush", rows.Count);
            throw;
        }
    }

    private readonly record struct Key(string ClientId, LocalDate Day, string Operation);

    private sealed class Counts
    {
        private readonly Lock _lock = new();

        public long Requests { get; private set; }

        public long ClientErrors { get; private set; }

        public long ServerErrors { get; private set; }

        public long RateLimited { get; private set; }

        public Instant LastUsedAt { get; private set; }

        public void Add(int statusCode, Instant at)
        {
            lock (_lock)
            {
                Requests++;
                if (statusCode == 429)
                {
                    RateLimited++;
                }
                else if (statusCode >= 500)
                {
                    ServerErrors++;
                }
                else if (statusCode >= 400)
                {
                    ClientErrors++;
                }

                LastUsedAt = at > LastUsedAt ? at : LastUsedAt;
            }
        }

        public void Merge(Counts other)
        {
            lock (_lock)
            {
                Requests += other.Requests;
                ClientErrors += other.ClientErrors;
                ServerErrors += other.ServerErrors;
                RateLimited += other.RateLimited;
                LastUsedAt = other.LastUsedAt > LastUsedAt ? other.LastUsedAt : LastUsedAt;
            }
        }
    }
}

/// <summary>Flushes <see cref="ClientUsageRecorder"/> every few seconds, and once more when the host stops.</summary>
internal sealed class ClientUsageFlusher(ClientUsageRecorder recorder, IOptions<ClientUsageOptions> options, ILogger<ClientUsageFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.FlushSeconds)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await recorder.FlushAsync(stoppingToken);
                }
                catch (NpgsqlException exception)
                {
                    logger.LogDebug(exception, "Client usage flush failed; retried on the next tick");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await recorder.FlushAsync(cancellationToken);
        }
        // A test server may dispose the data source before its hosted services have stopped.
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or ObjectDisposedException)
        {
            logger.LogWarning(exception, "Client usage counts of the last seconds were not saved at shutdown");
        }
    }
}
