namespace Kazgov.Api.Hosting;

/// <summary>
/// Socket completions, Npgsql's reads included, continue on the socket engine's own threads (one per
/// core) instead of being queued to the thread pool. On two cores that halved a submission's CPU and
/// its p99 (build/bench/README.md, "Inline socket completions"). The runtime reads the setting once,
/// when the first socket is made, so the host sets it before anything else runs. An operator's own
/// value of the variable wins ("0" turns it off).
/// The condition it puts on the code: nothing that runs after a socket read may block on I/O or compute
/// for long. Rows are read whole before mapping (<see cref="Kernel.Data.BufferedRows"/>, kept so by an
/// architecture test); PBKDF2, PDF rendering and the synchronous migrations run on the thread pool; no
/// statement is cancelled while it runs (<see cref="ClientAbort"/>, <see cref="Kernel.Data.QueryCancellation"/>).
/// </summary>
public static class SocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static void RunInlineUnlessSet()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
