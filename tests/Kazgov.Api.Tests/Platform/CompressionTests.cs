using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Kazgov.Api.Tests.Infrastructure;

namespace Kazgov.Api.Tests.Platform;

/// <summary>JSON answers are compressed for callers that accept it; token answers never are.</summary>
[Collection(ApiCollection.Name)]
public sealed class CompressionTests(KazgovApiFactory factory)
{
    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task The_catalogue_goes_out_compressed_and_decompresses_to_the_same_json(string encoding)
    {
        var client = factory.CreateClient();
        var plain = await client.GetStringAsync("/api/v1/services");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/services");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        var response = await client.SendAsync(request);

        response.Content.Headers.ContentEncoding.Should().Equal(encoding);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        compressed.Length.Should().BeLessThan(System.Text.Encoding.UTF8.GetByteCount(plain) / 4, "the catalogue's JSON is repetitive text");
        await using var stream = encoding == "br"
            ? (Stream)new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        JsonNode.DeepEquals(JsonNode.Parse(await reader.ReadToEndAsync()), JsonNode.Parse(plain)).Should().BeTrue();
    }

    [Fact]
    public async Task A_token_answer_is_never_compressed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password", ["username"] = "clerk.astana", ["password"] = "kazgov-demo-2026",
            }),
        };
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        var response = await factory.CreateClient().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.Should().BeEmpty();
        (await response.Content.ReadAsStringAsync()).Should().Contain("access_token");
    }
}
