using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Tests;
using Npgsql;

namespace Kazgov.Api.Tests.Applications;

/// <summary>
/// The inbox's one search box (GET /applications?q=): an IIN/BIN as read out with spaces, a registration
/// number in any case, or words of a name typed with Kazakh or Russian letters; every status; the
/// clerk's own office only; each search audited.
/// </summary>
public sealed class ApplicationSearchTests(KazgovApiFactory factory) : IClassFixture<KazgovApiFactory>
{
    // A surname no other test uses, with Kazakh letters to fold: "Қ…ұлы".
    private static readonly string Surname = "Қ" + new string([.. Enumerable.Range(0, 6).Select(_ => "абвгдежзлмнпрст"[Random.Shared.Next(15)])]) + "ұлы";

    [Fact]
    public async Task A_clerk_finds_an_application_by_iin_number_or_name_in_every_status()
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var alikhan = await SubmitAsync(clerk, LifecycleTests.AstanaOffice, "Әлихан");
        var serik = await SubmitAsync(clerk, LifecycleTests.AstanaOffice, "Серік");
        var almaty = await SubmitAsync(await factory.CreateClientAsAsync("clerk.almaty"), Kazgov.Platform.Security.DemoAccounts.AlmatyOffice, "Әлихан");
        var withdraw = await clerk.SendActionAsync(serik.Id, "withdraw", serik.ETag, new { reason = "Өтініш беруші бас тартты" });
        withdraw.StatusCode.Should().Be(HttpStatusCode.OK, await withdraw.Content.ReadAsStringAsync());

        // Typed on a Russian keyboard and in capitals: К for Қ, У for Ұ.
        var russian = Surname.Replace('Қ', 'К').Replace('ұ', 'у').ToUpperInvariant();
        (await IdsAsync(clerk, russian)).Should().BeEquivalentTo([alikhan.Id, serik.Id], "a withdrawn application is found too; Almaty's is not this office's");
        (await IdsAsync(clerk, $"{Surname} алихан")).Should().Equal(alikhan.Id);
        (await IdsAsync(clerk, $"{Surname} алихан", "&status=open")).Should().Equal(alikhan.Id);
        (await IdsAsync(clerk, $"{Surname}", "&status=withdrawn")).Should().Equal(serik.Id);

        var iin = alikhan.Iin;
        (await IdsAsync(clerk, $"{iin[..6]} {iin[6..9]} {iin[9..]}")).Should().Equal(alikhan.Id);
        (await IdsAsync(clerk, alikhan.Number.ToLowerInvariant())).Should().Equal(alikhan.Id);
        (await IdsAsync(clerk, almaty.Number)).Should().BeEmpty("another office's application is not found, not refused");

        var nobody = TestIins.Next();
        (await IdsAsync(clerk, nobody)).Should().BeEmpty();
        (await AuditedAsync(iin)).Should().BeGreaterThan(0);
        (await AuditedAsync(nobody)).Should().Be(1, "a search for a person is recorded even when it finds nothing");
    }

    [Theory]
    [InlineData("а")]
    [InlineData("% _")]
    public async Task A_search_too_short_to_mean_anything_is_a_field_error(string q)
    {
        var clerk = await factory.CreateClientAsAsync("clerk.astana");
        var response = await clerk.GetAsync("/api/v1/applications?q=" + Uri.EscapeDataString(q));
        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed")).GetProperty("errors").TryGetProperty("q", out _).Should().BeTrue();
        var tooLong = await clerk.GetAsync("/api/v1/applications?q=" + new string('а', 101));
        await tooLong.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
    }

    private sealed record Submitted(string Id, string ETag, string Number, string Iin);

    private static async Task<Submitted> SubmitAsync(HttpClient clerk, string office, string firstName)
    {
        var iin = TestIins.Next();
        var response = await clerk.PostAsJsonAsync("/api/v1/driver-licences/applications", new JsonObject
        {
            ["officeId"] = office,
            ["applicant"] = new JsonObject
            {
                ["kind"] = "individual", ["iin"] = iin, ["lastName"] = Surname, ["firstName"] = firstName,
                ["citizenship"] = "KZ", ["phone"] = "+77017654321", ["language"] = "kk",
            },
            ["categories"] = new JsonArray("B"),
            ["documents"] = new JsonArray("application-form", "identity-document", "driving-school-certificate", "medical-certificate", "driver-personal-card", "state-duty-receipt"),
        });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        var application = JsonNode.Parse(text)!["application"]!;
        return new Submitted(application["id"]!.GetValue<string>(), response.Headers.ETag!.ToString(), application["registrationNumber"]!.GetValue<string>(), iin);
    }

    private static async Task<List<string>> IdsAsync(HttpClient clerk, string q, string more = "")
    {
        var response = await clerk.GetAsync("/api/v1/applications?limit=50&q=" + Uri.EscapeDataString(q) + more);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return [.. JsonNode.Parse(text)!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>())];
    }

    private static async Task<long> AuditedAsync(string subject)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM platform.audit_log WHERE operation = 'application.search' AND subject_id = @subject", new { subject });
    }
}
