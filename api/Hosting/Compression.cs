using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Kazgov.Api.Hosting;

/// <summary>
/// Brotli or gzip for answers the browser or integrator accepts compressed (the catalogue's JSON is
/// ~85 % smaller). Optimal level (Brotli quality 4, gzip 6): Fastest saves only half the bytes. The client's
/// built assets are compressed once at build time instead (ClientHosting). The token endpoints are left
/// out: a secret in a compressed body beside caller-chosen input is what BREACH-style attacks measure.
/// </summary>
internal static class Compression
{
    public static void AddKazgovCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Credentials travel in the Authorization header, never in cookies, so a cross-site page
            // cannot make an authenticated request whose compressed size it could observe.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes =
            [
                "application/json", "application/problem+json", "text/html", "text/plain", "text/csv", "text/css",
                "text/javascript", "application/javascript", "image/svg+xml",
            ];
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
    }

    public static void UseKazgovCompression(this WebApplication app) =>
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api/v1/auth", StringComparison.OrdinalIgnoreCase),
            branch => branch.UseResponseCompression());
}
