using Kazgov.Platform.Indicators.Features.Definitions;
using Kazgov.Platform.Indicators.Features.Export;
using Kazgov.Platform.Indicators.Features.Table;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Platform.Indicators;

/// <summary>The quality indicators (see Indicators/README.md): one slice per use case under Features/.</summary>
internal static class IndicatorsCapability
{
    public static IServiceCollection AddIndicators(this IServiceCollection services)
    {
        services.AddSingleton<ServiceIndicators>();
        services.AddScoped<IndicatorStore>();
        services.AddScoped<IndicatorTables>();
        services.AddSingleton(provider => new IndicatorTableCache(
            provider.GetRequiredService<IConfiguration>().GetValue("Indicators:TableCacheSeconds", 5.0)));
        return services;
    }

    /// <summary>GET /indicators, /indicators/definitions, /indicators/export (unit heads: their office; auditors: all).</summary>
    public static void MapIndicatorEndpoints(this IEndpointRouteBuilder api)
    {
        var indicators = api.MapGroup("/indicators").WithTags("Indicators");
        indicators.MapIndicatorTable();
        indicators.MapIndicatorDefinitions();
        indicators.MapIndicatorExport();
    }
}
