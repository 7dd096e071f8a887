using System.Text.Json;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kazgov.Platform.Indicators.Features.Table;

/// <summary>GET /indicators: every indicator of the catalogue per office, region or service over a month, quarter or year.</summary>
internal sealed record GetIndicatorTable(IndicatorQuery Query, Language Language) : IQuery<IndicatorTableJson>;

/// <summary>The table as UTF-8 JSON (an <see cref="IndicatorTable"/>), written once so that a cached table is not serialised again per request.</summary>
internal sealed record IndicatorTableJson(byte[] Utf8);

internal sealed class GetIndicatorTableHandler(IndicatorTables tables, IndicatorTableCache cache, ICurrentActor actor)
    : IQueryHandler<GetIndicatorTable, IndicatorTableJson>
{
    public async ValueTask<IndicatorTableJson> Handle(GetIndicatorTable query, CancellationToken cancellationToken)
    {
        var q = query.Query;
        if (!cache.Enabled || actor.Role != Roles.Auditor || q.OfficeId is not null)
        {
            return new IndicatorTableJson(await BuildAsync(query, cancellationToken));
        }

        // Shared by concurrent callers, so it is not cancelled with the first one's request.
        var key = new IndicatorTableCache.Key(q.Period, q.Start, q.By, q.Region, q.Service, query.Language);
        return new IndicatorTableJson(await cache.GetAsync(key, () => BuildAsync(query, CancellationToken.None)));
    }

    private async Task<byte[]> BuildAsync(GetIndicatorTable query, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeToUtf8Bytes(await tables.BuildAsync(query.Query, query.Language, cancellationToken), PlatformJson.Options);
}

internal static class GetIndicatorTableEndpoint
{
    public static void MapIndicatorTable(this RouteGroupBuilder indicators) =>
        indicators.MapGet("", async (string? period, string? start, string? by, string? officeId, string? region, string? service,
                HttpContext context, ISender sender, CancellationToken cancellationToken) =>
            {
                var table = await sender.Send(
                    new GetIndicatorTable(new IndicatorQuery(period, start, by, officeId, region, service), RequestLanguage.Of(context)), cancellationToken);
                return Results.Bytes(table.Utf8, "application/json; charset=utf-8");
            })
            .RequirePolicy(Policies.IndicatorsRead)
            .WithName("GetIndicators")
            .WithSummary("The quality indicators of the standards' appendices computed from the recorded events, per office (by=office: one row per "
                + "office, service and indicator), region or service, over the month, quarter or year that starts on `start` (its first day, "
                + "Asia/Almaty). A row carries ids and numbers only (office id, region code, service, indicator number, value, numerator, "
                + "denominator, meetsNormative, noDataReason); the names and texts are given once in the body, in the caller's language: "
                + "`indicators` (per service and number: group, text, normative, next year's target, seed line), `offices` and `regions`. "
                + "A value that cannot be computed is null with noDataReason no-source or no-cases. Unit heads: their own office only "
                + "(another office or region is 403); auditors: all.")
            .Produces<IndicatorTable>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
