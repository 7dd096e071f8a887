namespace Kazgov.Licensing.Domain;

/// <summary>The licence categories of the seed (driver-licence §17.5): A, B, C, D and E.</summary>
internal enum LicenceCategory
{
    A,
    B,
    C,
    D,
    E,
}

internal static class LicenceCategories
{
    /// <summary>Exactly one of the letters A–E; Enum.TryParse would also take "1" or "a".</summary>
    public static bool TryParse(string? text, out LicenceCategory category)
    {
        category = default;
        if (text is not { Length: 1 } || text[0] is < 'A' or > 'E')
        {
            return false;
        }

        category = (LicenceCategory)(text[0] - 'A');
        return true;
    }
}
