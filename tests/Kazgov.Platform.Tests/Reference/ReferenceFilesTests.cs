using System.Text;
using Kazgov.Platform.Offices;
using Kazgov.Platform.Reference;
using Kazgov.SeedImport;
using Kazgov.SeedImport.Offices;
using Kazgov.Tests;

namespace Kazgov.Platform.Tests.Reference;

/// <summary>
/// The checked-in reference data (reference/*.json): what the host loads, what the import tool
/// writes, and the rule that keeps office ids stable.
/// </summary>
public sealed class ReferenceFilesTests
{
    private static IReadOnlyList<OfficeRecord> Offices => ReferenceFiles.Offices.Offices;

    [SeedFact]
    public void Importing_the_seed_reproduces_the_checked_in_files_exactly()
    {
        var existing = ReferenceFiles.Parse<OfficesFile>(File.ReadAllText(Path.Combine(RepositoryPaths.Reference, ReferenceFiles.OfficesFileName)));

        var files = ReferenceImport.Generate(File.ReadAllLines(RepositoryPaths.Seed, Encoding.UTF8), existing);

        files.Keys.Should().BeEquivalentTo(ReferenceFiles.FileNames);
        foreach (var (name, text) in files)
        {
            var checkedIn = File.ReadAllText(Path.Combine(RepositoryPaths.Reference, name), Encoding.UTF8);
            FirstDifference(checkedIn, text).Should().BeNull("reference/{0} must be what ./build/import-seed writes; run it and commit the result", name);
        }
    }

    [SeedFact]
    public void A_corrected_seed_line_changes_its_record_and_keeps_its_id()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Seed, Encoding.UTF8);
        lines[197] = lines[197].Replace("Манас көшесі 18", "Манас көшесі 18А", StringComparison.Ordinal); // [L198]

        var offices = ReferenceImport.Offices(lines, ReferenceImport.About, Offices).Offices;

        var corrected = offices.Single(o => o.Sources[0].Line == 198);
        corrected.Address.Should().Be("Алматы ауданы, Манас көшесі 18А");
        corrected.Id.Should().Be("road-police-astana-c9d06d73");
        offices.Select(o => o.Id).Should().Equal(Offices.Select(o => o.Id));
    }

    [Fact]
    public void The_assembly_embeds_the_checked_in_files()
    {
        foreach (var name in ReferenceFiles.FileNames)
        {
            var checkedIn = File.ReadAllText(Path.Combine(RepositoryPaths.Reference, name), Encoding.UTF8);
            FirstDifference(checkedIn, ReferenceFiles.ReadEmbedded(name)).Should().BeNull(name);
        }
    }

    [Fact]
    public void Every_file_is_in_its_canonical_form()
    {
        ReferenceFiles.Write(ReferenceFiles.Offices).Should().Be(ReferenceFiles.ReadEmbedded(ReferenceFiles.OfficesFileName));
        ReferenceFiles.Write(ReferenceFiles.Regions).Should().Be(ReferenceFiles.ReadEmbedded(ReferenceFiles.RegionsFileName));
        ReferenceFiles.Write(ReferenceFiles.QualityIndicators).Should().Be(ReferenceFiles.ReadEmbedded(ReferenceFiles.QualityIndicatorsFileName));
    }

    [Fact]
    public void The_directory_holds_379_offices_in_16_regions_and_1312_office_service_pairs()
    {
        Offices.Should().HaveCount(379);
        Offices.Sum(o => o.Services.Count).Should().Be(1312);
        Offices.Select(o => o.Id).Should().OnlyHaveUniqueItems();
        Offices.Select(o => o.SortOrder).Should().OnlyHaveUniqueItems().And.BeInAscendingOrder();
        Offices.GroupBy(o => o.Directory).ToDictionary(g => g.Key, g => g.Count()).Should().BeEquivalentTo(new Dictionary<string, int>
        {
            ["road-police"] = 108, ["migration-police"] = 239, ["address-bureau"] = 16, ["weapons-licensing"] = 16,
        });

        KazRegions.All.Should().HaveCount(16);
        KazRegions.All.Select(r => r.Code).Should().OnlyHaveUniqueItems();
        Offices.Select(o => o.Region).Distinct().Should().BeEquivalentTo(KazRegions.All.Select(r => r.Code));
        KazRegions.Find("KZ-VOS")!.Code.Should().Be("east-kazakhstan");
        KazRegions.Find("ASTANA")!.Code.Should().Be("astana");
        KazRegions.Find("mars").Should().BeNull();
    }

    [Fact]
    public void Every_record_keeps_its_seed_line()
    {
        Offices.Should().OnlyContain(o => o.Sources.Count == o.Services.Count && o.Sources.All(s => s.Line > 0));
        Offices.Should().OnlyContain(o => o.Schedule.Days.Count > 0);
        KazRegions.All.Should().OnlyContain(r => r.Source == "Std 1 App 1" && r.SeedLine >= 196 && r.SeedLine <= 318);
        var services = ReferenceFiles.QualityIndicators.Services;
        services.Select(s => s.Service).Should().BeEquivalentTo(OfficeServiceCodes.All);
        services.SelectMany(s => s.Indicators).Should().OnlyContain(i => i.SeedLine > 0);
        services.Where(s => s.Indicators.Count > 0).Should().HaveCount(6).And.OnlyContain(s => s.Appendix != null && s.SeedLines != null);
    }

    [Fact]
    public void The_offices_the_demo_accounts_and_the_readme_name_keep_their_ids()
    {
        Offices.Should().Contain(o => o.Id == "road-police-astana-671c3429" && o.Name == "Астана қаласы ІІД ЖПБ ЕТБ");
        Offices.Should().Contain(o => o.Id == "road-police-almaty-city-bd174b4d");

        // Every id of the first import is the content-derived id of its office.
        Offices.Should().OnlyContain(o => o.Id == Parsed(o).Id);
    }

    [Fact]
    public void An_import_keeps_every_id_of_an_unchanged_directory()
    {
        OfficeIds.Assign(Offices.Select(Parsed).ToList(), Offices).Should().Equal(Offices.Select(o => o.Id));
    }

    [Fact]
    public void A_corrected_name_or_address_keeps_the_id()
    {
        var parsed = Offices.Select(Parsed).ToList();
        parsed[0] = parsed[0] with { Name = parsed[0].Name + " (түзетілген)" };
        parsed[1] = parsed[1] with { Address = "Алматы ауданы, Манас көшесі 18А" };
        parsed[2] = parsed[2] with { Name = "Жаңа атау", Address = "Жаңа мекенжай" };

        var ids = OfficeIds.Assign(parsed, Offices);

        ids.Should().Equal(Offices.Select(o => o.Id));
        parsed[0].Id.Should().NotBe(Offices[0].Id, "the content-derived id would have changed");
    }

    [Fact]
    public void A_new_office_gets_a_new_id_and_a_removed_one_leaves_the_file()
    {
        var parsed = Offices.Select(Parsed).ToList();
        var removed = parsed[5];
        parsed.RemoveAt(5);
        var added = parsed[0] with
        {
            Name = "Астана қаласы ІІД ЖПБ ЕТБ-2",
            Address = "Есіл ауданы, Тұран даңғылы 1",
            Listings = [new OfficeListing("driver-licence", "Std 1 App 1", 199)],
            SortOrder = 1995,
        };
        parsed.Add(added);

        var ids = OfficeIds.Assign(parsed, Offices);

        ids.Should().OnlyHaveUniqueItems().And.HaveCount(379).And.NotContain(Offices[5].Id);
        ids[^1].Should().Be(added.Id).And.StartWith("road-police-astana-");
        Offices.Select(o => o.Id).Should().NotContain(added.Id);
        ids.Take(378).Should().Equal(Offices.Where(o => o.Id != Offices[5].Id).Select(o => o.Id));
        removed.Id.Should().Be(Offices[5].Id);
    }

    [Fact]
    public void A_minted_id_that_is_taken_grows_longer()
    {
        var first = Parsed(Offices[0]);
        // The same name and address, printed a second time under another line: a second office.
        var twin = first with { Listings = [new OfficeListing("driver-licence", "Std 1 App 1", 317)], SortOrder = 3171 };

        var ids = OfficeIds.Assign([first, twin], [Offices[0]]);

        ids[0].Should().Be(Offices[0].Id);
        ids[1].Should().Be(first.MintedId(12)).And.NotBe(ids[0]);
    }

    [Fact]
    public void The_import_reports_changes_per_record()
    {
        var text = ReferenceFiles.ReadEmbedded(ReferenceFiles.RegionsFileName);
        var regions = ReferenceFiles.Regions;
        var edited = regions with
        {
            Regions = regions.Regions.Skip(1)
                .Select(r => r.Code == "akmola" ? r with { SeedLine = r.SeedLine + 1 } : r)
                .Append(regions.Regions[0] with { Code = "new-region" })
                .ToList(),
        };

        var changes = ReferenceDiff.Compare("reference/regions.json", text, ReferenceFiles.Write(edited));

        changes.Added.Should().Equal("new-region");
        changes.Removed.Should().Equal("astana");
        changes.Changed.Should().Equal("akmola");
        ReferenceDiff.Compare("reference/regions.json", text, text).ToString().Should().Be("reference/regions.json: no changes");
    }

    private static ParsedOffice Parsed(OfficeRecord record) => new(
        Enum.GetValues<OfficeDirectoryKind>().Single(k => ParsedOffice.DirectorySlug(k) == record.Directory),
        record.Region,
        record.Name,
        record.District,
        record.Town,
        record.Address,
        record.Postcode,
        record.PhonesRaw,
        record.Phones,
        new EAddress(record.EAddressRaw, record.Email, record.Website),
        record.Sources,
        record.SortOrder);

    /// <summary>Null when equal; else the first differing line, so that a failure shows where.</summary>
    private static string? FirstDifference(string expected, string actual)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return null;
        }

        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "<end of file>";
            var y = i < b.Length ? b[i] : "<end of file>";
            if (x != y)
            {
                return $"line {i + 1}: checked in «{x}», generated «{y}»";
            }
        }

        return "the texts differ";
    }
}
