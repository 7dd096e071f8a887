using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kazgov.Kernel.Caching;

/// <summary>
/// Holds one connection that LISTENs for reference-data changes and invalidates
/// <see cref="ReferenceDataCache"/>. Without that connection the cache is bypassed; after a reconnect
/// it starts empty, since notifications sent meanwhile are lost.
/// </summary>
public sealed class ReferenceChangeListener(NpgsqlDataSource dataSource, ReferenceDataCache cache, ILogger<ReferenceChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Statements are not cancelled by the stopping token while they run (QueryCancellation);
                // the wait is: Npgsql ends a wait without a cancel request to PostgreSQL.
                await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
                connection.Notification += (_, e) => cache.Invalidate(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ReferenceAreas.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(CancellationToken.None);
                }

                cache.SetListening(true);
                while (!stoppingToken.IsCancellationRequested)
                {
                    // A quiet connection is checked now and then: a dead one must not leave the cache trusted.
                    if (!await connection.WaitAsync(Heartbeat, stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(CancellationToken.None);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                cache.SetListening(false);
                logger.LogWarning(exception, "Reference-data change listener lost its connection; the cache is bypassed until it reconnects");
                try
                {
                    await Task.Delay(RetryDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        cache.SetListening(false);
    }
}
