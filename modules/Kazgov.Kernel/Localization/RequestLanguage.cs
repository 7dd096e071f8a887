using Microsoft.AspNetCore.Http;

namespace Kazgov.Kernel.Localization;

public static class RequestLanguage
{
    /// <summary>The language of the current request, from its Accept-Language header.</summary>
    public static Language Of(HttpContext context) =>
        LanguageCodes.FromAcceptLanguage(context.Request.Headers.AcceptLanguage.ToString());
}
