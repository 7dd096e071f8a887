using Kazgov.Kernel.Data;
using Kazgov.Tests;
using Npgsql;

namespace Kazgov.Platform.Tests.Foundation;

/// <summary>
/// The unit of work's deferred writes: queued in the transaction, sent with its COMMIT in one batch,
/// and lost with the transaction when one of them fails. One pooled connection, so a connection left
/// in a broken transaction would show in the next session.
/// </summary>
public sealed class DbSessionTests() : ScratchTableTests("session", "UNIQUE", ";Maximum Pool Size=1")
{
    [Fact]
    public async Task Deferred_writes_are_sent_with_the_commit_and_the_after_commit_actions_run()
    {
        var committed = false;
        await using (var session = new DbSession(DataSource))
        {
            await using var transaction = await session.BeginAsync();
            await session.ExecuteAsync($"INSERT INTO public.{Table} (name) VALUES ('direct')");
            await session.ExecuteDeferredAsync(InsertName, new { name = "first" });
            await session.ExecuteDeferredAsync(InsertName, new { name = "second" });
            session.AfterCommit(() => committed = true);

            (await CountOutsideAsync()).Should().Be(0, "nothing is visible before the commit");
            await transaction.CommitAsync();
        }

        committed.Should().BeTrue();
        (await NamesAsync()).Should().Equal("direct", "first", "second");
    }

    [Fact]
    public async Task A_single_deferred_write_is_committed_too()
    {
        await using (var session = new DbSession(DataSource))
        {
            await CommitDeferredAsync(session, "only");
        }

        (await NamesAsync()).Should().Equal("only");
    }

    [Fact]
    public async Task A_deferred_write_that_fails_at_the_commit_rolls_the_whole_transaction_back()
    {
        var committed = false;
        await using (var session = new DbSession(DataSource))
        {
            var act = async () =>
            {
                await using var transaction = await session.BeginAsync();
                await session.ExecuteAsync($"INSERT INTO public.{Table} (name) VALUES ('direct')");
                await session.ExecuteDeferredAsync(InsertName, new { name = "twice" });
                await session.ExecuteDeferredAsync(InsertName, new { name = "twice" });
                session.AfterCommit(() => committed = true);
                await transaction.CommitAsync();
            };

            (await act.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
        }

        committed.Should().BeFalse();
        (await NamesAsync()).Should().BeEmpty("the direct insert went with the failed batch");

        // The pool's one connection is usable, and a new transaction on it commits only its own write.
        await using (var next = new DbSession(DataSource))
        {
            await CommitDeferredAsync(next, "after");
        }

        (await NamesAsync()).Should().Equal("after");
    }

    [Fact]
    public async Task A_session_after_a_batched_commit_begins_a_new_transaction_on_the_same_connection()
    {
        await using (var session = new DbSession(DataSource))
        {
            await CommitDeferredAsync(session, "one");

            await using (var transaction = await session.BeginAsync())
            {
                await session.ExecuteDeferredAsync(InsertName, new { name = "two" });
                // Disposed without a commit: the second transaction's write is rolled back.
            }
        }

        (await NamesAsync()).Should().Equal("one");
    }

    [Fact]
    public async Task A_token_cancelled_while_a_statement_runs_does_not_cancel_it()
    {
        // Npgsql would cancel it from the cancelling thread with synchronous socket calls, which under
        // inline socket completions stall the process (QueryCancellation): the statement ends on its own.
        await using var session = new DbSession(DataSource);
        using var stopping = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var rows = await session.QueryAsync<int>("SELECT 7 FROM pg_sleep(0.5)", cancellationToken: stopping.Token);

        stopping.IsCancellationRequested.Should().BeTrue();
        rows.Should().Equal(7);
    }

    [Fact]
    public async Task A_token_cancelled_before_a_statement_stops_it_and_nothing_is_written()
    {
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();
        await using (var session = new DbSession(DataSource))
        {
            var act = () => session.ExecuteAsync(InsertName, new { name = "never" }, stopped.Token);
            await act.Should().ThrowAsync<OperationCanceledException>();

            await using var transaction = await session.BeginAsync();
            await session.ExecuteDeferredAsync(InsertName, new { name = "deferred" });
            var read = () => session.QueryAsync<string>($"SELECT name FROM public.{Table}", cancellationToken: stopped.Token);
            await read.Should().ThrowAsync<OperationCanceledException>();
        }

        (await CountOutsideAsync()).Should().Be(0);
    }

    private string InsertName => $"INSERT INTO public.{Table} (name) VALUES (@name)";

    /// <summary>One deferred insert in a transaction of its own, committed.</summary>
    private async Task CommitDeferredAsync(DbSession session, string name)
    {
        await using var transaction = await session.BeginAsync();
        await session.ExecuteDeferredAsync(InsertName, new { name });
        await transaction.CommitAsync();
    }

    private async Task<long> CountOutsideAsync()
    {
        // The data source's only connection is the session's: count on a connection of its own.
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM public.{Table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> NamesAsync()
    {
        await using var command = DataSource.CreateCommand($"SELECT name FROM public.{Table} ORDER BY name = 'direct' DESC, name");
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
