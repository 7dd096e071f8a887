using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Catalogue;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kazgov.Platform.Indicators.Features.Definitions;

/// <summary>What one service's standard sets for an indicator (null values: not set by the standard).</summary>
public sealed record IndicatorNorm(string Service, decimal? Normative, decimal? NextYearTarget, int? SeedLine);

/// <summary>One indicator number: its text, how the platform computes it and from which rows, and the norms per service.</summary>
public sealed record IndicatorDefinitionResponse(
    string Number,
    string GroupNumber,
    LocalizedText Group,
    LocalizedText Text,
    LocalizedText Method,
    IReadOnlyList<string> Sources,
    bool Measurable,
    string? NoDataReason,
    IReadOnlyList<IndicatorNorm> Services);

public sealed record IndicatorDefinitionList(IReadOnlyList<IndicatorDefinitionResponse> Items);

internal sealed record GetIndicatorDefinitions : IQuery<IndicatorDefinitionList>;

internal sealed class GetIndicatorDefinitionsHandler(ServiceIndicators indicators) : IQueryHandler<GetIndicatorDefinitions, IndicatorDefinitionList>
{
    public ValueTask<IndicatorDefinitionList> Handle(GetIndicatorDefinitions query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new IndicatorDefinitionList(
        [
            .. indicators.Template.Select(template =>
            {
                var definition = IndicatorDefinitions.Of(template.Number);
                return new IndicatorDefinitionResponse(
                    template.Number,
                    template.Group.Number,
                    template.Group.Text.ToLocalized(),
                    template.Text.ToLocalized(),
                    definition.Method,
                    definition.Sources,
                    definition.Measurable,
                    definition.Measurable ? null : IndicatorTables.NoSource,
                    [.. indicators.Services.Order(StringComparer.Ordinal)
                        .SelectMany(service => indicators.Of(service).Where(i => i.Number == template.Number))
                        .Select(i => new IndicatorNorm(i.Service, i.Normative, i.NextYearTarget, i.SeedLine))]);
            }),
        ]));
}

internal static class GetIndicatorDefinitionsEndpoint
{
    public static void MapIndicatorDefinitions(this RouteGroupBuilder indicators) =>
        indicators.MapGet("/definitions", (ISender sender, CancellationToken cancellationToken) => sender.Send(new GetIndicatorDefinitions(), cancellationToken))
            .RequirePolicy(Policies.IndicatorsRead)
            .WithName("GetIndicatorDefinitions")
            .WithSummary("Per indicator number: its text (kk/ru/en), how it is computed (method, kk/ru/en) and from which rows and events, "
                + "whether the platform can measure it, and each service's normative, next year's target and seed line.")
            .Produces<IndicatorDefinitionList>();
}
