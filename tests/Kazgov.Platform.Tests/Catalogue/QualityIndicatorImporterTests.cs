using Kazgov.Platform.Catalogue;
using Kazgov.SeedImport.Catalogue;
using Kazgov.Tests;

namespace Kazgov.Platform.Tests.Catalogue;

/// <summary>
/// The KPI appendices read from the seed. The expected numbers were counted by hand in the seed
/// file: in each table (title line "Кесте. Сапа және қол жетімділік көрсеткіштерінің мәні") the
/// indicator rows are the TAB-prefixed cells starting "N.N." after the column-number row
/// "1 2 3 4"; each is followed by three TAB-prefixed value cells.
/// </summary>
public sealed class QualityIndicatorImporterTests
{
    private static readonly QualityIndicatorImporter Importer = QualityIndicatorImporter.FromFile(RepositoryPaths.Seed);

    private static readonly string[] AllTwelve = ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "4.4", "5.1"];

    [SeedTheory]
    // Std 2 appendix 3, lines 3315-3475: 1.1 … 5.1, twelve rows.
    [InlineData("residence-permit", 12)]
    // Std 3 appendix 2, lines 3696-3867: 3.2 (line 3801) is followed by group 4 (line 3812); 3.3 is missing, eleven rows.
    [InlineData("address-certificate", 11)]
    // Std 4 appendix 5, lines 6973-7201: twelve rows, every value cell a TAB-only line.
    [InlineData("temporary-registration", 12)]
    // Std 5 appendix 3, lines 10276-10436; Std 6 appendix 4, lines 14002-14162; Std 7 appendix 2, lines 14734-14912.
    [InlineData("permanent-residence", 12)]
    [InlineData("citizenship", 12)]
    [InlineData("weapon-registration", 12)]
    // Std 1, 8 and 9 mention indicators (§19, §19, §17) but have no KPI appendix.
    [InlineData("driver-licence", 0)]
    [InlineData("vehicle-registration", 0)]
    [InlineData("proxy-driver-registration", 0)]
    public void Each_standard_has_the_indicators_counted_in_the_seed(string service, int count)
    {
        Importer.Import(service).Should().HaveCount(count);
    }

    [SeedFact]
    public void The_address_bureau_table_lacks_indicator_3_3()
    {
        Importer.Import("address-certificate").Select(i => i.Number).Should().Equal(AllTwelve.Where(n => n != "3.3"));
        Importer.Import("weapon-registration").Select(i => i.Number).Should().Equal(AllTwelve);
    }

    [SeedTheory]
    [InlineData("address-certificate", "1.1", 3740, 99)]
    [InlineData("address-certificate", "1.2", 3751, 10)]
    [InlineData("address-certificate", "4.1", 3815, 15)]
    [InlineData("address-certificate", "5.1", 3860, 75)]
    [InlineData("weapon-registration", "2.2", 14810, 100)]
    [InlineData("weapon-registration", "3.2", 14837, 70)]
    [InlineData("weapon-registration", "3.3", 14848, 80)]
    [InlineData("weapon-registration", "4.4", 14893, 60)]
    [InlineData("residence-permit", "3.3", 3421, 80)]
    [InlineData("permanent-residence", "2.1", 10341, 85)]
    [InlineData("citizenship", "4.2", 14127, 100)]
    public void Norms_are_pinned_to_their_seed_lines(string service, string number, int line, int percent)
    {
        var indicator = Importer.Import(service).Single(i => i.Number == number);

        indicator.SeedLine.Should().Be(line);
        // Every table that has values prints the same number in all three columns.
        new[] { indicator.Normative, indicator.NextYearTarget, indicator.Current }
            .Should().AllBeEquivalentTo(new IndicatorValue(percent.ToString(System.Globalization.CultureInfo.InvariantCulture), percent));
    }

    [SeedFact]
    public void The_temporary_registration_table_has_no_values_and_they_are_null_not_zero()
    {
        Importer.Import("temporary-registration").Should().OnlyContain(i =>
            i.Normative == new IndicatorValue("", null) && i.NextYearTarget == new IndicatorValue("", null) && i.Current == new IndicatorValue("", null));
    }

    [SeedFact]
    public void Indicator_texts_are_the_seeds_kazakh_with_soft_hyphens_joined_and_carry_translations()
    {
        var satisfied = Importer.Import("weapon-registration").Single(i => i.Number == "4.2");

        satisfied.Text.Kk.Should().Be("белгіленген мерзімде қаралған және қанағаттандырылған негізделген шағымдардың % (үлесі)");
        satisfied.Text.Ru.Should().Be("доля (%) обоснованных жалоб, рассмотренных и удовлетворённых в установленный срок");
        satisfied.Text.En.Should().Be("share (%) of justified complaints reviewed and satisfied within the set term");
        satisfied.Group.Should().Be(new IndicatorGroup("4", new CatalogueText("Шағымдану үдерісі", "Процесс обжалования", "Complaint process")));
        satisfied.Source.Should().Be("weapon-registration appendix 2, indicator 4.2");
        SeedText.Contains(satisfied.Text.Kk).Should().BeTrue();
    }

    [SeedFact]
    public void Every_imported_text_occurs_in_the_seed()
    {
        var texts = QualityIndicatorImporter.ServicesWithTables
            .SelectMany(Importer.Import)
            .SelectMany(i => new[] { i.Text.Kk, i.Group.Text.Kk })
            .ToList();

        texts.Should().HaveCount(2 * (5 * 12 + 11));
        texts.Where(text => !SeedText.Contains(text)).Should().BeEmpty();
    }

    [SeedFact]
    public void A_file_that_is_not_the_seed_is_refused_with_the_line_it_looked_at()
    {
        var notTheSeed = new QualityIndicatorImporter(Enumerable.Repeat("text", 15000).ToList());

        var import = () => notTheSeed.Import("weapon-registration");

        import.Should().Throw<InvalidDataException>().WithMessage("weapon-registration: the KPI table title*is not at seed line 14734*");
    }

    [SeedFact]
    public void An_unknown_service_code_is_refused()
    {
        var import = () => Importer.Import("passport");

        import.Should().Throw<ArgumentException>().WithMessage("Unknown service code 'passport'*");
    }
}
