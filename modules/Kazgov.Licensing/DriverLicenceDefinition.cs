using System.Globalization;
using System.Text.Json;
using Kazgov.Licensing.Domain;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Calendar;
using Kazgov.Kernel.Localization;
using Kazgov.Platform.Offices;
using Kazgov.Kernel.Problems;
using NodaTime;

namespace Kazgov.Licensing;

/// <summary>
/// driver-licence plugged into the shared lifecycle: the §17 rules at submission and on the day of
/// decision, the licence written into the module's register on approval, and hand-over only inside
/// the day's windows (§7 note) with the licence marked handed over (§16: against signature, which the
/// lifecycle records in the issuance register).
/// </summary>
internal sealed class DriverLicenceDefinition(IWorkingCalendars calendars, IOfficeSchedules schedules) : IServiceDefinition
{
    public const string Code = "driver-licence";

    /// <summary>Licences are issued for ten years (the seed gives no term; Kazakhstan's road traffic law does).</summary>
    public static readonly Period Validity = Period.FromYears(10);

    public string ServiceCode => Code;

    public LocalizedText NextSteps => new(
        "Жүргізуші куәлігі тәулігіне екі рет беріледі: 12:00–13:00 және 18:00–19:00.",
        "Водительские удостоверения выдаются дважды в рабочий день: 12:00–13:00 и 18:00–19:00.",
        "Licences are handed over twice a working day: 12:00–13:00 and 18:00–19:00.");

    private static readonly LocalizedText UnknownCategory = new(
        "Санаттар: A, B, C, D, E", "Категории: A, B, C, D, E", "Categories: A, B, C, D, E");

    private static readonly LocalizedText IndividualsOnly = new(
        "Жүргізуші куәлігін жеке тұлға (азамат, шетелдік, азаматтығы жоқ адам) алады (§6)",
        "Водительское удостоверение получает физическое лицо (гражданин, иностранец, лицо без гражданства) (§6)",
        "A driver licence is for a person (citizen, foreigner, stateless person) (§6)");

    /// <summary>driver-licence §6, §12, §15, §17.5: runs on the typed route and on POST /applications alike.</summary>
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

        if (data.ExamSheet is null)
        {
            errors.Add(context.Field("examSheet"), CommonMessages.Required);
        }

        if (data.DrivingExperienceMonths is < 0)
        {
            errors.Add(context.Field("drivingExperienceMonths"), new LocalizedText("Теріс болмауы керек", "Не может быть отрицательным", "Cannot be negative"));
        }

        if (!errors.IsEmpty)
        {
            return ValueTask.FromResult(context.ModuleData);
        }

        if (data.ExamSheet is not { TheoryPassed: true })
        {
            throw new ProblemException(LicensingProblems.TheoryExamNotPassed);
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
        return DriverLicenceRules.Check(
            new DriverLicenceCase(context.Applicant.BirthDate!.Value, data.ParsedCategories, data.MedicalDecisionPreventsDriving, data.DrivingExperienceMonths, bans.ToList()),
            context.Today);
    }

    public async ValueTask<string?> OnApprovedAsync(LifecycleContext context, CancellationToken cancellationToken)
    {
        var data = DriverLicenceData.From(context.ModuleData);
        var issued = context.Now.InZone(WorkingCalendar.Zone).Date;
        var sequence = await context.Session.ExecuteScalarAsync<long>("SELECT nextval('licensing.licence_numbers')", cancellationToken: cancellationToken);
        // KZ + year + seven digits, e.g. KZ26 0000042: unique, and readable over the phone.
        var number = string.Create(CultureInfo.InvariantCulture, $"KZ{issued.Year % 100:D2}{sequence:D7}");
        await context.Session.ExecuteAsync(
            """
            INSERT INTO licensing.licences
                (number, application_id, holder_id, holder_last_name, holder_first_name, holder_birth_date, categories, issue_date, valid_until, office_id)
            VALUES (@number, @applicationId, @holder, @lastName, @firstName, @birthDate, @categories, @issued, @validUntil, @office)
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
                issued,
                validUntil = issued + Validity,
                office = context.OfficeId,
            },
            cancellationToken);
        return number;
    }

    public async ValueTask OnIssuingAsync(LifecycleContext context, CancellationToken cancellationToken)
    {
        var calendar = await calendars.LoadAsync(cancellationToken);
        var schedule = await schedules.FindAsync(context.OfficeId, cancellationToken);
        var windows = schedule?.ServiceWindows.Where(w => w.Service == Code).Select(w => new HandOverWindow(w.From, w.To)).ToList() is { Count: > 0 } own
            ? own
            : IssuanceWindows.Default;
        var now = context.Now.InZone(WorkingCalendar.Zone).LocalDateTime;
        if (!IssuanceWindows.IsOpen(windows, calendar, now))
        {
            var (from, to) = IssuanceWindows.Next(windows, calendar, now);
            var at = $"{from.Date:yyyy-MM-dd} {from.TimeOfDay:HH:mm}–{to.TimeOfDay:HH:mm}";
            throw new ProblemException(LicensingProblems.OutsideIssuanceWindow, new LocalizedText(
                    "Келесі беру уақыты: " + at,
                    "Следующее время выдачи: " + at,
                    "The next issuance window: " + at),
                extensions: new Dictionary<string, object?>
                {
                    ["nextWindow"] = new
                    {
                        from = from.InZoneLeniently(WorkingCalendar.Zone).ToInstant(),
                        to = to.InZoneLeniently(WorkingCalendar.Zone).ToInstant(),
                        local = at,
                    },
                });
        }

        await context.Session.ExecuteAsync(
            "UPDATE licensing.licences SET handed_over_at = @now WHERE application_id = @id",
            new { now = context.Now, id = context.ApplicationId },
            cancellationToken);
    }
}

/// <summary>The module's own part of a driver-licence application, kept as the application's module data.</summary>
internal sealed record DriverLicenceData(
    IReadOnlyList<string>? Categories,
    ExamSheet? ExamSheet,
    bool MedicalDecisionPreventsDriving,
    int? DrivingExperienceMonths)
{
    public static DriverLicenceData From(JsonElement moduleData) =>
        moduleData.Deserialize<DriverLicenceData>(Kazgov.Kernel.Http.PlatformJson.Options)
        ?? new DriverLicenceData([], null, false, null);

    /// <summary>The categories as the seed names them (A–E); written as letters so integrators read them as printed.</summary>
    /// Intake accepted only known letters, so nothing is dropped here for stored data.
    public IReadOnlyList<LicenceCategory> ParsedCategories =>
        [.. (Categories ?? []).Select(c => LicenceCategories.TryParse(c, out var category) ? category : (LicenceCategory?)null).OfType<LicenceCategory>().Distinct().Order()];
}

/// <summary>The exam sheet the applicant receives after the documents and the theory exam (§15).</summary>
internal sealed record ExamSheet(string? Number, LocalDate? Date, bool TheoryPassed);
