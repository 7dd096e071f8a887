using Dapper;

namespace Kazgov.Kernel.Data;

/// <summary>
/// A cancellation token is checked before a statement is sent and never handed to Npgsql, so a
/// statement in flight is never cancelled. Why: Npgsql cancels a running statement from the thread
/// that cancels the token, by a second connection to PostgreSQL with synchronous socket calls. Under
/// inline socket completions (api/Hosting/SocketCompletions.cs) the statement's own read finishes on a
/// socket engine thread, which then waits for that cancellation to return, while the cancellation's
/// synchronous calls wait for the engine thread: every connection served by that thread stalls until
/// the cancel request times out (30 s). Seen when a host stopped with a dispatcher's query in flight.
/// Statements end on their own within the command timeout; a cancelled token stops the next one.
/// </summary>
public static class QueryCancellation
{
    /// <summary>
    /// The command without its token, after checking it: throws <see cref="OperationCanceledException"/>
    /// when the token is already cancelled, so nothing is sent.
    /// </summary>
    public static CommandDefinition CheckedAndDetached(this CommandDefinition command)
    {
        command.CancellationToken.ThrowIfCancellationRequested();
        return command.CancellationToken.CanBeCanceled
            ? new CommandDefinition(command.CommandText, command.Parameters, command.Transaction, command.CommandTimeout, command.CommandType, command.Flags)
            : command;
    }
}
