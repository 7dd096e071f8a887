using CsCheck;
using Kazgov.Vehicles.Domain;

namespace Kazgov.Vehicles.Tests;

/// <summary>Plates: 3 digits, 2–3 letters, the region's 2-digit code; a pool's serials map to distinct plates.</summary>
public sealed class PlateTests
{
    [Theory]
    [InlineData("individual", 0, "01", "001AAA01")]
    [InlineData("individual", 998, "01", "999AAA01")]
    [InlineData("individual", 999, "01", "001AAB01")]
    [InlineData("individual", 999 * 23, "02", "001ABA02")]
    [InlineData("legal-entity", 0, "16", "001AA16")]
    [InlineData("legal-entity", 999 * 23 * 23 - 1, "09", "999ZZ09")]
    [InlineData("transit", 0, "01", "0001TR01")]
    [InlineData("transit", 9998, "05", "9999TR05")]
    public void A_pool_serial_gives_its_plate(string series, long serial, string region, string plate)
    {
        Plates.Format(series, serial, region).Should().Be(plate);
        (series == "transit" ? Plates.IsTransit(plate) : Plates.IsStandard(plate)).Should().BeTrue();
    }

    [Fact]
    public void The_sixteen_regions_have_distinct_two_digit_codes()
    {
        Plates.RegionCodes.Should().HaveCount(16);
        Plates.RegionCodes.Values.Should().OnlyHaveUniqueItems().And.OnlyContain(code => code.Length == 2 && code.All(char.IsAsciiDigit));
        Plates.RegionCodes["astana"].Should().Be("01");
        Plates.RegionCodes["almaty-city"].Should().Be("02");
    }

    [Fact]
    public void Distinct_serials_of_a_pool_give_distinct_plates_of_the_format() =>
        Gen.Select(Gen.OneOf("individual", "legal-entity", "transit"), Gen.Long[0, 9998], Gen.Long[0, 9998]).Sample((series, a, b) =>
        {
            var first = Plates.Format(series, a, "01");
            var second = Plates.Format(series, b, "01");
            (first == second).Should().Be(a == b);
            (Plates.IsStandard(first) || Plates.IsTransit(first)).Should().BeTrue();
            first.Should().NotContainAny("I", "O", "Q");
        });

    [Fact]
    public void A_pool_ends_at_its_capacity() =>
        FluentActions.Invoking(() => Plates.Format("legal-entity", Plates.Capacity("legal-entity"), "01")).Should().Throw<ArgumentOutOfRangeException>();

    [Theory]
    [InlineData("123ABC01", "123 ABC 01")]
    [InlineData("123AB01", "123 AB 01")]
    [InlineData("0001TR01", "0001 TR 01")]
    public void A_plate_is_shown_as_written_on_it(string plate, string shown)
    {
        Plates.Display(plate).Should().Be(shown);
        Plates.Normalise(shown.ToLowerInvariant()).Should().Be(plate);
    }
}
