using System.Globalization;

namespace Kazgov.Kernel.Localization;

/// <summary>A text in Kazakh, Russian and English. Every user-facing string is one of these.</summary>
public sealed record LocalizedText(string Kk, string Ru, string En)
{
    public string In(Language language) => language switch
    {
        Language.Kk => Kk,
        Language.Ru => Ru,
        _ => En,
    };

    /// <summary>Fills {0}, {1}… placeholders in every language.</summary>
    public LocalizedText Format(params object?[] args) => new(
        string.Format(CultureInfo.InvariantCulture, Kk, args),
        string.Format(CultureInfo.InvariantCulture, Ru, args),
        string.Format(CultureInfo.InvariantCulture, En, args));
}
