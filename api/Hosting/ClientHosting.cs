using Microsoft.Extensions.FileProviders;

namespace Kazgov.Api.Hosting;

/// <summary>
/// Serves the built front-office app (client/dist) from the API host, so that one URL opens both:
/// static files, and index.html for any other GET that the SPA routes itself. Paths of the API
/// and of the host's own pages (/api, /openapi, /swagger, /health, /dev, /metrics) never fall back, so an
/// unknown API route still answers a 404 problem. Without a built client the host runs without it.
/// </summary>
internal static class ClientHosting
{
    public const string DistPathKey = "Client:DistPath";

    private static readonly string[] HostPrefixes = ["/api", "/openapi", "/swagger", "/health", "/dev", "/metrics"];

    /// <summary>Call after UseRouting: files and the fallback apply only where no endpoint matched.</summary>
    public static void UseKazgovClient(this WebApplication app)
    {
        var dist = DistPath(app.Configuration, app.Environment);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientHosting));
        if (!File.Exists(Path.Combine(dist, "index.html")))
        {
            logger.LogInformation("No built client in {DistPath}; serving the API only", dist);
            return;
        }

        logger.LogInformation("Serving the front-office app from {DistPath}", dist);
        var files = new PhysicalFileProvider(dist);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // Vite fingerprints everything under assets/; the rest must be revalidated.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                context.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal)
                    ? "public, max-age=31536000, immutable"
                    : "no-cache",
        });
        app.Use(async (context, next) =>
        {
            if (!IsSpaRoute(context))
            {
                await next(context);
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.SendFileAsync(files.GetFileInfo("index.html"), context.RequestAborted);
        });
    }

    /// <summary>Client:DistPath, else client/dist beside the content root (api/).</summary>
    public static string DistPath(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[DistPathKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, environment.ContentRootPath);
        }

        var parent = Directory.GetParent(Path.TrimEndingDirectorySeparator(environment.ContentRootPath))?.FullName
            ?? environment.ContentRootPath;
        return Path.Combine(parent, "client", "dist");
    }

    private static bool IsSpaRoute(HttpContext context)
    {
        var request = context.Request;
        if (context.GetEndpoint() is not null || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            return false;
        }

        var path = request.Path;
        if (HostPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        // A missing file (/assets/gone.js, /favicon.ico) is a 404, not the app's page.
        return !Path.HasExtension(path.Value);
    }
}
