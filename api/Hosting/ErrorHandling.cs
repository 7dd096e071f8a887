using System.Text.Json;
using Kazgov.Kernel.Problems;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Kazgov.Api.Hosting;

/// <summary>
/// Every error leaves the API as an RFC 9457 problem in the caller's language, never as an
/// HTML page or an empty body: thrown problems, framework errors (bad JSON, wrong content type,
/// oversized body), and bare status codes (unknown route 404, wrong method 405).
/// </summary>
internal static class ErrorHandling
{
    /// <summary>What a caller is told to wait while the database is away: about as long as a restart takes.</summary>
    private const int DatabaseRetryAfterSeconds = 5;

    public static void UseProblemResponses(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = HandleExceptionAsync,
            // A status-code-only exception must not be rewritten to 404 by the framework.
            StatusCodeSelector = _ => StatusCodes.Status500InternalServerError,
            // A problem is an answer to the caller, not a fault: no "unhandled exception" error log for it.
            // The database being away is logged once, as a warning, below.
            SuppressDiagnosticsCallback = context => context.Exception is ProblemException or BadHttpRequestException || IsDatabaseUnavailable(context.Exception),
        });
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            if (response.HasStarted || response.ContentLength > 0 || !string.IsNullOrEmpty(response.ContentType))
            {
                return;
            }

            await ProblemWriter.WriteAsync(context.HttpContext, PlatformProblems.ForStatus(response.StatusCode));
        });
    }

    private static async Task HandleExceptionAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Clear();
        switch (exception)
        {
            case ProblemException problem:
                // A problem that says when to come back (rate limits, locked accounts) says it in the header too.
                if (problem.Extensions.TryGetValue("retryAfterSeconds", out var retryAfter) && retryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = Convert.ToString(retryAfter, System.Globalization.CultureInfo.InvariantCulture);
                }

                await ProblemWriter.WriteAsync(context, problem);
                break;
            case BadHttpRequestException badRequest when badRequest.InnerException is JsonException:
                await ProblemWriter.WriteAsync(context, PlatformProblems.MalformedJson, detail: new(
                    "JSON талдау қатесі: " + badRequest.InnerException.Message,
                    "Ошибка разбора JSON: " + badRequest.InnerException.Message,
                    "JSON parse error: " + badRequest.InnerException.Message));
                break;
            case BadHttpRequestException badRequest:
                await ProblemWriter.WriteAsync(context, PlatformProblems.ForStatus(badRequest.StatusCode));
                break;
            case JsonException json:
                await ProblemWriter.WriteAsync(context, PlatformProblems.MalformedJson, detail: new(
                    "JSON талдау қатесі: " + json.Message,
                    "Ошибка разбора JSON: " + json.Message,
                    "JSON parse error: " + json.Message));
                break;
            case InvalidDataException:
                // A form body the reader refuses (a NUL or another control character, too many or too long
                // fields) is the caller's mistake, not the server's.
                await ProblemWriter.WriteAsync(context, PlatformProblems.BadRequest, detail: new(
                    "Сұрау денесін оқу мүмкін емес: форма мәндерінде рұқсат етілмеген таңбалар бар немесе шектеулер асып кеткен",
                    "Тело запроса не читается: в значениях формы недопустимые символы или превышены ограничения",
                    "The request body cannot be read: the form values contain characters that are not allowed or exceed the limits"));
                break;
            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                // The caller went away; nobody is left to read an answer.
                context.Response.StatusCode = 499;
                break;
            case Exception when IsDatabaseUnavailable(exception):
                // The database is restarting, unreachable or out of connections: nothing was committed,
                // and the same request (with its Idempotency-Key) may simply be sent again shortly.
                context.RequestServices.GetRequiredService<ILogger<ExceptionHandlerOptions>>()
                    .LogWarning("The database is unavailable on {Method} {Path}: {Error}", context.Request.Method, context.Request.Path, exception!.Message);
                context.Response.Headers.RetryAfter = DatabaseRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ProblemWriter.WriteAsync(
                    context,
                    PlatformProblems.ServiceUnavailable,
                    detail: new(
                        "Дерекқор уақытша қолжетімсіз; сұрауды біраздан кейін қайталаңыз",
                        "База данных временно недоступна; повторите запрос немного позже",
                        "The database is temporarily unavailable; send the request again shortly"),
                    extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = DatabaseRetryAfterSeconds });
                break;
            default:
                context.RequestServices.GetRequiredService<ILogger<ExceptionHandlerOptions>>()
                    .LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
                await ProblemWriter.WriteAsync(context, PlatformProblems.InternalError);
                break;
        }
    }

    /// <summary>
    /// A failure of the database itself rather than of the request: it cannot be reached, it is
    /// shutting down or starting up, or a connection broke mid-statement (Npgsql marks these transient).
    /// </summary>
    internal static bool IsDatabaseUnavailable(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
