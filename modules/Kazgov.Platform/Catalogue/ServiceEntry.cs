using Kazgov.Platform.Calendar;
using System.Text.Json.Serialization;
using Kazgov.Kernel.Localization;
using NodaTime;
using NodaTime.Text;

namespace Kazgov.Platform.Catalogue;

// The catalogue entry of one standard, mirroring CATALOGUE-SCHEMA.md. The same records are
// deserialised from Catalogue/Data/<code>.json and served by GET /api/v1/services, so the file
// format and the API shape cannot drift apart.

/// <summary>
/// A catalogue text in Kazakh, Russian and English. Kk is the seed's own wording unless
/// <see cref="KkIsParaphrase"/> says it is the project's (readings, composed notes).
/// </summary>
public sealed record CatalogueText(string Kk, string Ru, string En)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool KkIsParaphrase { get; init; }

    public LocalizedText ToLocalized() => new(Kk, Ru, En);
}

/// <summary>A text and the seed paragraph it comes from, e.g. "driver-licence §17.5".</summary>
public sealed record SourcedText(CatalogueText Text, string Source);

public enum ServiceFormValue
{
    Automated,
    PartlyAutomated,
    NotAutomated,
}

public sealed record ServiceForm(ServiceFormValue Value, CatalogueText Text, string Source);

public sealed record ServiceApplicant(string Code, CatalogueText Text, int? MinimumAge, string Source);

/// <summary>One way the service term is counted (most services have one, "default").</summary>
public sealed record TermVariant(string Code, string Term, DeadlineClock Clock, CatalogueText Text, string Source)
{
    /// <summary>The term parsed (validated at load with PeriodPattern.NormalizingIso).</summary>
    [JsonIgnore]
    public Period Period => PeriodPattern.NormalizingIso.Parse(Term).Value;

    /// <summary>How a deadline is computed for this kind of clock.</summary>
    public LocalizedText Rule => DeadlineRules.For(Clock);

    /// <summary>The applicant codes this variant applies to (citizenship: categories 2 and 3 are simplified); empty = everybody.</summary>
    public IReadOnlyList<string> Applicants { get; init; } = [];
}

/// <summary>Longest waits in the queue (ISO-8601 durations); PickUp is null where the seed sets none.</summary>
public sealed record QueueLimits(string Submission, string? PickUp, string Source);

public sealed record ServiceTerms(IReadOnlyList<TermVariant> Variants, QueueLimits? Queue = null)
{
    public IReadOnlyList<SourcedText> Notes { get; init; } = [];
}

/// <summary>A window ("HH:mm"–"HH:mm") of the working day in which results are handed out.</summary>
public sealed record IssuanceWindow(string From, string To, string Source);

public sealed record FeeExemption(string Code, CatalogueText Text, string Source)
{
    /// <summary>The exemption may be used only once by a person (citizenship §8).</summary>
    public bool OneTime { get; init; }
}

/// <summary>A fee item as a percent of the MCI in force on the payment day.</summary>
public sealed record FeeItem(string Code, decimal PercentOfMci, CatalogueText Text, string Source)
{
    public IReadOnlyList<FeeExemption> Exemptions { get; init; } = [];
}

public sealed record ServiceFees(bool Free, IReadOnlyList<FeeItem> Items)
{
    public IReadOnlyList<SourcedText> Notes { get; init; } = [];

    /// <summary>
    /// The duty is paid after the positive decision (e.g. permanent-residence §17.2): approval does
    /// not ask for it, the hand-over does (409 fee-unpaid until the receipts settle it).
    /// </summary>
    public bool PayableAfterDecision { get; init; }
}

public sealed record PhotoRequirement(int Count, int WidthMm, int HeightMm);

public sealed record DocumentItem(string Code, CatalogueText Text, bool Mandatory, string Source, PhotoRequirement? Photo = null)
{
    /// <summary>Applicant groups that need not present this document (e.g. oralmans, permanent-residence §12).</summary>
    public IReadOnlyList<string> ExemptFor { get; init; } = [];

    /// <summary>For a bank statement: the least balance it must show, in MCI on the application date.</summary>
    public int? MinimumBalanceMci { get; init; }
}

/// <summary>The documents one type of applicant hands in.</summary>
public sealed record DocumentGroup(string ApplicantType, CatalogueText Text, IReadOnlyList<DocumentItem> Items)
{
    public IReadOnlyList<SourcedText> Notes { get; init; } = [];

    /// <summary>A group handed in on top of another one (e.g. stays over six months); null for a group of its own.</summary>
    public string? AdditionalTo { get; init; }
}

/// <summary>A ground for refusal; its code is stable and is what decisions record.</summary>
public sealed record RefusalGround(string Code, CatalogueText Text, string Source);

public enum ComplaintChannel
{
    Post,
    EMail,
    InPerson,
}

public sealed record ComplaintProcedure(
    IReadOnlyList<SourcedText> Route,
    IReadOnlyList<ComplaintChannel> Channels,
    string? ReviewTerm,
    CatalogueText ReviewTermText,
    IReadOnlyList<SourcedText> Contacts,
    string Source)
{
    public IReadOnlyList<SourcedText> Notes { get; init; } = [];
}

/// <summary>A value of a KPI table cell: the seed's text and, where it is a number, the percent.</summary>
public sealed record IndicatorValue(string Verbatim, decimal? Percent);

public sealed record IndicatorGroup(string Number, CatalogueText Text);

/// <summary>A quality-and-accessibility indicator from the standard's KPI appendix (imported, not authored).</summary>
public sealed record QualityIndicator(
    string Number,
    IndicatorGroup Group,
    CatalogueText Text,
    IndicatorValue Normative,
    IndicatorValue NextYearTarget,
    IndicatorValue Current,
    string Source,
    int SeedLine);

/// <summary>One standard of the order: everything an applicant, a clerk or an integrator needs to know.</summary>
public sealed record ServiceEntry(
    string Code,
    string Module,
    string SeedLines,
    CatalogueText Name,
    ServiceForm Form,
    IReadOnlyList<SourcedText> LegalBases,
    IReadOnlyList<SourcedText> Providers,
    SourcedText Result,
    IReadOnlyList<ServiceApplicant> Applicants,
    ServiceTerms Terms,
    IReadOnlyList<IssuanceWindow> IssuanceWindows,
    SourcedText Reception,
    ServiceFees Fees,
    IReadOnlyList<DocumentGroup> Documents,
    IReadOnlyList<RefusalGround> RefusalGrounds,
    ComplaintProcedure Complaints,
    IReadOnlyList<SourcedText> Readings)
{
    /// <summary>Procedure paragraphs worth showing (where documents go, acknowledgement, hand-over).</summary>
    public IReadOnlyList<SourcedText> Procedure { get; init; } = [];

    /// <summary>temporary-registration appendix 3: who registers on their own application.</summary>
    public IReadOnlyList<SelfRegistrationCategory> SelfRegistrationCategories { get; init; } = [];

    /// <summary>temporary-registration appendix 4: states whose citizens enter without a visa.</summary>
    public IReadOnlyList<VisaFreeCountry> VisaFreeCountries { get; init; } = [];

    /// <summary>citizenship appendix 2: the professions of Presidential Decree No. 1587 and their requirements.</summary>
    public IReadOnlyList<Profession> Professions { get; init; } = [];

    /// <summary>Merged at load from reference/quality-indicators.json (imported from the seed's KPI appendix by ./build/import-seed).</summary>
    public IReadOnlyList<QualityIndicator> QualityIndicators { get; init; } = [];
}

/// <summary>The body of GET /api/v1/services. The catalogue fits one page, so NextCursor is always null.</summary>
public sealed record ServiceList(IReadOnlyList<ServiceEntry> Items, string? NextCursor);

/// <summary>
/// A catalogue card: the service's name, its first term variant and whether it has fee items (the
/// page asks GET /fees/quote for those). What the catalogue page draws, a few kilobytes instead of the whole catalogue.
/// </summary>
public sealed record ServiceSummary(string Code, CatalogueText Name, ServiceSummaryTerm? Term, bool Free, bool HasFeeItems)
{
    public static ServiceSummary Of(ServiceEntry entry) => new(
        entry.Code,
        entry.Name,
        entry.Terms.Variants.Count > 0 ? new ServiceSummaryTerm(entry.Terms.Variants[0].Term, entry.Terms.Variants[0].Clock) : null,
        entry.Fees.Free,
        entry.Fees.Items.Count > 0);
}

/// <summary>The first term variant of a service: its ISO 8601 duration and the clock it runs on.</summary>
public sealed record ServiceSummaryTerm(string Term, DeadlineClock Clock);

public sealed record ServiceSummaryList(IReadOnlyList<ServiceSummary> Items, string? NextCursor);

/// <summary>A state named in an appendix: ISO 3166-1 alpha-2 code and its name (printedKk: the seed's own case form where it differs).</summary>
public sealed record NamedCountry(string Iso, CatalogueText Name, string? PrintedKk = null);

/// <summary>A category of foreigners who register on their own application (temporary-registration appendix 3).</summary>
public sealed record SelfRegistrationCategory(int Number, string Code, CatalogueText Text, string? MaxStay, int? MaxTimesPerYear, string Source)
{
    public IReadOnlyList<NamedCountry> Countries { get; init; } = [];
}

/// <summary>A visa-free state (temporary-registration appendix 4); MaxStay null where the seed sets no limit.</summary>
public sealed record VisaFreeCountry(int Number, string Iso, CatalogueText Name, string? MaxStay, CatalogueText? MaxStayText, string Source);

/// <summary>A profession of citizenship appendix 2 with its requirements.</summary>
public sealed record Profession(int Number, CatalogueText Name, CatalogueText Requirements, string Source)
{
    /// <summary>The name as the seed prints it where the catalogue mends a broken word.</summary>
    public string? PrintedKk { get; init; }
}
