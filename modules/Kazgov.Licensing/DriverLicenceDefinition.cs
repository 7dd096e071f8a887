using System.Globalization;
using System.Text.Json;
using Kazgov.Licensing.Domain;
using Kazgov.Licensing.Features.Exams;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Calendar;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using NodaTime;

namespace Kazgov.Licensing;

/// <summary>
/// driver-licence plugged into the shared lifecycle: the §17 rules at submission and on the day of
/// decision, with both exams of §15 passed on the day of decision; the licence number reserved in
/// the module's register on approval; at hand-over (§16: against signature, which the lifecycle
/// records in the issuance register, inside the catalogue's windows, which the lifecycle enforces)
/// §17.3/§17.4 checked again and the licence issued: its issue date and validity start then.
/// </summary>
internal sealed class DriverLicenceDefinition : IServiceDefinition
{
    public const string Code = "driver-licence";

    /// <summary>Licences are issued for ten years (the seed gives no term; Kazakhstan's road traffic law does).</summary>
    public static readonly Period Validity = Period.FromYears(10);

    public string ServiceCode => Code;

    private static readonly LocalizedText UnknownCategory = new(
        "Санаттар: A, B, C, D, E", "Категории: A, B, C, D, E", "Categories: A, B, C, D, E");

    private static readonly LocalizedText IndividualsOnly = new(
        "Жүргізуші куәлігін жеке тұлға (азамат, шетелдік, азаматтығы жоқ адам) алады (§6)",
        "Водительское удостоверение получает физическое лицо (гражданин, иностранец, лицо без гражданства) (§6)",
        "A driver licence is for a person (citizen, foreigner, stateless person) (§6)");

    /// <summary>
    /// driver-licence §6, §12, §17.5: runs on the typed route and on POST /applications alike. The
    /// exam sheet is not asked for: it is given after the documents and the theory exam (§15), so the
    /// exams are recorded on the application later (Features/Exams).
    /// </summary>
    public ValueTask<JsonElement> ValidateIntakeAsync(IntakeContext context, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (context.Applicant.Kind is ApplicantKind.LegalEntity)
        {
            errors.Add("applicant.kind", IndividualsOnly);
        }

        var data = ModuleData.Read<DriverLicenceData>(context.ModuleData, context.ModuleDataPath, errors);
        if (data is null)
        {
            return ValueTask.FromResult(context.ModuleData);
        }

        var categories = (data.Categories ?? []).Select(c => c?.Trim()).ToList();
        if (categories.Count == 0)
        {
            errors.Add(context.Field("categories"), CommonMessages.Required);
        }
        else if (categories.Any(c => !LicenceCategories.TryParse(c, out _)))
        {
            errors.Add(context.Field("categories"), UnknownCategory);
        }

        if (data.DrivingExperienceMonths is < 0)
        {
            errors.Add(context.Field("drivingExperienceMonths"), new LocalizedText("Теріс болмауы керек", "Не может быть отрицательным", "Cannot be negative"));
        }

        if (!errors.IsEmpty)
        {
            return ValueTask.FromResult(context.ModuleData);
        }

        var normalised = data with { Categories = [.. categories.Select(c => c!).Distinct().Order()] };
        return ValueTask.FromResult(JsonSerializer.SerializeToElement(normalised, Kazgov.Kernel.Http.PlatformJson.Options));
    }

    public async ValueTask<IReadOnlyList<EligibilityFinding>> CheckEligibilityAsync(EligibilityContext context, CancellationToken cancellationToken)
    {
        var data = DriverLicenceData.From(context.ModuleData);
        var bans = await context.Session.QueryAsync<DrivingBan>(
            """
            SELECT kind AS Kind, starts_on AS StartsOn, ends_on AS EndsOn, decision_reference AS DecisionReference
            FROM licensing.driving_bans WHERE holder_iin = @iin
            """,
            new { iin = context.Applicant.Iin },
            cancellationToken);
        var findings = DriverLicenceRules.Check(
            new DriverLicenceCase(context.Applicant.BirthDate!.Value, data.ParsedCategories, data.MedicalDecisionPreventsDriving, data.DrivingExperienceMonths, bans.ToList()),
            context.Today).ToList();

        // §15: the exams come after intake, so they are judged on the day of decision only.
        if (context is { AtDecision: true, ApplicationId: { } applicationId }
            && Exams.Check(await ExamStore.ListAsync(context.Session, applicationId, cancellationToken)) is { } exams)
        {
            findings.Add(exams);
        }

        return findings;
    }

    /// <summary>Approval reserves the licence number; the licence is issued, with its dates, at hand-over.</summary>
    public async ValueTask<string?> OnApprovedAsync(LifecycleContext context, CancellationToken cancellationToken)
    {
        var data = DriverLicenceData.From(context.ModuleData);
        var approved = context.Now.InZone(WorkingCalendar.Zone).Date;
        var sequence = await context.Session.ExecuteScalarAsync<long>("SELECT nextval('licensing.licence_numbers')", cancellationToken: cancellationToken);
        // KZ + year + seven digits, e.g. KZ26 0000042: unique, and readable over the phone.
        var number = string.Create(CultureInfo.InvariantCulture, $"KZ{approved.Year % 100:D2}{sequence:D7}");
        await context.Session.ExecuteAsync(
            """
            INSERT INTO licensing.licences
                (number, application_id, holder_id, holder_last_name, holder_first_name, holder_birth_date, categories, issue_date, valid_until, office_id)
            VALUES (@number, @applicationId, @holder, @lastName, @firstName, @birthDate, @categories, NULL, NULL, @office)
            """,
            new
            {
                number,
                applicationId = context.ApplicationId,
                holder = context.Applicant.SubjectId,
                lastName = context.Applicant.LastName,
                firstName = context.Applicant.FirstName,
                birthDate = context.Applicant.BirthDate,
                categories = data.ParsedCategories.Select(c => c.ToString()).ToArray(),
                office = context.OfficeId,
            },
            cancellationToken);
        return number;
    }

    /// <summary>
    /// §16 hand-over (the lifecycle has already checked the catalogue's windows): a deprivation or
    /// court restriction in force today stops it (§17.3, §17.4 at the moment of issue, also when
    /// recorded after approval); otherwise the licence is issued today, valid for ten years.
    /// </summary>
    public async ValueTask OnIssuingAsync(LifecycleContext context, CancellationToken cancellationToken)
    {
        var today = context.Now.InZone(WorkingCalendar.Zone).Date;
        var bans = (await context.Session.QueryAsync<DrivingBan>(
            """
            SELECT kind AS Kind, starts_on AS StartsOn, ends_on AS EndsOn, decision_reference AS DecisionReference
            FROM licensing.driving_bans WHERE holder_iin = @iin
            """,
            new { iin = context.Applicant.Iin },
            cancellationToken)).Where(b => b.InForceOn(today)).ToList();
        if (bans.Count > 0)
        {
            var decisions = string.Join(", ", bans.Select(b => b.DecisionReference));
            throw new ProblemException(LicensingProblems.RightToDriveBanned, new LocalizedText(
                    "Шешім: {0}", "Решение: {0}", "Decision: {0}").Format(decisions),
                extensions: new Dictionary<string, object?>
                {
                    ["refusalGrounds"] = bans.Select(b => b.Kind == DrivingBan.Deprivation ? "right-to-drive-deprived" : "right-to-drive-restricted-by-court").Distinct().ToArray(),
                });
        }

        await context.Session.ExecuteAsync(
            "UPDATE licensing.licences SET handed_over_at = @now, issue_date = @today, valid_until = @validUntil WHERE application_id = @id",
            new { now = context.Now, today, validUntil = today + Validity, id = context.ApplicationId },
            cancellationToken);
    }
}

/// <summary>The module's own part of a driver-licence application, kept as the application's module data.</summary>
internal sealed record DriverLicenceData(
    IReadOnlyList<string>? Categories,
    bool MedicalDecisionPreventsDriving,
    int? DrivingExperienceMonths)
{
    public static DriverLicenceData From(JsonElement moduleData) =>
        moduleData.Deserialize<DriverLicenceData>(Kazgov.Kernel.Http.PlatformJson.Options)
        ?? new DriverLicenceData([], false, null);

    /// <summary>The categories as the seed names them (A–E); written as letters so integrators read them as printed.</summary>
    /// Intake accepted only known letters, so nothing is dropped here for stored data.
    public IReadOnlyList<LicenceCategory> ParsedCategories =>
        [.. (Categories ?? []).Select(c => LicenceCategories.TryParse(c, out var category) ? category : (LicenceCategory?)null).OfType<LicenceCategory>().Distinct().Order()];
}
