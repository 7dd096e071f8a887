namespace Kazgov.Api.Hosting;

/// <summary>
/// A request's work is not cancelled when its client goes away: everything after this middleware sees
/// <see cref="HttpContext.RequestAborted"/> as <see cref="CancellationToken.None"/>, and the work
/// finishes (or fails) on its own, within the database's command timeout.
/// Why: under inline socket completions (<see cref="SocketCompletions"/>) a query cancelled mid-read
/// stops the whole host. Npgsql cancels by opening a second connection to PostgreSQL with synchronous
/// socket calls, which wait for a socket engine thread; that thread, finishing the query's own read,
/// waits for the cancellation callback to return. Seen as a host serving nothing after wrk closed its
/// connections mid-request (build/bench/README.md, "A client that leaves mid-request").
/// It also means a client that gives up mid-submission leaves a whole result, which its retry with the
/// same Idempotency-Key gets back. The token is put back on the way out, so the error handler still
/// answers 499 for a caller who left.
/// </summary>
public static class ClientAbort
{
    public static async Task Middleware(HttpContext context, RequestDelegate next)
    {
        var aborted = context.RequestAborted;
        context.RequestAborted = CancellationToken.None;
        try
        {
            await next(context);
        }
        finally
        {
            context.RequestAborted = aborted;
        }
    }
}
