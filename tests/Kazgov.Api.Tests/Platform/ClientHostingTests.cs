using System.Net;
using Kazgov.Api.Tests.Infrastructure;

namespace Kazgov.Api.Tests.Platform;

/// <summary>A host serving a built client from a folder of its own (Client:DistPath).</summary>
public sealed class ClientDistApiFactory : KazgovApiFactory
{
    public ClientDistApiFactory()
        : this(Directory.CreateTempSubdirectory("kazgov-client-dist-").FullName)
    {
    }

    private ClientDistApiFactory(string dist)
        : base(new Dictionary<string, string?> { ["Client:DistPath"] = dist })
    {
        Dist = dist;
        File.WriteAllText(Path.Combine(dist, "index.html"), IndexHtml);
        // The catalogue drawn at build time (client/scripts/prerender.mjs), with its Brotli twin.
        File.WriteAllText(Path.Combine(dist, "catalogue.html"), CatalogueHtml);
        File.WriteAllBytes(Path.Combine(dist, "catalogue.html.br"), BrotliTwin);
        Directory.CreateDirectory(Path.Combine(dist, "assets"));
        File.WriteAllText(Path.Combine(dist, "assets", "app-1a2b3c.js"), "console.log('kazgov');");
        // The twins client/scripts/precompress.mjs writes (here with recognisable bytes, not real compression).
        File.WriteAllBytes(Path.Combine(dist, "assets", "app-1a2b3c.js.br"), BrotliTwin);
        File.WriteAllBytes(Path.Combine(dist, "assets", "app-1a2b3c.js.gz"), GzipTwin);
    }

    public static readonly byte[] BrotliTwin = [0x0b, 0x01, 0x80, 0x62, 0x72];

    public static readonly byte[] GzipTwin = [0x1f, 0x8b, 0x08, 0x00, 0x67, 0x7a];

    public const string IndexHtml = "<!doctype html><title>Kazgov</title><div id=\"root\"></div>";

    public const string CatalogueHtml = "<!doctype html><title>Kazgov</title><div id=\"root\"></div><template data-prerender=\"kk narrow\"></template>";

    public string Dist { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Dist, recursive: true);
        GC.SuppressFinalize(this);
    }
}

public sealed class ClientHostingTests(ClientDistApiFactory factory) : IClassFixture<ClientDistApiFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/catalogue")]
    [InlineData("/catalogue/")]
    [InlineData("/catalogue?lang=ru")]
    public async Task The_catalogue_gets_the_page_drawn_at_build_time(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.CacheControl!.NoCache.Should().BeTrue();
        (await response.Content.ReadAsStringAsync()).Should().Be(ClientDistApiFactory.CatalogueHtml);
    }

    [Fact]
    public async Task The_catalogue_page_goes_out_as_its_brotli_twin_when_the_browser_accepts_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/catalogue");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br");

        var response = await factory.CreateClient().SendAsync(request);

        response.Content.Headers.ContentEncoding.Should().Equal("br");
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.Vary.Should().Contain("Accept-Encoding");
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(ClientDistApiFactory.BrotliTwin);
    }

    [Theory]
    [InlineData("/catalogue/driver-licence")]
    [InlineData("/cataloguex")]
    [InlineData("/offices?region=astana")]
    [InlineData("/applications/42/documents")]
    public async Task App_routes_get_the_index_page(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.CacheControl!.NoCache.Should().BeTrue();
        (await response.Content.ReadAsStringAsync()).Should().Be(ClientDistApiFactory.IndexHtml);
    }

    [Fact]
    public async Task Built_assets_are_served_as_immutable_files()
    {
        var response = await factory.CreateClient().GetAsync("/assets/app-1a2b3c.js");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        response.Headers.CacheControl!.ToString().Should().Be("public, max-age=31536000, immutable");
        (await response.Content.ReadAsStringAsync()).Should().Be("console.log('kazgov');");
    }

    [Theory]
    [InlineData("br, gzip", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    public async Task Assets_go_out_as_their_precompressed_twin_when_the_browser_accepts_it(string acceptEncoding, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/assets/app-1a2b3c.js");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        var response = await factory.CreateClient().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.Should().Equal(expected);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        response.Headers.Vary.Should().Contain("Accept-Encoding");
        response.Headers.CacheControl!.ToString().Should().Be("public, max-age=31536000, immutable");
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(expected == "br" ? ClientDistApiFactory.BrotliTwin : ClientDistApiFactory.GzipTwin);
    }

    [Fact]
    public async Task Without_accept_encoding_the_asset_is_sent_plain()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/assets/app-1a2b3c.js");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "identity");
        var response = await factory.CreateClient().SendAsync(request);

        response.Content.Headers.ContentEncoding.Should().BeEmpty();
        (await response.Content.ReadAsStringAsync()).Should().Be("console.log('kazgov');");
    }

    [Theory]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/api/nothing")]
    [InlineData("/openapi/v1/extra")]
    [InlineData("/health/nothing")]
    [InlineData("/dev/nothing")]
    [InlineData("/assets/missing-0000.js")]
    public async Task Host_paths_and_missing_files_still_answer_a_404_problem(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Only_get_falls_back_to_the_app()
    {
        var response = await factory.CreateClient().PostAsync("/catalogue", new StringContent("{}"));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task The_api_and_the_host_pages_are_unchanged()
    {
        var client = factory.CreateClient();

        (await client.GetStringAsync("/health/live")).Should().Be("Healthy");
        (await client.GetAsync("/api/v1/regions")).Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await client.GetAsync("/swagger/index.html")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

/// <summary>A host whose Client:DistPath has no built client: it runs as a bare API.</summary>
public sealed class NoClientDistApiFactory() : KazgovApiFactory(new Dictionary<string, string?>
{
    ["Client:DistPath"] = Path.Combine(Path.GetTempPath(), "kazgov-no-client-" + Guid.NewGuid().ToString("N")),
});

public sealed class NoClientHostingTests(NoClientDistApiFactory factory) : IClassFixture<NoClientDistApiFactory>
{
    [Fact]
    public async Task Without_a_built_client_the_root_is_a_404_problem_and_the_api_works()
    {
        var client = factory.CreateClient();

        await (await client.GetAsync("/")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        (await client.GetAsync("/api/v1/regions")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
