using Kazgov.Kernel.Localization;
using NodaTime;

namespace Kazgov.Migration.ResidencePermits.Domain;

/// <summary>
/// The two documents of residence-permit §5, each a sub-type with its applicant type (§6, §12
/// checklist) and its fee item (§8).
/// </summary>
internal sealed record ResidencePermitKind(string SubType, string ApplicantType, string FeeItem, string NumberPrefix)
{
    /// <summary>A foreigner's residence permit: 20 % of the MCI (§8).</summary>
    public static readonly ResidencePermitKind Permit = new("residence-permit", "foreigner", "residence-permit", "RP");

    /// <summary>A stateless person's certificate: 400 % of the MCI (§8).</summary>
    public static readonly ResidencePermitKind Certificate = new("stateless-certificate", "stateless-person", "stateless-certificate", "SC");

    public static readonly IReadOnlyList<ResidencePermitKind> All = [Permit, Certificate];

    public static ResidencePermitKind? Of(string? subType) => All.FirstOrDefault(k => k.SubType == subType);
}

/// <summary>What the applicant's age allows (residence-permit §6).</summary>
internal enum AgeVerdict
{
    Allowed,

    /// <summary>Under 16, for a residence permit, or for a certificate without travelling abroad unaccompanied.</summary>
    TooYoung,

    /// <summary>Under 16, a certificate, the proof of travelling abroad without parents (guardians) not given.</summary>
    ProofOfUnaccompaniedTravelMissing,
}

/// <summary>The pure rules of residence-permit (§6 age, §18.2 passport validity, the document's validity).</summary>
internal static class ResidencePermitRules
{
    public const int MinimumAge = 16;

    /// <summary>§18.2: fewer than this much validity left on the national passport refuses.</summary>
    public static readonly Period PassportMinimumRemaining = Period.FromMonths(2);

    /// <summary>Reading (README): the seed gives no validity; both documents are issued for ten years.</summary>
    public static readonly Period Validity = Period.FromYears(10);

    /// <summary>Full years on <paramref name="day"/>: 16 on the 16th birthday, 15 the day before.</summary>
    public static int AgeOn(LocalDate birthDate, LocalDate day) =>
        day < birthDate ? 0 : Period.Between(birthDate, day, PeriodUnits.Years).Years;

    /// <summary>
    /// residence-permit §6: 16 or older; a stateless person's certificate younger only when travelling
    /// abroad without parents (guardians, custodians), with the document proving it recorded.
    /// </summary>
    public static AgeVerdict CheckAge(ResidencePermitKind kind, LocalDate birthDate, LocalDate day, string? unaccompaniedTravelProof)
    {
        if (AgeOn(birthDate, day) >= MinimumAge)
        {
            return AgeVerdict.Allowed;
        }

        if (kind != ResidencePermitKind.Certificate)
        {
            return AgeVerdict.TooYoung;
        }

        return string.IsNullOrWhiteSpace(unaccompaniedTravelProof) ? AgeVerdict.ProofOfUnaccompaniedTravelMissing : AgeVerdict.Allowed;
    }

    /// <summary>
    /// residence-permit §18.2, read as "fewer than 2 months remain" (catalogue reading, seed line 431):
    /// a passport expiring before <paramref name="day"/> + 2 months refuses; expiring exactly then passes.
    /// An expired passport (before the day) is covered by the same comparison.
    /// </summary>
    public static bool PassportTooShort(LocalDate expiresOn, LocalDate day) => expiresOn < day + PassportMinimumRemaining;

    public static LocalizedText PassportExplanation(LocalDate expiresOn, LocalDate day) =>
        expiresOn < day
            ? new LocalizedText(
                "Ұлттық паспорттың қолданылу мерзімі {0} өтіп кеткен (residence-permit §18.2)",
                "Срок действия национального паспорта истёк {0} (residence-permit §18.2)",
                "The national passport expired on {0} (residence-permit §18.2)").Format(Iso(expiresOn))
            : new LocalizedText(
                "Ұлттық паспорт {0} дейін жарамды: {1} бастап 2 айдан аз қалды (residence-permit §18.2)",
                "Национальный паспорт действителен до {0}: с {1} осталось менее 2 месяцев (residence-permit §18.2)",
                "The national passport is valid until {0}: fewer than 2 months remain from {1} (residence-permit §18.2)").Format(Iso(expiresOn), Iso(day));

    /// <summary>
    /// Reading (README): ten years from the day of hand-over; a residence permit not beyond the
    /// national passport it is tied to, a stateless person's certificate (no national passport) ten years.
    /// </summary>
    public static LocalDate ValidUntil(ResidencePermitKind kind, LocalDate issuedOn, LocalDate? passportExpiresOn)
    {
        var tenYears = issuedOn + Validity;
        return kind == ResidencePermitKind.Permit && passportExpiresOn is { } expires && expires < tenYears && expires > issuedOn
            ? expires
            : tenYears;
    }

    /// <summary>Travel document numbers as compared in the register: without spaces or dashes, upper case.</summary>
    public static string NormaliseDocumentNumber(string number) =>
        new([.. number.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);

    private static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
