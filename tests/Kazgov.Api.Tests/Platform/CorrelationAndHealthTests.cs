using System.Net;
using Kazgov.Api.Tests.Infrastructure;

namespace Kazgov.Api.Tests.Platform;

[Collection(ApiCollection.Name)]
public sealed class CorrelationAndHealthTests(KazgovApiFactory factory)
{
    [Fact]
    public async Task A_callers_correlation_id_is_echoed_and_put_into_problems()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/missing");
        request.Headers.Add("X-Correlation-Id", "egov-req-42");

        var response = await factory.CreateClient().SendAsync(request);

        response.Headers.GetValues("X-Correlation-Id").Should().Equal("egov-req-42");
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        problem.GetProperty("correlationId").GetString().Should().Be("egov-req-42");
    }

    [Fact]
    public async Task A_correlation_id_is_made_when_the_caller_sends_none_or_a_bad_one()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", "bad id with spaces\u0001");

        var response = await factory.CreateClient().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("X-Correlation-Id").Single().Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Fact]
    public async Task Liveness_answers_without_the_database()
    {
        var response = await factory.CreateClient().GetAsync("/health/live");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Health_endpoints_answer_only_get()
    {
        var response = await factory.CreateClient().DeleteAsync("/health/live");

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    [Fact]
    public async Task Swagger_ui_is_served_and_reads_the_openapi_document()
    {
        var client = factory.CreateClient();

        var page = await client.GetAsync("/swagger/index.html");
        var config = await client.GetStringAsync("/swagger/index.js");

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        config.Should().Contain("/openapi/v1.json");
    }
}
