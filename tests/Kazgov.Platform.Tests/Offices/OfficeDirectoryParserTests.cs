using Kazgov.Platform.Offices;
using Kazgov.SeedImport.Offices;
using Kazgov.Tests;

namespace Kazgov.Platform.Tests.Offices;

/// <summary>
/// The office directory read from the real seed. The counts were made by hand once, independently
/// of the parser (modules/Kazgov.Platform/Offices/README.md says how):
/// - line format (Std 1, 8, 9): lines under each region heading, +1 for the line holding two
///   offices ([L250], [L15396]), -1 for the office wrapped over two lines ([L15157]+[L15159]);
/// - table format (Std 2, 4, 5, 6): cells holding a one- or two-digit row number under each
///   "… бойынша:" heading (awk over the line ranges); the last number of each region agrees;
/// - Std 3 and Std 7: one row per region, 16 each; e-address tables: 16 rows, 13 with a value.
/// STANDARDS-DETAIL §10.5.2 gives the same counts: on the counts the digest and the seed agree.
/// Where STANDARDS.md's line ranges are loose (e.g. Std 1 App 1 "[L195–L320]" takes in the title
/// and trailing blank lines; the rows are [L196-L318]), the seed's own lines are used.
/// </summary>
public sealed class OfficeDirectoryParserTests
{
    private static readonly Lazy<OfficeDirectory> Directory = new(() => OfficeDirectoryParser.ParseFile(RepositoryPaths.Seed));

    private static IReadOnlyList<ParsedOffice> Offices => Directory.Value.Offices;

    private static readonly Dictionary<string, int> RoadPolicePerRegion = new()
    {
        ["astana"] = 4, ["almaty-city"] = 8, ["akmola"] = 8, ["almaty-region"] = 11, ["atyrau"] = 3, ["aktobe"] = 5,
        ["east-kazakhstan"] = 10, ["zhambyl"] = 7, ["west-kazakhstan"] = 3, ["karaganda"] = 9, ["kostanay"] = 10,
        ["kyzylorda"] = 6, ["mangystau"] = 2, ["pavlodar"] = 3, ["north-kazakhstan"] = 10, ["south-kazakhstan"] = 9,
    };

    private static readonly Dictionary<string, int> MigrationPolicePerRegion = new()
    {
        ["astana"] = 3, ["almaty-city"] = 6, ["akmola"] = 20, ["aktobe"] = 16, ["almaty-region"] = 20, ["atyrau"] = 9,
        ["east-kazakhstan"] = 19, ["zhambyl"] = 14, ["west-kazakhstan"] = 19, ["karaganda"] = 24, ["kyzylorda"] = 9,
        ["kostanay"] = 21, ["mangystau"] = 7, ["pavlodar"] = 15, ["north-kazakhstan"] = 16, ["south-kazakhstan"] = 21,
    };

    private static readonly Dictionary<string, int> OnePerRegion = KazRegions.All.ToDictionary(r => r.Code, _ => 1);

    [SeedFact]
    public void Every_directory_appendix_yields_the_hand_counted_rows_per_region()
    {
        var reports = Directory.Value.Appendices.ToDictionary(a => a.Appendix);

        reports.Keys.Should().BeEquivalentTo(
            "Std 1 App 1", "Std 8 App 1", "Std 9 App 1", "Std 2 App 1", "Std 4 App 1", "Std 5 App 1", "Std 6 App 1",
            "Std 2 App 2", "Std 4 App 2", "Std 5 App 2", "Std 6 App 3", "Std 3 App 1", "Std 7 App 1");
        foreach (var appendix in new[] { "Std 1 App 1", "Std 8 App 1", "Std 9 App 1" })
        {
            reports[appendix].RowsPerRegion.Should().BeEquivalentTo(RoadPolicePerRegion, appendix);
            reports[appendix].Total.Should().Be(108);
        }

        foreach (var appendix in new[] { "Std 2 App 1", "Std 4 App 1", "Std 5 App 1", "Std 6 App 1" })
        {
            reports[appendix].RowsPerRegion.Should().BeEquivalentTo(MigrationPolicePerRegion, appendix);
            reports[appendix].Total.Should().Be(239);
        }

        foreach (var appendix in new[] { "Std 2 App 2", "Std 4 App 2", "Std 5 App 2", "Std 6 App 3" })
        {
            // Values only: Zhambyl, Pavlodar and South Kazakhstan are empty in all four copies.
            reports[appendix].Total.Should().Be(13, appendix);
            reports[appendix].RowsPerRegion.Keys.Should().NotContain(["zhambyl", "pavlodar", "south-kazakhstan"]);
        }

        reports["Std 3 App 1"].RowsPerRegion.Should().BeEquivalentTo(OnePerRegion);
        reports["Std 7 App 1"].RowsPerRegion.Should().BeEquivalentTo(OnePerRegion);
        reports["Std 2 App 1"].FirstLine.Should().Be(472);
        reports["Std 1 App 1"].LastLine.Should().Be(318);
    }

    [SeedFact]
    public void One_office_listed_under_several_standards_is_one_office_with_several_services()
    {
        Offices.Should().HaveCount(108 + 239 + 16 + 16);
        Offices.Select(o => o.Id).Should().OnlyHaveUniqueItems();
        Offices.Select(o => o.SortOrder).Should().OnlyHaveUniqueItems();

        Offices.Where(o => o.Directory == OfficeDirectoryKind.RoadPolice).Should().HaveCount(108)
            .And.OnlyContain(o => o.Services.SequenceEqual(new[] { "driver-licence", "vehicle-registration", "proxy-driver-registration" }));
        Offices.Where(o => o.Directory == OfficeDirectoryKind.MigrationPolice).Should().HaveCount(239)
            .And.OnlyContain(o => o.Services.SequenceEqual(new[] { "residence-permit", "temporary-registration", "permanent-residence", "citizenship" }));
        Offices.Where(o => o.Directory == OfficeDirectoryKind.AddressBureau).Should().HaveCount(16)
            .And.OnlyContain(o => o.Services.SequenceEqual(new[] { "address-certificate" }));
        Offices.Where(o => o.Directory == OfficeDirectoryKind.WeaponsLicensing).Should().HaveCount(16)
            .And.OnlyContain(o => o.Services.SequenceEqual(new[] { "weapon-registration" }));

        // Per service, per region: what GET /offices?service=&region= must return.
        foreach (var service in new[] { "driver-licence", "vehicle-registration", "proxy-driver-registration" })
        {
            Offices.Where(o => o.Services.Contains(service)).GroupBy(o => o.RegionCode).ToDictionary(g => g.Key, g => g.Count())
                .Should().BeEquivalentTo(RoadPolicePerRegion);
        }

        foreach (var service in new[] { "residence-permit", "temporary-registration", "permanent-residence", "citizenship" })
        {
            Offices.Where(o => o.Services.Contains(service)).GroupBy(o => o.RegionCode).ToDictionary(g => g.Key, g => g.Count())
                .Should().BeEquivalentTo(MigrationPolicePerRegion);
        }
    }

    [SeedFact]
    public void A_line_office_has_its_name_district_address_and_normalised_phones()
    {
        var office = Single(197);

        office.Id.Should().Be("road-police-astana-" + office.Id[^8..]);
        office.RegionCode.Should().Be("astana");
        office.Name.Should().Be("Астана қаласы ІІД ЖПБ ЕТБ");
        office.District.Should().Be("Алматы ауданы");
        office.Town.Should().Be("Астана қаласы");
        office.Address.Should().Be("Алматы ауданы, Промзона көшесі 35");
        office.PhonesRaw.Should().Be("35-29-46, 28-05-24, 28-05-94");
        // Astana's numbers carry no area code; the city's own code 7172 is unambiguous.
        office.Phones.Select(p => p.Normalized).Should().Equal("+77172352946", "+77172280524", "+77172280594");
        office.Listings.Should().Equal(
            new OfficeListing("driver-licence", "Std 1 App 1", 197),
            new OfficeListing("vehicle-registration", "Std 8 App 1", 15103),
            new OfficeListing("proxy-driver-registration", "Std 9 App 1", 15343));
    }

    [SeedFact]
    public void Two_offices_on_one_line_are_split_and_a_wrapped_office_is_joined()
    {
        var urzhar = Offices.Single(o => o.Name == "Үржар АІІБ ЕТБ");
        var shemonaikha = Offices.Single(o => o.Name == "Шемонайха АІІБ ЕТБ");

        urzhar.RegionCode.Should().Be("east-kazakhstan");
        urzhar.Address.Should().Be("Үржар ауданы, Абылайхан көшесі 237");
        urzhar.Phones.Should().Equal(new OfficePhone("8(72330)2-19-37", "+77233021937", null));
        urzhar.Listings.Select(l => l.Line).Should().Equal(250, 15156, 15396);

        shemonaikha.Address.Should().Be("Шемонайха ауданы, Шемонайха қаласы, М.Горький көшесі 97");
        shemonaikha.Town.Should().Be("Шемонайха қаласы");
        shemonaikha.Phones.Should().Equal(new OfficePhone("8(72332)3-09-07", "+77233230907", null));
        // Line 250 (two offices), 15157+15159 (wrapped), 15396 (two offices).
        shemonaikha.Listings.Select(l => l.Line).Should().Equal(250, 15157, 15396);
    }

    [SeedFact]
    public void Offices_without_phones_and_without_the_phone_marker_are_read()
    {
        var talas = Offices.Single(o => o.Name == "Талас АІІБ ЕТБ");
        talas.Address.Should().Be("Қаратау қаласы");
        talas.PhonesRaw.Should().BeEmpty();
        talas.Phones.Should().BeEmpty();
        talas.Listings.Select(l => l.Line).Should().Equal(257, 15166, 15403);

        // [L209]: phones follow the address with no "тел.".
        var tb3 = Offices.Single(o => o.RegionCode == "almaty-city" && o.Name == "ТБ-3");
        tb3.Address.Should().Be("Алмалы ауданы, Абай көшесі, Саин қиылысы");
        tb3.Phones.Select(p => p.Normalized).Should().Equal("+77273802300", "+77273800229", "+77273800232");

        // [L2226-L2235]: Kostanay row 7 has an empty phone cell (a lone TAB) in every copy.
        var mendykara = Single(2226);
        mendykara.Name.Should().Be("Меңдіқара ауданының ІІБ КҚП бөлімшесі");
        mendykara.Address.Should().Be("111300 Боровское ауылы Абай к-сі, 95");
        mendykara.Postcode.Should().Be("111300");
        mendykara.Town.Should().Be("Боровское ауылы");
        mendykara.PhonesRaw.Should().BeEmpty();
        mendykara.Phones.Should().BeEmpty();
    }

    [SeedFact]
    public void A_table_office_joins_its_wrapped_cells()
    {
        var astana = Single(480);
        astana.Directory.Should().Be(OfficeDirectoryKind.MigrationPolice);
        astana.Name.Should().Be("Астана қаласының ІІД Көші-қон полициясы басқармасы");
        astana.Address.Should().Be("Астана қаласы, Сейфуллин к-сі, 29");
        astana.PhonesRaw.Should().Be("8-7172-71-60-81 8-7172-71-60-82");
        astana.Phones.Select(p => p.Normalized).Should().Equal("+77172716081", "+77172716082");
        astana.Listings.Select(l => (l.Service, l.Line)).Should().Equal(
            ("residence-permit", 480), ("temporary-registration", 4016), ("permanent-residence", 7407), ("citizenship", 10695));
        astana.EAddress.Should().Be(new EAddress("www.fst_dvd.mvd.kz", null, "www.fst_dvd.mvd.kz"));

        // "Маңғыстау облысы- / ның ІІД Көші-қон / полициясы басқар- / масы" [L2413-L2419]: soft hyphens go, "Көші-қон" stays.
        var mangystau = Offices.Single(o => o.Directory == OfficeDirectoryKind.MigrationPolice && o.RegionCode == "mangystau" && o.Listings[0].Line == 2412);
        mangystau.Name.Should().Be("Маңғыстау облысының ІІД Көші-қон полициясы басқармасы");

        // "8(7182- / 32-04-08)" [L2519-L2521]: the hyphen of a phone number is real.
        var pavlodar = Offices.Single(o => o.RegionCode == "pavlodar" && o.Listings[0].Line == 2504);
        pavlodar.PhonesRaw.Should().Be("8(7182-32-04-08)");
        pavlodar.Phones.Single().Normalized.Should().Be("+77182320408");
    }

    [SeedFact]
    public void Spaced_and_bracketed_e_addresses_give_an_e_mail_only_when_it_validates()
    {
        Directorate("aktobe").EAddress.Should().Be(new EAddress("<ump-dvd@aktobe dvd.KZ>.", "ump-dvd@aktobedvd.kz", null));
        Directorate("east-kazakhstan").EAddress.Should().Be(new EAddress("Degurka<degurka@uvd.com>", "degurka@uvd.com", null));
        Directorate("kostanay").EAddress.Should().Be(new EAddress("Umpguvd @ guvd.kst", null, null));
        Directorate("almaty-region").EAddress.Should().Be(new EAddress("<telex@otsuvdmail.mil>", null, null));
        Single(1386).EAddress.Should().Be(new EAddress(null, null, null)); // Zhambyl's cell is a lone TAB [L3241].

        // WKO: row 1 is the DVD itself ("БҚО ІІД"); the directorate is row 2 "БҚО ІІД КҚПБ" [L1548].
        var wko = Directorate("west-kazakhstan");
        wko.Name.Should().Be("БҚО ІІД КҚПБ");
        wko.EAddress.Should().Be(new EAddress("Sokol ur @ mail ru", null, null));
        Directorate("north-kazakhstan").Name.Should().Be("СҚО ІІД Көші-қон полициясы басқармасы");

        // Std 7 App 1: the e-mail is split over lines inside the token ("info@ast. / mvd.kz" [L14474-L14476]).
        var weapons = Offices.Single(o => o.Directory == OfficeDirectoryKind.WeaponsLicensing && o.RegionCode == "astana");
        weapons.EAddress.Should().Be(new EAddress("info@ast. mvd.kz", "info@ast.mvd.kz", null));
        weapons.Address.Should().Be("Астана қаласы, Бейбітшілік көшесі, 19");
        weapons.Phones.Should().Equal(
            new OfficePhone("71-61-70", "+77172716170", "ЛРЖ бөлімшесі"),
            new OfficePhone("71-61-98", "+77172716198", "ІІД хатшылығы"),
            new OfficePhone("71-61-99", "+77172716199", "ІІД хатшылығы"));
        Offices.Single(o => o.Directory == OfficeDirectoryKind.WeaponsLicensing && o.RegionCode == "mangystau")
            .EAddress.Should().Be(new EAddress("жоқ", null, null));
    }

    [SeedFact]
    public void Address_bureaus_take_their_regional_centres_area_code()
    {
        var bureau = Offices.Single(o => o.Directory == OfficeDirectoryKind.AddressBureau && o.RegionCode == "akmola");
        bureau.Name.Should().Be("Ақмола облысының ІІД мекенжай бюросы");
        bureau.Address.Should().Be("Көкшетау қаласы Горький көшесі, 52-үй");
        bureau.Town.Should().Be("Көкшетау қаласы");
        bureau.Phones.Select(p => p.Normalized).Should().Equal("+77162251695", "+77162251696", "+77162291010", "+77162299010");

        // "Шығыс-Қазақстан облысының ІІД" [L3641]: the hyphenated spelling is East Kazakhstan too.
        Single(3640).RegionCode.Should().Be("east-kazakhstan");
    }

    [SeedFact]
    public void Ids_are_derived_from_the_content_and_do_not_change_between_runs()
    {
        var again = OfficeDirectoryParser.ParseFile(RepositoryPaths.Seed).Offices;

        again.Select(o => o.Id).Should().Equal(Offices.Select(o => o.Id));
        Single(197).Id.Should().Be(ParsedOfficeId("RoadPolice|astana|Астана қаласы ІІД ЖПБ ЕТБ|Алматы ауданы, Промзона көшесі 35", "road-police-astana-"));
    }

    private static string ParsedOfficeId(string content, string prefix) => prefix + ParsedOffice.Hash(content)[..8];

    private static ParsedOffice Single(int line) => Offices.Single(o => o.Listings[0].Line == line);

    /// <summary>The one migration office of the region that carries the region's e-address.</summary>
    private static ParsedOffice Directorate(string region) =>
        Offices.Single(o => o.Directory == OfficeDirectoryKind.MigrationPolice && o.RegionCode == region && o.EAddress.Raw is not null);
}
