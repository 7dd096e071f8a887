using Kazgov.Kernel.Localization;
using Kazgov.Platform.Indicators;

namespace Kazgov.Platform.Tests.Indicators;

public sealed class IndicatorTableCacheTests
{
    private static readonly IndicatorTableCache.Key Month = new("month", "2026-11-01", "office", null, null, Language.Ru);

    [Fact]
    public async Task Concurrent_and_later_requests_within_the_lifetime_share_one_build_and_a_new_one_follows_it()
    {
        // The test's own clock: a slow machine between two calls cannot make the lifetime run out.
        var time = new ManualTime();
        var cache = new IndicatorTableCache(5, time);
        var builds = 0;
        var release = new TaskCompletionSource();
        async Task<byte[]> Build()
        {
            var n = Interlocked.Increment(ref builds);
            await release.Task;
            return [(byte)n];
        }

        var first = cache.GetAsync(Month, Build);
        var second = cache.GetAsync(Month, Build);
        var otherLanguage = cache.GetAsync(Month with { Language = Language.En }, Build);
        release.SetResult();

        (await first).Should().Equal(1);
        (await second).Should().Equal(new byte[] { 1 }, "the same table asked for at once is built once");
        (await otherLanguage).Should().Equal(new byte[] { 2 }, "another language is another table");
        time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        (await cache.GetAsync(Month, Build)).Should().Equal(new byte[] { 1 }, "still within its lifetime, the moment before it ends");
        time.Advance(TimeSpan.FromTicks(1));
        (await cache.GetAsync(Month, Build)).Should().Equal(new byte[] { 3 }, "built again once its lifetime is over");
        builds.Should().Be(3);
    }

    [Fact]
    public async Task A_failed_build_is_not_kept_and_a_zero_lifetime_turns_the_cache_off()
    {
        var cache = new IndicatorTableCache(60);
        var act = () => cache.GetAsync(Month, () => throw new InvalidOperationException("bad query"));
        await act.Should().ThrowAsync<InvalidOperationException>();
        (await cache.GetAsync(Month, () => Task.FromResult(new byte[] { 7 }))).Should().Equal(7);

        new IndicatorTableCache(0).Enabled.Should().BeFalse();
        cache.Enabled.Should().BeTrue();
    }
}

/// <summary>A clock for the cache's lifetime that moves only when told to (timestamps in ticks of 100 ns).</summary>
internal sealed class ManualTime : TimeProvider
{
    private long _now = 1_000_000;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _now);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _now, by.Ticks);
}
