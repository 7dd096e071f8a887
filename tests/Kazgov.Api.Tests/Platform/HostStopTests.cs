using System.Diagnostics;
using Dapper;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Kernel.Data;
using Kazgov.Tests;
using Npgsql;

namespace Kazgov.Api.Tests.Platform;

/// <summary>
/// A host stopping while its integration event dispatcher's statement is in flight does not stall the
/// process. This test process runs with inline socket completions, as the host does in production
/// (api-tests.runsettings). Were the stopping token handed to Npgsql, the statement would be cancelled
/// by a synchronous cancel request, and the socket engine thread finishing the statement's read would wait
/// for it while it waited for that thread (QueryCancellation): every connection served by that thread,
/// new ones included, would hang for the cancel request's 30 s. Three hosts stop at once, so that a
/// cancelled statement meets its cancel request on one engine thread in at least one of them (one in two
/// for each, with two engine threads).
/// </summary>
public sealed class HostStopTests
{
    private const string WaitingDispatchers = """
        SELECT count(*) FROM pg_stat_activity
        WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO platform.integration_event_subscriptions%'
        """;

    [Fact]
    public async Task Stopping_hosts_whose_dispatchers_wait_on_a_statement_leave_every_connection_answering()
    {
        var hosts = Enumerable.Range(0, 3).Select(_ => new KazgovApiFactory()).ToList();
        foreach (var host in hosts)
        {
            host.CreateClient().Dispose(); // started: its integration event dispatcher polls every 500 ms
        }

        await using var blocker = new NpgsqlConnection(TestDatabase.ConnectionString);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        // Every dispatcher's round begins with an insert into this table: it now waits, statement in flight.
        await blocker.ExecuteAsync("LOCK TABLE platform.integration_event_subscriptions IN ACCESS EXCLUSIVE MODE", transaction: hold);
        await WaitUntilAsync(async () => await CountAsync(WaitingDispatchers) >= hosts.Count);
        await Task.Delay(TimeSpan.FromSeconds(1)); // every host's dispatcher has come round to it by now

        // Each stop cancels its dispatcher's token while the statement waits for the lock.
        var stops = hosts.Select(host => Task.Run(() => host.DisposeAsync().AsTask())).ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        // Eight new connections, spread over the engine threads: each must open and answer at once.
        var watch = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString + ";Pooling=false;Timeout=5");
            await connection.OpenAsync();
            return await connection.QuerySingleRowAsync<int>("SELECT 1");
        }).Select(task => task.WaitAsync(TimeSpan.FromSeconds(10))));
        var answeredIn = watch.Elapsed;

        await hold.RollbackAsync();
        answers.Should().OnlyContain(answer => answer == 1);
        answeredIn.Should().BeLessThan(TimeSpan.FromSeconds(3), "no socket engine thread is held by a cancelled statement");
        // Released, each statement ends on its own and each host finishes stopping.
        await Task.WhenAll(stops).WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        return await connection.QuerySingleRowAsync<long>(sql);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(100);
        }
    }
}
