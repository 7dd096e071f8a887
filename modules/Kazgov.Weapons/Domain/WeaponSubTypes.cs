namespace Kazgov.Weapons.Domain;

/// <summary>
/// One kind of request of weapon-registration: the checklist (catalogue documents group, §12–§15) it
/// is taken on, the fee item of §8 it pays, who may ask for it (catalogue applicant codes, §6), whether
/// it registers a unit (and so pays the 10 % unit duty unless the unit is exempt) and how long its
/// permit is valid (the seed gives no validity; see the module README).
/// </summary>
internal sealed record WeaponSubType(
    string Code,
    string DocumentGroup,
    string FeeItem,
    IReadOnlyList<string> ApplicantKinds,
    bool RegistersUnit,
    bool NeedsUnit,
    bool IssuesPermit,
    NodaTime.Period? Validity,
    string Paragraph);

internal static class WeaponSubTypes
{
    public const string AcquisitionPermit = "acquisition-permit";
    public const string StoragePermit = "storage-permit";
    public const string StorageCarryPermit = "storage-carry-permit";
    public const string ServiceAcquisitionLicence = "service-acquisition-licence";
    public const string ServiceStoragePermit = "service-storage-permit";
    public const string ServiceStorageCarryPermit = "service-storage-carry-permit";
    public const string UnitRegistration = "unit-registration";

    /// <summary>The catalogue's fee item of the 10 % unit duty (§8).</summary>
    public const string UnitFeeItem = "unit-registration";

    public static readonly IReadOnlyList<string> PersonKinds = [ApplicantKinds.Individual];

    public static readonly IReadOnlyList<string> EntityKinds = [ApplicantKinds.SpecialTaskLegalEntity, ApplicantKinds.SecurityCompany, ApplicantKinds.SportsOrganisation];

    public static readonly IReadOnlyList<WeaponSubType> All =
    [
        new(AcquisitionPermit, "individual-acquisition", "acquisition-permit-individual", PersonKinds, false, true, true, NodaTime.Period.FromMonths(6), "§12"),
        new(StoragePermit, "individual-storage-carry", "storage-permit-individual", PersonKinds, true, true, true, NodaTime.Period.FromYears(5), "§12"),
        new(StorageCarryPermit, "individual-storage-carry", "storage-carry-permit-individual", PersonKinds, true, true, true, NodaTime.Period.FromYears(5), "§12"),
        new(ServiceAcquisitionLicence, "legal-entity-acquisition", "acquisition-licence-legal-entity", EntityKinds, false, false, true, NodaTime.Period.FromMonths(6), "§13"),
        new(ServiceStoragePermit, "legal-entity-storage", "storage-permit-legal-entity", EntityKinds, true, true, true, NodaTime.Period.FromYears(5), "§14"),
        new(ServiceStorageCarryPermit, "employee-storage-carry", "storage-carry-permit-legal-entity", [ApplicantKinds.SpecialTaskEmployee, ApplicantKinds.SecurityEmployee], false, true, true, NodaTime.Period.FromYears(5), "§15"),
        // Registration or re-registration of a unit alone: an individual on the §12 second list, a legal entity on §14.
        new(UnitRegistration, "individual-storage-carry", UnitFeeItem, [.. PersonKinds, .. EntityKinds], true, true, false, null, "§8, §12, §14"),
    ];

    public static WeaponSubType? Find(string? code) => All.FirstOrDefault(s => s.Code == code);

    /// <summary>The checklist of a sub-type for this applicant: a legal entity registers a unit on the §14 list.</summary>
    public static string DocumentGroupFor(WeaponSubType subType, string? applicantKind) =>
        subType.Code == UnitRegistration && EntityKinds.Contains(applicantKind ?? "") ? "legal-entity-storage" : subType.DocumentGroup;
}

/// <summary>The applicant kinds of weapon-registration §6 (the catalogue's applicant codes).</summary>
internal static class ApplicantKinds
{
    public const string Individual = "individual";
    public const string SpecialTaskEmployee = "special-task-employee";
    public const string SecurityEmployee = "security-employee";
    public const string SpecialTaskLegalEntity = "special-task-legal-entity";
    public const string SecurityCompany = "security-company";
    public const string SportsOrganisation = "sports-organisation";

    public static readonly IReadOnlyList<string> All = [Individual, SpecialTaskEmployee, SecurityEmployee, SpecialTaskLegalEntity, SecurityCompany, SportsOrganisation];

    public static bool IsLegalEntity(string kind) => kind is SpecialTaskLegalEntity or SecurityCompany or SportsOrganisation;
}
