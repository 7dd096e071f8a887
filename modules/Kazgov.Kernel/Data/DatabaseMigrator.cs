using System.Reflection;
using DbUp;
using DbUp.Engine.Output;
using Kazgov.Kernel.Modules;
using Microsoft.Extensions.Logging;

namespace Kazgov.Kernel.Data;

/// <summary>
/// Applies the SQL migrations of every module (the platform kernel is the first), each into its
/// own schema with its own journal table, in the host's module order. Scripts are embedded
/// resources under a module's Migrations/ folder, named NNNN_what.sql, and never edited once
/// they have shipped.
/// </summary>
/// <param name="connectionString">The database's.</param>
/// <param name="logger">Where DbUp's progress and the start's retries are written.</param>
/// <param name="retryDelays">The waits between attempts to reach the database; <see cref="DefaultRetryDelays"/> unless given.</param>
public sealed class DatabaseMigrator(string connectionString, ILogger logger, IReadOnlyList<TimeSpan>? retryDelays = null)
{
    /// <summary>
    /// A host started while PostgreSQL is starting, failing over or briefly unreachable waits for it
    /// (15 s in all, besides each attempt's connection timeout) instead of exiting on the first refused
    /// or unanswered connection. A database that answers with an error (a wrong password) is not waited for.
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];

    // How often a host waiting for another's migrations asks for the gate again.
    private static readonly TimeSpan GateRetryDelay = TimeSpan.FromMilliseconds(100);

    // DbUp works synchronously, so it runs on the thread pool (Task.Run): the code around it may continue on
    // one of the runtime's socket threads (inline completions, SocketCompletions), where a synchronous read
    // waits for that same thread. Its connections bypass the pool, so none of them is ever used both ways.
    private readonly string _unpooled = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    /// <summary>
    /// Migrates every module, then runs <paramref name="loadReferenceData"/>, both under one lock so
    /// that two hosts never load the same reference data at once. A transient failure on the way (the
    /// database refusing, closing or not answering a connection) starts the whole step again after the
    /// next of <see cref="DefaultRetryDelays"/>: a script's transaction is rolled back, and the journal
    /// and the reference data's upserts make a second pass safe.
    /// </summary>
    public async Task MigrateAsync(IEnumerable<IKazgovModule> modules, Func<CancellationToken, Task> loadReferenceData, CancellationToken cancellationToken)
    {
        var delays = retryDelays ?? DefaultRetryDelays;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await MigrateOnceAsync(modules, loadReferenceData, cancellationToken);
                return;
            }
            catch (Exception exception) when (IsUnreachable(exception) && attempt < delays.Count)
            {
                logger.LogWarning(
                    exception,
                    "The database did not answer at start (attempt {Attempt} of {Attempts}); trying again in {Delay}",
                    attempt + 1,
                    delays.Count + 1,
                    delays[attempt]);
                await Task.Delay(delays[attempt], cancellationToken);
            }
        }
    }

    private async Task MigrateOnceAsync(IEnumerable<IKazgovModule> modules, Func<CancellationToken, Task> loadReferenceData, CancellationToken cancellationToken)
    {
        await Task.Run(EnsureDatabaseExists, cancellationToken);

        // One session-level advisory lock: hosts starting side by side (tests, replicas) migrate one at a time.
        // Unpooled, the lock can never outlive this method on a pooled session.
        // The host may be told to stop while it waits: it waits between statements, never inside one
        // (QueryCancellation), so a stop does not cancel a statement in flight.
        await using var gate = new Npgsql.NpgsqlConnection(_unpooled);
        await gate.OpenAsync(CancellationToken.None);
        while (!await TryLockAsync(gate))
        {
            await Task.Delay(GateRetryDelay, cancellationToken);
        }

        try
        {
            await Task.Run(
                () =>
                {
                    foreach (var module in modules)
                    {
                        Apply(module.Schema, module.GetType().Assembly, module.MigrationsNamespace + ".");
                    }
                },
                cancellationToken);

            cancellationToken.ThrowIfCancellationRequested();
            await loadReferenceData(CancellationToken.None);
        }
        finally
        {
            // A broken gate connection has ended its session, and the lock with it.
            if (gate.State == System.Data.ConnectionState.Open)
            {
                await using var unlock = new Npgsql.NpgsqlCommand("SELECT pg_advisory_unlock(3622007)", gate);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }

    // Npgsql's own transient failures, and the socket errors it sometimes lets through unwrapped when the
    // other side hangs up during the connection's start; DbUp reports a failed upgrade over the provider's error.
    private static bool IsUnreachable(Exception? exception) => exception switch
    {
        null => false,
        Npgsql.NpgsqlException { IsTransient: true } or IOException or System.Net.Sockets.SocketException or TimeoutException => true,
        Npgsql.NpgsqlException => false,
        _ => IsUnreachable(exception.InnerException),
    };

    private void EnsureDatabaseExists()
    {
        try
        {
            EnsureDatabase.For.PostgresqlDatabase(_unpooled, new LogAdapter(logger));
        }
        catch (Npgsql.PostgresException exception) when (exception.SqlState is "42P04" or "23505")
        {
            // Another host created the database between DbUp's check and its CREATE DATABASE.
        }
    }

    private static async Task<bool> TryLockAsync(Npgsql.NpgsqlConnection gate)
    {
        await using var command = new Npgsql.NpgsqlCommand("SELECT pg_try_advisory_lock(3622007)", gate);
        return (bool)(await command.ExecuteScalarAsync(CancellationToken.None))!;
    }

    private void Apply(string schema, Assembly assembly, string scriptPrefix)
    {
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(_unpooled, schema)
            .WithScriptsEmbeddedInAssembly(assembly, name => name.StartsWith(scriptPrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .JournalToPostgresqlTable(schema, "schema_versions")
            .WithTransactionPerScript()
            .LogTo(new LogAdapter(logger))
            .Build();

        // DbUp journals into the schema, so it must exist before the first script runs.
        using (var connection = new Npgsql.NpgsqlConnection(_unpooled))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE SCHEMA IF NOT EXISTS \"{schema}\"";
            command.ExecuteNonQuery();
        }

        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration of schema '{schema}' failed at {result.ErrorScript?.Name}.", result.Error);
        }
    }

    /// <summary>DbUp logs with string.Format templates; they are rendered before they reach the structured logger.</summary>
    private sealed class LogAdapter(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace("{DbUp}", Render(format, args));

        public void LogDebug(string format, params object[] args) => logger.LogDebug("{DbUp}", Render(format, args));

        public void LogInformation(string format, params object[] args) => logger.LogInformation("{DbUp}", Render(format, args));

        public void LogWarning(string format, params object[] args) => logger.LogWarning("{DbUp}", Render(format, args));

        public void LogError(string format, params object[] args) => logger.LogError("{DbUp}", Render(format, args));

        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, "{DbUp}", Render(format, args));

        private static string Render(string format, object[] args) =>
            args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
    }
}
