using Kazgov.Kernel.Modules;
using Microsoft.Extensions.Logging;

namespace Kazgov.Platform.Catalogue;

/// <summary>
/// Builds the catalogue at start (with the other reference data), so that a broken catalogue
/// file stops the host with the validator's message instead of failing the first request.
/// </summary>
internal sealed class CatalogueStartupCheck(ServiceCatalogue catalogue, IEnumerable<IKazgovModule> modules, ILogger<CatalogueStartupCheck> logger) : IReferenceDataLoader
{
    public Task LoadAsync(CancellationToken cancellationToken)
    {
        // Each entry names the module that runs it, and that module claims the service code: the
        // module list lives in the host alone (KazgovModules.All), so it is read from there.
        var byName = modules.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var wrong = catalogue.All
            .Where(entry => !byName.TryGetValue(entry.Module, out var module) || !module.ServiceCodes.Contains(entry.Code, StringComparer.Ordinal))
            .Select(entry => $"{entry.Code}: module '{entry.Module}' is not a module of this host that runs it ({string.Join(", ", byName.Keys)})")
            .ToList();
        if (wrong.Count > 0)
        {
            throw new InvalidOperationException("Service catalogue: " + string.Join("; ", wrong));
        }

        logger.LogInformation(
            "Service catalogue loaded: {Count} services ({Codes}), {Indicators} quality indicators, ETag {ETag}",
            catalogue.All.Count,
            string.Join(", ", catalogue.All.Select(e => e.Code)),
            catalogue.All.Sum(e => e.QualityIndicators.Count),
            catalogue.ETag);
        return Task.CompletedTask;
    }
}
