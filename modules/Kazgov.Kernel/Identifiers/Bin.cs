namespace Kazgov.Kernel.Identifiers;

/// <summary>
/// A business identification number (БСН / БИН): YYMM of registration, a digit for the kind of
/// entity (4 resident legal entity, 5 non-resident legal entity, 6 individual entrepreneur in joint
/// venture), a digit for its part (0 head office, 1 branch, 2 representative office, 3 peasant farm),
/// five serial digits and the control digit.
/// </summary>
public sealed record Bin
{
    private Bin(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? value, out Bin? bin, out BinError error)
    {
        bin = null;
        if (!CheckDigit.IsTwelveDigits(value))
        {
            error = BinError.NotTwelveDigits;
            return false;
        }

        var digits = value!;
        var month = int.Parse(digits.AsSpan(2, 2), System.Globalization.CultureInfo.InvariantCulture);
        if (month is < 1 or > 12)
        {
            error = BinError.BadRegistrationMonth;
            return false;
        }

        if (digits[4] is < '4' or > '6' || digits[5] is < '0' or > '3')
        {
            error = BinError.BadEntityKind;
            return false;
        }

        if (CheckDigit.Compute(digits) != digits[11] - '0')
        {
            error = BinError.BadCheckDigit;
            return false;
        }

        error = BinError.None;
        bin = new Bin(digits);
        return true;
    }

    public override string ToString() => Value;
}

public enum BinError
{
    None,
    NotTwelveDigits,
    BadRegistrationMonth,
    BadEntityKind,
    BadCheckDigit,
}
