using Kazgov.Kernel.Caching;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Localization;

namespace Kazgov.Platform.Offices;

/// <summary>An office of the directory as other capabilities need it: who it is and which services it provides.</summary>
/// <param name="Retired">Gone from the directory: still named by its old records, but it takes no new applications.</param>
public sealed record OfficeReference(string Id, string Name, string Address, IReadOnlyList<string> Services, bool Retired = false, string? RegionCode = null)
{
    public bool Serves(string serviceCode) => Services.Contains(serviceCode, StringComparer.Ordinal);

    /// <summary>The office's name in kk (the seed), ru (reference/office-names.json) and en (its Latin letters); Kazakh where none.</summary>
    public LocalizedText Names { get; init; } = new(Name, Name, Name);

    /// <summary>The office's address in the three languages, as <see cref="Names"/>.</summary>
    public LocalizedText Addresses { get; init; } = new(Address, Address, Address);
}

/// <summary>
/// The office directory's published query: other capabilities (complaints, applications) ask it
/// instead of reading platform.offices and platform.office_services themselves.
/// </summary>
public interface IOfficeDirectory
{
    /// <summary>The office, or null when the directory has no such office.</summary>
    Task<OfficeReference?> FindAsync(string officeId, CancellationToken cancellationToken = default);
}

/// <summary>
/// From the reference-data cache; on a miss, reads on the request's <see cref="DbSession"/>, so a
/// caller inside a command sees the same transaction.
/// </summary>
internal sealed class OfficeDirectoryQuery(DbSession session, ReferenceData referenceData) : IOfficeDirectory
{
    public async Task<OfficeReference?> FindAsync(string officeId, CancellationToken cancellationToken = default) =>
        await referenceData.GetAsync(ReferenceAreas.Offices, "office:" + officeId, token => LoadAsync(officeId, token), cancellationToken);

    private async Task<OfficeReference?> LoadAsync(string officeId, CancellationToken cancellationToken) =>
        (await session.QuerySingleOrDefaultAsync<DirectoryOfficeRow>(DirectoryOfficeRow.Select + " WHERE o.id = @officeId", new { officeId }, cancellationToken))?.ToReference();
}

/// <summary>Every office of the directory (retired ones too, for their old records), for ministry-wide reports such as the quality indicators.</summary>
public interface IOfficeList
{
    Task<IReadOnlyList<OfficeReference>> AllAsync(CancellationToken cancellationToken = default);
}

/// <summary>From the reference-data cache (the offices area: an import invalidates it), one query on a miss.</summary>
internal sealed class OfficeListQuery(DbSession session, ReferenceData referenceData) : IOfficeList
{
    public async Task<IReadOnlyList<OfficeReference>> AllAsync(CancellationToken cancellationToken = default) =>
        await referenceData.GetAsync(ReferenceAreas.Offices, "offices:all", LoadAsync, cancellationToken);

    private async Task<IReadOnlyList<OfficeReference>> LoadAsync(CancellationToken cancellationToken) =>
        [.. (await session.QueryAsync<DirectoryOfficeRow>(DirectoryOfficeRow.Select + " ORDER BY o.id", cancellationToken: cancellationToken)).Select(row => row.ToReference())];
}

/// <summary>An office as both queries read it: the directory's row with its services and its names in three languages.</summary>
internal sealed class DirectoryOfficeRow
{
    public const string Select =
        """
        SELECT o.id AS Id, o.name AS Name, o.address AS Address,
               ARRAY(SELECT s.service_code FROM platform.office_services s WHERE s.office_id = o.id ORDER BY s.service_code) AS Services,
               o.retired_at IS NOT NULL AS Retired, o.region_code AS RegionCode,
               o.name_ru AS NameRu, o.address_ru AS AddressRu, o.name_latin AS NameLatin, o.address_latin AS AddressLatin
        FROM platform.offices o
        """;

    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    public string Address { get; init; } = "";

    public string[] Services { get; init; } = [];

    public bool Retired { get; init; }

    public string? RegionCode { get; init; }

    public string? NameRu { get; init; }

    public string? AddressRu { get; init; }

    public string? NameLatin { get; init; }

    public string? AddressLatin { get; init; }

    public OfficeReference ToReference() => new(Id, Name, Address, Services, Retired, RegionCode)
    {
        Names = new LocalizedText(Name, NameRu ?? Name, NameLatin ?? Name),
        Addresses = new LocalizedText(Address, AddressRu ?? Address, AddressLatin ?? Address),
    };
}
