using System.Text.Json;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using NodaTime;

namespace Kazgov.Platform.Applications;

/// <summary>
/// What a module plugs into the shared lifecycle for one of its services (issue 6, "extension
/// point"): its sub-types, its eligibility rules (run at submission and again at decision; each
/// failure names a refusal-ground code of that service's catalogue entry), what approval creates
/// in its registry, and any condition on issuance. Register implementations in DI as scoped
/// services (they may use the request's services); the lifecycle finds them by
/// <see cref="ServiceCode"/>. A service without one uses the catalogue's rules only.
/// </summary>
public interface IServiceDefinition
{
    string ServiceCode { get; }

    /// <summary>Sub-types the service has (e.g. a weapon permit kind); empty when it has none.</summary>
    IReadOnlyList<string> SubTypes => [];

    /// <summary>
    /// Intake: checks the module's own part of the application (<c>moduleData</c>) and the
    /// applicant, whichever route submitted it — the module's typed endpoint or the generic
    /// <c>POST /applications</c>. Field errors go into <paramref name="errors"/> under
    /// <see cref="IntakeContext.Field"/> paths (a 400 validation problem, nothing stored); a rule
    /// that refuses intake outright throws a problem. Returns the module data to store, normalised.
    /// Read the data with <see cref="ModuleData.Read{T}"/>, which turns malformed JSON into field errors.
    /// </summary>
    ValueTask<JsonElement> ValidateIntakeAsync(IntakeContext context, ValidationErrors errors, CancellationToken cancellationToken) =>
        ValueTask.FromResult(context.ModuleData);

    /// <summary>
    /// The applicant groups of the catalogue's document exemptions (<c>exemptFor</c> of a document
    /// item, e.g. "oralman", permanent-residence §12 note) that this application falls under, read
    /// from its module data once <see cref="ValidateIntakeAsync"/> accepted it: intake does not demand
    /// a mandatory document exempt for one of them. None by default: every mandatory item is demanded.
    /// </summary>
    IReadOnlyCollection<string> DocumentExemptions(IntakeContext context, JsonElement moduleData) => [];

    /// <summary>
    /// The fee exemption the application is recorded with, once <see cref="ValidateIntakeAsync"/> accepted
    /// it: by default the one claimed (<see cref="IntakeContext.FeeExemption"/>); a module whose exemption
    /// holds once per person (citizenship §12.1 note) records none for a second claim, which is then charged.
    /// A document item whose <c>exemptFor</c> names the granted code (the duty receipt) is not demanded.
    /// </summary>
    string? GrantedFeeExemption(IntakeContext context, JsonElement moduleData) => context.FeeExemption;

    /// <summary>
    /// Checks the module's own data when the application is submitted; throw a
    /// <see cref="Kazgov.Kernel.Problems.ProblemException"/> for data that is malformed (400), return findings
    /// for rules the applicant does not meet (they are recorded and block approval).
    /// </summary>
    ValueTask<IReadOnlyList<EligibilityFinding>> CheckEligibilityAsync(EligibilityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<EligibilityFinding>>([]);

    /// <summary>
    /// Called inside the approval's transaction: create the result in the module's registry and
    /// return its reference (e.g. the licence number), which the application then shows.
    /// </summary>
    ValueTask<string?> OnApprovedAsync(LifecycleContext context, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    /// <summary>
    /// Called inside the issuance's transaction, before it is recorded and after the lifecycle checked
    /// the service's hand-over windows: throw a problem to refuse it (e.g. a deprivation recorded
    /// since approval), or complete the result in the module's register (e.g. its issue date).
    /// </summary>
    ValueTask OnIssuingAsync(LifecycleContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Extra lines for the acknowledgement slip's "what happens next". The service's hand-over
    /// windows are named there already, from the catalogue (or the office's own).
    /// </summary>
    LocalizedText? NextSteps => null;

    /// <summary>
    /// A line of the acknowledgement slip that depends on the application's own module data (e.g. the
    /// channel through which vehicle-registration §12 note / §13 registers a foreign owner); null for none.
    /// </summary>
    LocalizedText? SlipNote(JsonElement moduleData) => null;

    /// <summary>
    /// Sub-types of a paid service that no fee item of the catalogue covers (e.g. vehicle-registration's
    /// deregistration: §8 names no duty for it): intake takes them without fee items. None by default.
    /// </summary>
    IReadOnlyCollection<string> DutyFreeSubTypes => [];
}

/// <summary>
/// What the intake check sees. <see cref="ModuleDataPath"/> is where the module data sits in the
/// caller's body: "moduleData" on the generic route, "" on a module's typed route, whose fields are
/// at the top level; <see cref="Field"/> builds error paths the caller recognises.
/// </summary>
public sealed record IntakeContext(
    string ServiceCode,
    string? SubType,
    string ApplicantType,
    ApplicantDetails Applicant,
    JsonElement ModuleData,
    string ModuleDataPath,
    LocalDate Today,
    DbSession Session)
{
    /// <summary>The catalogue codes of the documents presented, as the caller listed them.</summary>
    public IReadOnlyList<string> Documents { get; init; } = [];

    /// <summary>The codes of the fee items the application is charged for (none for a free service).</summary>
    public IReadOnlyList<string> FeeItems { get; init; } = [];

    /// <summary>The fee exemption claimed (a code of the service's fee items' exemptions), or null.</summary>
    public string? FeeExemption { get; init; }

    public string Field(string name) => ModuleDataPath.Length == 0 ? name : ModuleDataPath + "." + name;
}

/// <summary>A rule the applicant does not meet, named by a refusal-ground code of the service.</summary>
public sealed record EligibilityFinding(string RefusalGround, LocalizedText Explanation);

/// <summary>What eligibility rules look at. <see cref="Today"/> is the day of the check in office local time.</summary>
public sealed record EligibilityContext(
    string ServiceCode,
    string? SubType,
    string ApplicantType,
    ApplicantDetails Applicant,
    JsonElement ModuleData,
    LocalDate Today,
    DbSession Session)
{
    /// <summary>
    /// True on the day of decision (approval), false at submission: steps that come after intake
    /// (e.g. the exams of driver-licence §15) can only be judged at decision.
    /// </summary>
    public bool AtDecision { get; init; }

    /// <summary>The application being decided; null at submission, before it exists.</summary>
    public Guid? ApplicationId { get; init; }
}

/// <summary>An application at a moment of its lifecycle, as a module sees it.</summary>
public sealed record LifecycleContext(
    Guid ApplicationId,
    string RegistrationNumber,
    string ServiceCode,
    string? SubType,
    string OfficeId,
    ApplicantDetails Applicant,
    JsonElement ModuleData,
    Instant Now,
    DbSession Session)
{
    /// <summary>The statuses before the decision: those in which a module records its own steps (exams, agency checks, the commission).</summary>
    public static readonly IReadOnlySet<string> BeforeDecision = new HashSet<string>(["submitted", "in-review", "suspended"]);

    /// <summary>The application's status code before this change (e.g. "in-review").</summary>
    public string Status { get; init; } = "";

    /// <summary>
    /// A module's step before the decision: only on an application of its own service (another's is not
    /// found, so ids cannot be probed) and only while undecided (<paramref name="closed"/>, naming the status, otherwise).
    /// </summary>
    public void EnsureStepBeforeDecision(string serviceCode, ProblemType closed)
    {
        if (ServiceCode != serviceCode)
        {
            throw new ProblemException(ApplicationProblems.ApplicationNotFound);
        }

        if (!BeforeDecision.Contains(Status))
        {
            throw new ProblemException(closed, extensions: new Dictionary<string, object?> { ["currentStatus"] = Status });
        }
    }
}
