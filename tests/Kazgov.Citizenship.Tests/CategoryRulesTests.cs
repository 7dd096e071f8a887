using Kazgov.Citizenship.Domain;
using NodaTime;

namespace Kazgov.Citizenship.Tests;

/// <summary>citizenship §6 categories 1–7 at their boundaries, each shortfall named by its paragraph.</summary>
public sealed class CategoryRulesTests
{
    private const string CitizenIin = "850315300019";
    private const string OtherCitizenIin = "600101400020";

    // The application date: Tuesday 10 March 2026.
    private static readonly LocalDate Applied = new(2026, 3, 10);

    private static CategoryCase Case(int category, string? citizenship = null) => new(
        category, citizenship, false, null, null, null, null, null, null, null, null, null);

    private static IReadOnlyList<string> Paragraphs(CategoryCase c) => [.. CategoryRules.Check(c, Applied).Select(s => s.Paragraph + " " + s.Field)];

    [Fact]
    public void Category_1_needs_the_oralman_certificate()
    {
        Paragraphs(Case(1, "CN")).Should().Equal("§6.1 oralmanCertificateNumber");
        Paragraphs(Case(1, "CN") with { OralmanCertificateNumber = "OR-123" }).Should().BeEmpty();
    }

    [Theory]
    [InlineData("UA", true)]
    [InlineData("RU", false)]
    public void Category_2_is_for_citizens_of_Ukraine(string citizenship, bool passes)
    {
        var c = Case(2, citizenship) with { Relative = new RelativeCase(CitizenIin, "sister") };
        Paragraphs(c).Should().HaveCount(passes ? 0 : 1);
        if (!passes)
        {
            Paragraphs(c).Single().Should().Be("§6.2 applicant.citizenship");
        }
    }

    [Theory]
    [InlineData("grandmother", 2, true)]
    [InlineData("spouse", 2, true)]
    [InlineData("adopted-child", 2, false)]
    [InlineData("adoptive-parent", 3, false)]
    [InlineData("adopted-child", 4, true)]
    [InlineData("adoptive-parent", 4, true)]
    [InlineData("cousin", 4, false)]
    [InlineData("aunt", 2, false)]
    public void The_allowed_kin_differ_for_category_4(string kinship, int category, bool passes)
    {
        var state = category switch { 2 => "UA", 3 => "KG", _ => "UZ" };
        var c = Case(category, state) with { Relative = new RelativeCase(CitizenIin, kinship) };
        var shortfalls = CategoryRules.Check(c, Applied);
        if (passes)
        {
            shortfalls.Should().BeEmpty();
        }
        else
        {
            shortfalls.Should().ContainSingle().Which.Field.Should().Be("relative.kinship");
            shortfalls[0].Paragraph.Should().Be($"§6.{category}");
        }
    }

    [Theory]
    [InlineData("850315300019", true)]
    [InlineData("850315300018", false)] // wrong check digit
    [InlineData("85031530001", false)]
    [InlineData(null, false)]
    public void The_relatives_IIN_is_validated(string? iin, bool passes)
    {
        var c = Case(4, "AM") with { Relative = new RelativeCase(iin, "brother") };
        CategoryRules.Check(c, Applied).Select(s => s.Field).Should().BeEquivalentTo(passes ? [] : new[] { "relative.iin" });
    }

    [Fact]
    public void The_relative_is_not_the_applicant()
    {
        var c = Case(4, "AM") with { Relative = new RelativeCase(CitizenIin, "brother"), ApplicantIin = CitizenIin };
        Paragraphs(c).Should().Equal("§6.4 relative.iin");
    }

    [Fact]
    public void Category_3_is_birth_or_residence_before_21_December_1991_or_a_relative()
    {
        var c = Case(3, "RU");
        Paragraphs(c with { InKazakhstanBefore1991On = new LocalDate(1991, 12, 20) }).Should().BeEmpty("the day before the Alma-Ata Declaration counts");
        Paragraphs(c with { InKazakhstanBefore1991On = new LocalDate(1991, 12, 21) }).Should().Equal("§6.3 inKazakhstanBefore1991On");
        Paragraphs(c).Should().Contain("§6.3 relative.kinship", "without the 1991 proof a relative is needed");
        Paragraphs(c with { Relative = new RelativeCase(OtherCitizenIin, "father") }).Should().BeEmpty();
        Paragraphs(Case(3, "UA") with { InKazakhstanBefore1991On = new LocalDate(1980, 1, 1) }).Should().Equal("§6.3 applicant.citizenship");
    }

    [Theory]
    [InlineData("UZ", true)]
    [InlineData("GE", true)]
    [InlineData("CN", false)]
    [InlineData("KZ", false)]
    public void Category_4_is_for_the_former_union_republics(string state, bool passes)
    {
        var c = Case(4, state) with { Relative = new RelativeCase(CitizenIin, "child") };
        Paragraphs(c).Should().HaveCount(passes ? 0 : 1);
    }

    [Theory]
    [InlineData(1, "P-1", true)]
    [InlineData(24, "P-1", true)]
    [InlineData(0, "P-1", false)]
    [InlineData(25, "P-1", false)]
    [InlineData(9, null, false)]
    public void Category_5_is_one_of_the_24_professions_with_the_petition(int profession, string? petition, bool passes)
    {
        var c = Case(5, "DE") with { ProfessionNumber = profession, PetitionNumber = petition };
        Paragraphs(c).Should().HaveCount(passes ? 0 : 1);
        Paragraphs(c).Where(p => !p.StartsWith("§6.5")).Should().BeEmpty();
    }

    [Fact]
    public void Category_6_needs_three_years_of_marriage_on_the_application_date_to_the_day()
    {
        var c = Case(6, "TR") with { SpouseIin = CitizenIin };
        Paragraphs(c with { MarriedOn = new LocalDate(2023, 3, 10) }).Should().BeEmpty("exactly three years on the day");
        Paragraphs(c with { MarriedOn = new LocalDate(2023, 3, 11) }).Should().Equal("§6.6 marriedOn");
        Paragraphs(c).Should().Equal("§6.6 marriedOn");
        Paragraphs(c with { MarriedOn = new LocalDate(2020, 1, 1), SpouseIin = "123" }).Should().Equal("§6.6 spouseIin");
    }

    [Fact]
    public void A_marriage_on_29_February_counts_three_years_from_28_February()
    {
        // NodaTime truncates 2024-02-29 + 3 years to 2027-02-28.
        var c = Case(6, "TR") with { SpouseIin = CitizenIin, MarriedOn = new LocalDate(2024, 2, 29) };
        CategoryRules.Check(c, new LocalDate(2027, 2, 27)).Should().ContainSingle();
        CategoryRules.Check(c, new LocalDate(2027, 2, 28)).Should().BeEmpty();
    }

    [Fact]
    public void Category_7_needs_five_years_of_permanent_residence_to_the_day()
    {
        var c = Case(7, "CN");
        Paragraphs(c with { PermanentResidenceSince = new LocalDate(2021, 3, 10) }).Should().BeEmpty();
        Paragraphs(c with { PermanentResidenceSince = new LocalDate(2021, 3, 11) }).Should().Equal("§6.7 permanentResidenceSince");
        Paragraphs(c).Should().Equal("§6.7 permanentResidenceSince");
    }
}
