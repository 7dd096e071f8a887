using System.Security.Cryptography;
using System.Text;

namespace Kazgov.Platform.Offices;

/// <summary>The fixed service codes (DESIGN.md) the office directory hands out.</summary>
public static class OfficeServiceCodes
{
    public const string DriverLicence = "driver-licence";
    public const string ResidencePermit = "residence-permit";
    public const string TemporaryRegistration = "temporary-registration";
    public const string PermanentResidence = "permanent-residence";
    public const string Citizenship = "citizenship";
    public const string WeaponRegistration = "weapon-registration";
    public const string VehicleRegistration = "vehicle-registration";
    public const string ProxyDriverRegistration = "proxy-driver-registration";
    public const string AddressCertificate = "address-certificate";

    public static readonly IReadOnlyList<string> All =
    [
        DriverLicence, ResidencePermit, AddressCertificate, TemporaryRegistration, PermanentResidence,
        Citizenship, WeaponRegistration, VehicleRegistration, ProxyDriverRegistration,
    ];
}

/// <summary>Which kind of unit an office is; the seed keeps one directory per kind.</summary>
public enum OfficeDirectoryKind
{
    /// <summary>Road-police registration-and-examination units (Std 1, 8, 9 App 1).</summary>
    RoadPolice,

    /// <summary>Migration-police units (Std 2, 4, 5, 6 App 1).</summary>
    MigrationPolice,

    /// <summary>Address bureaus of the internal-affairs departments (Std 3 App 1).</summary>
    AddressBureau,

    /// <summary>Licensing-permit units of the internal-affairs departments (Std 7 App 1).</summary>
    WeaponsLicensing,
}

/// <summary>Where an office is listed: the service, the appendix and the seed line of its row.</summary>
public sealed record OfficeListing(string Service, string Appendix, int Line);

/// <summary>One office of the directory, as read from the seed.</summary>
public sealed record ParsedOffice(
    OfficeDirectoryKind Directory,
    string RegionCode,
    string Name,
    string? District,
    string? Town,
    string Address,
    string? Postcode,
    string PhonesRaw,
    IReadOnlyList<OfficePhone> Phones,
    EAddress EAddress,
    IReadOnlyList<OfficeListing> Listings,
    int SortOrder)
{
    /// <summary>
    /// The stable id: directory, region and a hash of the canonical name and address. The same
    /// seed always gives the same ids; the row's position plays no part.
    /// </summary>
    public string Id => $"{DirectorySlug(Directory)}-{RegionCode}-{Hash($"{Directory}|{RegionCode}|{Name}|{Address}")[..8]}";

    /// <summary>Folded text for case-insensitive, Kazakh-letter-insensitive search (see <see cref="SeedText.Fold"/>).</summary>
    public string SearchText => SeedText.Fold(string.Join(' ', new[] { Name, District, Town, Address }.Where(t => t is not null)));

    public IReadOnlyList<string> Services => Listings.Select(l => l.Service).Distinct().ToList();

    public static string DirectorySlug(OfficeDirectoryKind kind) => kind switch
    {
        OfficeDirectoryKind.RoadPolice => "road-police",
        OfficeDirectoryKind.MigrationPolice => "migration-police",
        OfficeDirectoryKind.AddressBureau => "address-bureau",
        _ => "weapons-licensing",
    };

    public static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>
/// What one appendix yielded per region, as the import report prints it: offices, or for the
/// e-address tables (<see cref="Unit"/> "e-addresses") the rows that hold a value.
/// </summary>
public sealed record AppendixReport(string Appendix, string Service, int FirstLine, int LastLine, IReadOnlyDictionary<string, int> RowsPerRegion, string Unit = "offices")
{
    public int Total => RowsPerRegion.Values.Sum();
}

/// <summary>Everything the directory appendices of the seed hold.</summary>
public sealed record OfficeDirectory(IReadOnlyList<ParsedOffice> Offices, IReadOnlyList<AppendixReport> Appendices);
