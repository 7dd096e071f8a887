using System.Collections.Concurrent;
using System.Data;
using System.Reflection;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Kazgov.Kernel.Data;

/// <summary>
/// The request's unit of work: one connection and at most one transaction, shared by everything
/// that runs in the request scope. Transactions nest: only the outermost scope commits, so an
/// idempotent POST and the command it wraps commit or roll back together.
/// </summary>
public sealed class DbSession(NpgsqlDataSource dataSource, ReadReplica? replica = null) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;
    private bool _replicaPreferred;
    private NpgsqlTransaction? _transaction;
    private List<Action>? _afterCommit;
    private List<(string Sql, object? Parameters)>? _deferred;

    public NpgsqlTransaction? Transaction => _transaction;

    /// <summary>
    /// Runs <paramref name="action"/> once the outermost transaction commits (at once when none is
    /// open); a rollback forgets it. For effects outside the database, such as counting metrics.
    /// </summary>
    public void AfterCommit(Action action)
    {
        if (_transaction is null)
        {
            action();
            return;
        }

        (_afterCommit ??= []).Add(action);
    }

    /// <summary>True when this request's queries run on the read replica.</summary>
    public bool OnReplica { get; private set; }

    /// <summary>
    /// For a read that tolerates data a few seconds old and writes nothing (the office directory's
    /// search): its queries go to the read replica while that is within its lag bound. Must come
    /// before the first query; a request that has begun a transaction stays on the primary.
    /// </summary>
    public void ReadFromReplica() => _replicaPreferred = true;

    /// <summary>The request's connection, with the writes deferred so far sent (a caller may run its own commands on it).</summary>
    public async Task<NpgsqlConnection> ConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken);
        await FlushAsync(cancellationToken);
        return connection;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // Tokens are checked here and never handed to Npgsql (QueryCancellation says why).
        cancellationToken.ThrowIfCancellationRequested();
        if (_connection is null)
        {
            if (_replicaPreferred && replica is { Usable: true, DataSource: { } replicaSource })
            {
                _connection = await replicaSource.OpenConnectionAsync(CancellationToken.None);
                OnReplica = true;
            }
            else
            {
                _connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            }
        }

        return _connection;
    }

    /// <summary>Begins a transaction, or joins the one already open in this request.</summary>
    public async Task<TransactionScope> BeginAsync(CancellationToken cancellationToken = default)
    {
        if (OnReplica)
        {
            throw new InvalidOperationException("A request that reads from the replica cannot begin a transaction.");
        }

        _replicaPreferred = false;
        var connection = await OpenAsync(cancellationToken);
        if (_transaction is not null)
        {
            return new TransactionScope(this, owner: false);
        }

        _transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, CancellationToken.None);
        return new TransactionScope(this, owner: true);
    }

    // Rows are read whole before they are mapped (BufferedRows): no column read blocks on the socket.
    public async Task<IEnumerable<T>> QueryAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default) =>
        await (await ConnectionAsync(cancellationToken)).QueryRowsAsync<T>(Command(sql, parameters, cancellationToken));

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default) =>
        await (await ConnectionAsync(cancellationToken)).QuerySingleRowOrDefaultAsync<T>(Command(sql, parameters, cancellationToken));

    public async Task<T> QuerySingleAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default) =>
        await (await ConnectionAsync(cancellationToken)).QuerySingleRowAsync<T>(Command(sql, parameters, cancellationToken));

    public async Task<T?> ExecuteScalarAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default) =>
        await (await ConnectionAsync(cancellationToken)).ExecuteScalarAsync<T>(Command(sql, parameters, cancellationToken));

    public async Task<int> ExecuteAsync(string sql, object? parameters = null, CancellationToken cancellationToken = default) =>
        await (await ConnectionAsync(cancellationToken)).ExecuteAsync(Command(sql, parameters, cancellationToken));

    /// <summary>
    /// A write whose result nobody reads (an audit row, an integration event, an outbox message, a stored
    /// response): inside a transaction it is queued and sent before the session's next statement or the
    /// commit, together with the other queued writes in one round trip, in the order they were queued;
    /// without a transaction it runs at once. A failing write fails that next statement or the commit,
    /// still inside the transaction. <paramref name="parameters"/>: an object whose public properties
    /// are the parameters, as for Dapper.
    /// </summary>
    public async Task ExecuteDeferredAsync(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        if (_transaction is null)
        {
            await ExecuteAsync(sql, parameters, cancellationToken);
            return;
        }

        (_deferred ??= []).Add((sql, parameters));
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_deferred is not { Count: > 0 } deferred)
        {
            return;
        }

        _deferred = null;
        if (deferred.Count == 1)
        {
            await _connection!.ExecuteAsync(Command(deferred[0].Sql, deferred[0].Parameters, cancellationToken));
            return;
        }

        await SendAsync(deferred, commit: false, cancellationToken);
    }

    /// <summary>
    /// The queued writes in one batch, and with <paramref name="commit"/> the transaction's COMMIT as its
    /// last statement: a write transaction ends in one round trip instead of two. A failing write stops
    /// the batch before the COMMIT (the server skips the rest), so the transaction is rolled back as before.
    /// </summary>
    private async Task SendAsync(List<(string Sql, object? Parameters)> deferred, bool commit, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(_connection, _transaction);
        foreach (var (sql, parameters) in deferred)
        {
            var command = new NpgsqlBatchCommand(sql);
            if (parameters is not null)
            {
                foreach (var property in PropertiesOf(parameters.GetType()))
                {
                    command.Parameters.Add(ParameterOf(property, property.GetValue(parameters)));
                }
            }

            batch.BatchCommands.Add(command);
        }

        if (commit)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        }

        cancellationToken.ThrowIfCancellationRequested();
        await batch.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    private static PropertyInfo[] PropertiesOf(Type type) =>
        Properties.GetOrAdd(type, static t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance));

    // As Dapper sends them: a null string is a text null; other values take Npgsql's default mapping
    // (NodaTime's types included, by the data source's plugin).
    private static NpgsqlParameter ParameterOf(PropertyInfo property, object? value) =>
        value is null && property.PropertyType == typeof(string)
            ? new NpgsqlParameter(property.Name, NpgsqlDbType.Text) { Value = DBNull.Value }
            : new NpgsqlParameter(property.Name, value ?? DBNull.Value);

    public async ValueTask DisposeAsync()
    {
        _deferred = null;
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(sql, parameters, _transaction);
    }

    private async Task CommitAsync()
    {
        if (_transaction is null)
        {
            return;
        }

        if (_deferred is { Count: > 0 } deferred)
        {
            // Npgsql reads the end of the transaction from the server's answer: the transaction object
            // counts as completed after the batch's COMMIT, and disposing it rolls nothing back.
            _deferred = null;
            await SendAsync(deferred, commit: true, CancellationToken.None);
        }
        else
        {
            await _transaction.CommitAsync();
        }

        await _transaction.DisposeAsync();
        _transaction = null;
        var committed = _afterCommit;
        _afterCommit = null;
        committed?.ForEach(action => action());
    }

    private async Task RollbackAsync()
    {
        if (_transaction is null)
        {
            return;
        }

        _deferred = null;
        await _transaction.RollbackAsync();
        await _transaction.DisposeAsync();
        _transaction = null;
        _afterCommit = null;
    }

    /// <summary>A begun transaction; disposing it without <see cref="CommitAsync"/> rolls back.</summary>
    public sealed class TransactionScope : IAsyncDisposable
    {
        private readonly DbSession _session;
        private readonly bool _owner;
        private bool _completed;

        internal TransactionScope(DbSession session, bool owner)
        {
            _session = session;
            _owner = owner;
        }

        public async Task CommitAsync()
        {
            _completed = true;
            if (_owner)
            {
                await _session.CommitAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            // A joined scope that fails leaves the rollback to the owner, which sees the exception too.
            if (_owner && !_completed)
            {
                await _session.RollbackAsync();
            }
        }
    }
}
