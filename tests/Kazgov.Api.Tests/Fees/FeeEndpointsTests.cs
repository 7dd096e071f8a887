using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Kernel.Modules;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kazgov.Api.Tests.Fees;

[Collection(ApiCollection.Name)]
public sealed class FeeEndpointsTests(KazgovApiFactory factory)
{
    private Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(string url, string language = "en") => factory.GetJsonAsync(url, language);

    [Fact]
    public async Task A_quote_has_the_shape_of_the_issue()
    {
        var (status, body) = await GetAsync("/api/v1/fees/quote?service=driver-licence&items=licence&paymentDate=2026-03-01");

        status.Should().Be(HttpStatusCode.OK);
        body.ToJsonString().Should().Be(
            """{"service":"driver-licence","paymentDate":"2026-03-01","mci":{"value":4325,"effectiveFrom":"2026-01-01"},"lines":[{"item":"licence","percentOfMci":125,"amount":5406.25}],"total":5406.25,"currency":"KZT"}""");
    }

    [Fact]
    public async Task Without_items_every_item_of_the_service_is_quoted()
    {
        var (status, body) = await GetAsync("/api/v1/fees/quote?service=vehicle-registration&paymentDate=2026-03-01");

        status.Should().Be(HttpStatusCode.OK);
        body["lines"]!.AsArray().Select(l => (l!["item"]!.GetValue<string>(), l["amount"]!.GetValue<decimal>())).Should().Equal(
            ("registration-certificate", 5406.25m), ("plate-car", 12110m), ("plate-motorcycle-trailer", 6055m), ("plate-transit", 1513.75m), ("registration", 1081.25m));
        body["total"]!.GetValue<decimal>().Should().Be(26166.25m);
    }

    [Fact]
    public async Task Items_may_be_comma_separated_and_repeated()
    {
        var (_, body) = await GetAsync("/api/v1/fees/quote?service=weapon-registration&items=storage-permit-individual,unit-registration&items=unit-registration&paymentDate=2026-03-01");

        body["lines"]!.AsArray().Select(l => l!["amount"]!.GetValue<decimal>()).Should().Equal(2162.5m, 432.5m, 432.5m);
        body["total"]!.GetValue<decimal>().Should().Be(3027.5m);
    }

    [Fact]
    public async Task A_free_service_is_quoted_at_zero()
    {
        var (status, body) = await GetAsync("/api/v1/fees/quote?service=temporary-registration&paymentDate=2026-03-01");

        status.Should().Be(HttpStatusCode.OK);
        body["lines"]!.AsArray().Should().BeEmpty();
        body["total"]!.GetValue<decimal>().Should().Be(0m);
    }

    [Theory]
    [InlineData("2020-03-31", 2651, "2020-01-01", "3313.75")]
    [InlineData("2020-04-01", 2778, "2020-04-01", "3472.5")]
    [InlineData("2022-03-31", 3063, "2022-01-01", "3828.75")]
    [InlineData("2022-04-01", 3180, "2022-04-01", "3975")]
    public async Task The_mid_year_changes_of_2020_and_2022_apply_from_1_April(string paymentDate, int mci, string effectiveFrom, string amount)
    {
        var (_, body) = await GetAsync($"/api/v1/fees/quote?service=driver-licence&items=licence&paymentDate={paymentDate}");

        body["mci"]!["value"]!.GetValue<decimal>().Should().Be(mci);
        body["mci"]!["effectiveFrom"]!.GetValue<string>().Should().Be(effectiveFrom);
        body["total"]!.GetValue<decimal>().Should().Be(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_unknown_service_is_a_404_problem_in_the_callers_language()
    {
        var (status, body) = await GetAsync("/api/v1/fees/quote?service=no-such-service&paymentDate=2026-03-01", "ru");

        status.Should().Be(HttpStatusCode.NotFound);
        body["code"]!.GetValue<string>().Should().Be("unknown-service");
        body["title"]!.GetValue<string>().Should().Be("Такой государственной услуги нет в каталоге");
        body["detail"]!.GetValue<string>().Should().Be("Государственной услуги с кодом «no-such-service» нет в каталоге");
    }

    [Fact]
    public async Task An_unknown_item_is_a_400_problem_naming_it()
    {
        var (status, body) = await GetAsync("/api/v1/fees/quote?service=driver-licence&items=licence,plate-car&paymentDate=2026-03-01", "ru");

        status.Should().Be(HttpStatusCode.BadRequest);
        body["code"]!.GetValue<string>().Should().Be("unknown-fee-item");
        body["title"]!.GetValue<string>().Should().Be("У услуги нет такой статьи оплаты");
        body["detail"]!.GetValue<string>().Should().Be("У услуги «driver-licence» нет таких статей оплаты: plate-car; есть: licence");
        body["items"]!.AsArray().Select(i => i!.GetValue<string>()).Should().Equal("plate-car");
    }

    [Theory]
    [InlineData("/api/v1/fees/quote?service=driver-licence", "paymentDate")]
    [InlineData("/api/v1/fees/quote?service=driver-licence&paymentDate=2026-13-01", "paymentDate")]
    [InlineData("/api/v1/fees/quote?paymentDate=2026-03-01", "service")]
    public async Task A_missing_or_malformed_value_is_a_validation_problem(string url, string field)
    {
        var (status, body) = await GetAsync(url, "ru");

        status.Should().Be(HttpStatusCode.BadRequest);
        body["code"]!.GetValue<string>().Should().Be("validation-failed");
        body["title"]!.GetValue<string>().Should().Be("Данные запроса содержат ошибки");
        body["errors"]![field].Should().NotBeNull();
    }

    [Fact]
    public async Task A_date_before_the_first_mci_row_is_a_422_problem()
    {
        var (status, body) = await GetAsync("/api/v1/fees/quote?service=driver-licence&paymentDate=2006-12-31", "ru");

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        body["code"]!.GetValue<string>().Should().Be("mci-not-defined");
        body["title"]!.GetValue<string>().Should().Be("МРП на дату оплаты не определён");
        body["detail"]!.GetValue<string>().Should().Be("МРП на 2006-12-31 не определён; таблица начинается с 2007-01-01");
    }

    [Fact]
    public async Task The_mci_table_lists_the_reference_rows()
    {
        // The MCI table is for staff; the public reads amounts through /fees/quote.
        using var staff = await factory.CreateClientAsAsync("clerk.astana");
        var response = await staff.GetAsync("/api/v1/reference/mci");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var items = body["items"]!.AsArray();
        items.Where(i => string.CompareOrdinal(i!["effectiveFrom"]!.GetValue<string>(), "2027") < 0).Should().HaveCount(22);
        items[0]!["effectiveFrom"]!.GetValue<string>().Should().Be("2007-01-01");
        items[0]!["value"]!.GetValue<decimal>().Should().Be(1092m);
        items[0]!["changedBy"]!.GetValue<string>().Should().Be("defaults");
    }

    [Fact]
    public async Task Changing_the_mci_changes_the_quote()
    {
        using var client = await factory.CreateClientAsAsync("admin");
        const string quoteUrl = "/api/v1/fees/quote?service=driver-licence&paymentDate=2031-06-01";
        try
        {
            var created = await client.PutAsJsonAsync("/api/v1/reference/mci/2031-01-01", new { value = 5000 });
            created.StatusCode.Should().Be(HttpStatusCode.Created);
            (await GetAsync(quoteUrl)).Body["total"]!.GetValue<decimal>().Should().Be(6250m);

            var replaced = await client.PutAsJsonAsync("/api/v1/reference/mci/2031-01-01", new { value = 5001.5m });
            replaced.StatusCode.Should().Be(HttpStatusCode.OK);
            (await replaced.Content.ReadFromJsonAsync<JsonNode>())!["value"]!.GetValue<decimal>().Should().Be(5001.5m);
            // 5001.50 × 125 % = 6251.875 → 6251.88 (to the tiyn, half away from zero).
            (await GetAsync(quoteUrl)).Body["total"]!.GetValue<decimal>().Should().Be(6251.88m);
        }
        finally
        {
            (await client.DeleteAsync("/api/v1/reference/mci/2031-01-01")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        (await GetAsync(quoteUrl)).Body["total"]!.GetValue<decimal>().Should().Be(5406.25m);
        (await client.DeleteAsync("/api/v1/reference/mci/2031-01-01")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"value":0}""")]
    [InlineData("""{"value":-5}""")]
    [InlineData("""{"value":4325.123}""")]
    [InlineData("""{}""")]
    public async Task A_bad_mci_value_is_a_validation_problem(string json)
    {
        using var client = await factory.CreateClientAsAsync("admin");

        var response = await client.PutAsync("/api/v1/reference/mci/2032-01-01", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["code"]!.GetValue<string>().Should().Be("validation-failed");
        body["errors"]!["value"].Should().NotBeNull();
    }

    [Fact]
    public async Task Loading_the_defaults_again_keeps_an_operators_edit_and_changes_nothing_else()
    {
        var dataSource = factory.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var edit = new NpgsqlCommand("UPDATE platform.mci_rates SET kzt = 1093, changed_by = 'operator' WHERE effective_from = '2007-01-01'", connection))
        {
            await edit.ExecuteNonQueryAsync();
        }

        try
        {
            var before = await SnapshotAsync(connection);
            foreach (var loader in factory.Services.GetServices<IReferenceDataLoader>())
            {
                await loader.LoadAsync(CancellationToken.None);
            }

            (await SnapshotAsync(connection)).Should().Be(before);
            before.Should().Contain("2007-01-01=1093.00 operator");
        }
        finally
        {
            await using var undo = new NpgsqlCommand("UPDATE platform.mci_rates SET kzt = 1092, changed_by = 'defaults' WHERE effective_from = '2007-01-01'", connection);
            await undo.ExecuteNonQueryAsync();
        }
    }

    private static async Task<string> SnapshotAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT string_agg(effective_from || '=' || kzt || ' ' || changed_by || ' ' || changed_at, ';' ORDER BY effective_from) FROM platform.mci_rates)
                || '|' || (SELECT string_agg(code || ' ' || changed_at, ';' ORDER BY code) FROM platform.holiday_rules)
                || '|' || (SELECT count(*) FROM platform.holiday_rules)
            """, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
