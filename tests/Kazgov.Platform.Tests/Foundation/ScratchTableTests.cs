using Kazgov.Tests;
using Npgsql;

namespace Kazgov.Platform.Tests.Foundation;

/// <summary>
/// Tests of the unit of work against a table of their own in the real database: public.&lt;prefix&gt;_&lt;random&gt;
/// with one column, name text NOT NULL (plus <paramref name="constraints"/>), made before the class's
/// tests and dropped after them.
/// </summary>
public abstract class ScratchTableTests(string prefix, string constraints = "", string connectionSuffix = "") : IAsyncLifetime
{
    protected NpgsqlDataSource DataSource { get; } = new NpgsqlDataSourceBuilder(TestDatabase.ConnectionString + connectionSuffix).Build();

    protected string Table { get; } = prefix + "_" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync()
    {
        await using var command = DataSource.CreateCommand($"CREATE TABLE public.{Table} (name text NOT NULL {constraints})");
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await using (var command = DataSource.CreateCommand($"DROP TABLE public.{Table}"))
        {
            await command.ExecuteNonQueryAsync();
        }

        await DataSource.DisposeAsync();
    }
}
