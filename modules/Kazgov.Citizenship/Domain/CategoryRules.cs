using Kazgov.Kernel.Identifiers;
using Kazgov.Kernel.Localization;
using NodaTime;

namespace Kazgov.Citizenship.Domain;

/// <summary>A category rule of citizenship §6 the applicant does not meet, named by its paragraph.</summary>
internal sealed record CategoryShortfall(string Paragraph, string Field, LocalizedText Text);

/// <summary>Whom the applicant names as the Kazakh-citizen relative (§6.2–§6.4) or spouse (§6.6).</summary>
internal sealed record RelativeCase(string? Iin, string? Kinship);

/// <summary>What the category rules look at; the dates are those stated at intake (or taken from the register).</summary>
internal sealed record CategoryCase(
    int Category,
    string? Citizenship,
    bool Stateless,
    string? OralmanCertificateNumber,
    RelativeCase? Relative,
    LocalDate? InKazakhstanBefore1991On,
    int? ProfessionNumber,
    string? PetitionNumber,
    LocalDate? MarriedOn,
    string? SpouseIin,
    LocalDate? PermanentResidenceSince,
    string? ApplicantIin);

/// <summary>
/// citizenship §6 categories 1–7 (seed lines 10468–10482) as pure rules: each shortfall names its
/// paragraph. Run at intake and again on the day of decision, always against the application date
/// ("at least three years" / "five years" are counted to the day the application was accepted).
/// </summary>
internal static class CategoryRules
{
    /// <summary>§6.3 and §12.1: birth or residence in Kazakhstan before 21 December 1991 (the Alma-Ata Declaration).</summary>
    public static readonly LocalDate UssrEnd = new(1991, 12, 21);

    public const int ProfessionCount = 24;

    /// <summary>§6.2 and §6.3: grandmother, grandfather, mother, father, brothers, sisters, spouses, children.</summary>
    public static readonly IReadOnlyList<string> CloseKin = ["grandmother", "grandfather", "mother", "father", "brother", "sister", "spouse", "child"];

    /// <summary>
    /// §6.4: children (adopted ones too), spouses, one of the parents (one of the adoptive parents),
    /// sister, brother, grandfather, grandmother. Reading: "one of the parents" means a single parent
    /// who is a citizen suffices; the difference from §6.2–§6.3 is that adoption counts.
    /// </summary>
    public static readonly IReadOnlyList<string> FormerUnionKin = ["child", "adopted-child", "spouse", "mother", "father", "adoptive-parent", "sister", "brother", "grandfather", "grandmother"];

    /// <summary>§6.2: Ukraine.</summary>
    public static readonly IReadOnlyList<string> Category2States = ["UA"];

    /// <summary>§6.3: Belarus, the Kyrgyz Republic, Russia.</summary>
    public static readonly IReadOnlyList<string> Category3States = ["BY", "KG", "RU"];

    /// <summary>§6.4: the fourteen other former union republics of the USSR.</summary>
    public static readonly IReadOnlyList<string> FormerUnionStates = ["AM", "AZ", "BY", "EE", "GE", "KG", "LT", "LV", "MD", "RU", "TJ", "TM", "UA", "UZ"];

    public static IReadOnlyList<string> KinOf(int category) => category == 4 ? FormerUnionKin : CloseKin;

    public static IReadOnlyList<CategoryShortfall> Check(CategoryCase c, LocalDate applicationDate)
    {
        var shortfalls = new List<CategoryShortfall>();
        switch (c.Category)
        {
            case 1:
                if (string.IsNullOrWhiteSpace(c.OralmanCertificateNumber))
                {
                    shortfalls.Add(new("§6.1", "oralmanCertificateNumber", new(
                        "Оралман куәлігі көрсетілмеген (азаматтық §6.1)",
                        "Не указано удостоверение оралмана (гражданство §6.1)",
                        "The oralman certificate is not given (citizenship §6.1)")));
                }

                break;
            case 2:
                CheckState(c, Category2States, "§6.2", shortfalls);
                CheckRelative(c, "§6.2", shortfalls);
                break;
            case 3:
                CheckState(c, Category3States, "§6.3", shortfalls);
                // §6.3: born in Kazakhstan OR related to a citizen; the proof of birth or residence before 21.12.1991 stands for the first.
                var before1991 = c.InKazakhstanBefore1991On is { } on && on < UssrEnd;
                if (c.InKazakhstanBefore1991On is { } given && given >= UssrEnd)
                {
                    shortfalls.Add(new("§6.3", "inKazakhstanBefore1991On", new(
                        "Қазақстанда туған не тұрған күні 1991 жылғы 21 желтоқсаннан бұрын болуы керек (азаматтық §6.3)",
                        "Рождение или проживание в Казахстане должно быть до 21 декабря 1991 года (гражданство §6.3)",
                        "Birth or residence in Kazakhstan must be before 21 December 1991 (citizenship §6.3)")));
                }
                else if (!before1991)
                {
                    CheckRelative(c, "§6.3", shortfalls);
                }
                else if (c.Relative is not null)
                {
                    CheckRelative(c, "§6.3", shortfalls);
                }

                break;
            case 4:
                CheckState(c, FormerUnionStates, "§6.4", shortfalls);
                CheckRelative(c, "§6.4", shortfalls);
                break;
            case 5:
                if (c.ProfessionNumber is not (>= 1 and <= ProfessionCount))
                {
                    shortfalls.Add(new("§6.5", "professionNumber", new(
                        "2-қосымшадағы 24 мамандықтың бірі (1–24) таңдалуы керек (азаматтық §6.5)",
                        "Нужно выбрать одну из 24 профессий приложения 2 (1–24) (гражданство §6.5)",
                        "One of the 24 professions of appendix 2 (1–24) must be chosen (citizenship §6.5)")));
                }

                if (string.IsNullOrWhiteSpace(c.PetitionNumber))
                {
                    shortfalls.Add(new("§6.5", "petitionNumber", new(
                        "Мемлекеттік органның бейінді өтінішхаты көрсетілмеген (азаматтық §6.5, §12.1)",
                        "Не указано профильное ходатайство государственного органа (гражданство §6.5, §12.1)",
                        "The state body's petition is not given (citizenship §6.5, §12.1)")));
                }

                break;
            case 6:
                if (c.MarriedOn is null)
                {
                    shortfalls.Add(new("§6.6", "marriedOn", new("Неке күні көрсетілмеген (азаматтық §6.6)", "Не указана дата брака (гражданство §6.6)", "The marriage date is not given (citizenship §6.6)")));
                }
                else if (c.MarriedOn.Value.PlusYears(3) > applicationDate)
                {
                    shortfalls.Add(new("§6.6", "marriedOn", new LocalizedText(
                        "Қазақстан азаматымен неке өтініш берілген күні кемінде үш жыл болуы керек: {0} бастап (азаматтық §6.6)",
                        "Брак с гражданином Казахстана на дату заявления должен длиться не менее трёх лет: с {0} (гражданство §6.6)",
                        "The marriage to a citizen of Kazakhstan must have lasted at least three years on the application date: from {0} (citizenship §6.6)").Format(Iso(c.MarriedOn.Value.PlusYears(3)))));
                }

                CheckIin(c.SpouseIin, c.ApplicantIin, "spouseIin", "§6.6", shortfalls);
                break;
            case 7:
                if (c.PermanentResidenceSince is null)
                {
                    shortfalls.Add(new("§6.7", "permanentResidenceSince", new(
                        "Тұрақты тұрудың басталған күні көрсетілмеген және тізілімде жоқ (азаматтық §6.7)",
                        "Не указано начало постоянного проживания, и в реестре его нет (гражданство §6.7)",
                        "The start of permanent residence is not given and the register has none (citizenship §6.7)")));
                }
                else if (c.PermanentResidenceSince.Value.PlusYears(5) > applicationDate)
                {
                    shortfalls.Add(new("§6.7", "permanentResidenceSince", new LocalizedText(
                        "Қазақстанда кемінде бес жыл тұрақты тұру керек: {0} бастап (азаматтық §6.7)",
                        "Нужно не менее пяти лет постоянного проживания в Казахстане: с {0} (гражданство §6.7)",
                        "At least five years of permanent residence in Kazakhstan are needed: from {0} (citizenship §6.7)").Format(Iso(c.PermanentResidenceSince.Value.PlusYears(5)))));
                }

                break;
        }

        return shortfalls;
    }

    private static void CheckState(CategoryCase c, IReadOnlyList<string> states, string paragraph, List<CategoryShortfall> shortfalls)
    {
        if (c.Stateless || c.Citizenship is null || !states.Contains(c.Citizenship))
        {
            shortfalls.Add(new(paragraph, "applicant.citizenship", new LocalizedText(
                "Бұл санат мына мемлекеттердің азаматтарына: {0} (азаматтық {1})",
                "Эта категория — для граждан государств: {0} (гражданство {1})",
                "This category is for citizens of: {0} (citizenship {1})").Format(string.Join(", ", states), paragraph)));
        }
    }

    private static void CheckRelative(CategoryCase c, string paragraph, List<CategoryShortfall> shortfalls)
    {
        var kin = KinOf(c.Category);
        if (c.Relative?.Kinship is not { } kinship || !kin.Contains(kinship))
        {
            shortfalls.Add(new(paragraph, "relative.kinship", new LocalizedText(
                "Қазақстан азаматымен туыстығы: {0} (азаматтық {1})",
                "Родство с гражданином Казахстана: {0} (гражданство {1})",
                "Kinship to a citizen of Kazakhstan: {0} (citizenship {1})").Format(string.Join(", ", kin), paragraph)));
        }

        CheckIin(c.Relative?.Iin, c.ApplicantIin, "relative.iin", paragraph, shortfalls);
    }

    private static void CheckIin(string? iin, string? applicantIin, string field, string paragraph, List<CategoryShortfall> shortfalls)
    {
        if (!Iin.TryParse(iin, out _, out _))
        {
            shortfalls.Add(new(paragraph, field, new LocalizedText(
                "Қазақстан азаматының ЖСН-і дұрыс емес (12 сан, бақылау разряды, туған күні) (азаматтық {0})",
                "ИИН гражданина Казахстана некорректен (12 цифр, контрольный разряд, дата рождения) (гражданство {0})",
                "The citizen's IIN is not valid (12 digits, check digit, birth date) (citizenship {0})").Format(paragraph)));
        }
        else if (iin == applicantIin)
        {
            shortfalls.Add(new(paragraph, field, new LocalizedText(
                "Туысы — өтініш берушінің өзі емес (азаматтық {0})", "Родственник — не сам заявитель (гражданство {0})", "The relative cannot be the applicant (citizenship {0})").Format(paragraph)));
        }
    }

    private static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
