using System.Net;
using Kazgov.Api.Tests.Infrastructure;

namespace Kazgov.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class HostBasicsTests(KazgovApiFactory factory)
{
    [Fact]
    public async Task Readiness_checks_the_database()
    {
        var response = await factory.CreateClient().GetAsync("/health/ready");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"status\":\"Healthy\"");
    }
}
