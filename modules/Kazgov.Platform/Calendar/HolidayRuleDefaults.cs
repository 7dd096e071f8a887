using System.Text.Json;
using Kazgov.Kernel.Http;

namespace Kazgov.Platform.Calendar;

/// <summary>The holiday rules shipped with the platform (Calendar/Data/holiday-rules.json, embedded).</summary>
public static class HolidayRuleDefaults
{
    private const string ResourceSuffix = ".Calendar.Data.holiday-rules.json";

    public static IReadOnlyList<HolidayRule> Load()
    {
        var assembly = typeof(HolidayRuleDefaults).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        return JsonSerializer.Deserialize<List<HolidayRule>>(stream, PlatformJson.Options)
            ?? throw new InvalidOperationException("The embedded holiday rules are empty.");
    }

    /// <summary>A calendar from the shipped rules and no overrides (what a fresh installation starts with).</summary>
    public static WorkingCalendar Calendar() => new(Load(), []);
}
