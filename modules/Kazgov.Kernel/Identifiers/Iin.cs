using NodaTime;

namespace Kazgov.Kernel.Identifiers;

/// <summary>
/// An individual identification number (ЖСН / ИИН): YYMMDD of birth, a digit for century and
/// sex (1/2 born in the 1800s, 3/4 in the 1900s, 5/6 in the 2000s; odd male, even female), four
/// serial digits and the control digit. Only valid numbers can be constructed.
/// </summary>
public sealed record Iin
{
    private Iin(string value, LocalDate birthDate, bool isMale)
    {
        Value = value;
        BirthDate = birthDate;
        IsMale = isMale;
    }

    public string Value { get; }

    public LocalDate BirthDate { get; }

    public bool IsMale { get; }

    public static bool TryParse(string? value, out Iin? iin, out IinError error)
    {
        iin = null;
        if (!CheckDigit.IsTwelveDigits(value))
        {
            error = IinError.NotTwelveDigits;
            return false;
        }

        var digits = value!;
        var centuryDigit = digits[6] - '0';
        if (centuryDigit is < 1 or > 6)
        {
            error = IinError.BadCenturyDigit;
            return false;
        }

        var century = 1800 + ((centuryDigit - 1) / 2 * 100);
        var year = century + int.Parse(digits.AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture);
        var month = int.Parse(digits.AsSpan(2, 2), System.Globalization.CultureInfo.InvariantCulture);
        var day = int.Parse(digits.AsSpan(4, 2), System.Globalization.CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            error = IinError.BadBirthDate;
            return false;
        }

        if (CheckDigit.Compute(digits) != digits[11] - '0')
        {
            error = IinError.BadCheckDigit;
            return false;
        }

        error = IinError.None;
        iin = new Iin(digits, new LocalDate(year, month, day), centuryDigit % 2 == 1);
        return true;
    }

    public override string ToString() => Value;
}

public enum IinError
{
    None,
    NotTwelveDigits,
    BadCenturyDigit,
    BadBirthDate,
    BadCheckDigit,
}
