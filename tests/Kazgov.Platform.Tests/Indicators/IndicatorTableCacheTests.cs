using Kazgov.Kernel.Localization;
using Kazgov.Platform.Indicators;

namespace Kazgov.Platform.Tests.Indicators;

public sealed class IndicatorTableCacheTests
{
    private static readonly IndicatorTableCache.Key Month = new("month", "2026-11-01", "office", null, null, Language.Ru);

    [Fact]
    public async Task Concurrent_and_later_requests_within_the_lifetime_share_one_build_and_a_new_one_follows_it()
    {
        var cache = new IndicatorTableCache(0.3);
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
        (await cache.GetAsync(Month, Build)).Should().Equal(new byte[] { 1 }, "still within its lifetime");
        await Task.Delay(400);
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
