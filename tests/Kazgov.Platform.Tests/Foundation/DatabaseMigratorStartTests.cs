using System.Net;
using System.Net.Sockets;
using Kazgov.Kernel.Data;
using Kazgov.Tests;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kazgov.Platform.Tests.Foundation;

/// <summary>
/// A host's start waits for a database that does not answer yet (starting, failing over) and tries
/// again, a bounded number of times: through a proxy that holds the first connections silent.
/// </summary>
public sealed class DatabaseMigratorStartTests
{
    [Fact]
    public async Task A_database_that_does_not_answer_at_first_is_tried_again_and_the_start_goes_on()
    {
        // Five seconds to connect: the silent one must time out, the forwarded ones must not, on a busy machine too.
        await using var proxy = new WithholdingProxy(withheld: 1, closeWithheld: false, timeoutSeconds: 5);
        var logger = new WarningsLogger();
        var loaded = 0;

        await new DatabaseMigrator(proxy.ConnectionString, logger, [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50)])
            .MigrateAsync([], _ => Task.FromResult(Interlocked.Increment(ref loaded)), CancellationToken.None);

        loaded.Should().Be(1, "the reference data is loaded once the database answers");
        logger.Warnings.Should().ContainSingle().Which.Should().Contain("attempt 1 of 3");
        proxy.Accepted.Should().BeGreaterThanOrEqualTo(3, "the silent one, then the database check and the gate");
    }

    [Fact]
    public async Task A_database_that_keeps_hanging_up_fails_the_start_after_the_last_attempt()
    {
        await using var proxy = new WithholdingProxy(withheld: int.MaxValue, closeWithheld: true, timeoutSeconds: 15);
        var logger = new WarningsLogger();
        var loaded = 0;

        var start = () => new DatabaseMigrator(proxy.ConnectionString, logger, [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50)])
            .MigrateAsync([], _ => Task.FromResult(Interlocked.Increment(ref loaded)), CancellationToken.None);

        // Npgsql wraps most such failures; a hang-up during the connection's start sometimes comes through as the socket's own error.
        var failure = (await start.Should().ThrowAsync<Exception>()).Which;
        (failure is NpgsqlException { IsTransient: true } or IOException).Should().BeTrue(failure.ToString());
        logger.Warnings.Should().HaveCount(2, "three attempts: two waits, then the failure");
        logger.Warnings[1].Should().Contain("attempt 2 of 3");
        proxy.Accepted.Should().BeGreaterThanOrEqualTo(3);
        loaded.Should().Be(0);
    }

    [Fact]
    public async Task A_host_waits_for_the_gate_while_another_migrates_and_stops_waiting_when_told()
    {
        await using var other = new NpgsqlConnection(TestDatabase.ConnectionString);
        await other.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(3622007)", other))
        {
            await take.ExecuteNonQueryAsync();
        }

        var loaded = 0;
        using var stopping = new CancellationTokenSource();
        var start = new DatabaseMigrator(TestDatabase.ConnectionString, new WarningsLogger())
            .MigrateAsync([], _ => Task.FromResult(Interlocked.Increment(ref loaded)), stopping.Token);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        start.IsCompleted.Should().BeFalse("the gate is another host's");

        // The wait is between statements (QueryCancellation): the stop ends it without a cancel request.
        await stopping.CancelAsync();
        var waited = () => start;
        await waited.Should().ThrowAsync<OperationCanceledException>();
        loaded.Should().Be(0);

        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(3622007)", other))
        {
            await release.ExecuteNonQueryAsync();
        }

        await new DatabaseMigrator(TestDatabase.ConnectionString, new WarningsLogger())
            .MigrateAsync([], _ => Task.FromResult(Interlocked.Increment(ref loaded)), CancellationToken.None);
        loaded.Should().Be(1, "once the gate is free the start goes on");
    }

    [Fact]
    public async Task A_database_that_answers_with_an_error_is_not_waited_for()
    {
        var wrongDatabase = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Username = "no_such_role_" + Guid.NewGuid().ToString("N")[..8] };
        var logger = new WarningsLogger();

        var start = () => new DatabaseMigrator(wrongDatabase.ConnectionString, logger, [TimeSpan.FromSeconds(30)])
            .MigrateAsync([], _ => Task.CompletedTask, CancellationToken.None);

        (await start.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be("28000", "no such role: an answer, not a silence");
        logger.Warnings.Should().BeEmpty();
    }

    [Fact]
    public async Task A_connection_lost_during_the_migrations_or_the_reference_data_runs_the_step_again()
    {
        var logger = new WarningsLogger();
        var calls = 0;

        // As DbUp reports a failed upgrade: its own exception over the provider's timeout.
        await new DatabaseMigrator(TestDatabase.ConnectionString, logger, [TimeSpan.FromMilliseconds(50)])
            .MigrateAsync(
                [],
                _ => Interlocked.Increment(ref calls) == 1
                    ? throw new InvalidOperationException("Migration of schema 'x' failed at .", new NpgsqlException("The operation has timed out", new TimeoutException()))
                    : Task.CompletedTask,
                CancellationToken.None);

        calls.Should().Be(2);
        logger.Warnings.Should().ContainSingle().Which.Should().Contain("attempt 1 of 2");
    }

    [Fact]
    public async Task A_failure_that_is_not_the_connections_fails_the_start_at_once()
    {
        var logger = new WarningsLogger();
        var calls = 0;

        var start = () => new DatabaseMigrator(TestDatabase.ConnectionString, logger, [TimeSpan.FromMilliseconds(50)])
            .MigrateAsync(
                [],
                _ => Interlocked.Increment(ref calls) == 1
                    ? throw new InvalidOperationException("Migration of schema 'x' failed at 0001_bad.sql.", new InvalidOperationException("syntax error"))
                    : Task.CompletedTask,
                CancellationToken.None);

        await start.Should().ThrowAsync<InvalidOperationException>().WithMessage("*0001_bad.sql*");
        calls.Should().Be(1);
        logger.Warnings.Should().BeEmpty();
    }

    /// <summary>
    /// Accepts connections on a port of its own: the first <c>withheld</c> are held open and never answered
    /// (a database not up yet) or closed at once (one going down), the rest are forwarded to the test database.
    /// </summary>
    private sealed class WithholdingProxy : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly List<TcpClient> _clients = [];
        private readonly NpgsqlConnectionStringBuilder _target = new(TestDatabase.ConnectionString);
        private readonly Task _accepting;
        private readonly bool _closeWithheld;
        private readonly int _timeoutSeconds;
        private int _withheld;
        private int _accepted;

        public WithholdingProxy(int withheld, bool closeWithheld, int timeoutSeconds)
        {
            (_withheld, _closeWithheld, _timeoutSeconds) = (withheld, closeWithheld, timeoutSeconds);
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public int Accepted => Volatile.Read(ref _accepted);

        /// <summary>The test database through the proxy.</summary>
        public string ConnectionString => new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString)
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port,
            Timeout = _timeoutSeconds,
        }.ConnectionString;

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                lock (_clients)
                {
                    _clients.Add(client);
                }

                Interlocked.Increment(ref _accepted);
                if (Interlocked.Decrement(ref _withheld) < 0)
                {
                    _ = ForwardAsync(client);
                }
                else if (_closeWithheld)
                {
                    client.Client.Close(0);
                }
            }
        }

        private async Task ForwardAsync(TcpClient client)
        {
            try
            {
                using var server = new TcpClient();
                await server.ConnectAsync(_target.Host!, _target.Port, _stop.Token);
                var (fromClient, fromServer) = (client.GetStream(), server.GetStream());
                await Task.WhenAny(fromClient.CopyToAsync(fromServer, _stop.Token), fromServer.CopyToAsync(fromClient, _stop.Token));
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The test is over, or a side hung up.
            }
            finally
            {
                client.Dispose();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting;
            lock (_clients)
            {
                _clients.ForEach(c => c.Dispose());
            }

            _stop.Dispose();
        }
    }

    private sealed class WarningsLogger : ILogger
    {
        private readonly List<string> _warnings = [];

        public IReadOnlyList<string> Warnings
        {
            get
            {
                lock (_warnings)
                {
                    return [.. _warnings];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                lock (_warnings)
                {
                    _warnings.Add(formatter(state, exception) + (exception is null ? "" : " — " + exception.GetBaseException().Message));
                }
            }
        }
    }
}
