using Kazgov.Kernel.Problems;
using Microsoft.AspNetCore.Http.Features;

namespace Kazgov.Api.Hosting;

/// <summary>
/// Refuses bodies over the configured size with a 413 problem before anything reads them.
/// Kestrel enforces the same limit for chunked bodies through IHttpMaxRequestBodySizeFeature.
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

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBodyBytes;
        }

        await next(context);
    }
}
