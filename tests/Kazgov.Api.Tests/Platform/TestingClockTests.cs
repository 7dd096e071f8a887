using Kazgov.Api.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using NodaTime;

namespace Kazgov.Api.Tests.Platform;

public sealed class TestingClockTests
{
    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    [InlineData("Staging")]
    public void A_fixed_clock_outside_production_stops_time_at_the_configured_instant(string environment)
    {
        var clock = Resolve(environment, "2026-11-27T05:30:00Z");

        clock.Should().BeOfType<TestingClock.FixedClock>();
        clock.GetCurrentInstant().Should().Be(Instant.FromUtc(2026, 11, 27, 5, 30));
        clock.GetCurrentInstant().Should().Be(Instant.FromUtc(2026, 11, 27, 5, 30), "time does not move");
    }

    [Fact]
    public void Production_ignores_the_setting_and_uses_the_system_clock()
    {
        Resolve(Environments.Production, "2026-11-27T05:30:00Z").Should().BeSameAs(SystemClock.Instance);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Without_the_setting_the_system_clock_runs(string? value)
    {
        Resolve(Environments.Development, value).Should().BeSameAs(SystemClock.Instance);
    }

    [Fact]
    public void A_value_that_is_not_an_instant_fails_the_start_with_the_setting_named()
    {
        var act = () => Resolve(Environments.Development, "2026-11-27 10:30");

        act.Should().Throw<InvalidOperationException>().WithMessage("Testing:FixedClock must be an ISO instant*'2026-11-27 10:30'*");
    }

    private static IClock Resolve(string environment, string? fixedClock)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [TestingClock.FixedClockKey] = fixedClock })
            .Build();
        var services = new ServiceCollection()
            .AddKazgovClock(configuration, new HostingEnvironment { EnvironmentName = environment });
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IClock>();
    }
}
