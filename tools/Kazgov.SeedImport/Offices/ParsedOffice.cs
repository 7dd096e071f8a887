using System.Security.Cryptography;
using System.Text;
using Kazgov.Platform.Offices;

namespace Kazgov.SeedImport.Offices;

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
    /// The id a new office is given: directory, region and a hash of the canonical name and
    /// address. An office already in reference/offices.json keeps the id it has there
    /// (<see cref="OfficeIds"/>), so a later correction of its name or address does not change it.
    /// </summary>
    public string Id => MintedId(8);

    /// <summary>The minted id with <paramref name="hexDigits"/> of the hash (longer only to avoid a clash).</summary>
    public string MintedId(int hexDigits) =>
        $"{DirectorySlug(Directory)}-{RegionCode}-{Hash($"{Directory}|{RegionCode}|{Name}|{Address}")[..hexDigits]}";

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
