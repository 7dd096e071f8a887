using System.Net;
using System.Text.Json;

namespace Kazgov.Api.Tests.Infrastructure;

public static class ProblemAssertions
{
    /// <summary>Asserts an RFC 9457 problem with the given status and code, and returns its JSON.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", body);
        var json = JsonDocument.Parse(body).RootElement;
        json.GetProperty("code").GetString().Should().Be(code, body);
        json.GetProperty("status").GetInt32().Should().Be((int)status);
        json.GetProperty("type").GetString().Should().Be("urn:kazgov:problem:" + code);
        json.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace();
        return json;
    }
}
