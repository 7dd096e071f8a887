using System.Net;
using System.Text;
using System.Text.Json;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Api.Tests.Probe;

namespace Kazgov.Api.Tests.Platform;

/// <summary>DESIGN.md § API conventions: every creating POST can be retried safely with an Idempotency-Key.</summary>
[Collection(ProbeCollection.Name)]
public sealed class IdempotencyTests(ProbeApiFactory factory)
{
    [Fact]
    public async Task A_retry_with_the_same_key_and_body_replays_the_first_response()
    {
        var name = "replay-" + Guid.NewGuid();
        var key = Guid.NewGuid().ToString();
        var client = factory.CreateClient();

        var first = await client.SendAsync(Create(name, key));
        var second = await client.SendAsync(Create(name, key));

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.Created);
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        second.Headers.Location.Should().Be(first.Headers.Location);
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        first.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        (await factory.CountProbesAsync(name)).Should().Be(1);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_with_422()
    {
        var key = Guid.NewGuid().ToString();
        var client = factory.CreateClient();
        var other = "other-" + Guid.NewGuid();

        (await client.SendAsync(Create("first-" + Guid.NewGuid(), key))).StatusCode.Should().Be(HttpStatusCode.Created);
        var response = await client.SendAsync(Create(other, key));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        (await factory.CountProbesAsync(other)).Should().Be(0);
    }

    [Fact]
    public async Task The_same_key_on_another_path_counts_as_another_request()
    {
        var key = Guid.NewGuid().ToString();
        var client = factory.CreateClient();
        (await client.SendAsync(Create("path-" + Guid.NewGuid(), key))).StatusCode.Should().Be(HttpStatusCode.Created);

        using var elsewhere = new HttpRequestMessage(HttpMethod.Post, "/api/v1/test-probes?variant=2")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        elsewhere.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(elsewhere);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
    }

    [Fact]
    public async Task Twenty_concurrent_requests_with_one_key_create_exactly_one_resource()
    {
        var name = "concurrent-" + Guid.NewGuid();
        var key = Guid.NewGuid().ToString();
        var client = factory.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => client.SendAsync(Create(name, key)))));

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Created);
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        bodies.Distinct().Should().ContainSingle("every retry gets the first response");
        responses.Count(r => r.Headers.Contains("Idempotent-Replayed")).Should().Be(19);
        (await factory.CountProbesAsync(name)).Should().Be(1);
    }

    [Fact]
    public async Task Without_a_key_every_post_creates()
    {
        var name = "no-key-" + Guid.NewGuid();
        var client = factory.CreateClient();

        await client.SendAsync(Create(name, key: null));
        await client.SendAsync(Create(name, key: null));

        (await factory.CountProbesAsync(name)).Should().Be(2);
    }

    [Fact]
    public async Task A_failed_request_is_not_stored_so_its_retry_runs_again()
    {
        var key = Guid.NewGuid().ToString();
        var client = factory.CreateClient();

        var first = await client.SendAsync(Create("fail-after-insert", key));
        var retry = await client.SendAsync(Create("fail-after-insert", key));

        await first.ShouldBeProblemAsync(HttpStatusCode.Conflict, "probe-failed-after-write");
        await retry.ShouldBeProblemAsync(HttpStatusCode.Conflict, "probe-failed-after-write");
        retry.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
    }

    [Theory]
    [InlineData("k-129-characters-long-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("has space")]
    [InlineData("ключ")]
    public async Task An_invalid_key_is_a_400_problem(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/test-probes")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { name = "x" }), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var response = await factory.CreateClient().SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "idempotency-key-invalid");
    }

    private static HttpRequestMessage Create(string name, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/test-probes")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { name }), Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }
}
