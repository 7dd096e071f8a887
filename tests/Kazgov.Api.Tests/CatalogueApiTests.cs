using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Platform.Catalogue;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class CatalogueApiTests(KazgovApiFactory factory)
{
    private static readonly string[] CodesInFiles =
        ServiceCatalogue.EmbeddedFiles().Select(f => Path.GetFileNameWithoutExtension(f.FileName)).ToArray();

    [Fact]
    public async Task The_list_returns_every_entry_with_texts_in_three_languages()
    {
        var response = await factory.CreateClient().GetAsync("/api/v1/services");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = body.RootElement.GetProperty("items");
        items.EnumerateArray().Select(i => i.GetProperty("code").GetString()).Should().Equal(CodesInFiles);
        body.RootElement.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);

        var licence = items.EnumerateArray().Single(i => i.GetProperty("code").GetString() == "driver-licence");
        var name = licence.GetProperty("name");
        name.GetProperty("kk").GetString().Should().Be("Ауыл шаруашылығы министрлігі беретіндерді қоспағанда, азаматтарға жүргізуші куәліктерін беру");
        name.GetProperty("ru").GetString().Should().StartWith("Выдача водительских удостоверений");
        name.GetProperty("en").GetString().Should().StartWith("Issuing driving licences");
        name.TryGetProperty("kkIsParaphrase", out _).Should().BeFalse("the flag is only written where it is true");
        licence.GetProperty("form").GetProperty("value").GetString().Should().Be("automated");
        var fee = licence.GetProperty("fees").GetProperty("items")[0];
        (fee.GetProperty("code").GetString(), fee.GetProperty("percentOfMci").GetDecimal()).Should().Be(("licence", 125m));
    }

    [Fact]
    public async Task Term_variants_carry_the_deadline_rule_of_their_clock()
    {
        using var body = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/api/v1/services/address-certificate"));

        var variants = body.RootElement.GetProperty("terms").GetProperty("variants").EnumerateArray().ToList();
        variants.Select(v => (v.GetProperty("code").GetString(), v.GetProperty("term").GetString(), v.GetProperty("clock").GetString()))
            .Should().Equal(("in-person", "PT10M", "working-time"), ("priority-agency", "PT48H", "around-the-clock"), ("other", "PT120H", "around-the-clock"));
        variants[2].GetProperty("rule").GetProperty("en").GetString().Should().Be(DeadlineRules.AroundTheClock.En);
        variants[1].GetProperty("rule").GetProperty("ru").GetString().Should().Be(DeadlineRules.AroundTheClock.Ru);
        variants[0].GetProperty("rule").GetProperty("kk").GetString().Should().Be(DeadlineRules.WorkingTime.Kk);
        body.RootElement.GetProperty("qualityIndicators").GetArrayLength().Should().Be(11);
    }

    [Fact]
    public async Task One_entry_has_its_refusal_grounds_and_quality_indicators()
    {
        var response = await factory.CreateClient().GetAsync("/api/v1/services/weapon-registration");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        root.GetProperty("code").GetString().Should().Be("weapon-registration");
        root.GetProperty("refusalGrounds").GetArrayLength().Should().Be(11);
        root.GetProperty("complaints").GetProperty("channels").EnumerateArray().Select(c => c.GetString()).Should().Equal("post", "e-mail", "in-person");
        var kpi = root.GetProperty("qualityIndicators").EnumerateArray().Single(i => i.GetProperty("number").GetString() == "4.1");
        kpi.GetProperty("normative").GetProperty("verbatim").GetString().Should().Be("15");
        kpi.GetProperty("normative").GetProperty("percent").GetDecimal().Should().Be(15m);
        kpi.GetProperty("source").GetString().Should().Be("weapon-registration appendix 2, indicator 4.1");
    }

    [Fact]
    public async Task Responses_carry_an_etag_and_cache_control_and_answer_a_matching_if_none_match_with_304()
    {
        var client = factory.CreateClient();
        var catalogue = factory.Services.GetRequiredService<ServiceCatalogue>();

        var list = await client.GetAsync("/api/v1/services");
        list.Headers.ETag!.Tag.Should().Be(catalogue.ETag);
        list.Headers.CacheControl!.Public.Should().BeTrue();
        list.Headers.CacheControl.MaxAge.Should().Be(TimeSpan.FromHours(1));

        var one = await client.GetAsync("/api/v1/services/driver-licence");
        one.Headers.ETag!.Tag.Should().NotBe(catalogue.ETag, "each entry has its own ETag");

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/api/v1/services/driver-licence");
        revalidate.Headers.IfNoneMatch.Add(one.Headers.ETag);
        var notModified = await client.SendAsync(revalidate);
        notModified.StatusCode.Should().Be(HttpStatusCode.NotModified);
        notModified.Headers.ETag!.Tag.Should().Be(one.Headers.ETag.Tag);
        (await notModified.Content.ReadAsByteArrayAsync()).Should().BeEmpty();

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/api/v1/services");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"stale\""));
        (await client.SendAsync(stale)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_code_is_a_404_problem_in_kazakh_by_default()
    {
        var response = await factory.CreateClient().GetAsync("/api/v1/services/passport");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("code").GetString().Should().Be("unknown-service");
        body.RootElement.GetProperty("status").GetInt32().Should().Be(404);
        body.RootElement.GetProperty("title").GetString().Should().Be("Мұндай мемлекеттік қызмет каталогта жоқ");
        body.RootElement.GetProperty("detail").GetString().Should().Be("«passport» коды бар мемлекеттік қызмет каталогта жоқ");
        body.RootElement.GetProperty("service").GetString().Should().Be("passport");
    }

    [Fact]
    public async Task An_unknown_code_is_a_404_problem_in_russian_when_asked()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/services/passport");
        request.Headers.AcceptLanguage.ParseAdd("ru");

        var response = await factory.CreateClient().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("title").GetString().Should().Be("Такой государственной услуги нет в каталоге");
        body.RootElement.GetProperty("detail").GetString().Should().Be("Государственной услуги с кодом «passport» нет в каталоге");
    }

    [Fact]
    public async Task The_openapi_document_describes_both_endpoints_and_the_entry_shape()
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths");
        var list = paths.GetProperty("/api/v1/services").GetProperty("get");
        list.GetProperty("operationId").GetString().Should().Be("ListServices");
        list.GetProperty("tags")[0].GetString().Should().Be("Catalogue");
        var one = paths.GetProperty("/api/v1/services/{code}").GetProperty("get");
        one.GetProperty("operationId").GetString().Should().Be("GetService");
        one.GetProperty("responses").TryGetProperty("404", out _).Should().BeTrue();
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        schemas.TryGetProperty("ServiceEntry", out var entry).Should().BeTrue();
        entry.GetProperty("properties").TryGetProperty("refusalGrounds", out _).Should().BeTrue();
        entry.GetProperty("properties").TryGetProperty("qualityIndicators", out _).Should().BeTrue();
    }
}
