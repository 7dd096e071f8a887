using System.Text.Json.Nodes;
using Kazgov.Platform.Catalogue;
using Kazgov.Platform.Reference;

namespace Kazgov.Platform.Tests.Catalogue;

/// <summary>A broken catalogue file stops the load with a message that says what and where.</summary>
public sealed class CatalogueValidationTests
{
    private static readonly QualityIndicatorsFile Indicators = ReferenceFiles.QualityIndicators;

    private static JsonObject ProxyDriver() =>
        JsonNode.Parse(ServiceCatalogue.EmbeddedFiles().Single(f => f.FileName == "proxy-driver-registration.json").Json)!.AsObject();

    private static Action Loading(JsonObject entry, string fileName = "proxy-driver-registration.json") =>
        () => ServiceCatalogue.FromFiles([(fileName, entry.ToJsonString())], Indicators);

    [Fact]
    public void The_unchanged_file_loads()
    {
        Loading(ProxyDriver()).Should().NotThrow();
    }

    [Fact]
    public void A_text_without_russian_fails()
    {
        var entry = ProxyDriver();
        entry["result"]!["text"]!["ru"] = "  ";

        Loading(entry).Should().Throw<CatalogueException>()
            .WithMessage("*proxy-driver-registration.json: result.text.ru is empty.*");
    }

    [Fact]
    public void A_text_missing_a_language_fails()
    {
        var entry = ProxyDriver();
        entry["result"]!["text"]!.AsObject().Remove("en");

        Loading(entry).Should().Throw<CatalogueException>().WithMessage("*proxy-driver-registration.json:*en*");
    }

    [Fact]
    public void A_source_of_another_service_fails()
    {
        var entry = ProxyDriver();
        entry["refusalGrounds"]![1]!["source"] = "driver-licence §15.2";

        Loading(entry).Should().Throw<CatalogueException>()
            .WithMessage("*refusalGrounds[1].source 'driver-licence §15.2' must start with the service code*");
    }

    [Fact]
    public void A_term_that_is_not_an_iso_duration_fails()
    {
        var entry = ProxyDriver();
        entry["terms"]!["variants"]![0]!["term"] = "3 hours";

        Loading(entry).Should().Throw<CatalogueException>()
            .WithMessage("*terms.variants[default].term '3 hours' is not an ISO-8601 duration*");
    }

    [Fact]
    public void A_clock_that_does_not_fit_the_term_fails()
    {
        var entry = ProxyDriver();
        entry["terms"]!["variants"]![0]!["clock"] = "calendar";

        Loading(entry).Should().Throw<CatalogueException>()
            .WithMessage("*clock 'calendar' does not fit the term 'PT3H'*");
    }

    [Fact]
    public void A_refusal_code_that_is_not_kebab_case_or_is_repeated_fails()
    {
        var entry = ProxyDriver();
        entry["refusalGrounds"]![1]!["code"] = "documents-missing";
        entry["refusalGrounds"]![0]!["code"] = "Documents_Missing";

        Loading(entry).Should().Throw<CatalogueException>()
            .WithMessage("*code 'Documents_Missing' is not kebab-case*");

        entry["refusalGrounds"]![0]!["code"] = "documents-missing";
        Loading(entry).Should().Throw<CatalogueException>()
            .WithMessage("*refusalGrounds: code 'documents-missing' is used twice*");
    }

    [Fact]
    public void An_unknown_member_fails_so_typos_do_not_vanish()
    {
        var entry = ProxyDriver();
        entry["refusalGround"] = new JsonArray();

        Loading(entry).Should().Throw<CatalogueException>().WithMessage("*proxy-driver-registration.json:*refusalGround*");
    }

    [Fact]
    public void Authored_quality_indicators_fail_because_they_come_from_the_seed()
    {
        var entry = ProxyDriver();
        entry["qualityIndicators"] = new JsonArray(new JsonObject
        {
            ["number"] = "1.1",
            ["group"] = new JsonObject { ["number"] = "1", ["text"] = new JsonObject { ["kk"] = "а", ["ru"] = "б", ["en"] = "c" } },
            ["text"] = new JsonObject { ["kk"] = "а", ["ru"] = "б", ["en"] = "c" },
            ["normative"] = new JsonObject { ["verbatim"] = "99", ["percent"] = 99 },
            ["nextYearTarget"] = new JsonObject { ["verbatim"] = "99", ["percent"] = 99 },
            ["current"] = new JsonObject { ["verbatim"] = "99", ["percent"] = 99 },
            ["source"] = "proxy-driver-registration appendix 1",
            ["seedLine"] = 1,
        });

        Loading(entry).Should().Throw<CatalogueException>().WithMessage("*qualityIndicators are imported*");
    }

    [Fact]
    public void The_file_name_must_be_the_code_and_codes_must_be_unique()
    {
        Loading(ProxyDriver(), "proxy.json").Should().Throw<CatalogueException>()
            .WithMessage("*must be named 'proxy-driver-registration.json'*");

        var twice = () => ServiceCatalogue.FromFiles(
            [("proxy-driver-registration.json", ProxyDriver().ToJsonString()), ("proxy-driver-registration.json", ProxyDriver().ToJsonString())],
            Indicators);
        twice.Should().Throw<CatalogueException>().WithMessage("*service code 'proxy-driver-registration' is defined 2 times*");
    }

    [Fact]
    public void Fees_must_be_free_exactly_when_there_are_no_items()
    {
        var entry = ProxyDriver();
        entry["fees"]!["free"] = false;

        Loading(entry).Should().Throw<CatalogueException>().WithMessage("*fees.free must be true exactly when there are no fee items*");
    }

    [Fact]
    public void A_free_service_cannot_have_its_fee_payable_after_the_decision()
    {
        // proxy-driver-registration is free (§8).
        var entry = ProxyDriver();
        entry["fees"]!["payableAfterDecision"] = true;

        Loading(entry).Should().Throw<CatalogueException>().WithMessage("*fees.payableAfterDecision needs a fee*");
    }

    [Fact]
    public void Only_permanent_residence_takes_its_fee_after_the_decision()
    {
        // permanent-residence §17.2: the duty receipt is one of the documents handed in after a positive decision.
        ServiceCatalogue.Load().All.Where(e => e.Fees.PayableAfterDecision).Select(e => e.Code).Should().Equal("permanent-residence");
    }

    [Fact]
    public void A_service_without_its_record_of_quality_indicators_stops_the_load()
    {
        var withoutProxy = Indicators with { Services = Indicators.Services.Where(s => s.Service != "proxy-driver-registration").ToList() };
        var load = () => ServiceCatalogue.FromFiles([("proxy-driver-registration.json", ProxyDriver().ToJsonString())], withoutProxy);

        load.Should().Throw<CatalogueException>()
            .WithMessage("*reference/quality-indicators.json must hold one record for 'proxy-driver-registration', it holds 0*");
    }
}
