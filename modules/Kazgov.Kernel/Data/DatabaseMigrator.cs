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
public sealed class DatabaseMigrator(string connectionString, ILogger logger)
{
    // DbUp works synchronously, so it runs on the thread pool (Task.Run): the code around it may continue on
    // one of the runtime's socket threads (inline completions, SocketCompletions), where a synchronous read
    // waits for that same thread. Its connections bypass the pool, so none of them is ever used both ways.
    private readonly string _unpooled = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    /// <summary>
    /// Migrates every module, then runs <paramref name="loadReferenceData"/>, both under one lock so
    /// that two hosts never load the same reference data at once.
    /// </summary>
    public async Task MigrateAsync(IEnumerable<IKazgovModule> modules, Func<CancellationToken, Task> loadReferenceData, CancellationToken cancellationToken)
    {
        await Task.Run(EnsureDatabaseExists, cancellationToken);

        // One session-level advisory lock: hosts starting side by side (tests, replicas) migrate one at a time.
        // Unpooled, the lock can never outlive this method on a pooled session.
        await using var gate = new Npgsql.NpgsqlConnection(_unpooled);
        await gate.OpenAsync(cancellationToken);
        await ExecuteAsync(gate, "SELECT pg_advisory_lock(3622007)", cancellationToken);
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

            await loadReferenceData(cancellationToken);
        }
        finally
        {
            await ExecuteAsync(gate, "SELECT pg_advisory_unlock(3622007)", CancellationToken.None);
        }
    }

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

    private static async Task ExecuteAsync(Npgsql.NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
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
