using Kazgov.Platform.Calendar;

namespace Kazgov.Platform.Catalogue;

/// <summary>
/// Fee items and term variants of the nine services exactly as issue 3 fixes them (STANDARDS.md,
/// each standard's §7 terms and §8 fees), until the catalogue supplies them. Hour and minute terms
/// run in working time except the address bureau's priority-agency term; month and day terms run in
/// calendar time.
/// </summary>
public sealed class StaticServiceTerms : IServiceTerms
{
    private static readonly Dictionary<string, (ServiceFeeItem[] Fees, ServiceTermVariant[] Terms)> Services = new(StringComparer.Ordinal)
    {
        // driver-licence §7.1 (≤ 6 hours), §8 (125 %).
        ["driver-licence"] = ([new("licence", 125)], [new("default", "PT6H", DeadlineClock.WorkingTime)]),
        // residence-permit §7.1 ("кемінде екі ай", read as two months), §8 (20 %, 400 %).
        ["residence-permit"] = ([new("residence-permit", 20), new("stateless-certificate", 400)], [new("default", "P2M", DeadlineClock.Calendar)]),
        // temporary-registration §7 (the day the documents are handed in), §8 free.
        ["temporary-registration"] = ([], [new("default", "P0D", DeadlineClock.SameDay)]),
        // permanent-residence: two months, 10 %.
        ["permanent-residence"] = ([new("permanent-residence", 10)], [new("default", "P2M", DeadlineClock.Calendar)]),
        // citizenship §7: categories 2 and 3 at most three months, the others six months; §8 100 %.
        ["citizenship"] = ([new("citizenship", 100)],
        [
            new("simplified", "P3M", DeadlineClock.Calendar),
            new("general", "P6M", DeadlineClock.Calendar),
        ]),
        // weapon-registration §7 (one month), §8.
        ["weapon-registration"] = (
        [
            new("acquisition-licence-legal-entity", 300),
            new("storage-permit-legal-entity", 100),
            new("storage-carry-permit-legal-entity", 100),
            new("acquisition-permit-individual", 50),
            new("storage-permit-individual", 50),
            new("storage-carry-permit-individual", 50),
            new("unit-registration", 10),
        ], [new("default", "P1M", DeadlineClock.Calendar)]),
        // vehicle-registration §7 (≤ 6 hours), §8.
        ["vehicle-registration"] = (
        [
            new("registration-certificate", 125),
            new("plate-car", 280),
            new("plate-motorcycle-trailer", 140),
            new("plate-transit", 35),
            new("registration", 25),
        ], [new("default", "PT6H", DeadlineClock.WorkingTime)]),
        // proxy-driver-registration §7 (≤ 3 hours), free.
        ["proxy-driver-registration"] = ([], [new("default", "PT3H", DeadlineClock.WorkingTime)]),
        // address-certificate §7: in person 10 minutes; agencies' written requests 48 hours; other requests 5 days.
        ["address-certificate"] = ([],
        [
            new("in-person", "PT10M", DeadlineClock.WorkingTime),
            new("priority-agency", "PT48H", DeadlineClock.AroundTheClock),
            new("other", "P5D", DeadlineClock.Calendar),
        ]),
    };

    public bool ServiceExists(string service) => Services.ContainsKey(service);

    public IReadOnlyList<ServiceFeeItem> FeeItems(string service) => Services.TryGetValue(service, out var s) ? s.Fees : [];

    public ServiceFeeItem? FindFeeItem(string service, string item) =>
        FeeItems(service).FirstOrDefault(f => string.Equals(f.Code, item, StringComparison.Ordinal));

    public IReadOnlyList<ServiceTermVariant> TermVariants(string service) => Services.TryGetValue(service, out var s) ? s.Terms : [];

    public ServiceTermVariant? FindTermVariant(string service, string variant) =>
        TermVariants(service).FirstOrDefault(v => string.Equals(v.Code, variant, StringComparison.Ordinal));
}
