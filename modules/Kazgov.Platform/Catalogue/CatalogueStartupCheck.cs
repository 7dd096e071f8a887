using Kazgov.Platform.Modules;
using Microsoft.Extensions.Logging;

namespace Kazgov.Platform.Catalogue;

/// <summary>
/// Builds the catalogue at start (with the other reference data), so that a broken catalogue
/// file stops the host with the validator's message instead of failing the first request.
/// </summary>
internal sealed class CatalogueStartupCheck(ServiceCatalogue catalogue, ILogger<CatalogueStartupCheck> logger) : IReferenceDataLoader
{
    public Task LoadAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation(
            "Service catalogue loaded: {Count} services ({Codes}), {Indicators} quality indicators, ETag {ETag}",
            catalogue.All.Count,
            string.Join(", ", catalogue.All.Select(e => e.Code)),
            catalogue.All.Sum(e => e.QualityIndicators.Count),
            catalogue.ETag);
        return Task.CompletedTask;
    }
}
