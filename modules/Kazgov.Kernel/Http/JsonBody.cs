using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Kazgov.Kernel.Http;

/// <summary>
/// A response body serialised once and kept (reference data: the catalogue, an office): a request
/// then writes the bytes with their length instead of serialising the object again, and answers
/// If-None-Match with 304.
/// </summary>
public sealed record JsonBody(byte[] Utf8, string ETag)
{
    public static JsonBody Of<T>(T value, string etag) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, PlatformJson.Options), etag);

    /// <summary>200 with the bytes, or 304 when the caller already has this ETag; sets ETag (and Cache-Control when given).</summary>
    public IResult Serve(HttpContext context, string? cacheControl = null)
    {
        var headers = context.Response.Headers;
        headers.ETag = ETag;
        if (cacheControl is not null)
        {
            headers.CacheControl = cacheControl;
        }

        if (context.Request.Headers.IfNoneMatch.Count > 0)
        {
            var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
            if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(new EntityTagHeaderValue(ETag), useStrongComparison: false)))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
        }

        return Results.Bytes(Utf8, "application/json; charset=utf-8");
    }
}
