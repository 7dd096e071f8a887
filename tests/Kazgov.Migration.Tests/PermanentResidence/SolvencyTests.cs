using CsCheck;
using Kazgov.Migration.PermanentResidence.Domain;
using Kazgov.Migration.PermanentResidence.Reference;
using Microsoft.Extensions.Configuration;

namespace Kazgov.Migration.Tests.PermanentResidence;

/// <summary>permanent-residence §12.2.ж–з and §18.4 at their boundaries, in tenge to the tiyn.</summary>
public sealed class SolvencyTests
{
    // The MCI of 2026 (platform Fees/Data/mci.csv): 1 320 × 4 325 = 5 709 000 KZT.
    private const decimal Mci2026 = 4325m;
    private const decimal Minimum2026 = 5_709_000m;

    // Astana at 560 000 KZT per m², a family of three: 3 × 15 × 560 000 = 25 200 000 KZT.
    private const decimal AstanaPrice = 560_000m;
    private const decimal FamilyOfThreeInAstana = 25_200_000m;

    private static SolvencyCase Case(decimal? balance, decimal? housingFunds, string? exemption = null, bool housingContract = false, int family = 3, decimal? price = AstanaPrice) =>
        new(exemption, balance, Mci2026, housingContract, family, housingFunds, price);

    [Fact]
    public void The_minimum_balance_is_1320_mci_on_the_application_date()
    {
        Solvency.MinimumBalance(Mci2026).Should().Be(Minimum2026);
        Solvency.HousingFundsNeeded(3, AstanaPrice).Should().Be(FamilyOfThreeInAstana);
    }

    [Fact]
    public void A_balance_of_exactly_1320_mci_passes_and_one_tiyn_less_fails()
    {
        Solvency.Check(Case(Minimum2026, FamilyOfThreeInAstana)).Should().BeEmpty();

        var shortfall = Solvency.Check(Case(Minimum2026 - 0.01m, FamilyOfThreeInAstana)).Should().ContainSingle().Subject;
        shortfall.Should().Be(new SolvencyShortfall("§12.2.ж", Minimum2026, 5_708_999.99m));
    }

    [Fact]
    public void Housing_funds_of_exactly_15_square_metres_per_family_member_pass_and_one_tiyn_less_fails()
    {
        Solvency.Check(Case(Minimum2026, FamilyOfThreeInAstana)).Should().BeEmpty();

        Solvency.Check(Case(Minimum2026, FamilyOfThreeInAstana - 0.01m)).Should().ContainSingle()
            .Which.Should().Be(new SolvencyShortfall("§12.2.з", FamilyOfThreeInAstana, 25_199_999.99m));
    }

    [Fact]
    public void A_housing_contract_replaces_the_housing_funds_statement_but_not_the_balance()
    {
        Solvency.Check(Case(Minimum2026, housingFunds: null, housingContract: true)).Should().BeEmpty();
        Solvency.Check(Case(Minimum2026 - 0.01m, housingFunds: null, housingContract: true)).Should().ContainSingle().Which.Paragraph.Should().Be("§12.2.ж");
    }

    [Theory]
    [InlineData("oralman")]
    [InlineData("native-or-former-citizen")]
    [InlineData("treaty-state-citizen")]
    public void The_three_exempt_groups_of_the_note_to_12_prove_no_solvency(string exemption)
    {
        Solvency.Check(Case(balance: null, housingFunds: null, exemption: exemption)).Should().BeEmpty();
        Solvency.Check(Case(balance: 0m, housingFunds: 0m, exemption: exemption, price: null)).Should().BeEmpty();
    }

    [Fact]
    public void Without_a_statement_or_a_reference_price_solvency_is_not_proven()
    {
        Solvency.Check(Case(balance: null, housingFunds: null)).Select(s => s.Paragraph).Should().Equal("§12.2.ж", "§12.2.з");
        Solvency.Check(Case(Minimum2026, housingFunds: 1_000_000_000m, price: null)).Should().ContainSingle().Which.Paragraph.Should().Be("§12.2.з");
    }

    [Fact]
    public void The_balance_rule_holds_for_any_mci_and_amount_to_the_tiyn()
    {
        Gen.Select(Gen.Int[1_000, 10_000], Gen.Long[0, 20_000_000_00L]).Sample((mci, tiyn) =>
        {
            var balance = tiyn / 100m;
            var passes = !Solvency.Check(new SolvencyCase(null, balance, mci, true, 1, null, null)).Any();
            return passes == (balance >= 1320m * mci);
        });
    }

    [Fact]
    public void Housing_prices_come_from_the_reference_file_and_configuration_overrides_or_adds_a_settlement()
    {
        var defaults = HousingPrices.Load(new ConfigurationBuilder().Build());
        defaults.PricePerSquareMetre("astana").Should().Be(AstanaPrice);
        defaults.PricePerSquareMetre("no-such-place").Should().BeNull();

        var configured = HousingPrices.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Migration:PermanentResidence:HousingPrices:astana"] = "600000",
            ["Migration:PermanentResidence:HousingPrices:kosshy"] = "450000.50",
        }).Build());
        configured.PricePerSquareMetre("astana").Should().Be(600_000m);
        configured.PricePerSquareMetre("kosshy").Should().Be(450_000.50m);
        configured.PricePerSquareMetre("almaty").Should().Be(defaults.PricePerSquareMetre("almaty"));

        var wrong = () => HousingPrices.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Migration:PermanentResidence:HousingPrices:astana"] = "-1",
        }).Build());
        wrong.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void The_treaty_states_are_the_parties_of_the_1999_agreement_on_simplified_citizenship()
    {
        TreatyStates.Load().Codes.Should().BeEquivalentTo(["BY", "KG", "RU", "TJ"]);
    }
}
