using System.Text.RegularExpressions;

namespace Kazgov.Kernel.Data;

/// <summary>
/// A set of codes (statuses, service codes) written into a statement as literals, not sent as an array
/// parameter, so that PostgreSQL plans the prepared statement once per connection (a generic plan)
/// instead of on every execution. With an array parameter it cannot prove a partial index's predicate
/// (the open applications' index) and costs the unknown array as ten elements, so the generic plan never
/// looks as cheap as a custom one, and each inbox page was planned twice over (build/bench/README.md).
/// Only code-shaped values are written (lower-case letters and digits, joined by hyphens): any other
/// value is no code of the product's and matches no row, so it is left out.
/// </summary>
public static partial class SqlCodes
{
    /// <summary>"<paramref name="column"/> IN ('a', 'b')" in a stable order, or FALSE when no code is left.</summary>
    public static string In(string column, IEnumerable<string> codes)
    {
        var literals = codes.Where(code => CodeShape().IsMatch(code)).Distinct().Order(StringComparer.Ordinal).Select(code => $"'{code}'").ToList();
        return literals.Count == 0 ? "FALSE" : $"{column} IN ({string.Join(", ", literals)})";
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodeShape();
}
