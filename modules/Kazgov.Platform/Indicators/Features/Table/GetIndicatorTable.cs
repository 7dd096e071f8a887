using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kazgov.Platform.Indicators.Features.Table;

/// <summary>GET /indicators: every indicator of the catalogue per office, region or service over a month, quarter or year.</summary>
internal sealed record GetIndicatorTable(IndicatorQuery Query, Language Language) : IQuery<IndicatorTable>;

internal sealed class GetIndicatorTableHandler(IndicatorTables tables) : IQueryHandler<GetIndicatorTable, IndicatorTable>
{
    public async ValueTask<IndicatorTable> Handle(GetIndicatorTable query, CancellationToken cancellationToken) =>
        await tables.BuildAsync(query.Query, query.Language, cancellationToken);
}

internal static class GetIndicatorTableEndpoint
{
    public static void MapIndicatorTable(this RouteGroupBuilder indicators) =>
        indicators.MapGet("", (string? period, string? start, string? by, string? officeId, string? region, string? service,
                HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                sender.Send(new GetIndicatorTable(new IndicatorQuery(period, start, by, officeId, region, service), RequestLanguage.Of(context)), cancellationToken))
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
