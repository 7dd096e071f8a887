using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using NodaTime;
using NodaTime.Text;

namespace Kazgov.Kernel.Http;

/// <summary>Parses query and route values, adding a field error (never throwing) when one is missing or malformed. Modules use it too.</summary>
public static class RequestValues
{
    public static readonly LocalizedText InvalidDate = new(
        "Күн yyyy-MM-dd пішімінде болуы керек",
        "Дата должна быть в формате yyyy-MM-dd",
        "The date must be in the form yyyy-MM-dd");

    public static readonly LocalizedText InvalidInstant = new(
        "Уақыт сәті ISO-8601 пішімінде болуы керек (мысалы, 2026-03-10T05:00:00Z немесе 2026-03-10T10:00:00+05:00)",
        "Момент времени должен быть в формате ISO-8601 (например, 2026-03-10T05:00:00Z или 2026-03-10T10:00:00+05:00)",
        "The moment must be an ISO-8601 instant (e.g. 2026-03-10T05:00:00Z or 2026-03-10T10:00:00+05:00)");

    public static LocalDate? Date(ValidationErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, CommonMessages.Required);
            return null;
        }

        var result = LocalDatePattern.Iso.Parse(value.Trim());
        if (!result.Success)
        {
            errors.Add(field, InvalidDate);
            return null;
        }

        return result.Value;
    }

    /// <summary>An instant in UTC ("…Z") or with an offset ("…+05:00").</summary>
    public static Instant? Instant(ValidationErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, CommonMessages.Required);
            return null;
        }

        var text = value.Trim();
        var utc = InstantPattern.ExtendedIso.Parse(text);
        if (utc.Success)
        {
            return utc.Value;
        }

        // An unencoded "+05:00" in a query string arrives as " 05:00".
        var offset = OffsetDateTimePattern.ExtendedIso.Parse(text.Replace(' ', '+'));
        if (offset.Success)
        {
            return offset.Value.ToInstant();
        }

        errors.Add(field, InvalidInstant);
        return null;
    }
}
