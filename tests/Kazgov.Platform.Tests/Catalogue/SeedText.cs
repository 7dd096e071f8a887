using System.Text;
using System.Text.RegularExpressions;
using Kazgov.Platform.Catalogue;
using Kazgov.Tests;

namespace Kazgov.Platform.Tests.Catalogue;

/// <summary>The seed and the catalogue, loaded once for all catalogue tests.</summary>
internal static partial class SeedText
{
    private static readonly Lazy<string> NormalisedSeed = new(() => Normalise(File.ReadAllText(RepositoryPaths.Seed, Encoding.UTF8)));

    private static readonly Lazy<ServiceCatalogue> LoadedCatalogue = new(() => ServiceCatalogue.Load());

    public static ServiceCatalogue Catalogue => LoadedCatalogue.Value;

    /// <summary>
    /// Whether the seed has the text; a hyphen at a line break is read either as a soft hyphen
    /// ("тұтынушылар-⏎дың") or as a real one ("Нұсқаушы-⏎спортшы").
    /// </summary>
    public static bool Contains(string text) =>
        NormalisedSeed.Value.Contains(Normalise(text), StringComparison.Ordinal)
        || SeedKeepingHyphens.Value.Contains(Normalise(text), StringComparison.Ordinal);

    private static readonly Lazy<string> SeedKeepingHyphens = new(() =>
        Normalise(HardHyphen().Replace(File.ReadAllText(Kazgov.Tests.RepositoryPaths.Seed), "-")));

    /// <summary>
    /// What "the seed's wording" is compared on: the seed breaks paragraphs over lines, indents with
    /// NBSP, mixes quote styles and sometimes writes Latin i/I for Kazakh і/І; soft hyphens at a
    /// line break ("тұтынушылар-⏎дың") are joined. Everything else must match character for character.
    /// </summary>
    public static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\u00A0' => ' ',
                '«' or '»' or '“' or '”' or '„' => '"',
                'i' => 'і',
                'I' => 'І',
                _ => c,
            });
        }

        var joined = SoftHyphen().Replace(builder.ToString(), "");
        return Whitespace().Replace(joined, " ").Trim();
    }

    [GeneratedRegex(@"(?<=\p{L})-\s*\n\s*(?=\p{Ll})")]
    private static partial Regex SoftHyphen();

    [GeneratedRegex(@"(?<=\p{L})-[ \t\u00A0]*\r?\n\s*(?=\p{L})")]
    private static partial Regex HardHyphen();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
