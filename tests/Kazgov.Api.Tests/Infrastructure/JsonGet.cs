using System.Net;
using System.Text.Json.Nodes;

namespace Kazgov.Api.Tests.Infrastructure;

public static class JsonGet
{
    /// <summary>An anonymous GET in the given language: its status and JSON body.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode Body)> GetJsonAsync(this KazgovApiFactory factory, string url, string language = "en")
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var response = await client.GetAsync(url);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
