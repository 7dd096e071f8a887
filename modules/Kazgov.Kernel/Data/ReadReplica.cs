using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kazgov.Kernel.Data;

/// <summary>
/// The streaming replica, when ConnectionStrings:KazgovReplica names one. Reads that tolerate
/// staleness (<see cref="DbSession.ReadFromReplica"/>) go there while its replay lag is within
/// <see cref="MaxLag"/>; otherwise, and whenever it cannot be reached, they go to the primary.
/// </summary>
public sealed class ReadReplica(NpgsqlDataSource? dataSource, TimeSpan maxLag) : IAsyncDisposable
{
    private volatile bool _usable;
    private double _lagSeconds = double.NaN;

    public NpgsqlDataSource? DataSource => dataSource;

    public TimeSpan MaxLag => maxLag;

    /// <summary>True when the last check found the replica reachable and at most <see cref="MaxLag"/> behind.</summary>
    public bool Usable => dataSource is not null && _usable;

    /// <summary>The replay lag the last check measured (NaN before the first, or when unreachable).</summary>
    public double LagSeconds => Volatile.Read(ref _lagSeconds);

    internal void Record(double? lagSeconds)
    {
        Volatile.Write(ref _lagSeconds, lagSeconds ?? double.NaN);
        _usable = lagSeconds is { } lag && lag <= maxLag.TotalSeconds;
    }

    public async ValueTask DisposeAsync()
    {
        if (dataSource is not null)
        {
            await dataSource.DisposeAsync();
        }
    }
}

/// <summary>
/// Measures the replica's lag twice a second: zero when it has replayed all it received, else the age
/// of the last transaction it replayed (an idle primary sends nothing, so that age alone would mislead).
/// </summary>
public sealed class ReplicaLagMonitor(ReadReplica replica, ILogger<ReplicaLagMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (replica.DataSource is null)
        {
            return;
        }

        var wasUsable = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var command = replica.DataSource.CreateCommand(
                    """
                    SELECT CASE WHEN NOT pg_is_in_recovery() THEN NULL
                                WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                                ELSE coalesce(extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()), 0) END::float8
                    """);
                command.CommandTimeout = 2;
                // Not cancelled by the stopping token while it runs (QueryCancellation): it lasts 2 s at most.
                replica.Record(await command.ExecuteScalarAsync(CancellationToken.None) as double?);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                replica.Record(null);
                logger.LogDebug(exception, "The read replica could not be checked");
            }

            if (replica.Usable != wasUsable)
            {
                wasUsable = replica.Usable;
                logger.LogWarning("Read replica {State} (lag {Lag:0.0} s, bound {Bound} s)", wasUsable ? "in use" : "set aside", replica.LagSeconds, replica.MaxLag.TotalSeconds);
            }

            try
            {
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
