using NodaTime;

namespace Kazgov.Platform.Calendar;

/// <summary>
/// The hours an office works on a working day (local time, Asia/Almaty). Working-time terms count
/// only these hours. The default is 09:00–18:00 with no break excluded: the issue gives the default
/// as a plain 09:00–18:00 and the seed's §10 mentions a lunch break for reception without fixing its
/// hours. An office schedule that states a break (e.g. 13:00–14:00) passes it here and the break
/// is then not counted.
/// </summary>
public sealed record OfficeHours(LocalTime Opens, LocalTime Closes, LocalTime? BreakStarts = null, LocalTime? BreakEnds = null)
{
    public static readonly OfficeHours Default = new(new LocalTime(9, 0), new LocalTime(18, 0));

    /// <summary>The counted stretches of a working day, in order.</summary>
    public IReadOnlyList<(LocalTime From, LocalTime To)> Intervals =>
        BreakStarts is { } breakStarts && BreakEnds is { } breakEnds
            ? [(Opens, breakStarts), (breakEnds, Closes)]
            : [(Opens, Closes)];

    public bool IsValid =>
        Opens < Closes
        && (BreakStarts is null) == (BreakEnds is null)
        && (BreakStarts is null || (Opens < BreakStarts && BreakStarts < BreakEnds && BreakEnds < Closes));

    public override string ToString() => BreakStarts is { } b && BreakEnds is { } e
        ? $"{Hm(Opens)}–{Hm(Closes)} / {Hm(b)}–{Hm(e)}"
        : $"{Hm(Opens)}–{Hm(Closes)}";

    // The same text as the "HH:mm" pattern, without the pattern engine's builder (it runs for every deadline's explanation).
    internal static string Hm(LocalTime time) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{time.Hour:D2}:{time.Minute:D2}");
}
