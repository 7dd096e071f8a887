using Kazgov.Platform.Reference;
using Kazgov.SeedImport.Offices;

namespace Kazgov.SeedImport;

/// <summary>
/// Gives each office read from the seed its id, keeping the id of the office it already is in
/// reference/offices.json. An office of the seed is the existing record of the same directory
/// and region that matches, by the first rule that finds exactly one candidate on both sides:
/// <list type="number">
/// <item>the same name and the same address;</item>
/// <item>the same name (the address was corrected);</item>
/// <item>the same address (the name was corrected);</item>
/// <item>the same first listing: the appendix and seed line of its row (both were corrected).</item>
/// </list>
/// Rules are applied in that order over all offices, so an exact match is never taken by a
/// looser one. An office that matches nothing is new and gets a minted id,
/// <c>{directory}-{region}-{8 hex of SHA-256(directory|region|name|address)}</c>, longer when
/// that id is already taken. A record that no office matches leaves the file; the host then
/// retires it (never deletes it).
/// </summary>
public static class OfficeIds
{
    private static readonly Func<ParsedOffice, OfficeRecord, bool>[] Rules =
    [
        (office, record) => office.Name == record.Name && office.Address == record.Address,
        (office, record) => office.Name == record.Name,
        (office, record) => office.Address == record.Address,
        (office, record) => record.Sources.Count > 0
            && office.Listings[0].Appendix == record.Sources[0].Appendix
            && office.Listings[0].Line == record.Sources[0].Line,
    ];

    /// <summary>The ids of <paramref name="offices"/>, in their order.</summary>
    public static IReadOnlyList<string> Assign(IReadOnlyList<ParsedOffice> offices, IReadOnlyList<OfficeRecord> existing)
    {
        var ids = new string?[offices.Count];
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in Rules)
        {
            for (var i = 0; i < offices.Count; i++)
            {
                if (ids[i] is not null)
                {
                    continue;
                }

                var office = offices[i];
                var candidates = existing.Where(r => !matched.Contains(r.Id) && SameUnit(office, r) && rule(office, r)).Take(2).ToList();
                if (candidates is not [var record])
                {
                    continue;
                }

                // The other way round too: no other office still without an id matches that record.
                var rivals = offices.Where((other, j) => j != i && ids[j] is null && SameUnit(other, record) && rule(other, record)).Any();
                if (!rivals)
                {
                    ids[i] = record.Id;
                    matched.Add(record.Id);
                }
            }
        }

        var taken = new HashSet<string>(existing.Select(r => r.Id), StringComparer.Ordinal);
        for (var i = 0; i < offices.Count; i++)
        {
            if (ids[i] is not null)
            {
                continue;
            }

            var digits = 8;
            var id = offices[i].MintedId(digits);
            while (taken.Contains(id))
            {
                digits += 4;
                id = offices[i].MintedId(digits);
            }

            ids[i] = id;
            taken.Add(id);
        }

        return ids!;
    }

    private static bool SameUnit(ParsedOffice office, OfficeRecord record) =>
        ParsedOffice.DirectorySlug(office.Directory) == record.Directory && office.RegionCode == record.Region;
}
