using System.Globalization;
using System.Text;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using NodaTime;

namespace Kazgov.Kernel.Http;

/// <summary>
/// The one paging helper of every list endpoint (API conventions: <c>limit</c> and an opaque
/// <c>cursor</c>, answered with <c>nextCursor</c>). A cursor is the sort key of the last item
/// shown, tagged with the list it belongs to so that one list's cursor is refused by another, and
/// written as URL-safe base64.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    private static readonly LocalizedText BadCursor = new(
        "cursor алдыңғы жауаптағы nextCursor мәні болуы керек",
        "cursor должен быть значением nextCursor из предыдущего ответа",
        "cursor must be the nextCursor of a previous response");

    /// <summary>The page size asked for, or the default; outside 1..<see cref="MaxLimit"/> a field error.</summary>
    public static int Limit(int? limit, ValidationErrors errors)
    {
        if (limit is null)
        {
            return DefaultLimit;
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", new LocalizedText(
                $"1-ден {MaxLimit}-ге дейін", $"От 1 до {MaxLimit}", $"From 1 to {MaxLimit}"));
            return DefaultLimit;
        }

        return limit.Value;
    }

    /// <summary>The page size given as text (lists that read their query by hand).</summary>
    public static int Limit(string? limit, ValidationErrors errors)
    {
        if (limit is null)
        {
            return DefaultLimit;
        }

        if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return Limit(0, errors);
        }

        return Limit(value, errors);
    }

    public static string Encode(string list, params string[] key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(list + "|" + string.Join('|', key)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The key parts of a cursor of <paramref name="list"/>; a field error when it is not one.</summary>
    public static string[]? Decode(string list, string? cursor, int parts, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var fields = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('|');
            if (fields.Length == parts + 1 && fields[0] == list)
            {
                return fields[1..];
            }
        }
        catch (FormatException)
        {
        }

        errors.Add("cursor", BadCursor);
        return null;
    }

    /// <summary>A cursor of a list sorted by (due moment, id).</summary>
    public static string EncodeDue(string list, Instant dueAt, Guid id) =>
        Encode(list, dueAt.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture), id.ToString("N"));

    public static (Instant DueAt, Guid Id)? DecodeDue(string list, string? cursor, ValidationErrors errors)
    {
        var parts = Decode(list, cursor, 2, errors);
        if (parts is null)
        {
            return null;
        }

        if (long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks) && Guid.TryParse(parts[1], out var id))
        {
            return (Instant.FromUnixTimeTicks(ticks), id);
        }

        errors.Add("cursor", BadCursor);
        return null;
    }

    /// <summary>A cursor of a list sorted by (due moment, id) where entries without a due moment come last ("-").</summary>
    public static string EncodeOptionalDue(string list, Instant? dueAt, Guid id) =>
        dueAt is { } due ? EncodeDue(list, due, id) : Encode(list, NoDue, id.ToString("N"));

    public static (Instant? DueAt, Guid Id)? DecodeOptionalDue(string list, string? cursor, ValidationErrors errors)
    {
        var parts = Decode(list, cursor, 2, errors);
        if (parts is null)
        {
            return null;
        }

        if (parts[0] == NoDue && Guid.TryParse(parts[1], out var lastId))
        {
            return (null, lastId);
        }

        if (long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks) && Guid.TryParse(parts[1], out var id))
        {
            return (Instant.FromUnixTimeTicks(ticks), id);
        }

        errors.Add("cursor", BadCursor);
        return null;
    }

    private const string NoDue = "-";

    /// <summary>A cursor of a list sorted by one whole number (a sort order, a sequence id).</summary>
    public static string EncodeNumber(string list, long value) => Encode(list, value.ToString(CultureInfo.InvariantCulture));

    public static long? DecodeNumber(string list, string? cursor, ValidationErrors errors)
    {
        var parts = Decode(list, cursor, 1, errors);
        if (parts is null)
        {
            return null;
        }

        if (long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add("cursor", BadCursor);
        return null;
    }
}
