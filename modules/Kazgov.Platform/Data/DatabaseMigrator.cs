using System.Reflection;
using DbUp;
using DbUp.Engine.Output;
using Kazgov.Platform.Modules;
using Microsoft.Extensions.Logging;

namespace Kazgov.Platform.Data;

/// <summary>
/// Applies the SQL migrations of every module (the platform kernel is the first), each into its
/// own schema with its own journal table, in the host's module order. Scripts are embedded
/// resources under a module's Migrations/ folder, named NNNN_what.sql, and never edited once
/// they have shipped.
/// </summary>
public sealed class DatabaseMigrator(string connectionString, ILogger logger)
{
    public void Migrate(IEnumerable<IKazgovModule> modules)
    {
        EnsureDatabase.For.PostgresqlDatabase(connectionString, new LogAdapter(logger));
        // One session-level advisory lock: hosts starting side by side (tests, replicas) migrate one at a time.
        // Unpooled: closing a pooled connection keeps its session (and so the lock) alive in the pool,
        // and the next host in the same process (API tests start several) would wait on it forever.
        using var gate = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        gate.Open();
        using (var lockCommand = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(3622007)", gate))
        {
            lockCommand.ExecuteNonQuery();
        }

        foreach (var module in modules)
        {
            Apply(module.Schema, module.GetType().Assembly);
        }
    }

    private void Apply(string schema, Assembly assembly)
    {
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(connectionString, schema)
            .WithScriptsEmbeddedInAssembly(assembly, name => name.Contains(".Migrations.", StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .JournalToPostgresqlTable(schema, "schema_versions")
            .WithTransactionPerScript()
            .LogTo(new LogAdapter(logger))
            .Build();

        // DbUp journals into the schema, so it must exist before the first script runs.
        using (var connection = new Npgsql.NpgsqlConnection(connectionString))
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
