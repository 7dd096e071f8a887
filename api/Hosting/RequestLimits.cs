using Kazgov.Kernel.Problems;
using Microsoft.AspNetCore.Http.Features;

namespace Kazgov.Api.Hosting;

/// <summary>
/// Refuses bodies over the configured size with a 413 problem before anything reads them.
/// Kestrel enforces the same limit for chunked bodies through IHttpMaxRequestBodySizeFeature.
/// A query value holding a NUL is refused with 400: PostgreSQL text cannot hold one, so it could
/// only end as a server error further in (Kestrel itself refuses a NUL in the path).
/// </summary>
internal sealed class RequestLimits(RequestDelegate next, long maxBodyBytes)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > maxBodyBytes)
        {
            await ProblemWriter.WriteAsync(context, PlatformProblems.PayloadTooLarge, detail: new(
                $"Сұрау денесі {maxBodyBytes} байттан аспауы керек",
                $"Тело запроса не должно превышать {maxBodyBytes} байт",
                $"The request body must not exceed {maxBodyBytes} bytes"));
            return;
        }

        if (context.Request.QueryString.HasValue && HasNul(context.Request.Query))
        {
            await ProblemWriter.WriteAsync(context, PlatformProblems.BadRequest, detail: new(
                "Сұрау жолының мәндерінде NUL таңбасы болмауы керек",
                "Значения строки запроса не должны содержать символ NUL",
                "Query string values must not contain a NUL character"));
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBodyBytes;
        }

        await next(context);
    }

    private static bool HasNul(IQueryCollection query) =>
        query.Any(pair => pair.Key.Contains('\0', StringComparison.Ordinal)
            || pair.Value.Any(value => value?.Contains('\0', StringComparison.Ordinal) == true));
}
