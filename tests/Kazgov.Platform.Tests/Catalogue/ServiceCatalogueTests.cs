using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Tests;

namespace Kazgov.Platform.Tests.Catalogue;

/// <summary>
/// The catalogue checked against the seed and against the fixed codes of CATALOGUE-SCHEMA.md.
/// Tests that go over "every entry" work for whatever Data/*.json files are present; the
/// expected tables below list all nine services so that a merged file is checked at once.
/// </summary>
public sealed class ServiceCatalogueTests
{
    private static ServiceCatalogue Catalogue => SeedText.Catalogue;

    private static readonly string[] NineServiceCodes =
    [
        "address-certificate",
        "citizenship",
        "driver-licence",
        "permanent-residence",
        "proxy-driver-registration",
        "residence-permit",
        "temporary-registration",
        "vehicle-registration",
        "weapon-registration",
    ];

    /// <summary>Fee items (code → percent of MCI) exactly as CATALOGUE-SCHEMA.md fixes them.</summary>
    private static readonly Dictionary<string, (string Code, decimal Percent)[]> ExpectedFees = new()
    {
        ["driver-licence"] = [("licence", 125m)],
        ["residence-permit"] = [("residence-permit", 20m), ("stateless-certificate", 400m)],
        ["permanent-residence"] = [("permanent-residence", 10m)],
        ["citizenship"] = [("citizenship", 100m)],
        ["weapon-registration"] =
        [
            ("acquisition-licence-legal-entity", 300m), ("storage-permit-legal-entity", 100m), ("storage-carry-permit-legal-entity", 100m),
            ("acquisition-permit-individual", 50m), ("storage-permit-individual", 50m), ("storage-carry-permit-individual", 50m),
            ("unit-registration", 10m),
        ],
        ["vehicle-registration"] =
        [
            ("registration-certificate", 125m), ("plate-car", 280m), ("plate-motorcycle-trailer", 140m), ("plate-transit", 35m), ("registration", 25m),
        ],
        ["temporary-registration"] = [],
        ["proxy-driver-registration"] = [],
        ["address-certificate"] = [],
    };

    /// <summary>Term variants (code, ISO-8601 term, clock) exactly as CATALOGUE-SCHEMA.md fixes them.</summary>
    private static readonly Dictionary<string, (string Code, string Term, DeadlineClock Clock)[]> ExpectedTerms = new()
    {
        ["driver-licence"] = [("default", "PT6H", DeadlineClock.WorkingTime)],
        ["vehicle-registration"] = [("default", "PT6H", DeadlineClock.WorkingTime)],
        ["proxy-driver-registration"] = [("default", "PT3H", DeadlineClock.WorkingTime)],
        ["residence-permit"] = [("default", "P2M", DeadlineClock.Calendar)],
        ["permanent-residence"] = [("default", "P2M", DeadlineClock.Calendar)],
        ["temporary-registration"] = [("default", "P0D", DeadlineClock.SameDay)],
        ["weapon-registration"] = [("default", "P1M", DeadlineClock.Calendar)],
        ["citizenship"] = [("simplified", "P3M", DeadlineClock.Calendar), ("general", "P6M", DeadlineClock.Calendar)],
        ["address-certificate"] =
        [
            ("in-person", "PT10M", DeadlineClock.WorkingTime), ("priority-agency", "PT48H", DeadlineClock.AroundTheClock), ("other", "PT120H", DeadlineClock.AroundTheClock),
        ],
    };

    /// <summary>
    /// Counts of KPI indicators, counted by hand in the seed: the rows starting "N.N." in each
    /// appendix table (STANDARDS-DETAIL.md §10.1). Std 1, 8 and 9 have no KPI appendix.
    /// </summary>
    private static readonly Dictionary<string, int> ExpectedIndicatorCounts = new()
    {
        ["driver-licence"] = 0,
        ["vehicle-registration"] = 0,
        ["proxy-driver-registration"] = 0,
        ["address-certificate"] = 11,
        ["weapon-registration"] = 12,
        ["residence-permit"] = 12,
        ["temporary-registration"] = 12,
        ["permanent-residence"] = 12,
        ["citizenship"] = 12,
    };

    [Fact]
    public void The_catalogue_has_an_entry_for_each_of_the_nine_service_codes()
    {
        // Fails until the residence-permit, temporary-registration, permanent-residence and
        // citizenship files are merged into Catalogue/Data.
        Catalogue.All.Select(e => e.Code).Should().Equal(NineServiceCodes);
    }

    [Fact]
    public void Every_embedded_file_becomes_one_entry_in_code_order()
    {
        var files = ServiceCatalogue.EmbeddedFiles();

        files.Should().NotBeEmpty();
        Catalogue.All.Select(e => e.Code + ".json").Should().Equal(files.Select(f => f.FileName));
        Catalogue.All.Select(e => e.Code).Should().OnlyContain(code => NineServiceCodes.Contains(code));
    }

    [Fact]
    public void Every_fee_item_and_percentage_is_the_one_the_schema_fixes()
    {
        foreach (var entry in Catalogue.All)
        {
            entry.Fees.Items.Select(i => (i.Code, i.PercentOfMci)).Should().Equal(ExpectedFees[entry.Code], "fees of {0}", entry.Code);
            entry.Fees.Free.Should().Be(ExpectedFees[entry.Code].Length == 0, "{0} is free exactly when it has no fee items", entry.Code);
        }
    }

    [Fact]
    public void Every_term_variant_is_the_one_the_schema_fixes_and_carries_its_deadline_rule()
    {
        foreach (var entry in Catalogue.All)
        {
            entry.Terms.Variants.Select(v => (v.Code, v.Term, v.Clock)).Should().Equal(ExpectedTerms[entry.Code], "terms of {0}", entry.Code);
            entry.Terms.Variants.Should().OnlyContain(v => v.Rule == DeadlineRules.For(v.Clock));
        }
    }

    [Fact]
    public void Every_entry_carries_its_quality_indicators_from_the_seed()
    {
        foreach (var entry in Catalogue.All)
        {
            entry.QualityIndicators.Should().HaveCount(ExpectedIndicatorCounts[entry.Code], "KPI rows of {0}", entry.Code);
        }
    }

    [Theory]
    [InlineData("driver-licence", 7)]
    [InlineData("vehicle-registration", 3)]
    [InlineData("proxy-driver-registration", 2)]
    [InlineData("address-certificate", 1)]
    [InlineData("weapon-registration", 11)]
    public void The_number_of_refusal_grounds_is_the_seeds(string service, int count)
    {
        Catalogue.Find(service)!.RefusalGrounds.Should().HaveCount(count);
    }

    [Fact]
    public void Driver_licence_has_exactly_the_refusal_codes_the_licensing_module_uses()
    {
        Catalogue.Find("driver-licence")!.RefusalGrounds.Select(g => (g.Code, g.Source)).Should().Equal(
            ("documents-missing", "driver-licence §17.1"),
            ("health-prevents-driving", "driver-licence §17.2"),
            ("right-to-drive-deprived", "driver-licence §17.3"),
            ("right-to-drive-restricted-by-court", "driver-licence §17.4"),
            ("applicant-too-young", "driver-licence §17.5"),
            ("driving-experience-insufficient", "driver-licence §17.5"),
            ("exams-not-passed", "driver-licence §15"));
    }

    [Fact]
    public void Weapon_registration_splits_item_7_of_paragraph_18_into_its_independent_conditions()
    {
        // §18 has seven items; item 7 ("егер тұлға:") lists six conditions, each enough to refuse.
        // The two age limits form one ground (as in driver-licence), the other four are grounds of their own.
        Catalogue.Find("weapon-registration")!.RefusalGrounds.Select(g => (g.Code, g.Source)).Should().Equal(
            ("documents-missing", "weapon-registration §18.1"),
            ("permit-renounced", "weapon-registration §18.2"),
            ("repeated-administrative-offences", "weapon-registration §18.3"),
            ("legal-restriction", "weapon-registration §18.4"),
            ("design-changes", "weapon-registration §18.5"),
            ("weapon-non-compliant", "weapon-registration §18.6"),
            ("applicant-too-young", "weapon-registration §18.7"),
            ("conviction-not-expunged", "weapon-registration §18.7"),
            ("no-residential-address", "weapon-registration §18.7"),
            ("no-storage-conditions", "weapon-registration §18.7"),
            ("safety-knowledge-not-proven", "weapon-registration §18.7"));
    }

    [SeedFact]
    public void Every_kazakh_text_that_claims_the_seeds_wording_occurs_in_the_seed()
    {
        var missing = Catalogue.All
            .SelectMany(entry => CatalogueWalker.Texts(entry).Select(t => (entry.Code, t.Path, t.Text)))
            .Where(t => !t.Text.KkIsParaphrase && !SeedText.Contains(t.Text.Kk))
            .Select(t => $"{t.Code} {t.Path}: {t.Text.Kk}")
            .ToList();

        missing.Should().BeEmpty();
    }

    [Fact]
    public void Readings_are_always_marked_as_the_projects_own_words()
    {
        foreach (var entry in Catalogue.All)
        {
            entry.Readings.Should().OnlyContain(r => r.Text.KkIsParaphrase, "readings of {0} are commentary, not seed text", entry.Code);
        }
    }

    /// <summary>The texts outside "readings" whose kk is a paraphrase, listed explicitly per service.</summary>
    [Theory]
    [InlineData("driver-licence")]
    [InlineData("vehicle-registration")]
    [InlineData("proxy-driver-registration")]
    [InlineData("address-certificate")]
    [InlineData("weapon-registration")]
    public void Outside_the_readings_every_kazakh_text_is_the_seeds_wording(string service)
    {
        CatalogueWalker.Texts(Catalogue.Find(service)!)
            .Where(t => t.Text.KkIsParaphrase && !t.Path.StartsWith("readings[", StringComparison.Ordinal))
            .Select(t => t.Path)
            .Should().BeEmpty();
    }

    [Fact]
    public void Every_source_names_its_service_and_a_paragraph_or_appendix()
    {
        foreach (var entry in Catalogue.All)
        {
            CatalogueWalker.Sources(entry).Should().OnlyContain(
                s => s.Source.StartsWith(entry.Code + " §", StringComparison.Ordinal) || s.Source.StartsWith(entry.Code + " appendix ", StringComparison.Ordinal),
                "every rule of {0} is traceable to the seed", entry.Code);
        }
    }

    [Fact]
    public void Names_are_the_exact_titles_of_the_standards()
    {
        var titles = new Dictionary<string, string>
        {
            ["driver-licence"] = "Ауыл шаруашылығы министрлігі беретіндерді қоспағанда, азаматтарға жүргізуші куәліктерін беру",
            ["vehicle-registration"] = "Ауыл шаруашылығы министрлігі тіркейтін көлік құралдарын қоспағанда, автокөлік құралдарын тіркеу, қайта тіркеу және тіркелген нөмірлік белгілерді беру",
            ["proxy-driver-registration"] = "Ауыл шаруашылығы министрлігі жүзеге асыратын тіркеулерді қоспағанда, сенімхат бойынша көлік құралдарын басқаратын адамдарды тіркеу",
            ["address-certificate"] = "Тұрғылықты жерінен мекенжай анықтамаларын беру",
            ["weapon-registration"] = "Жеке және заңды тұлғалардың азаматтық, қызметтік қаруларының әр бірлігін тіркеу",
            ["residence-permit"] = "Қазақстан Республикасында тұрақты тұратын азаматтығы жоқ адамдарға куәлiктер және шетелдіктерге тұруға ыхтиярхаттар беру",
            ["temporary-registration"] = "Қазақстан Республикасында уақытша болатын шетелдіктер мен азаматтығы жоқ адамдарды тіркеу",
            ["permanent-residence"] = "Қазақстан Республикасында тұрақты тұруға шетелдіктер мен азаматтығы жоқ адамдарды тіркеу және оларға рұқсат беру",
            ["citizenship"] = "Қазақстан Республикасының азаматтығын қабылдау және азаматтықтан шығуды тіркеу",
        };

        foreach (var entry in Catalogue.All)
        {
            SeedText.Normalise(entry.Name.Kk).Should().Be(SeedText.Normalise(titles[entry.Code]));
        }
    }

    [Theory]
    [InlineData("driver-licence", "Licensing", ServiceFormValue.Automated, "P1M")]
    [InlineData("vehicle-registration", "Vehicles", ServiceFormValue.Automated, "P15D")]
    [InlineData("proxy-driver-registration", "Vehicles", ServiceFormValue.PartlyAutomated, "P1M")]
    [InlineData("address-certificate", "AddressBureau", ServiceFormValue.PartlyAutomated, null)] // §22 "within the terms set by law"
    [InlineData("weapon-registration", "Weapons", ServiceFormValue.NotAutomated, "P1M")]
    [InlineData("residence-permit", "Migration", ServiceFormValue.NotAutomated, null)]           // §22 "within the term set by law"
    public void Module_form_and_complaint_review_term_follow_the_seed(string service, string module, ServiceFormValue form, string? reviewTerm)
    {
        var entry = Catalogue.Find(service)!;

        entry.Module.Should().Be(module);
        entry.Form.Value.Should().Be(form);
        entry.Complaints.ReviewTerm.Should().Be(reviewTerm);
    }

    [Theory]
    [InlineData("driver-licence", "PT40M", "PT30M")]
    [InlineData("vehicle-registration", "PT40M", "PT30M")]
    [InlineData("proxy-driver-registration", "PT20M", "PT30M")]
    [InlineData("weapon-registration", "PT40M", "PT30M")]
    public void Queue_limits_follow_paragraph_7(string service, string submission, string pickUp)
    {
        var queue = Catalogue.Find(service)!.Terms.Queue!;

        (queue.Submission, queue.PickUp).Should().Be((submission, pickUp));
    }

    [Fact]
    public void The_address_bureau_sets_no_queue_limits()
    {
        Catalogue.Find("address-certificate")!.Terms.Queue.Should().BeNull();
    }

    [Fact]
    public void Licences_and_vehicle_documents_are_handed_out_in_two_windows()
    {
        Catalogue.Find("driver-licence")!.IssuanceWindows.Select(w => (w.From, w.To)).Should().Equal(("12:00", "13:00"), ("18:00", "19:00"));
        Catalogue.Find("vehicle-registration")!.IssuanceWindows.Select(w => (w.From, w.To)).Should().Equal(("12:00", "13:00"), ("17:00", "18:00"));
        Catalogue.Find("proxy-driver-registration")!.IssuanceWindows.Should().BeEmpty();
    }

    [Fact]
    public void Documents_per_applicant_type_are_complete()
    {
        static IEnumerable<(string, int)> Shape(string service) =>
            SeedText.Catalogue.Find(service)!.Documents.Select(g => (g.ApplicantType, g.Items.Count));

        Shape("driver-licence").Should().Equal(("individual", 6));
        Shape("vehicle-registration").Should().Equal(("individual", 11), ("legal-entity", 11));
        Shape("proxy-driver-registration").Should().Equal(("individual", 3));
        Shape("address-certificate").Should().Equal(("individual", 1), ("law-enforcement", 1), ("legal-entity", 1));
        Shape("weapon-registration").Should().Equal(
            ("individual-acquisition", 10), ("individual-storage-carry", 4), ("legal-entity-acquisition", 11),
            ("legal-entity-storage", 4), ("employee-storage-carry", 8));
    }

    [Fact]
    public void Weapon_photos_are_two_3x4_cm_for_individuals_and_two_2x3_cm_for_employees()
    {
        var photos = Catalogue.Find("weapon-registration")!.Documents
            .SelectMany(g => g.Items.Where(i => i.Photo is not null).Select(i => (g.ApplicantType, i.Photo)))
            .ToList();

        photos.Should().Equal(
            ("individual-storage-carry", new PhotoRequirement(2, 30, 40)),
            ("employee-storage-carry", new PhotoRequirement(2, 20, 30)));
    }

    [Fact]
    public void Unit_registration_lists_the_six_exempt_weapon_types()
    {
        Catalogue.FindFeeItem("weapon-registration", "unit-registration")!.Exemptions.Select(e => e.Code).Should().Equal(
            "cold-hunting-weapon", "signal-weapon", "barrel-less-firearm", "mechanical-sprayer", "aerosol-device", "low-energy-pneumatic-weapon");
    }

    [Fact]
    public void The_lookups_find_what_the_fee_calculator_and_deadline_engine_ask_for()
    {
        Catalogue.Exists("driver-licence").Should().BeTrue();
        Catalogue.Exists("passport").Should().BeFalse();
        Catalogue.FindFeeItem("vehicle-registration", "plate-car")!.PercentOfMci.Should().Be(280m);
        Catalogue.FindFeeItem("vehicle-registration", "plate-bus").Should().BeNull();
        Catalogue.FindFeeItem("passport", "licence").Should().BeNull();
        Catalogue.FeeItems("address-certificate").Should().BeEmpty();
        Catalogue.FindTermVariant("address-certificate", "priority-agency")!.Period.Should().Be(NodaTime.Period.FromHours(48));
        Catalogue.FindTermVariant("address-certificate", "default").Should().BeNull();
        Catalogue.TermVariants("passport").Should().BeEmpty();
        Catalogue.FindRefusalGround("driver-licence", "applicant-too-young")!.Source.Should().Be("driver-licence §17.5");
        Catalogue.FindRefusalGround("driver-licence", "no-storage-conditions").Should().BeNull();
    }

    [Fact]
    public void Every_text_is_in_three_languages()
    {
        foreach (var entry in Catalogue.All)
        {
            CatalogueWalker.Texts(entry).Should().OnlyContain(
                t => !string.IsNullOrWhiteSpace(t.Text.Kk) && !string.IsNullOrWhiteSpace(t.Text.Ru) && !string.IsNullOrWhiteSpace(t.Text.En));
        }
    }
}
