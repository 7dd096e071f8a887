using Kazgov.Platform.Applications;
using Kazgov.Kernel.Localization;
using NodaTime;

namespace Kazgov.Licensing.Domain;

/// <summary>A deprivation or court restriction of the right to drive, in force from StartsOn to EndsOn (inclusive; open when null).</summary>
internal sealed record DrivingBan(string Kind, LocalDate StartsOn, LocalDate? EndsOn, string DecisionReference)
{
    public const string Deprivation = "deprivation";
    public const string CourtRestriction = "court-restriction";

    public bool InForceOn(LocalDate day) => StartsOn <= day && (EndsOn is null || day <= EndsOn);
}

/// <summary>What the licensing rules look at, on the day of the check.</summary>
internal sealed record DriverLicenceCase(
    LocalDate BirthDate,
    IReadOnlyList<LicenceCategory> Categories,
    bool MedicalDecisionPreventsDriving,
    int? DrivingExperienceMonths,
    IReadOnlyList<DrivingBan> Bans);

/// <summary>
/// The refusal grounds of driver-licence §17 that can be judged from data, each returning the
/// catalogue's refusal-ground code. (§17.1, documents not presented, is enforced at intake by the
/// shared lifecycle.) Judged on the day of the check: at submission, and again on the day of decision.
/// </summary>
internal static class DriverLicenceRules
{
    /// <summary>
    /// §17.5: under 16 for A, under 18 for B and C, under 20 for D. The seed writes «"Д", "С"» for
    /// the 20-year rule; C is already listed at 18, so the project reads it as D alone (catalogue reading).
    /// E has no age of its own: it needs twelve months of driving experience.
    /// </summary>
    public static int MinimumAge(LicenceCategory category) => category switch
    {
        LicenceCategory.A => 16,
        LicenceCategory.B or LicenceCategory.C => 18,
        LicenceCategory.D => 20,
        _ => 0,
    };

    public const int MinimumExperienceMonthsForE = 12;

    public static int AgeOn(LocalDate birthDate, LocalDate day) => Period.Between(birthDate, day, PeriodUnits.Years).Years;

    public static IReadOnlyList<EligibilityFinding> Check(DriverLicenceCase licenceCase, LocalDate day)
    {
        var findings = new List<EligibilityFinding>();

        // §17.2: a confirmed medical decision that the driver's health prevents safe driving.
        if (licenceCase.MedicalDecisionPreventsDriving)
        {
            findings.Add(new("health-prevents-driving", new LocalizedText(
                "Денсаулық жағдайы көлікті қауіпсіз басқаруға кедергі келтіретіні туралы расталған медициналық шешім бар (§17.2)",
                "Имеется подтверждённое медицинское заключение о том, что состояние здоровья препятствует безопасному управлению (§17.2)",
                "A confirmed medical decision says the applicant's health prevents safe driving (§17.2)")));
        }

        // §17.3 and §17.4: deprivation of the right to drive, or its restriction by a court, in force today.
        foreach (var ban in licenceCase.Bans.Where(b => b.InForceOn(day)))
        {
            findings.Add(ban.Kind == DrivingBan.Deprivation
                ? new("right-to-drive-deprived", new LocalizedText(
                    $"Көлік құралын басқару құқығынан айырылған: {ban.DecisionReference} (§17.3)",
                    $"Лишён права управления транспортным средством: {ban.DecisionReference} (§17.3)",
                    $"Deprived of the right to drive: {ban.DecisionReference} (§17.3)"))
                : new("right-to-drive-restricted-by-court", new LocalizedText(
                    $"Көлік құралын басқару құқығын сот шектеген: {ban.DecisionReference} (§17.4)",
                    $"Право управления ограничено судом: {ban.DecisionReference} (§17.4)",
                    $"A court has restricted the right to drive: {ban.DecisionReference} (§17.4)")));
        }

        // §17.5: age on the day of the check, per category; E by driving experience.
        var age = AgeOn(licenceCase.BirthDate, day);
        var tooYoung = licenceCase.Categories.Where(c => age < MinimumAge(c)).ToList();
        if (tooYoung.Count > 0)
        {
            var list = string.Join(", ", tooYoung.Select(c => $"{c} ({MinimumAge(c)})"));
            findings.Add(new("applicant-too-young", new LocalizedText(
                $"Өтініш берушінің жасы {age}; санаттар үшін ең төменгі жас: {list} (§17.5)",
                $"Возраст заявителя {age}; минимальный возраст для категорий: {list} (§17.5)",
                $"The applicant is {age}; the minimum age for the categories: {list} (§17.5)")));
        }

        if (licenceCase.Categories.Contains(LicenceCategory.E) && (licenceCase.DrivingExperienceMonths ?? 0) < MinimumExperienceMonthsForE)
        {
            findings.Add(new("driving-experience-insufficient", new LocalizedText(
                "«E» санаты үшін кемінде он екі ай жүргізу өтілін растайтын құжаттар жоқ (§17.5)",
                "Для категории «E» нет документов о стаже вождения не менее двенадцати месяцев (§17.5)",
                "Category E needs documents proving at least twelve months of driving experience (§17.5)")));
        }

        return findings;
    }
}
