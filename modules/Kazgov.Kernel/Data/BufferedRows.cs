using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Kazgov.Kernel.Data;

/// <summary>
/// Dapper's mapping over rows that Npgsql has read whole, asynchronously. Dapper's own async queries
/// open the reader with <see cref="CommandBehavior.SequentialAccess"/> and then read each column with
/// the synchronous getters: when a row straddles Npgsql's 8 KB read buffer (a page of 51 inbox rows, a
/// batch of outbox messages) the rest is read from the socket synchronously, blocking the thread. With
/// inline socket completions (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1, build/bench/README.md)
/// that thread is one of the runtime's few socket threads, and two such reads at once stop every
/// connection of the process. Here the reader runs in the default
/// mode, where <c>ReadAsync</c> brings the whole row into memory first and the getters never do I/O.
/// Every query of the product reads its rows through these methods (an architecture test checks it).
/// </summary>
public static class BufferedRows
{
    /// <summary>Every row of the (first) result, mapped as Dapper's <c>QueryAsync&lt;T&gt;</c> maps it.</summary>
    public static async Task<List<T>> QueryRowsAsync<T>(this DbConnection connection, CommandDefinition command)
    {
        await using var reader = await connection.ExecuteReaderAsync(command.CheckedAndDetached(), CommandBehavior.Default);
        return await reader.ReadRowsAsync<T>();
    }

    /// <summary>The only row, or default when there is none; more than one is an error (as Dapper's <c>QuerySingleOrDefaultAsync</c>).</summary>
    public static async Task<T?> QuerySingleRowOrDefaultAsync<T>(this DbConnection connection, CommandDefinition command)
    {
        await using var reader = await connection.ExecuteReaderAsync(command.CheckedAndDetached(), CommandBehavior.Default);
        return await reader.ReadSingleRowOrDefaultAsync<T>();
    }

    /// <summary>The only row; none or more than one is an error (as Dapper's <c>QuerySingleAsync</c>).</summary>
    public static async Task<T> QuerySingleRowAsync<T>(this DbConnection connection, CommandDefinition command)
    {
        await using var reader = await connection.ExecuteReaderAsync(command.CheckedAndDetached(), CommandBehavior.Default);
        if (!await reader.ReadAsync(CancellationToken.None))
        {
            throw new InvalidOperationException("Sequence contains no elements");
        }

        return (await reader.ReadSingleRowOrDefaultAsync<T>(alreadyRead: true, CancellationToken.None))!;
    }

    /// <summary>The first row, or default when there is none (as Dapper's <c>QueryFirstOrDefaultAsync</c>).</summary>
    public static async Task<T?> QueryFirstRowOrDefaultAsync<T>(this DbConnection connection, CommandDefinition command)
    {
        await using var reader = await connection.ExecuteReaderAsync(command.CheckedAndDetached(), CommandBehavior.Default);
        return await reader.ReadAsync(CancellationToken.None) ? ParserOf<T>(reader)(reader) : default;
    }

    /// <inheritdoc cref="QueryRowsAsync{T}(DbConnection, CommandDefinition)"/>
    public static Task<List<T>> QueryRowsAsync<T>(this DbConnection connection, string sql, object? parameters = null) =>
        connection.QueryRowsAsync<T>(new CommandDefinition(sql, parameters));

    /// <inheritdoc cref="QuerySingleRowAsync{T}(DbConnection, CommandDefinition)"/>
    public static Task<T> QuerySingleRowAsync<T>(this DbConnection connection, string sql, object? parameters = null) =>
        connection.QuerySingleRowAsync<T>(new CommandDefinition(sql, parameters));

    /// <inheritdoc cref="QueryFirstRowOrDefaultAsync{T}(DbConnection, CommandDefinition)"/>
    public static Task<T?> QueryFirstRowOrDefaultAsync<T>(this DbConnection connection, string sql, object? parameters = null) =>
        connection.QueryFirstRowOrDefaultAsync<T>(new CommandDefinition(sql, parameters));

    /// <summary>A reader over several results (statements separated by ';'), each read with the methods below.</summary>
    public static Task<DbDataReader> QueryResultsAsync(this DbConnection connection, CommandDefinition command) =>
        connection.ExecuteReaderAsync(command.CheckedAndDetached(), CommandBehavior.Default);

    /// <summary>
    /// Every row of the reader's current result; then moves to the next result. The token is checked
    /// before reading, never handed to Npgsql (<see cref="QueryCancellation"/>), as in every method here.
    /// </summary>
    public static async Task<List<T>> ReadRowsAsync<T>(this DbDataReader reader, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rows = new List<T>();
        if (await reader.ReadAsync(CancellationToken.None))
        {
            var parse = ParserOf<T>(reader);
            do
            {
                rows.Add(parse(reader));
            }
            while (await reader.ReadAsync(CancellationToken.None));
        }

        await reader.NextResultAsync(CancellationToken.None);
        return rows;
    }

    /// <summary>The only row of the reader's current result, or default; then moves to the next result.</summary>
    public static Task<T?> ReadSingleRowOrDefaultAsync<T>(this DbDataReader reader, CancellationToken cancellationToken = default) =>
        reader.ReadSingleRowOrDefaultAsync<T>(alreadyRead: false, cancellationToken);

    private static async Task<T?> ReadSingleRowOrDefaultAsync<T>(this DbDataReader reader, bool alreadyRead, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var value = default(T);
        if (alreadyRead || await reader.ReadAsync(CancellationToken.None))
        {
            value = ParserOf<T>(reader)(reader);
            if (await reader.ReadAsync(CancellationToken.None))
            {
                throw new InvalidOperationException("Sequence contains more than one element");
            }
        }

        await reader.NextResultAsync(CancellationToken.None);
        return value;
    }

    /// <summary>
    /// Dapper's mapping of the current result's rows to <typeparamref name="T"/> (a class, a value tuple or
    /// a single column's value), converted as Dapper's Query converts it (a bigint column to an int, say).
    /// </summary>
    public static Func<DbDataReader, T> ParserOf<T>(DbDataReader reader, int length = -1)
    {
        var parse = reader.GetRowParser(typeof(T), length: length);
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return row => parse(row) switch
        {
            null or DBNull => default!,
            T value => value,
            var other when target.IsEnum => (T)Enum.ToObject(target, other),
            var other => (T)Convert.ChangeType(other, target, CultureInfo.InvariantCulture),
        };
    }
}
