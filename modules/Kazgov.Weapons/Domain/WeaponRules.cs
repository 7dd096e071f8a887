using Kazgov.Kernel.Localization;
using Kazgov.Platform.Applications;
using NodaTime;

namespace Kazgov.Weapons.Domain;

/// <summary>What the weapon-registration rules look at, on the day of the check.</summary>
/// <param name="SmoothBoreUseSince">
/// The day lawful smooth-bore use began (§12, rifled weapons): from the register when it holds a
/// smooth-bore keep-and-carry permit of the applicant, else the permit the applicant presented; null when neither.
/// </param>
internal sealed record WeaponCase(
    string SubType,
    string ApplicantKind,
    LocalDate? BirthDate,
    WeaponUnit? Unit,
    string? PermanentAddress,
    bool? StorageConditionsConfirmed,
    LocalDate? SmoothBoreUseSince,
    bool ForeignCitizen,
    LocalDate? ForeignResidenceSince,
    IReadOnlyCollection<string> Documents);

/// <summary>
/// The refusal grounds of weapon-registration §18 (and the conditions of §12–§15 they rest on) that
/// can be judged from the application's data, each returning the catalogue's refusal-ground code
/// and naming its paragraph. The grounds an outside agency answers (§18.3 offences, §18.7
/// convictions) are checks run before the decision (Features/Checks); §18.1 (documents) is enforced at intake.
/// </summary>
internal static class WeaponRules
{
    public const int CivilianMinimumAge = 18;
    public const int SecurityEmployeeMinimumAge = 21;
    public const int SmoothBoreYearsForRifled = 3;
    public const int ForeignResidenceYears = 1;

    public static int AgeOn(LocalDate birthDate, LocalDate day) => Period.Between(birthDate, day, PeriodUnits.Years).Years;

    /// <summary>
    /// §18.7 (catalogue applicants §6): 18 for a civilian permit of an individual, 21 for a
    /// security-firm employee's service permit; the catalogue gives special-task employees no age.
    /// </summary>
    public static int? MinimumAge(string applicantKind) => applicantKind switch
    {
        ApplicantKinds.Individual => CivilianMinimumAge,
        ApplicantKinds.SecurityEmployee => SecurityEmployeeMinimumAge,
        _ => null,
    };

    /// <summary>§12: a rifled hunting firearm is bought only after 3 years of lawful smooth-bore hunting use.</summary>
    public static bool NeedsSmoothBoreExperience(string subType, WeaponUnit? unit) =>
        subType == WeaponSubTypes.AcquisitionPermit && unit is { Type: WeaponTypes.Rifled, Purpose: WeaponPurposes.Hunting };

    /// <summary>§12.8 and its note: the hunting licence is asked when buying a weapon, except a self-defence or gas weapon.</summary>
    public static bool NeedsHuntingLicence(string subType, WeaponUnit? unit) =>
        subType == WeaponSubTypes.AcquisitionPermit && unit is not null && unit.Purpose != WeaponPurposes.SelfDefence && unit.Type != WeaponTypes.Gas;

    /// <summary>§12 note: a foreigner may have only gas pistols and revolvers and barrel-less firearms.</summary>
    public static readonly IReadOnlyList<string> ForeignerTypes = [WeaponTypes.Gas, WeaponTypes.BarrelLess];

    public static IReadOnlyList<EligibilityFinding> Check(WeaponCase c, LocalDate day)
    {
        var findings = new List<EligibilityFinding>();
        var person = !ApplicantKinds.IsLegalEntity(c.ApplicantKind);

        if (person && MinimumAge(c.ApplicantKind) is { } minimum && c.BirthDate is { } born && AgeOn(born, day) < minimum)
        {
            findings.Add(new("applicant-too-young", new LocalizedText(
                $"Өтініш беруші {minimum} жасқа толмаған (§18.7): {born.PlusYears(minimum):yyyy-MM-dd} толады",
                $"Заявителю не исполнилось {minimum} лет (§18.7): исполнится {born.PlusYears(minimum):yyyy-MM-dd}",
                $"The applicant is under {minimum} (§18.7): turns {minimum} on {born.PlusYears(minimum):yyyy-MM-dd}")));
        }

        if (person && string.IsNullOrWhiteSpace(c.PermanentAddress))
        {
            findings.Add(new("no-residential-address", new LocalizedText(
                "Тұрғылықты мекенжайы жоқ (§18.7)",
                "Нет места жительства (§18.7)",
                "The person has no permanent address (§18.7)")));
        }

        if (c.StorageConditionsConfirmed is false)
        {
            findings.Add(new("no-storage-conditions", new LocalizedText(
                "Учаскелік инспектордың актісі қаруды сақтау жағдайын растамайды (§12.7, §18.7)",
                "Акт участкового инспектора не подтверждает условия хранения оружия (§12.7, §18.7)",
                "The inspector's report does not confirm safe storage (§12.7, §18.7)")));
        }

        // §15.7 and §18.7: an employee proves knowledge of the safety rules by the "Dynamo" certificate
        // (an individual's §12.6 certificate is a mandatory document, demanded at intake).
        if (c.SubType == WeaponSubTypes.ServiceStorageCarryPermit && !c.Documents.Contains("dynamo-safety-certificate"))
        {
            findings.Add(new("safety-knowledge-not-proven", new LocalizedText(
                "Қарумен қауіпсіз жұмыс істеу ережесін білетінін растайтын құжат жоқ (§15.7, §18.7)",
                "Нет документа о знании правил безопасного обращения с оружием (§15.7, §18.7)",
                "No document proves knowledge of the weapon-safety rules (§15.7, §18.7)")));
        }

        if (NeedsSmoothBoreExperience(c.SubType, c.Unit) && c.SmoothBoreUseSince is { } since
            && since.PlusYears(SmoothBoreYearsForRifled) > day)
        {
            findings.Add(new("legal-restriction", new LocalizedText(
                $"Ойық ұңғылы аңшылық қаруға кемінде 3 жыл тегіс ұңғылы қаруды заңды пайдалану керек (§12, §18.4): {since:yyyy-MM-dd} бастап, {since.PlusYears(SmoothBoreYearsForRifled):yyyy-MM-dd} толады",
                $"Для нарезного охотничьего оружия нужно не менее 3 лет законного владения гладкоствольным (§12, §18.4): с {since:yyyy-MM-dd}, исполнится {since.PlusYears(SmoothBoreYearsForRifled):yyyy-MM-dd}",
                $"A rifled hunting weapon needs at least 3 years of lawful smooth-bore use (§12, §18.4): since {since:yyyy-MM-dd}, complete on {since.PlusYears(SmoothBoreYearsForRifled):yyyy-MM-dd}")));
        }

        // §12 note: a foreigner registered to live here for at least one year.
        if (c.ForeignCitizen && c.ApplicantKind == ApplicantKinds.Individual
            && (c.ForeignResidenceSince is not { } resident || resident.PlusYears(ForeignResidenceYears) > day))
        {
            findings.Add(new("legal-restriction", new LocalizedText(
                "Шетелдік Қазақстанда тұру үшін кемінде бір жыл тіркелген болуы керек (§12 ескертпе, §18.4)",
                "Иностранец должен быть зарегистрирован для проживания в Казахстане не менее одного года (примечание к §12, §18.4)",
                "A foreigner must have been registered to live in Kazakhstan for at least one year (§12 note, §18.4)")));
        }

        if (c.Unit is { DesignChangesAlterBallistics: true })
        {
            findings.Add(new("design-changes", new LocalizedText(
                "Қарудың құрылымына баллистикалық қасиеттерін өзгерткен өзгерістер енгізілген (§18.5)",
                "В конструкцию оружия внесены изменения, изменившие его баллистические свойства (§18.5)",
                "The weapon's design was changed in a way that alters its ballistics (§18.5)")));
        }

        if (c.Unit is { TechnicallyNonCompliant: true })
        {
            findings.Add(new("weapon-non-compliant", new LocalizedText(
                "Қару техникалық регламентке немесе криминалистикалық талаптарға сәйкес емес (§18.6)",
                "Оружие не соответствует техническому регламенту или криминалистическим требованиям (§18.6)",
                "The weapon does not meet the technical regulation or the forensic requirements (§18.6)")));
        }

        return findings;
    }
}
