using Kazgov.Kernel.Identifiers;

namespace Kazgov.Platform.Tests.Identifiers;

public sealed class IinMaskingTests
{
    [Theory]
    [InlineData("850315300128", "8503******28")]
    [InlineData("HTTP GET /api/v1/people/850315300128 responded 404", "HTTP GET /api/v1/people/8503******28 responded 404")]
    [InlineData("iin=850315300128&other=000229601230", "iin=8503******28&other=0002******30")]
    public void Valid_iins_keep_four_leading_and_two_trailing_digits(string text, string masked) =>
        IinMasking.Mask(text).Should().Be(masked);

    [Theory]
    [InlineData("850315300127")] // wrong control digit: not an IIN
    [InlineData("1850315300128")] // thirteen digits
    [InlineData("671C3429-2026-000123 at 5406.25 KZT")]
    [InlineData("")]
    public void Other_numbers_are_left_alone(string text) =>
        IinMasking.Mask(text).Should().Be(text);
}
