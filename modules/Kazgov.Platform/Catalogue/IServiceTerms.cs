using Kazgov.Platform.Calendar;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;

namespace Kazgov.Platform.Catalogue;

/// <summary>A fee item of a service: its stable code and the percent of the MCI it costs.</summary>
public sealed record ServiceFeeItem(string Code, decimal PercentOfMci);

/// <summary>A term variant of a service: its code, ISO-8601 term (P2M, PT6H, P0D for same-day) and how the term runs.</summary>
public sealed record ServiceTermVariant(string Code, string Iso8601Term, DeadlineClock Clock);

/// <summary>
/// What the fee calculator and the deadline engine need from the service catalogue. The catalogue
/// implements it (<see cref="CatalogueServiceTerms"/>).
/// </summary>
public interface IServiceTerms
{
    ServiceFeeItem? FindFeeItem(string service, string item);

    bool ServiceExists(string service);

    /// <summary>All fee items of the service, in catalogue order; empty for a free service.</summary>
    IReadOnlyList<ServiceFeeItem> FeeItems(string service);

    ServiceTermVariant? FindTermVariant(string service, string variant);

    /// <summary>All term variants of the service (to pick the only one, or to name the choices).</summary>
    IReadOnlyList<ServiceTermVariant> TermVariants(string service);
}

/// <summary>The problems of looking up a service's fee items and term variants.</summary>
public static class ServiceTermsProblems
{
    /// <summary>The catalogue's own problem: the catalogue decides which services exist.</summary>
    public static readonly ProblemType UnknownService = CatalogueProblems.UnknownService;

    public static readonly ProblemType UnknownFeeItem = new("unknown-fee-item", 400, new(
        "Қызметте мұндай төлем бабы жоқ",
        "У услуги нет такой статьи оплаты",
        "The service has no such fee item"));

    public static readonly ProblemType UnknownTermVariant = new("unknown-term-variant", 400, new(
        "Қызметте мерзімнің мұндай нұсқасы жоқ",
        "У услуги нет такого варианта срока",
        "The service has no such term variant"));

    public static readonly ProblemType TermVariantRequired = new("term-variant-required", 400, new(
        "Қызметтің бірнеше мерзім нұсқасы бар: біреуін таңдаңыз",
        "У услуги несколько вариантов срока: выберите один",
        "The service has several term variants: choose one"));

    public static ProblemException UnknownServiceCode(string service) => new(UnknownService, CatalogueProblems.UnknownServiceDetail(service),
        extensions: new Dictionary<string, object?> { ["service"] = service });
}
