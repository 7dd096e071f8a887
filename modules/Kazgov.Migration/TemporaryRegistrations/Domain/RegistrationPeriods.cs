using NodaTime;

namespace Kazgov.Migration.TemporaryRegistrations.Domain;

/// <summary>On what the foreigner stays, which decides the §16 limit of the registration period.</summary>
internal enum StayBasis
{
    /// <summary>A visa (single- or multiple-entry): registered for the actual stay, never past the visa.</summary>
    Visa,

    /// <summary>A citizen of an appendix-4 state: at most 90 days, or the state's own shorter limit.</summary>
    VisaFree,

    /// <summary>A permit to attract foreign labour: its validity.</summary>
    WorkPermit,

    /// <summary>A student of a Kazakh educational institution: one academic year.</summary>
    Study,
}

/// <summary>
/// What the §16 period is computed from. <see cref="From"/> is the first day of the registration
/// (the day of registration, or the day after the first registration ends for a visa-free extension).
/// </summary>
internal sealed record PeriodRequest(
    LocalDate From,
    LocalDate RequestedUntil,
    LocalDate TravelDocumentExpiresOn,
    StayBasis Basis,
    LocalDate? VisaValidUntil = null,
    Period? VisaFreeLimit = null,
    LocalDate? WorkPermitValidUntil = null,
    Period? CategoryLimit = null);

/// <summary>A registration period, both days included, and the limit that decided its end.</summary>
internal sealed record RegistrationPeriod(LocalDate From, LocalDate Until, string LimitedBy);

/// <summary>temporary-registration §6 and §16 as pure functions (see README, "temporary-registration").</summary>
internal static class RegistrationPeriods
{
    /// <summary>§16: visa-free entrants are registered for not more than ninety days.</summary>
    public static readonly Period VisaFreeMaximum = Period.FromDays(90);

    /// <summary>§6: registration is due within five calendar days of the border crossing.</summary>
    public const int DaysToRegister = 5;

    /// <summary>§12 (second part): a stay over six months needs the extra documents.</summary>
    public static readonly Period SixMonths = Period.FromMonths(6);

    /// <summary>§6: the applicant is "over 16" (16 жастан асқан), read as on and from the 16th birthday.</summary>
    public const int MinimumAge = 16;

    public const string ByRequest = "requested";
    public const string ByTravelDocument = "travel-document";
    public const string ByVisa = "visa";
    public const string ByVisaFreeLimit = "visa-free-limit";
    public const string ByWorkPermit = "work-permit";
    public const string ByAcademicYear = "academic-year";
    public const string ByCategoryLimit = "category-limit";

    /// <summary>
    /// §16: the period asked for, cut by every limit that applies — never past the travel document's
    /// expiry, nor the visa's, nor the visa-free limit (at most 90 days), nor the work permit's
    /// validity, nor the end of the academic year, nor the appendix-3 category's limit. Null when
    /// nothing is left to register (a limit ends before the first day).
    /// </summary>
    public static RegistrationPeriod? Compute(PeriodRequest request)
    {
        var limits = new List<(LocalDate Until, string By)>
        {
            (request.RequestedUntil, ByRequest),
            (request.TravelDocumentExpiresOn, ByTravelDocument),
        };
        if (request.VisaValidUntil is { } visa)
        {
            limits.Add((visa, ByVisa));
        }

        switch (request.Basis)
        {
            case StayBasis.VisaFree:
                limits.Add((LastDay(request.From, VisaFreeLimitOf(request.VisaFreeLimit)), ByVisaFreeLimit));
                break;
            case StayBasis.WorkPermit when request.WorkPermitValidUntil is { } permit:
                limits.Add((permit, ByWorkPermit));
                break;
            case StayBasis.Study:
                limits.Add((AcademicYearEnd(request.From), ByAcademicYear));
                break;
        }

        if (request.CategoryLimit is { } category)
        {
            limits.Add((LastDay(request.From, category), ByCategoryLimit));
        }

        // The first limit reached decides; on a tie the order above names it (the request first).
        var (until, by) = limits.MinBy(l => l.Until);
        return until < request.From ? null : new RegistrationPeriod(request.From, until, by);
    }

    /// <summary>A state's limit never lengthens the §16 maximum of 90 days; no limit of its own means 90 days.</summary>
    public static Period VisaFreeLimitOf(Period? countryLimit)
    {
        if (countryLimit is null)
        {
            return VisaFreeMaximum;
        }

        var reference = new LocalDate(2000, 1, 1);
        return reference.Plus(countryLimit) < reference.Plus(VisaFreeMaximum) ? countryLimit : VisaFreeMaximum;
    }

    /// <summary>The last day of a term of <paramref name="length"/> whose first day is <paramref name="from"/> (90 days from 10 March end on 7 June).</summary>
    public static LocalDate LastDay(LocalDate from, Period length) => from.Plus(length).PlusDays(-1);

    /// <summary>
    /// §16 "one academic year": the academic year runs 1 September – 30 June; a registration made
    /// from July on is for the year about to begin, one made January–June for the year in progress.
    /// </summary>
    public static LocalDate AcademicYearEnd(LocalDate from) =>
        from.Month >= 7 ? new LocalDate(from.Year + 1, 6, 30) : new LocalDate(from.Year, 6, 30);

    /// <summary>§12: the stay exceeds six months when the period runs past the last day of six months from its first day.</summary>
    public static bool ExceedsSixMonths(RegistrationPeriod period) => period.Until > LastDay(period.From, SixMonths);

    /// <summary>§6: the last day to register. The crossing day is not counted: crossing on 1 March, the fifth day is 6 March.</summary>
    public static LocalDate DueBy(LocalDate borderCrossedOn) => borderCrossedOn.PlusDays(DaysToRegister);

    /// <summary>§6 with §18: a late registration is still made; this is how many days late it is (0 when on time).</summary>
    public static int DaysLate(LocalDate borderCrossedOn, LocalDate registeredOn) =>
        Math.Max(0, Period.Between(DueBy(borderCrossedOn), registeredOn, PeriodUnits.Days).Days);

    /// <summary>§6: 16 years old on the day (the 16th birthday counts; 29 February births turn 16 on 28 February).</summary>
    public static bool IsOldEnough(LocalDate birthDate, LocalDate today) => birthDate.PlusYears(MinimumAge) <= today;

    /// <summary>
    /// §16 visa-free extension "for the same period": it starts the day after the first registration
    /// ends and is computed with the same limits. Only a visa-free registration that is not itself an
    /// extension may be extended (the project reads the extension as possible once).
    /// </summary>
    public static RegistrationPeriod? Extend(RegistrationPeriod first, StayBasis firstBasis, bool firstIsExtension, PeriodRequest request)
    {
        if (firstBasis != StayBasis.VisaFree || firstIsExtension)
        {
            return null;
        }

        return Compute(request with { From = first.Until.PlusDays(1), Basis = StayBasis.VisaFree });
    }
}
