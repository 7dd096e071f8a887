using CsCheck;
using Kazgov.Vehicles.Domain;

namespace Kazgov.Vehicles.Tests;

/// <summary>The VIN of ISO 3779: 17 characters without I, O, Q; the check digit where the market requires it (North America, China).</summary>
public sealed class VinTests
{
    private static readonly Gen<char> VinChar = Gen.Int[0, Vin.Alphabet.Length - 1].Select(i => Vin.Alphabet[i]);

    private static readonly Gen<string> AnyVin = VinChar.Array[Vin.Length].Select(chars => new string(chars));

    /// <summary>A VIN of a market that requires the check digit, with the right one in the 9th place.</summary>
    private static readonly Gen<string> NorthAmericanVin = Gen.Select(Gen.Int[1, 5], VinChar.Array[16]).Select((first, rest) =>
    {
        var vin = first.ToString(System.Globalization.CultureInfo.InvariantCulture) + new string(rest);
        return vin[..8] + Vin.CheckDigit(vin) + vin[9..];
    });

    [Theory]
    [InlineData("1HGCM82633A004352")] // the textbook example: check digit 3
    [InlineData("1FTFW1E52JFA12345")]
    [InlineData("5YJ3E1EA2KF317000")]
    [InlineData("JTNB11HK5K3012345")] // Japan: the 9th place is not a check digit
    [InlineData("WVWZZZ1JZXW000001")] // Germany: "Z" fill in the 9th place
    [InlineData("1hgcm82633a004352")] // written in lower case
    [InlineData("1HG-CM826 33A004352")] // with a dash and a space
    public void Valid_vins_are_accepted(string vin) => Vin.Check(vin).Should().Be(VinProblem.Valid);

    [Theory]
    [InlineData("1HGCM82643A004352", "CheckDigit")]
    [InlineData("LSGJA52U5AH000001", "CheckDigit")]
    [InlineData("1HGCM82633A00435", "Length")]
    [InlineData("1HGCM82633A0043522", "Length")]
    [InlineData("1HGCM82633A00435I", "Character")]
    [InlineData("WVWZZZ1JZXW00000O", "Character")]
    [InlineData("WVWZZZ1JZXW00000Q", "Character")]
    [InlineData("", "Length")]
    [InlineData(null, "Length")]
    public void Invalid_vins_are_refused_with_their_reason(string? vin, string problem) => Vin.Check(vin).ToString().Should().Be(problem);

    [Fact]
    public void A_vin_with_its_own_check_digit_is_valid_and_every_other_digit_in_its_place_is_not() =>
        NorthAmericanVin.Sample(vin =>
        {
            Vin.Check(vin).Should().Be(VinProblem.Valid);
            foreach (var wrong in "0123456789X".Where(c => c != vin[8]))
            {
                Vin.Check(vin[..8] + wrong + vin[9..]).Should().Be(VinProblem.CheckDigit);
            }
        });

    [Fact]
    public void Changing_one_character_of_a_north_american_vin_is_always_caught_by_the_check_digit_or_the_alphabet() =>
        Gen.Select(NorthAmericanVin, Gen.Int[0, 16].Where(i => i != 8), VinChar).Sample((vin, position, replacement) =>
        {
            var changed = vin[..position] + replacement + vin[(position + 1)..];
            var weightIsZero = position == 8;
            if (changed != vin && !weightIsZero && changed[0] is >= '1' and <= '5' && Vin.Value(changed[position]) != Vin.Value(vin[position]))
            {
                Vin.Check(changed).Should().Be(VinProblem.CheckDigit);
            }
        });

    [Fact]
    public void A_vin_of_a_market_without_the_check_digit_is_judged_by_length_and_alphabet_only() =>
        AnyVin.Where(vin => !Vin.RequiresCheckDigit(vin)).Sample(vin => Vin.Check(vin).Should().Be(VinProblem.Valid));

    [Fact]
    public void I_O_and_Q_are_refused_anywhere() =>
        Gen.Select(AnyVin, Gen.Int[0, 16], Gen.OneOf('I', 'O', 'Q')).Sample((vin, position, letter) =>
            Vin.Check(vin[..position] + letter + vin[(position + 1)..]).Should().Be(VinProblem.Character));

    [Fact]
    public void Normalising_is_idempotent_and_keeps_validity() =>
        AnyVin.Sample(vin =>
        {
            Vin.Normalise(vin.ToLowerInvariant()).Should().Be(vin);
            Vin.Check(vin.ToLowerInvariant()).Should().Be(Vin.Check(vin));
        });

    [Theory]
    [InlineData("21-0412345", true)]
    [InlineData("A123", true)]
    [InlineData("123", false)]
    [InlineData("ГАЗ21", false)]
    [InlineData(null, false)]
    public void An_older_vehicle_is_registered_by_a_chassis_number_of_4_to_17_latin_letters_or_digits(string? chassis, bool valid) =>
        Vin.IsChassisNumber(chassis).Should().Be(valid);
}
