using Kazgov.Platform.Offices;
using Kazgov.SeedImport.Offices;

namespace Kazgov.Platform.Tests.Offices;

public sealed class PhoneParserTests
{
    [Theory]
    [InlineData("8(7162) 77-04-75", null, "+77162770475")]
    [InlineData("8-(3162)-25-66-62", null, "+77162256662")] // pre-2005 code 3162 = 7162 (Kokshetau)
    [InlineData("8-(7153-3)-2-18-06", null, "+77153321806")]
    [InlineData("8(725-2) 53-41-10", null, "+77252534110")]
    [InlineData("8-7232-234292", null, "+77232234292")]
    [InlineData("(87282-24-14-88)", null, "+77282241488")]
    [InlineData("8(7182-32-04-08)", null, "+77182320408")]
    [InlineData("8 (7212) 51-66-04", null, "+77212516604")]
    [InlineData("8{727)  251-25-69", null, "+77272512569")] // [L15130]: "{" typed for "("
    [InlineData("35-29-46", "7172", "+77172352946")]
    [InlineData("2980095", "727", "+77272980095")]
    [InlineData("24544606", "727", null)] // eight digits: not a seven-digit Almaty number
    [InlineData("8(712233)-2-14-79", null, null)]
    [InlineData("8(81133) 3-11-33", null, null)]
    [InlineData("858(7122)982023", null, null)]
    [InlineData("8-724-233-22785", null, null)]
    [InlineData("8(7142)-52-60-4", null, null)] // truncated in every copy [L2170]
    [InlineData("(236) 9-12-02", null, null)]
    [InlineData("34-37-34", null, null)] // no area code and no default: not guessed
    public void A_number_is_normalised_only_when_unambiguous(string raw, string? defaultAreaCode, string? expected)
    {
        PhoneParser.Parse(raw, defaultAreaCode).Single().Normalized.Should().Be(expected);
    }

    [Fact]
    public void Numbers_of_one_cell_share_the_area_code_and_keep_their_labels()
    {
        PhoneParser.Parse("8-(7153-3)-2-18-06 (деж.) -2-25-04").Should().Equal(
            new OfficePhone("8-(7153-3)-2-18-06", "+77153321806", "деж"),
            new OfficePhone("-2-25-04", "+77153322504", null));

        PhoneParser.Parse("Тел: Деж.часть: 8(7132)-242-22155 ГМП: 242-22-2-23.").Should().Equal(
            new OfficePhone("8(7132)-242-22155", null, "Деж.часть"),
            new OfficePhone("242-22-2-23", null, "ГМП"));

        PhoneParser.Parse("8(71144) 3-12-50, 8(8112) 3-11-02").Select(p => p.Normalized).Should().Equal("+77114431250", null);
        PhoneParser.Parse("т.98-45-30 98-45-31").Select(p => p.Raw).Should().Equal("98-45-30", "98-45-31");
        PhoneParser.Parse("8(7142) 28-02-50, 28-02-39, 28-02-40, 28-69-01)").Select(p => p.Normalized)
            .Should().Equal("+77142280250", "+77142280239", "+77142280240", "+77142286901");
        PhoneParser.Parse("43-39-44 вн.40-34, вн.46-16", "7262").Should().Equal(
            new OfficePhone("43-39-44", "+77262433944", null),
            new OfficePhone("вн.40-34", null, "вн."),
            new OfficePhone("вн.46-16", null, "вн."));
        PhoneParser.Parse("").Should().BeEmpty();
        PhoneParser.Parse(null).Should().BeEmpty();
    }
}

public sealed class EAddressParserTests
{
    [Theory]
    [InlineData("www.akmdvdonline.kz", null, "www.akmdvdonline.kz")]
    [InlineData("<ump-dvd@aktobe dvd.KZ>.", "ump-dvd@aktobedvd.kz", null)]
    [InlineData("Degurka<degurka@uvd.com>", "degurka@uvd.com", null)]
    [InlineData("Umpguvd @ guvd.kst", null, null)]
    [InlineData("<telex@otsuvdmail.mil>", null, null)]
    [InlineData("Sokol ur @ mail ru", null, null)]
    [InlineData("uvd sko@mail.ru", "uvdsko@mail.ru", null)]
    [InlineData("www.dvdkzo.kz.", null, "www.dvdkzo.kz")]
    [InlineData("kostanay police.kz", null, null)]
    [InlineData("akmdvd.onlainkz", null, null)]
    [InlineData("жоқ", null, null)]
    public void Reads_an_e_mail_or_a_website_only_when_it_validates(string raw, string? email, string? website)
    {
        EAddressParser.Parse(raw).Should().Be(new EAddress(raw, email, website));
    }

    [Fact]
    public void An_empty_cell_is_no_address() => EAddressParser.Parse("  ").Should().Be(new EAddress(null, null, null));
}

public sealed class SeedTextTests
{
    [Fact]
    public void Folding_ignores_case_kazakh_letters_and_latin_look_alikes()
    {
        SeedText.Fold("ӨСКЕМЕН").Should().Be(SeedText.Fold("өскемен")).And.Be("оскемен");
        SeedText.Fold("Қостанай").Should().Be(SeedText.Fold("костанай"));
        SeedText.Fold("Жамбыл облысы IIД ЖПБ").Should().Be(SeedText.Fold("жамбыл облысы ІІД жпб"));
        SeedText.Fold("Бaлкашин").Should().Be("балкашин"); // Latin "a" [L736]
        SeedText.Fold("Р.Люксембург к-сі,\u00A06").Should().Be("р люксембург к си 6");
        SeedText.Fold("www.krg-guvd.kz").Should().Be("www krg guvd kz"); // Latin words stay Latin
    }

    [Fact]
    public void Cleaning_turns_nbsp_and_runs_of_spaces_into_single_spaces() =>
        SeedText.Clean("\u00A0\u00A0Қаратау қаласы\u00A0 ").Should().Be("Қаратау қаласы");

    [Theory]
    [InlineData("ШҚО", "east-kazakhstan")]
    [InlineData("БҚО", "west-kazakhstan")]
    [InlineData("СҚО", "north-kazakhstan")]
    [InlineData("ОҚО", "south-kazakhstan")]
    [InlineData("Батыс Қазақстан облысы", "west-kazakhstan")]
    [InlineData("ШҚО бойынша;", "east-kazakhstan")] // Std 5 [L8157]
    [InlineData("Солтүстік Қазақстан облысы бойынша:", "north-kazakhstan")]
    [InlineData("Алматы облысы", "almaty-region")]
    [InlineData("Алматы қаласы", "almaty-city")]
    [InlineData("Астана қаласы", "astana")]
    public void Every_spelling_of_a_region_heading_has_one_code(string heading, string code) =>
        SeedRegions.FromHeading(heading)!.Code.Should().Be(code);

    [Theory]
    [InlineData("Шығыс-Қазақстан облысының ІІД", "east-kazakhstan")]
    [InlineData("Алматы қаласының ІІД", "almaty-city")]
    [InlineData("Алматы облысы ІІД Көші-қон полициясы басқармасы", "almaty-region")]
    [InlineData("Оңтүстік-Қазақстан облысының ІІД", "south-kazakhstan")]
    public void A_cell_that_starts_with_a_region_names_it(string text, string code) =>
        SeedRegions.FromTextStart(text)!.Code.Should().Be(code);

    [Fact]
    public void An_office_line_is_no_heading()
    {
        SeedRegions.FromHeading("Астана қаласы ЕБ").Should().BeNull();
        KazRegions.All.Should().HaveCount(16);
        KazRegions.All.Select(r => r.Code).Should().OnlyHaveUniqueItems();
        KazRegions.Find("KZ-VOS")!.Code.Should().Be("east-kazakhstan");
        KazRegions.Find("ASTANA")!.Code.Should().Be("astana");
        KazRegions.Find("mars").Should().BeNull();
    }
}

public sealed class SeedTableTests
{
    [Fact]
    public void Soft_hyphens_are_undone_and_real_hyphens_kept()
    {
        SeedTable.JoinFragments(["Көші-қон поли-", "циясы басқар-", "масы"], withSpaces: true).Should().Be("Көші-қон полициясы басқармасы");
        SeedTable.JoinFragments(["ШҚО Ұлан АІІб көші-", "қон полиция тобы"], withSpaces: true).Should().Be("ШҚО Ұлан АІІб көші-қон полиция тобы");
        SeedTable.JoinFragments(["8-(71444)-", "2-12-03"], withSpaces: true).Should().Be("8-(71444)-2-12-03");
        SeedTable.JoinFragments(["Астана қаласы,", "Сейфуллин к-сі,", "29"], withSpaces: true).Should().Be("Астана қаласы, Сейфуллин к-сі, 29");
        SeedTable.JoinFragments(["vashin@", "mail.", "police.kz"], withSpaces: false).Should().Be("vashin@mail.police.kz");
    }

    [Fact]
    public void Cells_rows_empty_cells_and_region_headings_are_read_by_position()
    {
        string[] lines =
        [
            "Ақмола облысы бойынша: ",
            "\tN ",
            "\tБөлімше атаулары ",
            "\tМекен-жайы ",
            "\tТелефоны ",
            "",
            "\t1 ",
            "\tАқкөл АІІБ көші-қон ",
            "",
            "полициясы тобы ",
            "\tАқкөл қаласы,\u00A0 ",
            "",
            "Октябрь көшесі, 2. ",
            "\t",
            "",
            "\t2 ",
            "\tX ",
            "\tY ",
            "\t24544606 ",
        ];

        var block = SeedTable.ReadBlocks(lines, 1, lines.Length).Single();
        var rows = SeedTable.NumberedRows(block, 4);

        block.Heading.Should().Be("Ақмола облысы бойынша:");
        rows.Should().HaveCount(2);
        rows[0].Select(c => c.Text).Should().Equal("1", "Ақкөл АІІБ көші-қон полициясы тобы", "Ақкөл қаласы, Октябрь көшесі, 2.", "");
        rows[0][1].Line.Should().Be(8);
        rows[1][3].Text.Should().Be("24544606");
    }
}
