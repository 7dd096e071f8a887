using Kazgov.Kernel.Localization;
using NodaTime;

namespace Kazgov.Platform.Calendar;

public enum HolidayKind
{
    /// <summary>A national holiday: a day off, carried over to the next working day when it falls on a weekend.</summary>
    National,

    /// <summary>A religious holiday that is a day off; no carry-over (Labour Code art. 84).</summary>
    Religious,
}

/// <summary>
/// One statutory day off besides Saturday and Sunday, as data: either annual (<see cref="Month"/> and
/// <see cref="Day"/>) or a single movable date (<see cref="Date"/>, e.g. the first day of Kurban Ait),
/// applying to the years <see cref="ValidFromYear"/>..<see cref="ValidToYear"/> (both inclusive, open when null).
/// </summary>
public sealed record HolidayRule(
    string Code,
    HolidayKind Kind,
    int? Month,
    int? Day,
    LocalDate? Date,
    int? ValidFromYear,
    int? ValidToYear,
    bool CarryOver,
    LocalizedText Name,
    string Source)
{
    public bool FallsOn(LocalDate date)
    {
        if (ValidFromYear is { } from && date.Year < from)
        {
            return false;
        }

        if (ValidToYear is { } to && date.Year > to)
        {
            return false;
        }

        return Date is { } on ? on == date : date.Month == Month && date.Day == Day;
    }
}

/// <summary>A per-date decision that beats the rules (e.g. a Government decree transferring a day off).</summary>
public sealed record CalendarOverride(LocalDate Date, bool Working, LocalizedText Reason, string? Source);
