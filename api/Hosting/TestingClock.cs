using NodaTime;
using NodaTime.Text;

namespace Kazgov.Api.Hosting;

/// <summary>
/// The host's clock. Testing:FixedClock (an ISO instant, e.g. 2026-11-27T05:30:00Z) stops time
/// for end-to-end runs that must see the same deadlines and issuance windows every day. A Production
/// start with it set is refused (<see cref="ProductionGuards"/>); should one get this far, Production
/// still gets the system clock only.
/// </summary>
internal static class TestingClock
{
    public const string FixedClockKey = "Testing:FixedClock";

    public static IServiceCollection AddKazgovClock(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var fixedAt = configuration[FixedClockKey];
        if (string.IsNullOrWhiteSpace(fixedAt) || environment.IsProduction())
        {
            return services.AddSingleton<IClock>(SystemClock.Instance);
        }

        var parsed = InstantPattern.ExtendedIso.Parse(fixedAt.Trim());
        if (!parsed.Success)
        {
            throw new InvalidOperationException($"{FixedClockKey} must be an ISO instant such as 2026-11-27T05:30:00Z, not '{fixedAt}'.");
        }

        return services.AddSingleton<IClock>(new FixedClock(parsed.Value));
    }

    /// <summary>A clock that always answers the same instant.</summary>
    internal sealed class FixedClock(Instant instant) : IClock
    {
        public Instant GetCurrentInstant() => instant;
    }
}
