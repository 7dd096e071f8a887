using System.Text.RegularExpressions;
using Kazgov.Platform.Offices;

namespace Kazgov.SeedImport.Offices;

/// <summary>
/// Reads every office directory appendix of the seed (STANDARDS.md, STANDARDS-DETAIL §10.5) into
/// offices with their services. Works on the seed's lines only, so it is tested without a database.
///
/// Identity across copies: the road-police directory is printed three times (Std 1, 8, 9) and
/// the migration-police directory four times (Std 2, 4, 5, 6), with the same offices in the same
/// order per region but drifting spelling ("Аршалық/Аршалы", "Ильясов көшесі/қаласы", Std 4 even
/// calls Almaty row 1 "Астана…"). An office is therefore matched across copies by its region and
/// position, checked by a similarity test on its name and address; the first copy (Std 1, Std 2)
/// is canonical and gives the text. One office listed under several standards is one office with
/// several services.
/// </summary>
public static partial class OfficeDirectoryParser
{
    private sealed record Appendix(string Label, string Service, int First, int Last);

    // Line ranges of the seed 000_ca642952a17f30dc.txt (STANDARDS.md; verified against the seed).
    private static readonly Appendix[] RoadPolice =
    [
        new("Std 1 App 1", OfficeServiceCodes.DriverLicence, 196, 318),
        new("Std 8 App 1", OfficeServiceCodes.VehicleRegistration, 15102, 15227),
        new("Std 9 App 1", OfficeServiceCodes.ProxyDriverRegistration, 15342, 15464),
    ];

    private static readonly Appendix[] MigrationPolice =
    [
        new("Std 2 App 1", OfficeServiceCodes.ResidencePermit, 472, 3188),
        new("Std 4 App 1", OfficeServiceCodes.TemporaryRegistration, 4008, 6778),
        new("Std 5 App 1", OfficeServiceCodes.PermanentResidence, 7397, 10147),
        new("Std 6 App 1", OfficeServiceCodes.Citizenship, 10685, 13339),
    ];

    private static readonly Appendix[] MigrationEAddresses =
    [
        new("Std 2 App 2", OfficeServiceCodes.ResidencePermit, 3203, 3301),
        new("Std 4 App 2", OfficeServiceCodes.TemporaryRegistration, 6793, 6903),
        new("Std 5 App 2", OfficeServiceCodes.PermanentResidence, 10160, 10264),
        new("Std 6 App 3", OfficeServiceCodes.Citizenship, 13882, 13990),
    ];

    private static readonly Appendix AddressBureaus = new("Std 3 App 1", OfficeServiceCodes.AddressCertificate, 3591, 3688);

    private static readonly Appendix WeaponsLicensing = new("Std 7 App 1", OfficeServiceCodes.WeaponRegistration, 14434, 14720);

    public static OfficeDirectory Parse(IReadOnlyList<string> lines)
    {
        var reports = new List<AppendixReport>();
        var offices = new List<ParsedOffice>();
        offices.AddRange(ParseRoadPolice(lines, reports));
        offices.AddRange(ParseMigrationPolice(lines, reports));
        offices.AddRange(ParseAddressBureaus(lines, reports));
        offices.AddRange(ParseWeaponsLicensing(lines, reports));

        var duplicate = offices.GroupBy(o => o.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FormatException($"Two offices share the id {duplicate.Key}: \"{duplicate.First().Name}\".");
        }

        return new OfficeDirectory(offices.OrderBy(o => o.SortOrder).ToList(), reports);
    }

    public static OfficeDirectory ParseFile(string path) => Parse(File.ReadAllLines(path));

    /// <summary>The appendix whose region headings give the regions' order and seed lines.</summary>
    public const string CanonicalAppendix = "Std 1 App 1";

    /// <summary>The line of each region's heading in <see cref="CanonicalAppendix"/>, by region code.</summary>
    public static IReadOnlyDictionary<string, int> RegionHeadings(IReadOnlyList<string> lines)
    {
        var appendix = RoadPolice[0];
        var headings = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var number = appendix.First; number <= appendix.Last; number++)
        {
            var text = SeedText.Clean(lines[number - 1]);
            if (text.Length > 0 && !text.Contains(',', StringComparison.Ordinal) && SeedRegions.FromHeading(text) is { } heading)
            {
                headings.TryAdd(heading.Code, number);
            }
        }

        return headings;
    }

    // ---------------------------------------------------------------- line format (Std 1, 8, 9)

    private sealed record LineEntry(string RegionCode, string Text, int Line, int IndexOnLine);

    private static IEnumerable<ParsedOffice> ParseRoadPolice(IReadOnlyList<string> lines, List<AppendixReport> reports)
    {
        var copies = RoadPolice.Select(a => (Appendix: a, Entries: ReadLineDirectory(lines, a))).ToList();
        foreach (var (appendix, entries) in copies)
        {
            reports.Add(Report(appendix, entries.Select(e => e.RegionCode)));
        }

        var canonical = copies[0].Entries;
        AssertSameShape(copies.Select(c => (c.Appendix, c.Entries.Select(e => e.RegionCode).ToList())).ToList());
        for (var i = 0; i < canonical.Count; i++)
        {
            var entry = canonical[i];
            var listings = new List<OfficeListing>();
            foreach (var (appendix, entries) in copies)
            {
                AssertSimilar(appendix, entry.Text, entries[i].Text, entries[i].Line);
                listings.Add(new OfficeListing(appendix.Service, appendix.Label, entries[i].Line));
            }

            yield return ParseLineOffice(entry, listings);
        }
    }

    /// <summary>
    /// One office a line, under region heading lines with no comma. Two quirks: a line that
    /// holds two offices ([L250], [L15396]) is split where a phone number is followed by the
    /// next office's name; an office wrapped over two lines ([L15157]-[L15159]) is joined when
    /// the next non-blank line starts in lower case.
    /// </summary>
    private static List<LineEntry> ReadLineDirectory(IReadOnlyList<string> lines, Appendix appendix)
    {
        var entries = new List<LineEntry>();
        string? region = null;
        for (var number = appendix.First; number <= appendix.Last; number++)
        {
            var text = SeedText.Clean(lines[number - 1]);
            if (text.Length == 0)
            {
                continue;
            }

            if (!text.Contains(',', StringComparison.Ordinal) && SeedRegions.FromHeading(text) is { } heading)
            {
                region = heading.Code;
                continue;
            }

            if (region is null)
            {
                throw new FormatException($"Seed line {number}: {appendix.Label} must start with a region heading, found \"{text}\".");
            }

            var first = number;
            var next = NextNonBlank(lines, number, appendix.Last);
            while (next is not null && char.IsLower(SeedText.Clean(lines[next.Value - 1])[0]))
            {
                text += " " + SeedText.Clean(lines[next.Value - 1]);
                number = next.Value;
                next = NextNonBlank(lines, number, appendix.Last);
            }

            var parts = TwoOfficesOnOneLine().Split(text);
            for (var index = 0; index < parts.Length; index++)
            {
                entries.Add(new LineEntry(region, parts[index], first, index));
            }
        }

        return entries;
    }

    private static int? NextNonBlank(IReadOnlyList<string> lines, int after, int last)
    {
        for (var number = after + 1; number <= last; number++)
        {
            if (SeedText.Clean(lines[number - 1]).Length > 0)
            {
                return number;
            }
        }

        return null;
    }

    private static ParsedOffice ParseLineOffice(LineEntry entry, IReadOnlyList<OfficeListing> listings)
    {
        var region = SeedRegions.Find(entry.RegionCode)!;
        var text = entry.Text;
        string phonesRaw;
        var phoneMarker = PhoneMarker().Matches(text).LastOrDefault();
        if (phoneMarker is not null)
        {
            phonesRaw = text[(phoneMarker.Index + phoneMarker.Length)..].Trim();
            text = text[..phoneMarker.Index];
        }
        else
        {
            // No "тел." ([L209], [L307]): trailing comma-separated segments that are only a number.
            var segments = text.Split(',').Select(s => s.Trim()).ToList();
            var phoneSegments = new List<string>();
            while (segments.Count > 1 && BarePhone().IsMatch(segments[^1]))
            {
                phoneSegments.Insert(0, segments[^1]);
                segments.RemoveAt(segments.Count - 1);
            }

            phonesRaw = string.Join(", ", phoneSegments);
            text = string.Join(", ", segments);
        }

        var parts = text.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        var name = parts[0];
        var address = parts.Skip(1).ToList();
        var coded = CodedSubunit().Match(name);
        if (coded.Success)
        {
            // "АЕТБ-1 Жетісу ауданы, …", "ТБ-3 Шымкент қаласы, …": no comma after the unit's code.
            name = coded.Groups["code"].Value;
            address.Insert(0, coded.Groups["rest"].Value);
        }

        var addressText = string.Join(", ", address);
        return new ParsedOffice(
            OfficeDirectoryKind.RoadPolice,
            region.Code,
            name,
            FindDistrict(region, addressText) ?? FindDistrict(region, name),
            FindTown(addressText) ?? FindTown(name) ?? CityOf(region),
            addressText,
            null,
            phonesRaw,
            PhoneParser.Parse(phonesRaw, region.IsCity ? region.CentreAreaCode : null),
            new EAddress(null, null, null),
            listings,
            (entry.Line * 10) + entry.IndexOnLine);
    }

    // ---------------------------------------------------------- table format (Std 2, 4, 5, 6)

    private sealed record TableRow(string RegionCode, IReadOnlyList<SeedCell> Cells);

    private static IEnumerable<ParsedOffice> ParseMigrationPolice(IReadOnlyList<string> lines, List<AppendixReport> reports)
    {
        var copies = MigrationPolice.Select(a => (Appendix: a, Rows: ReadRegionTable(lines, a, columns: 4))).ToList();
        foreach (var (appendix, rows) in copies)
        {
            reports.Add(Report(appendix, rows.Select(r => r.RegionCode)));
        }

        AssertSameShape(copies.Select(c => (c.Appendix, c.Rows.Select(r => r.RegionCode + "#" + r.Cells[0].Text).ToList())).ToList());
        var eAddresses = ReadEAddresses(lines, reports);
        var canonical = copies[0].Rows;
        var directorateFound = new HashSet<string>();
        for (var i = 0; i < canonical.Count; i++)
        {
            var row = canonical[i];
            var region = SeedRegions.Find(row.RegionCode)!;
            var listings = new List<OfficeListing>();
            foreach (var (appendix, rows) in copies)
            {
                AssertSimilar(appendix, row.Cells[1].Text + " " + row.Cells[2].Text, rows[i].Cells[1].Text + " " + rows[i].Cells[2].Text, rows[i].Cells[0].Line);
                listings.Add(new OfficeListing(appendix.Service, appendix.Label, rows[i].Cells[0].Line));
            }

            var name = row.Cells[1].Text;
            var address = row.Cells[2].Text;
            var phonesRaw = row.Cells[3].Text;

            // The e-address tables list the regional migration-police directorates
            // ("облыстық ІІД Көші-қон полициясы басқармалары" [L3202]). Each belongs to the first
            // row of its region that is the directorate: "…полициясы басқармасы", or "КҚПБ"
            // (WKO row 2 [L1548]; WKO row 1 and NKO row 1 are the DVD itself [L1539], [L2732]).
            var eAddress = new EAddress(null, null, null);
            if (!directorateFound.Contains(region.Code) && IsMigrationDirectorate(name))
            {
                directorateFound.Add(region.Code);
                eAddress = eAddresses.GetValueOrDefault(region.Code) ?? eAddress;
            }

            var postcode = Postcode().Match(address);
            yield return new ParsedOffice(
                OfficeDirectoryKind.MigrationPolice,
                region.Code,
                name,
                FindDistrict(region, address) ?? FindDistrict(region, name),
                FindTown(address) ?? FindTown(name) ?? CityOf(region),
                address,
                postcode.Success ? postcode.Groups[1].Value : null,
                phonesRaw,
                PhoneParser.Parse(phonesRaw, region.IsCity ? region.CentreAreaCode : null),
                eAddress,
                listings,
                (row.Cells[0].Line * 10) + 0);
        }

        if (directorateFound.Count != SeedRegions.All.Count)
        {
            throw new FormatException("A region's migration-police directorate was not found in Std 2 App 1.");
        }
    }

    private static bool IsMigrationDirectorate(string name)
    {
        var folded = SeedText.Fold(name);
        return folded.Contains("баскарма", StringComparison.Ordinal) || folded.Split(' ').Contains("ккпб");
    }

    /// <summary>The e-addresses of the four copies; the Std 2 copy is canonical (the others only differ in stray spaces).</summary>
    private static Dictionary<string, EAddress> ReadEAddresses(IReadOnlyList<string> lines, List<AppendixReport> reports)
    {
        var copies = new List<List<TableRow>>();
        foreach (var appendix in MigrationEAddresses)
        {
            var rows = new List<TableRow>();
            foreach (var block in SeedTable.ReadBlocks(lines, appendix.First, appendix.Last))
            {
                foreach (var cells in SeedTable.NumberedRows(block, 3))
                {
                    var region = SeedRegions.FromTextStart(cells[1].Text)
                        ?? throw new FormatException($"Seed line {cells[1].Line}: no region in \"{cells[1].Text}\".");
                    rows.Add(new TableRow(region.Code, cells));
                }
            }

            reports.Add(Report(appendix, rows.Where(r => r.Cells[2].Text.Length > 0).Select(r => r.RegionCode)) with { Unit = "e-addresses" });
            copies.Add(rows);
        }

        AssertSameShape(MigrationEAddresses.Zip(copies, (a, rows) => (a, rows.Select(r => r.RegionCode).ToList())).ToList());
        return copies[0].ToDictionary(r => r.RegionCode, r => EAddressParser.Parse(r.Cells[2].Text));
    }

    private static List<TableRow> ReadRegionTable(IReadOnlyList<string> lines, Appendix appendix, int columns)
    {
        var rows = new List<TableRow>();
        foreach (var block in SeedTable.ReadBlocks(lines, appendix.First, appendix.Last))
        {
            var region = block.Heading is null ? null : SeedRegions.FromHeading(block.Heading);
            if (region is null)
            {
                throw new FormatException($"Seed line {block.HeadingLine}: {appendix.Label} expects a region heading, found \"{block.Heading}\".");
            }

            rows.AddRange(SeedTable.NumberedRows(block, columns).Select(cells => new TableRow(region.Code, cells)));
        }

        return rows;
    }

    // --------------------------------------------------------------- Std 3 App 1, Std 7 App 1

    private static List<ParsedOffice> ParseAddressBureaus(IReadOnlyList<string> lines, List<AppendixReport> reports)
    {
        var appendix = AddressBureaus;
        var rows = SeedTable.ReadBlocks(lines, appendix.First, appendix.Last).SelectMany(b => SeedTable.NumberedRows(b, 4)).ToList();
        var offices = new List<ParsedOffice>();
        foreach (var cells in rows)
        {
            var region = SeedRegions.FromTextStart(cells[1].Text)
                ?? throw new FormatException($"Seed line {cells[1].Line}: no region in \"{cells[1].Text}\".");
            var address = cells[2].Text;
            var phonesRaw = cells[3].Text;

            // Column headers: "Мекенжай бюросының ІІД атауы" (the bureau's DVD) and "ІІД кезекші
            // бөлімінің телефон нөмірі" (the DVD duty unit's phone). Every bureau sits in its
            // regional centre, so its code-less numbers take the centre's area code.
            offices.Add(new ParsedOffice(
                OfficeDirectoryKind.AddressBureau,
                region.Code,
                cells[1].Text + " мекенжай бюросы",
                FindDistrict(region, address),
                FindTown(address) ?? CityOf(region),
                address,
                null,
                phonesRaw,
                PhoneParser.Parse(phonesRaw, region.CentreAreaCode, "ІІД кезекші бөлімі"),
                new EAddress(null, null, null),
                [new OfficeListing(appendix.Service, appendix.Label, cells[0].Line)],
                cells[0].Line * 10));
        }

        reports.Add(Report(appendix, offices.Select(o => o.RegionCode)));
        return offices;
    }

    private static List<ParsedOffice> ParseWeaponsLicensing(IReadOnlyList<string> lines, List<AppendixReport> reports)
    {
        var appendix = WeaponsLicensing;
        var rows = SeedTable.ReadBlocks(lines, appendix.First, appendix.Last).SelectMany(b => SeedTable.UnnumberedRows(b, 5)).ToList();
        var offices = new List<ParsedOffice>();
        foreach (var cells in rows)
        {
            var region = SeedRegions.FromTextStart(cells[0].Text)
                ?? throw new FormatException($"Seed line {cells[0].Line}: no region in \"{cells[0].Text}\".");
            var address = cells[1].Text;

            // Columns: DVD; legal address; "WЕВ-сайты" (a website or an e-mail address, split over
            // lines inside the token: "info@ast. / mvd.kz" [L14474]); DVD secretariat phones;
            // licensing-permit unit phones. The office is the DVD's licensing-permit unit (ЛРЖ,
            // the provider of §4 [L14188]), so its own phones come first.
            var licensing = cells[4].Text;
            var secretariat = cells[3].Text;
            var phones = PhoneParser.Parse(licensing, region.CentreAreaCode, "ЛРЖ бөлімшесі")
                .Concat(PhoneParser.Parse(secretariat, region.CentreAreaCode, "ІІД хатшылығы"))
                .ToList();
            offices.Add(new ParsedOffice(
                OfficeDirectoryKind.WeaponsLicensing,
                region.Code,
                cells[0].Text + " ІІД лицензиялық-рұқсат беру жүйесі бөлімшесі",
                FindDistrict(region, address),
                FindTown(address) ?? CityOf(region),
                address,
                null,
                $"{licensing}; ІІД хатшылығы: {secretariat}",
                phones,
                EAddressParser.Parse(cells[2].TextWithoutSpaces) with { Raw = cells[2].Text.Length > 0 ? cells[2].Text : null },
                [new OfficeListing(appendix.Service, appendix.Label, cells[0].Line)],
                cells[0].Line * 10));
        }

        reports.Add(Report(appendix, offices.Select(o => o.RegionCode)));
        return offices;
    }

    // ----------------------------------------------------------------------------- helpers

    private static readonly HashSet<string> TownWords = new(StringComparer.Ordinal)
    {
        "қаласы", "қаласының", "қ.", "ауылы", "ау.", "кенті", "поселкесі", "селосы",
    };

    private static readonly HashSet<string> NameParticles = new(StringComparer.Ordinal) { "би", "батыр", "ақын", "жырау" };

    private static readonly HashSet<string> NamePrefixes = new(StringComparer.Ordinal) { "Үлкен", "Кіші", "Жаңа", "Әл" };

    /// <summary>"Талғар ауданы", "Ғ.Мүсірепов ауданының" → "Талғар ауданы", "Ғ.Мүсірепов ауданы".</summary>
    public static string? FindDistrict(SeedRegion region, string text)
    {
        var words = text.Replace(",", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < words.Length; i++)
        {
            if (words[i] is not ("ауданы" or "ауданының"))
            {
                continue;
            }

            var name = PlaceName(words, i);
            // Aktobe rows 6-16 of the migration directory prefix every place with "Ақтөбе ауданы";
            // they are in different districts, so it is read as the oblast (STANDARDS-DETAIL §10.5.4 item 11).
            if (name is null || (region.Code == "aktobe" && name == "Ақтөбе"))
            {
                continue;
            }

            return name + " ауданы";
        }

        return null;
    }

    /// <summary>The first settlement named: "Көкшетау қаласы", "Шелек елді мекені", "Орал қ.".</summary>
    public static string? FindTown(string text)
    {
        var words = text.Replace(",", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < words.Length; i++)
        {
            var type = TownWords.Contains(words[i]) ? words[i].Replace("қаласының", "қаласы", StringComparison.Ordinal)
                : words[i] == "елді" && i + 1 < words.Length && words[i + 1] == "мекені" ? "елді мекені"
                : null;
            if (type is not null && PlaceName(words, i) is { } name)
            {
                return name + " " + type;
            }
        }

        return null;
    }

    private static string? PlaceName(string[] words, int typeIndex)
    {
        var last = words[typeIndex - 1];
        if (NameParticles.Contains(last) && typeIndex >= 2)
        {
            return words[typeIndex - 2] + " " + last;
        }

        if (!char.IsUpper(last[0]) || last.All(c => char.IsUpper(c) || !char.IsLetter(c)))
        {
            // Lower case is no place name; all capitals is an abbreviation (ІІД, ЖПБ).
            return null;
        }

        return typeIndex >= 2 && NamePrefixes.Contains(words[typeIndex - 2]) ? words[typeIndex - 2] + " " + last : last;
    }

    /// <summary>Offices of the two city regions are in that city even when the address does not say so.</summary>
    private static string? CityOf(SeedRegion region) => region.IsCity ? region.Names.Kk : null;

    private static AppendixReport Report(Appendix appendix, IEnumerable<string> regionCodes) =>
        new(appendix.Label, appendix.Service, appendix.First, appendix.Last,
            regionCodes.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count()));

    private static void AssertSameShape<T>(IReadOnlyList<(Appendix Appendix, List<T> Keys)> copies)
    {
        foreach (var (appendix, keys) in copies.Skip(1))
        {
            if (!keys.SequenceEqual(copies[0].Keys))
            {
                throw new FormatException($"{appendix.Label} does not list the same rows per region as {copies[0].Appendix.Label}.");
            }
        }
    }

    /// <summary>
    /// Guards the position match between copies: the two texts must share at least half of their
    /// letter pairs (Dice coefficient on folded text). Spelling drift passes; another office would not.
    /// </summary>
    private static void AssertSimilar(Appendix appendix, string canonical, string copy, int line)
    {
        if (Similarity(canonical, copy) < 0.5)
        {
            throw new FormatException($"Seed line {line}: {appendix.Label} row \"{copy}\" does not match \"{canonical}\".");
        }
    }

    public static double Similarity(string a, string b)
    {
        static HashSet<string> Pairs(string s)
        {
            var folded = SeedText.Fold(s).Replace(" ", "", StringComparison.Ordinal);
            return Enumerable.Range(0, Math.Max(0, folded.Length - 1)).Select(i => folded.Substring(i, 2)).ToHashSet();
        }

        var x = Pairs(a);
        var y = Pairs(b);
        return x.Count + y.Count == 0 ? 1 : 2.0 * x.Intersect(y).Count() / (x.Count + y.Count);
    }

    [GeneratedRegex(@"(?<=тел[^\n]*\d)\s+(?=[\p{Lu}""][^,]*\s\p{Lu}+\s+\p{Lu}+,)")]
    private static partial Regex TwoOfficesOnOneLine();

    [GeneratedRegex(@",?\s*(?<!\p{L})тел(?!\p{L})\s*[.,:]?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneMarker();

    [GeneratedRegex(@"^[\d\s(){}-]{5,}$")]
    private static partial Regex BarePhone();

    [GeneratedRegex(@"^(?<code>(?:АЕТБ|ТБ|ЕТБ)-\d+)\s+(?<rest>.+)$")]
    private static partial Regex CodedSubunit();

    [GeneratedRegex(@"^(\d{6})\b")]
    private static partial Regex Postcode();
}
