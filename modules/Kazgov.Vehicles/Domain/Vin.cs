namespace Kazgov.Vehicles.Domain;

/// <summary>What is wrong with a VIN, or <see cref="Valid"/>.</summary>
internal enum VinProblem
{
    Valid,
    Length,
    Character,
    CheckDigit,
}

/// <summary>
/// The vehicle identification number of ISO 3779: 17 characters of the Latin digits and capitals
/// except I, O and Q. The check digit (the 9th character: weights 8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2,
/// transliterated letters, sum mod 11, 10 written as X) is required only by the markets that
/// demand it — the project's reading: a VIN whose manufacturer code (WMI) is North American
/// (first character 1–5) or Chinese (L). Other VINs are not held to it: the European and Asian
/// markets fill the 9th position freely. A vehicle built before 1981, when the 17-character VIN
/// became mandatory, may have none: it is registered by its chassis (body) number instead.
/// </summary>
internal static class Vin
{
    public const int Length = 17;

    /// <summary>Model years before this may be registered by chassis number alone.</summary>
    public const int FirstVinYear = 1981;

    private static readonly int[] Weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

    public const string Alphabet = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

    /// <summary>Upper case, without spaces or dashes.</summary>
    public static string Normalise(string vin) => new([.. vin.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]);

    public static bool IsAllowed(char c) => Alphabet.Contains(c, StringComparison.Ordinal);

    /// <summary>Whether the market of the VIN's manufacturer requires the check digit.</summary>
    public static bool RequiresCheckDigit(string vin) => vin.Length > 0 && vin[0] is >= '1' and <= '5' or 'L';

    public static VinProblem Check(string? raw)
    {
        if (raw is null)
        {
            return VinProblem.Length;
        }

        var vin = Normalise(raw);
        if (vin.Length != Length)
        {
            return VinProblem.Length;
        }

        if (!vin.All(IsAllowed))
        {
            return VinProblem.Character;
        }

        return RequiresCheckDigit(vin) && vin[8] != CheckDigit(vin) ? VinProblem.CheckDigit : VinProblem.Valid;
    }

    /// <summary>The check digit of a 17-character VIN of allowed characters ('0'–'9' or 'X').</summary>
    public static char CheckDigit(string vin)
    {
        var sum = 0;
        for (var i = 0; i < Length; i++)
        {
            sum += Value(vin[i]) * Weights[i];
        }

        var remainder = sum % 11;
        return remainder == 10 ? 'X' : (char)('0' + remainder);
    }

    /// <summary>ISO 3779 transliteration: A–H 1–8, J–N 1–5, P 7, R 9, S–Z 2–9.</summary>
    public static int Value(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'H' => c - 'A' + 1,
        >= 'J' and <= 'N' => c - 'J' + 1,
        'P' => 7,
        'R' => 9,
        >= 'S' and <= 'Z' => c - 'S' + 2,
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, "Not a VIN character."),
    };

    /// <summary>A chassis (body) number of an older vehicle: 4–17 Latin letters or digits.</summary>
    public static bool IsChassisNumber(string? raw) =>
        raw is not null && Normalise(raw) is { Length: >= 4 and <= Length } n && n.All(c => c is >= '0' and <= '9' or >= 'A' and <= 'Z');
}
