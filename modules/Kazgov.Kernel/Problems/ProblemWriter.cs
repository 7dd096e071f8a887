using System.Text.Json;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Microsoft.AspNetCore.Http;

namespace Kazgov.Kernel.Problems;

/// <summary>Writes RFC 9457 problem documents in the caller's language.</summary>
public static class ProblemWriter
{
    public const string ContentType = "application/problem+json";

    public static Dictionary<string, object?> Build(
        HttpContext context,
        ProblemType type,
        LocalizedText? detail = null,
        IReadOnlyDictionary<string, IReadOnlyList<LocalizedText>>? errors = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var language = RequestLanguage.Of(context);
        var body = new Dictionary<string, object?>
        {
            ["type"] = type.TypeUri,
            ["title"] = type.Title.In(language),
            ["status"] = type.Status,
            ["detail"] = (detail ?? type.Title).In(language),
            ["instance"] = context.Request.Path.Value,
            ["code"] = type.Code,
            ["correlationId"] = CorrelationId.Of(context),
        };
        if (errors is { Count: > 0 })
        {
            body["errors"] = errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m.In(language)).ToArray());
        }

        if (extensions is not null)
        {
            // An extension never replaces a member of the problem itself: a client branches on `code`.
            foreach (var (key, value) in extensions)
            {
                body.TryAdd(key, value);
            }
        }

        return body;
    }

    public static async Task WriteAsync(
        HttpContext context,
        ProblemType type,
        LocalizedText? detail = null,
        IReadOnlyDictionary<string, IReadOnlyList<LocalizedText>>? errors = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var body = Build(context, type, detail, errors, extensions);
        context.Response.StatusCode = type.Status;
        context.Response.ContentType = ContentType;
        context.Response.Headers.ContentLanguage = RequestLanguage.Of(context).ToCode();
        await JsonSerializer.SerializeAsync(context.Response.Body, body, PlatformJson.Options, context.RequestAborted);
    }

    public static Task WriteAsync(HttpContext context, ProblemException problem) =>
        WriteAsync(context, problem.Type, problem.Detail, problem.Errors, problem.Extensions);
}
