using System.Globalization;
using System.Text.Json;
using Kazgov.Kernel.Events;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Migration.Contracts;
using Kazgov.Migration.PermanentResidence.Domain;
using Kazgov.Migration.PermanentResidence.Reference;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Platform.Fees;
using Npgsql;

namespace Kazgov.Migration.PermanentResidence;

/// <summary>
/// permanent-residence (standard 5, seed lines 7217–7358) plugged into the shared lifecycle: the two
/// routes of §6/§12 with their document lists, solvency (§12.2.ж–з, §18.4) judged at submission and
/// decision, the outside agencies' answers and the clerk's checks of §18 required before approval,
/// the register record (stamp number) created on approval, and at hand-over — after the duty
/// (the catalogue's fees.payableAfterDecision) and the §17 documents — the stamp dated and the
/// registration published for the address register.
/// </summary>
internal sealed class PermanentResidenceDefinition(
    ServiceCatalogue catalogue,
    IMciRates mciRates,
    HousingPrices housingPrices,
    TreatyStates treatyStates,
    IntegrationEvents events) : IServiceDefinition
{
    public const string Code = "permanent-residence";

    public const string AfterDecisionGroup = "after-positive-decision";

    public const string FeeReceiptDocument = "fee-receipt";

    private static readonly string[] Routes = [PermanentResidenceData.PrVisaHolder, PermanentResidenceData.OtherLawfulStay];

    public string ServiceCode => Code;

    public LocalizedText? NextSteps => new(
        "Оң шешімнен кейін бөлімшеге әкелесіз (§17): азаматтарды тіркеу кітабы, мемлекеттік баж түбіртегі (АЕК-тің 10%), тұрғын үйге құқық құжаттарының түпнұсқасы мен көшірмесі, мекенжайлық келу парағы, статистикалық есеп талоны.",
        "После положительного решения представьте в подразделение (§17): книгу регистрации граждан, квитанцию об уплате госпошлины (10% МРП), оригинал и копию документов о праве на жильё, адресный листок прибытия, талон статистического учёта.",
        "After a positive decision bring to the unit (§17): the house register book, the state duty receipt (10% of the MCI), the original and a copy of the title to the dwelling, the address arrival sheet and the statistical record slip.");

    private static readonly LocalizedText ForeignersOnly = new(
        "Қызмет шетелдіктер мен азаматтығы жоқ адамдарға көрсетіледі (тұрақты тұру §6)",
        "Услуга оказывается иностранцам и лицам без гражданства (постоянное проживание §6)",
        "The service is for foreigners and stateless persons (permanent-residence §6)");

    private static readonly LocalizedText NotAnApplicantType = new(
        "Өтініш беруші: pr-visa-holder (§6.1) немесе other-lawful-stay (§6.2); after-positive-decision — §17 құжаттары",
        "Заявитель: pr-visa-holder (§6.1) или other-lawful-stay (§6.2); after-positive-decision — документы §17",
        "The applicant is pr-visa-holder (§6.1) or other-lawful-stay (§6.2); after-positive-decision is the §17 list");

    private static readonly LocalizedText RouteMismatch = new(
        "applicantType-пен сәйкес келуі керек", "Должен совпадать с applicantType", "Must match applicantType");

    private static readonly LocalizedText OnlyOtherLawfulStay = new(
        "Тек other-lawful-stay үшін (тұрақты тұру §12.2)",
        "Только для other-lawful-stay (постоянное проживание §12.2)",
        "Only for other-lawful-stay (permanent-residence §12.2)");

    private static readonly LocalizedText Amount = new(
        "Теңгемен, теріс емес, тиынға дейін", "В тенге, неотрицательная, с точностью до тиына", "In tenge, not negative, to the tiyn");

    public ValueTask<JsonElement> ValidateIntakeAsync(IntakeContext context, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (context.Applicant.Kind is ApplicantKind.LegalEntity)
        {
            errors.Add("applicant.kind", ForeignersOnly);
        }

        if (context.Applicant.Citizenship == "KZ")
        {
            errors.Add("applicant.citizenship", ForeignersOnly);
        }

        if (!Routes.Contains(context.ApplicantType))
        {
            errors.Add("applicantType", NotAnApplicantType);
            return ValueTask.FromResult(context.ModuleData);
        }

        var data = ModuleData.Read<PermanentResidenceData>(context.ModuleData, context.ModuleDataPath, errors);
        if (data is null)
        {
            return ValueTask.FromResult(context.ModuleData);
        }

        if (data.Route is not null && data.Route != context.ApplicantType)
        {
            errors.Add(context.Field("route"), RouteMismatch);
        }

        errors.Required(context.Field("settlement"), data.Settlement);
        errors.Required(context.Field("address"), data.Address);
        if (data.FamilyMembers is < 1 or > 50)
        {
            errors.Add(context.Field("familyMembers"), new LocalizedText("1-ден 50-ге дейін", "От 1 до 50", "From 1 to 50"));
        }

        if (context.ApplicantType == PermanentResidenceData.PrVisaHolder)
        {
            // §12.1 asks no solvency of a holder of a permanent-residence visa.
            foreach (var (field, given) in new[] { ("exemption", data.Exemption is not null), ("exemptionBasis", data.ExemptionBasis is not null), ("bankBalance", data.BankBalance is not null), ("housingFunds", data.HousingFunds is not null), ("housingContract", data.HousingContract) })
            {
                if (given)
                {
                    errors.Add(context.Field(field), OnlyOtherLawfulStay);
                }
            }
        }
        else
        {
            ValidateSolvencyData(context, data, errors);
        }

        if (!errors.IsEmpty)
        {
            return ValueTask.FromResult(context.ModuleData);
        }

        var normalised = data with
        {
            Route = context.ApplicantType,
            Settlement = data.Settlement!.Trim(),
            Address = data.Address!.Trim(),
            ExemptionBasis = data.ExemptionBasis?.Trim(),
            ApplicationDate = context.Today,
        };
        return ValueTask.FromResult(JsonSerializer.SerializeToElement(normalised, PlatformJson.Options));
    }

    /// <summary>permanent-residence §12.2.ж–з and the §12 note: what the route-2 applicant must state to be judged.</summary>
    private void ValidateSolvencyData(IntakeContext context, PermanentResidenceData data, ValidationErrors errors)
    {
        if (data.Exemption is not null)
        {
            if (!SolvencyExemptions.All.Contains(data.Exemption))
            {
                errors.Add(context.Field("exemption"), new LocalizedText(
                    "Босату: " + string.Join(", ", SolvencyExemptions.All), "Освобождение: " + string.Join(", ", SolvencyExemptions.All), "Exemption: " + string.Join(", ", SolvencyExemptions.All)));
            }
            else if (data.Exemption == SolvencyExemptions.TreatyStateCitizen
                && !treatyStates.Contains(context.Applicant.Citizenship ?? context.Applicant.TravelDocument?.Country))
            {
                var states = string.Join(", ", treatyStates.Codes.Order(StringComparer.Ordinal));
                errors.Add(context.Field("exemption"), new LocalizedText(
                    "Азаматтықты жеңілдетілген тәртіппен алу туралы келісімі бар мемлекеттің азаматы емес (§12 ескертпе): " + states,
                    "Не гражданин государства с договором об упрощённом приобретении гражданства (примечание к §12): " + states,
                    "Not a citizen of a state with a treaty on simplified acquisition of citizenship (§12 note): " + states));
            }

            errors.Required(context.Field("exemptionBasis"), data.ExemptionBasis);
        }

        if (Solvency.IsExempt(data.Exemption))
        {
            return;
        }

        if (data.BankBalance is null)
        {
            errors.Add(context.Field("bankBalance"), CommonMessages.Required);
        }
        else if (data.BankBalance < 0 || decimal.Round(data.BankBalance.Value, 2) != data.BankBalance)
        {
            errors.Add(context.Field("bankBalance"), Amount);
        }

        if (data.HousingContract)
        {
            if (!context.Documents.Contains(PermanentResidenceData.HousingContractDocument))
            {
                errors.Add("documents", new LocalizedText(
                    "Тұрғын үй беру туралы шарт ұсынылмаған (§12.2.з): " + PermanentResidenceData.HousingContractDocument,
                    "Не представлен договор о предоставлении жилья (§12.2.з): " + PermanentResidenceData.HousingContractDocument,
                    "The contract providing housing is not presented (§12.2.з): " + PermanentResidenceData.HousingContractDocument));
            }

            return;
        }

        if (data.HousingFunds is null)
        {
            errors.Add(context.Field("housingFunds"), CommonMessages.Required);
        }
        else if (data.HousingFunds < 0 || decimal.Round(data.HousingFunds.Value, 2) != data.HousingFunds)
        {
            errors.Add(context.Field("housingFunds"), Amount);
        }

        if (data.FamilyMembers is null)
        {
            errors.Add(context.Field("familyMembers"), CommonMessages.Required);
        }

        if (data.Settlement is { } settlement && !string.IsNullOrWhiteSpace(settlement) && housingPrices.PricePerSquareMetre(settlement.Trim()) is null)
        {
            var known = string.Join(", ", housingPrices.Prices.Keys.Order(StringComparer.Ordinal));
            errors.Add(context.Field("settlement"), new LocalizedText(
                "Бұл елді мекенге 1 м² баға белгіленбеген (§12.2.з): " + known,
                "Для этого населённого пункта не задана цена 1 м² (§12.2.з): " + known,
                "No price per m² is set for this settlement (§12.2.з): " + known));
        }
    }

    /// <summary>§12 note: the applicant's exemption, and a housing contract in place of the §12.2.з statement.</summary>
    public IReadOnlyCollection<string> DocumentExemptions(IntakeContext context, JsonElement moduleData)
    {
        var data = PermanentResidenceData.From(moduleData);
        if (data.Route != PermanentResidenceData.OtherLawfulStay)
        {
            return [];
        }

        var exemptions = new List<string>();
        if (data.Exemption is { } exemption)
        {
            exemptions.Add(exemption);
        }

        if (data.HousingContract)
        {
            exemptions.Add(PermanentResidenceData.HousingContractExemption);
        }

        return exemptions;
    }

    public async ValueTask<IReadOnlyList<EligibilityFinding>> CheckEligibilityAsync(EligibilityContext context, CancellationToken cancellationToken)
    {
        var data = PermanentResidenceData.From(context.ModuleData);
        var findings = new List<EligibilityFinding>();
        if (data.Route == PermanentResidenceData.OtherLawfulStay && await SolvencyFindingAsync(data, context.Today, cancellationToken) is { } solvency)
        {
            findings.Add(solvency);
        }

        // §18: the agencies' answers and the clerk's checks come after intake, so they are judged at decision.
        if (context is { AtDecision: true, ApplicationId: { } applicationId })
        {
            findings.AddRange(await ExternalFindingsAsync(context, applicationId, cancellationToken));
            findings.AddRange(await ClerkFindingsAsync(context, applicationId, cancellationToken));
        }

        return findings;
    }

    private async Task<EligibilityFinding?> SolvencyFindingAsync(PermanentResidenceData data, NodaTime.LocalDate today, CancellationToken cancellationToken)
    {
        var applicationDate = data.ApplicationDate ?? today;
        var mci = await mciRates.InForceOnAsync(applicationDate, cancellationToken)
            ?? throw new ProblemException(FeeProblems.MciNotDefined, extensions: new Dictionary<string, object?> { ["date"] = applicationDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        var minimumBalanceMci = catalogue.Find(Code)!.Documents
            .SelectMany(g => g.Items).FirstOrDefault(i => i.MinimumBalanceMci is not null)?.MinimumBalanceMci ?? Solvency.MinimumBalanceMci;
        var shortfalls = Solvency.Check(
            new SolvencyCase(data.Exemption, data.BankBalance, mci.Value, data.HousingContract, data.FamilyMembers ?? 1, data.HousingFunds, housingPrices.PricePerSquareMetre(data.Settlement)),
            minimumBalanceMci);
        if (shortfalls.Count == 0)
        {
            return null;
        }

        string Line(SolvencyShortfall s) => string.Create(CultureInfo.InvariantCulture, $"{s.Paragraph}: {s.Shown:0.00} < {s.Required:0.00}");
        var lines = string.Join("; ", shortfalls.Select(Line));
        return new EligibilityFinding(RefusalGroundChecks.SolvencyNotProven, new LocalizedText(
            $"Төлем қабілеттілігі расталмады (тұрақты тұру §18.4), ₸: {lines}",
            $"Платёжеспособность не подтверждена (постоянное проживание §18.4), ₸: {lines}",
            $"Solvency not proven (permanent-residence §18.4), KZT: {lines}"));
    }

    private static async Task<IEnumerable<EligibilityFinding>> ExternalFindingsAsync(EligibilityContext context, Guid applicationId, CancellationToken cancellationToken)
    {
        var answered = PermanentResidenceStore.Answered(await PermanentResidenceStore.ExternalChecksAsync(context.Session, applicationId, cancellationToken));
        var unanswered = RefusalGroundChecks.External.Where(k => !answered.ContainsKey(k.Code)).ToList();
        if (unanswered.Count > 0)
        {
            throw new ProblemException(PermanentResidenceProblems.ExternalCheckUnanswered, new LocalizedText(
                    "Жауап жоқ: {0}", "Нет ответа: {0}", "Not answered: {0}").Format(string.Join(", ", unanswered.Select(k => k.Code))),
                extensions: new Dictionary<string, object?>
                {
                    ["unansweredChecks"] = unanswered.Select(k => new { check = k.Code, source = k.Source, grounds = k.Grounds }).ToArray(),
                });
        }

        return answered.Values.Where(c => c.Answer == "found").SelectMany(c => c.FoundGrounds.Select(ground => new EligibilityFinding(ground, new LocalizedText(
            $"Сыртқы орган ({c.CheckCode}, {c.Reference}) негіз тапты: {ground} (тұрақты тұру §18)",
            $"Внешний орган ({c.CheckCode}, {c.Reference}) сообщил основание: {ground} (постоянное проживание §18)",
            $"The outside agency ({c.CheckCode}, {c.Reference}) reported the ground {ground} (permanent-residence §18)"))));
    }

    private static async Task<IEnumerable<EligibilityFinding>> ClerkFindingsAsync(EligibilityContext context, Guid applicationId, CancellationToken cancellationToken)
    {
        var recorded = await PermanentResidenceStore.ClerkChecksAsync(context.Session, applicationId, cancellationToken);
        var missing = RefusalGroundChecks.ClerkJudged.Where(g => recorded.All(r => r.Ground != g)).ToList();
        if (missing.Count > 0)
        {
            throw new ProblemException(PermanentResidenceProblems.ClerkChecksMissing, new LocalizedText(
                    "Жазылмаған: {0}", "Не записаны: {0}", "Not recorded: {0}").Format(string.Join(", ", missing)),
                extensions: new Dictionary<string, object?> { ["missingGrounds"] = missing.ToArray() });
        }

        return recorded.Where(r => r.Outcome == "found").Select(r => new EligibilityFinding(r.Ground, new LocalizedText(
            $"Қызметкер негіз тапты: {r.Ground} (тұрақты тұру §18): {r.Note}",
            $"Сотрудник установил основание {r.Ground} (постоянное проживание §18): {r.Note}",
            $"The clerk found the ground {r.Ground} (permanent-residence §18): {r.Note}")));
    }

    /// <summary>
    /// Approval creates the register record with its stamp number (the stamp is dated at hand-over).
    /// One current record per person: a second approval — also a concurrent one, which the unique
    /// index stops — is a 409, not a second registration.
    /// </summary>
    public async ValueTask<string?> OnApprovedAsync(LifecycleContext context, CancellationToken cancellationToken)
    {
        var data = PermanentResidenceData.From(context.ModuleData);
        var person = context.Applicant.SubjectId;
        if (await PermanentResidenceStore.CurrentRegistrationAsync(context.Session, person, cancellationToken) is { } current)
        {
            throw AlreadyRegistered(current.StampNumber);
        }

        var approved = context.Now.InZone(WorkingCalendar.Zone).Date;
        var sequence = await context.Session.ExecuteScalarAsync<long>("SELECT nextval('migration.permanent_residence_stamp_numbers')", cancellationToken: cancellationToken);
        // PR + year + seven digits, e.g. PR26-0000042.
        var stamp = string.Create(CultureInfo.InvariantCulture, $"PR{approved.Year % 100:D2}-{sequence:D7}");
        try
        {
            await context.Session.ExecuteAsync(
                """
                INSERT INTO migration.permanent_residence_register
                    (stamp_number, application_id, person_id, route, settlement, address, office_id, approved_on, registered_on, is_current, created_at)
                VALUES (@stamp, @applicationId, @person, @route, @settlement, @address, @office, @approved, NULL, true, @now)
                """,
                new { stamp, applicationId = context.ApplicationId, person, route = data.Route, settlement = data.Settlement, address = data.Address, office = context.OfficeId, approved, now = context.Now },
                cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw AlreadyRegistered(null);
        }

        return stamp;
    }

    private static ProblemException AlreadyRegistered(string? stamp) =>
        new(PermanentResidenceProblems.AlreadyRegistered, extensions: new Dictionary<string, object?> { ["stampNumber"] = stamp });

    /// <summary>
    /// Hand-over (the lifecycle has checked the duty, paid after the decision): the §17 documents
    /// recorded, then the stamp dated today and the registration published for the address register.
    /// </summary>
    public async ValueTask OnIssuingAsync(LifecycleContext context, CancellationToken cancellationToken)
    {
        var recorded = await PermanentResidenceStore.AfterDecisionDocumentsAsync(context.Session, context.ApplicationId, cancellationToken);
        var missing = AfterDecisionItems(catalogue).Where(i => !recorded.Contains(i.Code)).ToList();
        if (missing.Count > 0)
        {
            throw new ProblemException(PermanentResidenceProblems.AfterDecisionDocumentsMissing, new LocalizedText(
                    "Ұсынылмаған: " + string.Join("; ", missing.Select(m => m.Text.Kk)),
                    "Не представлены: " + string.Join("; ", missing.Select(m => m.Text.Ru)),
                    "Missing: " + string.Join("; ", missing.Select(m => m.Text.En))),
                extensions: new Dictionary<string, object?> { ["missing"] = missing.Select(m => m.Code).ToArray() });
        }

        var today = context.Now.InZone(WorkingCalendar.Zone).Date;
        await context.Session.ExecuteAsync(
            "UPDATE migration.permanent_residence_register SET registered_on = @today, handed_over_at = @now WHERE application_id = @id",
            new { today, now = context.Now, id = context.ApplicationId },
            cancellationToken);
        var record = (await PermanentResidenceStore.RegistrationOfApplicationAsync(context.Session, context.ApplicationId, cancellationToken))!;
        await events.PublishAsync(
            new PermanentResidenceRegistered(record.ApplicationId, record.PersonId, record.Route, record.Settlement, record.Address, today, record.OfficeId, record.StampNumber)
            {
                // The person registered is the applicant (§5): the register takes in the names as written.
                LastName = context.Applicant.LastName,
                FirstName = context.Applicant.FirstName,
                MiddleName = context.Applicant.MiddleName,
                BirthDate = context.Applicant.BirthDate,
            },
            cancellationToken);
    }

    /// <summary>§17's mandatory documents but the duty receipt, which is recorded as a receipt and checked by the lifecycle.</summary>
    public static IReadOnlyList<DocumentItem> AfterDecisionItems(ServiceCatalogue catalogue) =>
        [.. catalogue.Find(Code)!.Documents.Single(g => g.ApplicantType == AfterDecisionGroup).Items.Where(i => i.Mandatory && i.Code != FeeReceiptDocument)];
}
