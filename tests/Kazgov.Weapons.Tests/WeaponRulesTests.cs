using Kazgov.Weapons.Domain;
using NodaTime;

namespace Kazgov.Weapons.Tests;

/// <summary>weapon-registration §12–§15 and §18, each rule at its boundary.</summary>
public sealed class WeaponRulesTests
{
    private static readonly LocalDate Birth = new(2005, 6, 15);

    private static readonly WeaponUnit SmoothBore = new("S1", "Иж", "27", WeaponTypes.SmoothBore, WeaponCategories.Civilian, WeaponPurposes.Hunting, null, 12m, false, false);

    private static WeaponCase Case(
        string subType = WeaponSubTypes.StorageCarryPermit,
        string kind = ApplicantKinds.Individual,
        WeaponUnit? unit = null,
        string? address = "Астана, Абай 1",
        bool? storage = true,
        LocalDate? smoothBoreSince = null,
        bool foreign = false,
        LocalDate? residentSince = null,
        string[]? documents = null) =>
        new(subType, kind, Birth, unit ?? SmoothBore, address, storage, smoothBoreSince, foreign, residentSince, documents ?? []);

    private static string[] Grounds(WeaponCase c, LocalDate day) => [.. WeaponRules.Check(c, day).Select(f => f.RefusalGround)];

    [Fact]
    public void A_civilian_permit_is_refused_the_day_before_the_18th_birthday_and_given_on_it()
    {
        Grounds(Case(), Birth.PlusYears(18).PlusDays(-1)).Should().Equal("applicant-too-young");
        Grounds(Case(), Birth.PlusYears(18)).Should().BeEmpty();
    }

    [Fact]
    public void A_security_employee_needs_21_to_the_day()
    {
        var c = Case(WeaponSubTypes.ServiceStorageCarryPermit, ApplicantKinds.SecurityEmployee,
            SmoothBore with { Category = WeaponCategories.Service, Purpose = WeaponPurposes.Service }, documents: ["dynamo-safety-certificate"]);
        Grounds(c, Birth.PlusYears(21).PlusDays(-1)).Should().Equal("applicant-too-young");
        Grounds(c, Birth.PlusYears(21)).Should().BeEmpty();
    }

    [Fact]
    public void A_special_task_employee_has_no_age_of_the_catalogue()
    {
        var c = Case(WeaponSubTypes.ServiceStorageCarryPermit, ApplicantKinds.SpecialTaskEmployee, documents: ["dynamo-safety-certificate"]);
        Grounds(c, Birth.PlusYears(17)).Should().BeEmpty();
    }

    [Fact]
    public void The_age_message_names_the_paragraph_and_the_birthday()
    {
        var finding = WeaponRules.Check(Case(), Birth.PlusYears(17)).Single();
        finding.Explanation.En.Should().Contain("§18.7").And.Contain("2023-06-15");
    }

    [Fact]
    public void A_rifled_hunting_weapon_needs_three_full_years_of_smooth_bore_use()
    {
        var rifled = SmoothBore with { Type = WeaponTypes.Rifled };
        var since = new LocalDate(2023, 3, 10);
        var c = Case(WeaponSubTypes.AcquisitionPermit, unit: rifled, smoothBoreSince: since);
        var day = new LocalDate(2026, 3, 10);

        Grounds(c, day.PlusDays(-1)).Should().Equal("legal-restriction");
        WeaponRules.Check(c, day.PlusDays(-1)).Single().Explanation.En.Should().Contain("§12").And.Contain("§18.4");
        Grounds(c, day).Should().BeEmpty();
    }

    [Fact]
    public void Smooth_bore_experience_is_asked_only_to_buy_a_rifled_hunting_weapon()
    {
        WeaponRules.NeedsSmoothBoreExperience(WeaponSubTypes.AcquisitionPermit, SmoothBore with { Type = WeaponTypes.Rifled }).Should().BeTrue();
        WeaponRules.NeedsSmoothBoreExperience(WeaponSubTypes.AcquisitionPermit, SmoothBore with { Type = WeaponTypes.Rifled, Purpose = WeaponPurposes.Sport }).Should().BeFalse();
        WeaponRules.NeedsSmoothBoreExperience(WeaponSubTypes.StorageCarryPermit, SmoothBore with { Type = WeaponTypes.Rifled }).Should().BeFalse();
        WeaponRules.NeedsSmoothBoreExperience(WeaponSubTypes.AcquisitionPermit, SmoothBore).Should().BeFalse();
    }

    [Theory]
    [InlineData("smooth-bore", "hunting", true)]
    [InlineData("smooth-bore", "self-defence", false)]
    [InlineData("gas", "hunting", false)]
    [InlineData("rifled", "hunting", true)]
    public void The_hunting_licence_is_asked_except_for_self_defence_and_gas(string type, string purpose, bool needed) =>
        WeaponRules.NeedsHuntingLicence(WeaponSubTypes.AcquisitionPermit, SmoothBore with { Type = type, Purpose = purpose }).Should().Be(needed);

    [Fact]
    public void The_hunting_licence_is_asked_only_to_buy() =>
        WeaponRules.NeedsHuntingLicence(WeaponSubTypes.StoragePermit, SmoothBore).Should().BeFalse();

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_person_without_a_permanent_address_is_refused(string? address) =>
        Grounds(Case(address: address), Birth.PlusYears(30)).Should().Equal("no-residential-address");

    [Fact]
    public void A_legal_entity_is_not_asked_for_a_permanent_address_or_an_age()
    {
        var c = Case(WeaponSubTypes.ServiceStoragePermit, ApplicantKinds.SecurityCompany, address: null) with { BirthDate = null };
        Grounds(c, Birth.PlusYears(30)).Should().BeEmpty();
    }

    [Fact]
    public void The_inspector_not_confirming_storage_is_a_refusal_and_an_unstated_one_is_not()
    {
        Grounds(Case(storage: false), Birth.PlusYears(30)).Should().Equal("no-storage-conditions");
        Grounds(Case(storage: null), Birth.PlusYears(30)).Should().BeEmpty();
    }

    [Fact]
    public void An_employee_without_the_dynamo_certificate_has_not_proven_safety_knowledge()
    {
        var c = Case(WeaponSubTypes.ServiceStorageCarryPermit, ApplicantKinds.SpecialTaskEmployee);
        Grounds(c, Birth.PlusYears(30)).Should().Equal("safety-knowledge-not-proven");
        Grounds(c with { Documents = ["dynamo-safety-certificate"] }, Birth.PlusYears(30)).Should().BeEmpty();
    }

    [Fact]
    public void Design_changes_and_non_compliance_are_their_own_grounds()
    {
        Grounds(Case(unit: SmoothBore with { DesignChangesAlterBallistics = true }), Birth.PlusYears(30)).Should().Equal("design-changes");
        Grounds(Case(unit: SmoothBore with { TechnicallyNonCompliant = true }), Birth.PlusYears(30)).Should().Equal("weapon-non-compliant");
    }

    [Fact]
    public void A_foreigner_needs_a_full_year_of_registered_residence()
    {
        var gas = SmoothBore with { Type = WeaponTypes.Gas, Purpose = WeaponPurposes.SelfDefence };
        var since = new LocalDate(2025, 3, 10);
        var c = Case(unit: gas, foreign: true, residentSince: since);

        Grounds(c, new LocalDate(2026, 3, 9)).Should().Equal("legal-restriction");
        Grounds(c, new LocalDate(2026, 3, 10)).Should().BeEmpty();
        Grounds(c with { ForeignResidenceSince = null }, new LocalDate(2026, 3, 10)).Should().Equal("legal-restriction");
    }

    [Fact]
    public void Every_sub_type_pays_a_fee_item_of_the_catalogue()
    {
        string[] items = ["acquisition-licence-legal-entity", "storage-permit-legal-entity", "storage-carry-permit-legal-entity", "acquisition-permit-individual", "storage-permit-individual", "storage-carry-permit-individual", "unit-registration"];
        WeaponSubTypes.All.Select(s => s.FeeItem).Should().BeEquivalentTo(items);
    }

    [Fact]
    public void A_legal_entity_registers_a_unit_on_the_14_list_and_a_person_on_the_12_second_list()
    {
        var unit = WeaponSubTypes.Find(WeaponSubTypes.UnitRegistration)!;
        WeaponSubTypes.DocumentGroupFor(unit, ApplicantKinds.SecurityCompany).Should().Be("legal-entity-storage");
        WeaponSubTypes.DocumentGroupFor(unit, ApplicantKinds.Individual).Should().Be("individual-storage-carry");
    }
}
