using Kazgov.Kernel.Identifiers;
using NodaTime;

namespace Kazgov.Platform.Tests.Identifiers;

public sealed class IdentifierTests
{
    [Theory]
    [InlineData("850315300128", 1985, 3, 15, true)]
    [InlineData("000229601230", 2000, 2, 29, false)]
    [InlineData("931205400344", 1993, 12, 5, false)]
    [InlineData("850315301801", 1985, 3, 15, true)] // the control digit comes from the second weighting
    public void A_valid_iin_gives_its_birth_date_and_sex(string value, int year, int month, int day, bool male)
    {
        Iin.TryParse(value, out var iin, out var error).Should().BeTrue();

        error.Should().Be(IinError.None);
        iin!.BirthDate.Should().Be(new LocalDate(year, month, day));
        iin.IsMale.Should().Be(male);
    }

    [Theory]
    [InlineData(null, IinError.NotTwelveDigits)]
    [InlineData("85031530012", IinError.NotTwelveDigits)]
    [InlineData("85031530012a", IinError.NotTwelveDigits)]
    [InlineData("850315700128", IinError.BadCenturyDigit)]
    [InlineData("850315000128", IinError.BadCenturyDigit)]
    [InlineData("850229300128", IinError.BadBirthDate)] // 1985 is not a leap year
    [InlineData("851315300128", IinError.BadBirthDate)]
    [InlineData("850315300129", IinError.BadCheckDigit)]
    [InlineData("900101300800", IinError.BadCheckDigit)] // both weightings give 10: never issued
    public void An_invalid_iin_says_why(string? value, IinError expected)
    {
        Iin.TryParse(value, out var iin, out var error).Should().BeFalse();

        iin.Should().BeNull();
        error.Should().Be(expected);
    }

    [Theory]
    [InlineData("190640000127")]
    [InlineData("051251000345")]
    [InlineData("070160001230")]
    public void A_valid_bin_parses(string value) =>
        Bin.TryParse(value, out _, out var error).Should().BeTrue(error.ToString());

    [Theory]
    [InlineData("19064000012", BinError.NotTwelveDigits)]
    [InlineData("191340000127", BinError.BadRegistrationMonth)]
    [InlineData("190630000127", BinError.BadEntityKind)]
    [InlineData("190640000128", BinError.BadCheckDigit)]
    public void An_invalid_bin_says_why(string value, BinError expected)
    {
        Bin.TryParse(value, out _, out var error).Should().BeFalse();

        error.Should().Be(expected);
    }
}
