using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kazgov.Platform.Catalogue;

/// <summary>
/// GET /api/v1/services and GET /api/v1/services/{code}. The bodies are serialised once at
/// load; every text comes in kk, ru and en at once because integrators cache the catalogue,
/// so the responses carry an ETag (answering If-None-Match with 304) and Cache-Control.
/// </summary>
internal static class CatalogueEndpoints
{
    /// <summary>The catalogue changes only with a deployment; an hour of caching, then revalidation by ETag.</summary>
    private const string CacheControl = "public, max-age=3600";

    public static void MapCatalogueEndpoints(this IEndpointRouteBuilder api)
    {
        var services = api.MapGroup("/services").WithTags("Catalogue").AllowPublic();

        services.MapGet("", (HttpContext context, ServiceCatalogue catalogue) =>
                Serve(context, catalogue.ListJson, catalogue.ETag))
            .WithName("ListServices")
            .WithSummary("The catalogue of the nine public-service standards")
            .WithDescription("One entry per service code, every text in kk, ru and en, every rule with the seed paragraph it comes from. "
                + "The catalogue fits one page: nextCursor is always null. Send If-None-Match with the ETag to revalidate.")
            .Produces<ServiceList>(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status304NotModified);

        services.MapGet("/summary", (HttpContext context, ServiceCatalogue catalogue) =>
                Serve(context, catalogue.SummaryJson, catalogue.SummaryETag))
            .WithName("ListServiceSummaries")
            .WithSummary("The catalogue as its page's cards need it: code, name, the first term and whether there is a fee to quote")
            .WithDescription("A few kilobytes instead of the full catalogue (GET /services). Same caching: ETag and If-None-Match.")
            .Produces<ServiceSummaryList>(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status304NotModified);

        services.MapGet("/{code}", (string code, HttpContext context, ServiceCatalogue catalogue) =>
                catalogue.TryGetServed(code, out var json, out var etag)
                    ? Serve(context, json, etag)
                    : throw ServiceTermsProblems.UnknownServiceCode(code))
            .WithName("GetService")
            .WithSummary("One standard of the catalogue by its service code")
            .WithDescription("404 problem `unknown-service` when the code is not one of the catalogue's service codes.")
            .Produces<ServiceEntry>(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult Serve(HttpContext context, byte[] json, string etag) =>
        new JsonBody(json, etag).Serve(context, CacheControl);
}
