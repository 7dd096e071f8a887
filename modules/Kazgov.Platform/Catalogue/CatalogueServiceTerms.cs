namespace Kazgov.Platform.Catalogue;

/// <summary>The fee items and term variants the fee calculator and the deadline engine use, read from the catalogue.</summary>
public sealed class CatalogueServiceTerms(ServiceCatalogue catalogue) : IServiceTerms
{
    public bool ServiceExists(string service) => catalogue.Exists(service);

    public ServiceFeeItem? FindFeeItem(string service, string item) =>
        catalogue.FindFeeItem(service, item) is { } found ? new ServiceFeeItem(found.Code, found.PercentOfMci) : null;

    public IReadOnlyList<ServiceFeeItem> FeeItems(string service) =>
        [.. catalogue.FeeItems(service).Select(item => new ServiceFeeItem(item.Code, item.PercentOfMci))];

    public ServiceTermVariant? FindTermVariant(string service, string variant) =>
        catalogue.FindTermVariant(service, variant) is { } found ? new ServiceTermVariant(found.Code, found.Term, found.Clock) : null;

    public IReadOnlyList<ServiceTermVariant> TermVariants(string service) =>
        [.. catalogue.TermVariants(service).Select(v => new ServiceTermVariant(v.Code, v.Term, v.Clock))];
}
