using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Api.Tests.Probe;

namespace Kazgov.Api.Tests.Platform;

/// <summary>Every error is a problem document in the caller's language, never a 500 or an HTML page.</summary>
[Collection(ProbeCollection.Name)]
public sealed class ProblemResponseTests(ProbeApiFactory factory)
{
    [Theory]
    [InlineData(null, "Ресурс табылмады")]
    [InlineData("kk", "Ресурс табылмады")]
    [InlineData("ru-RU,ru;q=0.9,en;q=0.8", "Ресурс не найден")]
    [InlineData("en-GB", "The resource was not found")]
    [InlineData("de-DE", "Ресурс табылмады")]
    [InlineData("de, en;q=0.5, ru;q=0.7", "Ресурс не найден")]
    public async Task Unknown_route_is_a_404_problem_in_the_callers_language(string? acceptLanguage, string expectedTitle)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/no-such-thing");
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var response = await factory.CreateClient().SendAsync(request);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        problem.GetProperty("title").GetString().Should().Be(expectedTitle);
        problem.GetProperty("instance").GetString().Should().Be("/api/v1/no-such-thing");
    }

    [Fact]
    public async Task Wrong_method_is_a_405_problem()
    {
        var response = await factory.CreateClient().DeleteAsync("/api/v1/test-probes");

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var response = await factory.CreateClient().PostAsync("/api/v1/test-probes",
            new StringContent("{\"name\": \"unterminated", Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed-json");
        problem.GetProperty("detail").GetString().Should().StartWith("JSON талдау қатесі");
    }

    [Fact]
    public async Task Json_of_the_wrong_shape_is_a_400_problem()
    {
        var response = await factory.CreateClient().PostAsync("/api/v1/test-probes",
            new StringContent("{\"name\": 42}", Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed-json");
    }

    [Fact]
    public async Task Wrong_content_type_is_a_415_problem()
    {
        var response = await factory.CreateClient().PostAsync("/api/v1/test-probes",
            new StringContent("name=x", Encoding.UTF8, "text/plain"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task A_nul_in_a_query_value_is_a_400_problem_not_a_server_error()
    {
        // Found by fuzzing the contract (build/fuzz-check): PostgreSQL text cannot hold a NUL.
        var response = await factory.CreateClient().GetAsync("/api/v1/vehicles/proxy-drivers/verification?licence=AB123&vehicle=%00");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task Oversized_body_is_a_413_problem_and_nothing_is_stored()
    {
        var before = await factory.CountProbesAsync();
        var huge = "{\"name\": \"" + new string('x', 1024 * 1024 + 10) + "\"}";

        var response = await factory.CreateClient().PostAsync("/api/v1/test-probes",
            new StringContent(huge, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        (await factory.CountProbesAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Validation_errors_come_as_a_field_map_in_the_callers_language()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));

        var response = await client.PostAsync("/api/v1/test-probes",
            new StringContent("{\"name\": \"  \"}", Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        problem.GetProperty("errors").GetProperty("name")[0].GetString().Should().Be("This field is required");
    }

    [Fact]
    public async Task A_failing_command_leaves_nothing_half_written()
    {
        var before = await factory.CountProbesAsync();

        // The probe writes its row, then fails: the transaction must roll the row back.
        var response = await factory.CreateClient().PostAsync("/api/v1/test-probes",
            new StringContent("{\"name\": \"fail-after-insert\"}", Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "probe-failed-after-write");
        (await factory.CountProbesAsync()).Should().Be(before);
    }

    [Fact]
    public async Task An_unexpected_error_is_a_500_problem_without_internals()
    {
        var response = await factory.CreateClient().PostAsync("/api/v1/test-probes",
            new StringContent("{\"name\": \"crash\"}", Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError, "internal-error");
        problem.ToString().Should().NotContain("InvalidOperationException");
    }

    [Fact]
    public async Task Unsupported_api_version_is_a_problem_not_a_page()
    {
        var response = await factory.CreateClient().GetAsync("/api/v2/test-probes/1");

        response.StatusCode.Should().BeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
    }
}
