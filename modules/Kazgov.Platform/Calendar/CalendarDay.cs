using Kazgov.Kernel.Localization;
using NodaTime;

namespace Kazgov.Platform.Calendar;

/// <summary>Why a day is working or not. Serialised kebab-case (e.g. "carried-over-day-off").</summary>
public enum DayKind
{
    WorkingDay,
    Weekend,
    NationalHoliday,
    ReligiousHoliday,

    /// <summary>The next working day after a national holiday that fell on a Saturday or Sunday.</summary>
    CarriedOverDayOff,

    /// <summary>A day off by a per-date override (e.g. a Government transfer).</summary>
    OverrideDayOff,

    /// <summary>A working day by a per-date override (e.g. a Saturday worked in exchange for a transferred day off).</summary>
    OverrideWorkingDay,
}

/// <summary>One day of the working calendar and the reason for its kind, in three languages.</summary>
public sealed record CalendarDay(LocalDate Date, bool Working, DayKind Kind, LocalizedText Reason, string? HolidayCode);
