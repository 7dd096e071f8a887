using Microsoft.AspNetCore.StaticFiles;
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
        // The client build writes .br and .gz beside each asset (client/scripts/precompress.mjs): sent
        // as they are to a browser that accepts them, so nothing is compressed per request.
        var contentTypes = new FileExtensionContentTypeProvider();
        app.Use(async (context, next) =>
        {
            if (PreCompressed(context, files) is not { } variant || !contentTypes.TryGetContentType(context.Request.Path.Value!, out var contentType))
            {
                await next(context);
                return;
            }

            var response = context.Response;
            response.ContentType = contentType;
            response.Headers.ContentEncoding = variant.Encoding;
            response.Headers.Vary = "Accept-Encoding";
            response.Headers.CacheControl = CacheControl(context.Request.Path);
            response.ContentLength = variant.File.Length;
            if (HttpMethods.IsGet(context.Request.Method))
            {
                await response.SendFileAsync(variant.File, context.RequestAborted);
            }
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = CacheControl(context.Context.Request.Path),
        });
        app.Use(async (context, next) =>
        {
            if (!IsSpaRoute(context))
            {
                await next(context);
                return;
            }

            var response = context.Response;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-cache";
            response.Headers.Vary = "Accept-Encoding";
            var (page, encoding) = SpaPage(context, files);
            if (encoding is not null)
            {
                response.Headers.ContentEncoding = encoding;
            }

            response.ContentLength = page.Length;
            if (HttpMethods.IsGet(context.Request.Method))
            {
                await response.SendFileAsync(page, context.RequestAborted);
            }
        });
    }

    /// <summary>
    /// The page for an SPA route: the catalogue drawn at build time (catalogue.html, client/scripts/prerender.mjs)
    /// for / and /catalogue, where citizens land, so its cards paint before the app's code runs (issue 22, 4G);
    /// index.html for every other route. Its Brotli or gzip twin when the browser accepts one.
    /// </summary>
    private static (IFileInfo File, string? Encoding) SpaPage(HttpContext context, PhysicalFileProvider files)
    {
        var path = context.Request.Path.Value?.TrimEnd('/');
        var name = (string.IsNullOrEmpty(path) || string.Equals(path, "/catalogue", StringComparison.Ordinal))
            && files.GetFileInfo("catalogue.html").Exists ? "catalogue.html" : "index.html";
        return Compressed(context, files, "/" + name) is { } compressed ? compressed : (files.GetFileInfo(name), null);
    }

    // Vite fingerprints everything under assets/; the rest must be revalidated.
    private static string CacheControl(PathString path) =>
        path.StartsWithSegments("/assets", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache";

    /// <summary>The Brotli or gzip twin of the requested file, when the browser accepts it and the build wrote it.</summary>
    private static (IFileInfo File, string Encoding)? PreCompressed(HttpContext context, PhysicalFileProvider files)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !Path.HasExtension(request.Path.Value)
            || HostPrefixes.Any(prefix => request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return Compressed(context, files, request.Path.Value!);
    }

    private static (IFileInfo File, string Encoding)? Compressed(HttpContext context, PhysicalFileProvider files, string path)
    {
        var accepted = context.Request.GetTypedHeaders().AcceptEncoding;
        foreach (var (encoding, suffix) in new[] { ("br", ".br"), ("gzip", ".gz") })
        {
            if (accepted.Any(a => a.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) && (a.Quality ?? 1) > 0)
                && files.GetFileInfo(path + suffix) is { Exists: true, IsDirectory: false } variant)
            {
                return (variant, encoding);
            }
        }

        return null;
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
