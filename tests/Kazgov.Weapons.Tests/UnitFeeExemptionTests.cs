using Kazgov.Weapons.Domain;

namespace Kazgov.Weapons.Tests;

/// <summary>weapon-registration §8: the unit duty's exemption follows from the unit, at the 7.5 J and 4.5 mm limits.</summary>
public sealed class UnitFeeExemptionTests
{
    private static WeaponUnit Unit(string type, string? purpose = null, decimal? energy = null, decimal? calibre = null) =>
        new("S1", "Make", null, type, WeaponCategories.Civilian, purpose, energy, calibre, false, false);

    [Theory]
    [InlineData("7.5", "4.5", "low-energy-pneumatic-weapon")]
    [InlineData("7.51", "4.5", null)]
    [InlineData("7.5", "4.6", null)]
    [InlineData("7.49", "4.49", "low-energy-pneumatic-weapon")]
    [InlineData("16", "5.5", null)]
    public void A_pneumatic_weapon_is_exempt_up_to_and_including_7_5_J_and_4_5_mm(string energy, string calibre, string? exemption) =>
        UnitFeeExemption.For(Unit(WeaponTypes.Pneumatic, WeaponPurposes.Sport, decimal.Parse(energy, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(calibre, System.Globalization.CultureInfo.InvariantCulture)))
            .Should().Be(exemption);

    [Fact]
    public void A_pneumatic_weapon_without_its_energy_or_calibre_is_not_exempt()
    {
        UnitFeeExemption.For(Unit(WeaponTypes.Pneumatic, energy: 3m)).Should().BeNull();
        UnitFeeExemption.For(Unit(WeaponTypes.Pneumatic, calibre: 4.5m)).Should().BeNull();
    }

    [Theory]
    [InlineData("cold", "hunting", "cold-hunting-weapon")]
    [InlineData("cold", "sport", null)]
    [InlineData("signal", null, "signal-weapon")]
    [InlineData("barrel-less", "self-defence", "barrel-less-firearm")]
    [InlineData("mechanical-sprayer", "self-defence", "mechanical-sprayer")]
    [InlineData("aerosol", "self-defence", "aerosol-device")]
    [InlineData("smooth-bore", "hunting", null)]
    [InlineData("rifled", "hunting", null)]
    [InlineData("gas", "self-defence", null)]
    public void The_exemption_table(string type, string? purpose, string? exemption) =>
        UnitFeeExemption.For(Unit(type, purpose)).Should().Be(exemption);

    [Fact]
    public void Every_exemption_code_is_one_of_the_catalogue_item()
    {
        string[] catalogue = ["cold-hunting-weapon", "signal-weapon", "barrel-less-firearm", "mechanical-sprayer", "aerosol-device", "low-energy-pneumatic-weapon"];
        var produced = WeaponTypes.All
            .SelectMany(t => WeaponPurposes.All.Select(p => UnitFeeExemption.For(Unit(t, p, 1m, 1m))))
            .OfType<string>()
            .Distinct();
        produced.Should().BeEquivalentTo(catalogue);
    }

    [Fact]
    public void Make_and_serial_keys_ignore_case_and_spaces() =>
        WeaponUnit.Key(" ak 74m ").Should().Be(WeaponUnit.Key("AK74M"));
}
