using System.Text.Json;
using Kazgov.Kernel.Localization;

namespace Kazgov.Platform.Offices;

/// <summary>
/// Staff positions in kk, ru and en, so that a slip or notice printed in Russian or English names
/// the official's post in that language (issue 22, one language per page). The reviewed table
/// Offices/Data/position-names.json gives the known posts; any other (an administrator may type a
/// new one) gets the rule's Russian (<see cref="OfficeNameTranslation.PositionToRussian"/>) and, for
/// English, its Latin letters, as office names do.
/// </summary>
public static class PositionNames
{
    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web);

    private static readonly Lazy<IReadOnlyDictionary<string, LocalizedText>> Table = new(Load);

    private static readonly System.Buffers.SearchValues<char> KazakhLetters = System.Buffers.SearchValues.Create("әғқңөұүһіӘҒҚҢӨҰҮҺІ");

    /// <summary>The reviewed entries, by their Kazakh text.</summary>
    public static IReadOnlyDictionary<string, LocalizedText> Reviewed => Table.Value;

    /// <summary>The position in the three languages; null for no position.</summary>
    public static LocalizedText? Of(string? position)
    {
        if (string.IsNullOrWhiteSpace(position))
        {
            return null;
        }

        var key = position.Trim();
        if (Table.Value.TryGetValue(key, out var reviewed))
        {
            return reviewed;
        }

        // No letter only Kazakh has (a Russian or Latin text typed by an administrator): printed as typed.
        if (key.AsSpan().IndexOfAny(KazakhLetters) < 0)
        {
            return new LocalizedText(key, key, key);
        }

        var russian = OfficeNameTranslation.PositionToRussian(key);
        return new LocalizedText(key, russian, OfficeNameTranslation.ToLatin(russian));
    }

    private static Dictionary<string, LocalizedText> Load()
    {
        using var stream = typeof(PositionNames).Assembly.GetManifestResourceStream("offices/position-names.json")
            ?? throw new InvalidOperationException("offices/position-names.json is not embedded.");
        var file = JsonSerializer.Deserialize<PositionNamesFile>(stream, ReadOptions)
            ?? throw new InvalidDataException("offices/position-names.json holds no positions.");
        return file.Positions.ToDictionary(p => p.Kk, p => new LocalizedText(p.Kk, p.Ru, p.En), StringComparer.Ordinal);
    }

    private sealed record PositionNamesFile(string About, IReadOnlyList<PositionEntry> Positions);

    private sealed record PositionEntry(string Kk, string Ru, string En);
}
