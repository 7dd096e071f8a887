using System.Text.Json.Nodes;

namespace Kazgov.SeedImport;

/// <summary>What changed in one reference file, counted by record (a record's key is its first member: id, code or service).</summary>
public sealed record FileChanges(string FileName, IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed, bool OtherwiseChanged)
{
    public bool None => Added.Count + Removed.Count + Changed.Count == 0 && !OtherwiseChanged;

    public override string ToString()
    {
        if (None)
        {
            return $"{FileName}: no changes";
        }

        var text = $"{FileName}: {Added.Count} added, {Removed.Count} removed, {Changed.Count} changed";
        foreach (var (label, keys) in new[] { ("added", Added), ("removed", Removed), ("changed", Changed) })
        {
            if (keys.Count > 0)
            {
                text += $"{Environment.NewLine}  {label}: {string.Join(", ", keys.Take(20))}{(keys.Count > 20 ? $", … ({keys.Count - 20} more)" : "")}";
            }
        }

        return OtherwiseChanged && Added.Count + Removed.Count + Changed.Count == 0 ? text + " (only the file's header or layout)" : text;
    }
}

public static class ReferenceDiff
{
    /// <summary>Compares the old text of a file (null: no file yet) with the new one.</summary>
    public static FileChanges Compare(string fileName, string? oldText, string newText)
    {
        var oldRecords = Records(oldText);
        var newRecords = Records(newText);
        var added = newRecords.Keys.Where(k => !oldRecords.ContainsKey(k)).ToList();
        var removed = oldRecords.Keys.Where(k => !newRecords.ContainsKey(k)).ToList();
        var changed = newRecords.Keys.Where(k => oldRecords.TryGetValue(k, out var old) && !JsonNode.DeepEquals(old, newRecords[k])).ToList();
        return new FileChanges(fileName, added, removed, changed, !string.Equals(oldText, newText, StringComparison.Ordinal));
    }

    /// <summary>The records of the file's list (the first array member of its top-level object), by key.</summary>
    private static Dictionary<string, JsonNode?> Records(string? text)
    {
        var records = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text) || JsonNode.Parse(text) is not JsonObject root
            || root.Select(p => p.Value).OfType<JsonArray>().FirstOrDefault() is not { } list)
        {
            return records;
        }

        foreach (var record in list.OfType<JsonObject>())
        {
            var key = record.FirstOrDefault().Value?.ToString() ?? "";
            records[key] = record;
        }

        return records;
    }
}
