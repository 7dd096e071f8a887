using Kazgov.Kernel.Localization;
using Microsoft.AspNetCore.Http;
using Kazgov.Kernel.Problems;

namespace Kazgov.Kernel.Http;

/// <summary>
/// Optimistic concurrency for state changes (DESIGN.md § API conventions): a resource's ETag is its
/// version, a change must name it in If-Match (428 without one, 412 when it is not the current one).
/// Strong ETags, because If-Match compares strongly (RFC 9110 §13.1.1).
/// </summary>
public static class Preconditions
{
    public static string ETagOf(int version) => $"\"{version}\"";

    /// <summary>200 with the body and its ETag: the answer of a module's step on an application, or of its read.</summary>
    public static IResult OkWithETag<T>(HttpContext context, T body)
        where T : IVersioned
    {
        context.Response.Headers.ETag = ETagOf(body.Version);
        return Results.Ok(body);
    }

    public static void RequireCurrent(string? ifMatch, int version, LocalizedText? missing = null, LocalizedText? stale = null)
    {
        var header = ifMatch?.Trim() ?? "";
        // "*" would match any version, which is no concurrency check at all.
        if (header.Length == 0 || header == "*")
        {
            throw new ProblemException(PlatformProblems.IfMatchRequired, missing);
        }

        var current = ETagOf(version);
        if (!header.Split(',').Select(tag => tag.Trim()).Contains(current, StringComparer.Ordinal))
        {
            throw new ProblemException(PlatformProblems.PreconditionFailed, stale,
                extensions: new Dictionary<string, object?> { ["currentETag"] = current });
        }
    }
}

/// <summary>A body that carries the version of the application it belongs to, its ETag.</summary>
public interface IVersioned
{
    int Version { get; }
}
