namespace Kazgov.Kernel.Identifiers;

/// <summary>
/// The control digit shared by the IIN and the BIN: the first eleven digits weighted 1…11, sum
/// modulo 11; when that gives 10, a second pass with weights 3…11, 1, 2; when that gives 10 again
/// the number is never issued.
/// </summary>
internal static class CheckDigit
{
    private static readonly int[] FirstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    private static readonly int[] SecondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

    public static int? Compute(ReadOnlySpan<char> elevenDigits)
    {
        var first = Weighted(elevenDigits, FirstWeights) % 11;
        if (first != 10)
        {
            return first;
        }

        var second = Weighted(elevenDigits, SecondWeights) % 11;
        return second == 10 ? null : second;
    }

    public static bool IsTwelveDigits(string? value) => value is { Length: 12 } && value.All(char.IsAsciiDigit);

    private static int Weighted(ReadOnlySpan<char> digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < 11; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }

        return sum;
    }
}
