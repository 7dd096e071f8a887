using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kazgov.Kernel.Http;

/// <summary>
/// Every request carries a correlation id: the caller's X-Correlation-Id when it is sane,
/// otherwise a new one. It is echoed in the response, put into every log scope and into
/// problem documents, so one id ties a complaint to the logs.
/// </summary>
public static partial class CorrelationId
{
    public const string HeaderName = "X-Correlation-Id";
    private const string ItemKey = "kazgov.correlation-id";

    public static string Of(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) && value is string id ? id : context.TraceIdentifier;

    public static async Task Middleware(HttpContext context, Func<Task> next)
    {
        var incoming = context.Request.Headers[HeaderName].ToString();
        var id = SafeId().IsMatch(incoming) ? incoming : Guid.NewGuid().ToString("N");
        context.Items[ItemKey] = id;
        context.Response.Headers[HeaderName] = id;

        var logger = context.RequestServices.GetService(typeof(ILogger<CorrelationIdMarker>)) as ILogger;
        using (logger?.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next();
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex SafeId();

    /// <summary>Category for the correlation scope.</summary>
    public sealed class CorrelationIdMarker;
}
