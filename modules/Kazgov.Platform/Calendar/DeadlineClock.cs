namespace Kazgov.Platform.Calendar;

/// <summary>How a service term runs. Serialised kebab-case: calendar, working-time, around-the-clock, same-day.</summary>
public enum DeadlineClock
{
    /// <summary>Months or days in calendar time from the acceptance date; a last day that is a day off moves to the next working day.</summary>
    Calendar,

    /// <summary>Hours or minutes counted only inside the office's hours on working days.</summary>
    WorkingTime,

    /// <summary>Hours counted around the clock, days off included (the address bureau's 48 hours for agencies).</summary>
    AroundTheClock,

    /// <summary>Served on the day of acceptance (or the next working day if accepted on a day off).</summary>
    SameDay,
}
