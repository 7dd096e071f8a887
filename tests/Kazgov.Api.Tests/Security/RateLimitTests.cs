using System.Net;
using System.Net.Http.Json;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using static Kazgov.Api.Tests.Security.TokenTests;

namespace Kazgov.Api.Tests.Security;

/// <summary>A host of its own with low limits: 3 calls a minute per actor, 4 token requests a minute per address.</summary>
public sealed class RateLimitedApiFactory() : KazgovApiFactory(new Dictionary<string, string?>
{
    ["Security:RateLimits:PerCaller:PermitLimit"] = "3",
    ["Security:RateLimits:Token:PermitLimit"] = "4",
    ["Security:RateLimits:Verification:PermitLimit"] = "2",
    ["Security:RateLimits:StatusLookup:PermitLimit"] = "2",
});

public sealed class RateLimitTests(RateLimitedApiFactory factory) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task Callers_over_their_limit_get_429_rate_limited_with_retry_after()
    {
        var client = factory.CreateClient();
        var portal = await factory.TokenAsync(ApiAuth.Portal);
        var clerk = await factory.TokenAsync("clerk.astana");
        (await client.PostAsJsonAsync("/api/v1/auth/token", new Dictionary<string, string> { ["grant_type"] = "password" }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.PostAsJsonAsync("/api/v1/auth/token", new Dictionary<string, string> { ["grant_type"] = "password" }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);

        // The token endpoint: the fifth request of the minute from one address is refused.
        var fifth = await client.PostAsJsonAsync("/api/v1/auth/token", new Dictionary<string, string> { ["grant_type"] = "password" });
        await ShouldBeProblem(fifth, HttpStatusCode.TooManyRequests, "rate-limited");
        fifth.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);

        // Per actor: three calls, then 429; another actor still has its own three.
        for (var call = 1; call <= 3; call++)
        {
            (await GetMeAsync(portal)).StatusCode.Should().Be(HttpStatusCode.OK, "call {0} is within the limit", call);
        }

        var fourth = await GetMeAsync(portal);
        var problem = await ShouldBeProblem(fourth, HttpStatusCode.TooManyRequests, "rate-limited");
        fourth.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        problem.GetProperty("retryAfterSeconds").GetInt32().Should().Be((int)fourth.Headers.RetryAfter.Delta.Value.TotalSeconds);

        (await GetMeAsync(clerk)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_status_lookup_has_its_own_strict_limit_per_address()
    {
        var anonymous = factory.CreateClient();

        (await anonymous.GetAsync("/api/v1/applications/status?number=DL-1&iin=850315300019")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/api/v1/applications/status?number=DL-2&iin=850315300019")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var third = await anonymous.GetAsync("/api/v1/applications/status?number=DL-3&iin=850315300019");

        await ShouldBeProblem(third, HttpStatusCode.TooManyRequests, "rate-limited");
        third.Headers.RetryAfter.Should().NotBeNull();
    }

    [Fact]
    public async Task Document_verification_has_its_own_limit()
    {
        var anonymous = factory.CreateClient();

        (await anonymous.GetAsync("/api/v1/driver-licences/KZ269999999/verification?birthDate=1985-03-15")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/api/v1/driver-licences/KZ269999998/verification?birthDate=1985-03-15")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var third = await anonymous.GetAsync("/api/v1/driver-licences/KZ269999997/verification?birthDate=1985-03-15");

        await ShouldBeProblem(third, HttpStatusCode.TooManyRequests, "rate-limited");
        (await anonymous.GetAsync("/api/v1/services/driver-licence")).StatusCode.Should().Be(HttpStatusCode.OK, "the catalogue is not under the verification limit");
    }

    private async Task<HttpResponseMessage> GetMeAsync(string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/api/v1/auth/me");
    }
}
