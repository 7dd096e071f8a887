using System.Globalization;
using System.Text.Json;
using Kazgov.Citizenship.Contracts;
using Kazgov.Citizenship.Domain;
using Kazgov.Kernel.Events;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Migration.Contracts;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;

namespace Kazgov.Citizenship;

/// <summary>
/// citizenship (standard 6, seed lines 10450–10675) plugged into the shared lifecycle: the category
/// of §6 as the applicant type (its own §12 documents on top of the common list, its term of §7),
/// the category rules at intake and on the day of decision, the one-time fee exemptions of the §12.1
/// note, §18.7 as a rule and the other §18/§19 grounds as outside checks, the commission's decision
/// before approval, the certificate reserved on approval and handed over after the previous identity
/// documents (§17); a renunciation is published for other modules when its certificate is handed over.
/// </summary>
internal sealed class CitizenshipDefinition(ServiceCatalogue catalogue, IPermanentResidenceRegister permanentResidence, IntegrationEvents events) : IServiceDefinition
{
    public const string Code = "citizenship";

    public const string FeeReceiptDocument = "fee-receipt";

    public string ServiceCode => Code;

    public IReadOnlyList<string> SubTypes => [CitizenshipData.Admission, CitizenshipData.Renunciation];

    public LocalizedText? NextSteps => new(
        "Өтінішті Азаматтық мәселелері жөніндегі комиссия қарайды; шешім телефонмен немесе жеке қабылдауда хабарланады (§16). Анықтаманы алғанда бұрынғы жеке басын куәландыратын құжаттарды тапсырасыз (§17).",
        "Заявление рассматривает Комиссия по вопросам гражданства; о решении сообщат по телефону или на личном приёме (§16). При получении справки сдаются прежние документы, удостоверяющие личность (§17).",
        "The Commission on citizenship issues considers the application; the decision is communicated by phone or at a personal reception (§16). When collecting the certificate you hand in your previous identity documents (§17).");

    private static readonly LocalizedText NotACategory = new(
        "Өтініш беруші: category-1 … category-7 (азаматтыққа қабылдау), category-8 (азаматтықтан шығу) (§6)",
        "Заявитель: category-1 … category-7 (приём в гражданство), category-8 (выход из гражданства) (§6)",
        "The applicant type is category-1 … category-7 (admission) or category-8 (renunciation) (citizenship §6)");

    private static readonly LocalizedText SubTypeMismatch = new(
        "Санатқа сәйкес келуі керек: 1–7 — admission, 8 — renunciation",
        "Должен соответствовать категории: 1–7 — admission, 8 — renunciation",
        "Must follow the category: 1–7 admission, 8 renunciation");

    private static readonly LocalizedText AdmissionIsForForeigners = new(
        "Азаматтыққа шетелдіктер мен азаматтығы жоқ адамдар қабылданады (§6.1–§6.7)",
        "В гражданство принимаются иностранцы и лица без гражданства (§6.1–§6.7)",
        "Admission is for foreigners and stateless persons (citizenship §6.1–§6.7)");

    private static readonly LocalizedText RenunciationIsForCitizens = new(
        "Азаматтықтан Қазақстан азаматы (ЖСН-мен) шығады (§6.8)",
        "Выходит из гражданства гражданин Казахстана (с ИИН) (§6.8)",
        "Renunciation is for a citizen of Kazakhstan with an IIN (citizenship §6.8)");

    private static readonly LocalizedText OnlyForRenunciation = new(
        "Тек азаматтықтан шығу үшін (§12.2)", "Только для выхода из гражданства (§12.2)", "For renunciation only (citizenship §12.2)");

    public async ValueTask<JsonElement> ValidateIntakeAsync(IntakeContext context, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (CitizenshipData.CategoryOf(context.ApplicantType) is not { } category)
        {
            errors.Add("applicantType", NotACategory);
            return context.ModuleData;
        }

        var kind = CitizenshipData.KindOf(category);
        if (context.SubType is not null && context.SubType != kind)
        {
            errors.Add("subType", SubTypeMismatch);
        }

        var applicant = context.Applicant;
        if (kind == CitizenshipData.Admission && applicant.Kind is not (ApplicantKind.Foreigner or ApplicantKind.StatelessPerson))
        {
            errors.Add("applicant.kind", AdmissionIsForForeigners);
        }

        if (kind == CitizenshipData.Renunciation && applicant.Kind is not ApplicantKind.Individual)
        {
            errors.Add("applicant.kind", RenunciationIsForCitizens);
        }

        var data = ModuleData.Read<CitizenshipData>(context.ModuleData, context.ModuleDataPath, errors);
        if (data is null || !errors.IsEmpty)
        {
            return context.ModuleData;
        }

        if (kind == CitizenshipData.Admission)
        {
            foreach (var (field, given) in new[] { ("hasChildren", data.HasChildren is not null), ("married", data.Married is not null) })
            {
                if (given)
                {
                    errors.Add(context.Field(field), OnlyForRenunciation);
                }
            }
        }
        else
        {
            foreach (var (field, given) in new[] { ("hasChildren", data.HasChildren is not null), ("married", data.Married is not null) })
            {
                if (!given)
                {
                    // §12.2.г–д are asked where the applicant has children / is married: the intake must say which.
                    errors.Add(context.Field(field), CommonMessages.Required);
                }
            }
        }

        var today = context.Today;
        var normalised = data with
        {
            Kind = kind,
            Category = category,
            OralmanCertificateNumber = data.OralmanCertificateNumber?.Trim(),
            PetitionNumber = data.PetitionNumber?.Trim(),
            PetitionStateBody = data.PetitionStateBody?.Trim(),
            Relative = data.Relative is null ? null : data.Relative with { Iin = data.Relative.Iin?.Trim(), Kinship = data.Relative.Kinship?.Trim() },
            SpouseIin = data.SpouseIin?.Trim(),
            FeeExemptionBasis = data.FeeExemptionBasis?.Trim(),
            FeeExemption = null,
            PermanentResidenceSource = null,
            ApplicationDate = today,
        };

        if (category == 7)
        {
            // §6.7: the permanent-residence register when it knows the person, otherwise the presented proof (§12.1).
            if (await permanentResidence.FindAsync(applicant.SubjectId, cancellationToken) is { } standing)
            {
                normalised = normalised with { PermanentResidenceSince = standing.RegisteredSince, PermanentResidenceSource = "register:" + standing.StampNumber };
            }
            else
            {
                normalised = normalised with { PermanentResidenceSource = "presented-proof" };
            }
        }

        if (category == 5 && normalised.ProfessionNumber is { } profession && catalogue.Find(Code)!.Professions.All(p => p.Number != profession))
        {
            errors.Add(context.Field("professionNumber"), new LocalizedText(
                "2-қосымшадағы мамандық нөмірі (1–24)", "Номер профессии приложения 2 (1–24)", "A profession number of appendix 2 (1–24)"));
        }

        if (kind == CitizenshipData.Admission && applicant.Kind == ApplicantKind.StatelessPerson && normalised.RetainsOtherCitizenship)
        {
            errors.Add(context.Field("retainsOtherCitizenship"), new LocalizedText(
                "Азаматтығы жоқ адам басқа азаматтықты сақтай алмайды", "Лицо без гражданства не может сохранять иное гражданство", "A stateless person cannot retain another citizenship"));
        }

        if (context.FeeExemption is { } claimed)
        {
            if (FeeExemptions.Misfit(claimed, category, normalised.FeeExemptionBasis) is { } misfit)
            {
                errors.Add("feeExemption", misfit);
            }
            else if (errors.IsEmpty)
            {
                normalised = normalised with { FeeExemption = await DecideExemptionAsync(context, claimed, cancellationToken) };
                if (normalised.FeeExemption is { Granted: false, Reason: { } reason } && !context.Documents.Contains(FeeReceiptDocument))
                {
                    // The second claim is charged: the receipt is then demanded, and the applicant is told why.
                    errors.Add("documents", reason);
                }
            }
        }

        if (!errors.IsEmpty)
        {
            return context.ModuleData;
        }

        if (kind == CitizenshipData.Admission)
        {
            var shortfalls = CategoryRules.Check(CaseOf(normalised, applicant), today);
            if (shortfalls.Count > 0)
            {
                throw CategoryProblem(shortfalls);
            }
        }

        return JsonSerializer.SerializeToElement(normalised, PlatformJson.Options);
    }

    /// <summary>
    /// citizenship §12.1 note: oralmans and repression victims are exempt once. The person's claims are
    /// serialised by an advisory lock held to the end of the submission's transaction, so of two
    /// applications submitted at the same moment exactly one is exempt; the use is kept even if that
    /// application is later withdrawn or refused (the exemption was used on it).
    /// </summary>
    private static async Task<FeeExemptionNote> DecideExemptionAsync(IntakeContext context, string claimed, CancellationToken cancellationToken)
    {
        if (!FeeExemptions.OneTime.Contains(claimed))
        {
            return new FeeExemptionNote(claimed, true, null);
        }

        var person = context.Applicant.SubjectId;
        await context.Session.ExecuteAsync(
            "SELECT pg_advisory_xact_lock(hashtextextended('citizenship.fee-exemption:' || @person, 0))", new { person }, cancellationToken);
        var inserted = await context.Session.ExecuteAsync(
            """
            INSERT INTO citizenship.fee_exemption_uses (person_id, exemption, used_at) VALUES (@person, @claimed, now())
            ON CONFLICT (person_id, exemption) DO NOTHING
            """,
            new { person, claimed },
            cancellationToken);
        return inserted == 1 ? new FeeExemptionNote(claimed, true, null) : new FeeExemptionNote(claimed, false, FeeExemptions.AlreadyUsed(claimed));
    }

    public IReadOnlyCollection<string> DocumentExemptions(IntakeContext context, JsonElement moduleData)
    {
        var data = CitizenshipData.From(moduleData);
        var exemptions = new List<string>();
        if (data.Kind == CitizenshipData.Renunciation)
        {
            // §12.2.г–д read as "where the applicant has them".
            if (data.HasChildren == false)
            {
                exemptions.Add("no-children");
            }

            if (data.Married == false)
            {
                exemptions.Add("not-married");
            }
        }

        if (context.Applicant.Kind == ApplicantKind.StatelessPerson)
        {
            // §12.1 note: stateless from birth or before arriving (the applicant kind at intake) present no termination certificate.
            exemptions.Add("stateless-from-birth-or-before-arrival");
        }

        return exemptions;
    }

    public string? GrantedFeeExemption(IntakeContext context, JsonElement moduleData) =>
        CitizenshipData.From(moduleData).FeeExemption is { Granted: true } note ? note.Claimed : null;

    public async ValueTask<IReadOnlyList<EligibilityFinding>> CheckEligibilityAsync(EligibilityContext context, CancellationToken cancellationToken)
    {
        var data = CitizenshipData.From(context.ModuleData);
        var findings = new List<EligibilityFinding>();
        if (data.Kind == CitizenshipData.Admission)
        {
            if (context.AtDecision)
            {
                // The category rules again on the day of decision, counted to the application date.
                var shortfalls = CategoryRules.Check(CaseOf(data, context.Applicant), data.ApplicationDate ?? context.Today);
                if (shortfalls.Count > 0)
                {
                    throw CategoryProblem(shortfalls);
                }
            }

            if (data.RetainsOtherCitizenship)
            {
                findings.Add(new EligibilityFinding(RefusalGroundChecks.HoldsOtherCitizenship, new LocalizedText(
                    "Өтініш беруші басқа мемлекеттің азаматтығын сақтайды (азаматтық §18.7)",
                    "Заявитель сохраняет гражданство другого государства (гражданство §18.7)",
                    "The applicant keeps another state's citizenship (citizenship §18.7)")));
            }
        }

        if (context is { AtDecision: true, ApplicationId: { } applicationId })
        {
            findings.AddRange(await ExternalFindingsAsync(context, data.Kind ?? CitizenshipData.Admission, applicationId, cancellationToken));
            var commission = await CitizenshipStore.CommissionAsync(context.Session, applicationId, cancellationToken);
            if (commission?.Outcome is null)
            {
                throw new ProblemException(CitizenshipProblems.CommissionDecisionMissing);
            }

            if (commission.Outcome != "granted")
            {
                throw new ProblemException(CitizenshipProblems.CommissionRejected, extensions: new Dictionary<string, object?> { ["decisionNumber"] = commission.DecisionNumber });
            }
        }

        return findings;
    }

    private static async Task<IEnumerable<EligibilityFinding>> ExternalFindingsAsync(EligibilityContext context, string kind, Guid applicationId, CancellationToken cancellationToken)
    {
        var kinds = RefusalGroundChecks.For(kind);
        var answered = CitizenshipStore.Answered(await CitizenshipStore.ExternalChecksAsync(context.Session, applicationId, cancellationToken));
        var unanswered = kinds.Where(k => !answered.ContainsKey(k.Code)).ToList();
        if (unanswered.Count > 0)
        {
            throw new ProblemException(CitizenshipProblems.ExternalCheckUnanswered, new LocalizedText(
                    "Жауап жоқ: {0}", "Нет ответа: {0}", "Not answered: {0}").Format(string.Join(", ", unanswered.Select(k => k.Code))),
                extensions: new Dictionary<string, object?>
                {
                    ["unansweredChecks"] = unanswered.Select(k => new { check = k.Code, source = k.Source, grounds = k.Grounds }).ToArray(),
                });
        }

        var paragraph = kind == CitizenshipData.Renunciation ? "§19" : "§18";
        return answered.Values.Where(c => c.Answer == "found").SelectMany(c => c.FoundGrounds.Select(ground => new EligibilityFinding(ground, new LocalizedText(
            $"Сыртқы орган ({c.CheckCode}, {c.Reference}) негіз тапты: {ground} (азаматтық {paragraph})",
            $"Внешний орган ({c.CheckCode}, {c.Reference}) сообщил основание: {ground} (гражданство {paragraph})",
            $"The outside agency ({c.CheckCode}, {c.Reference}) reported the ground {ground} (citizenship {paragraph})"))));
    }

    /// <summary>Approval (after the commission's decision) reserves the certificate's number in the register.</summary>
    public async ValueTask<string?> OnApprovedAsync(LifecycleContext context, CancellationToken cancellationToken)
    {
        var data = CitizenshipData.From(context.ModuleData);
        var commission = (await CitizenshipStore.CommissionAsync(context.Session, context.ApplicationId, cancellationToken))!;
        var approved = context.Now.InZone(WorkingCalendar.Zone).Date;
        var sequence = await context.Session.ExecuteScalarAsync<long>("SELECT nextval('citizenship.certificate_numbers')", cancellationToken: cancellationToken);
        // A for admission, R for renunciation, the year and seven digits: e.g. CA26 0000042.
        var number = string.Create(CultureInfo.InvariantCulture, $"C{(data.Kind == CitizenshipData.Renunciation ? 'R' : 'A')}{approved.Year % 100:D2}{sequence:D7}");
        await context.Session.ExecuteAsync(
            """
            INSERT INTO citizenship.certificates
                (number, application_id, kind, category, person_id, holder_last_name, holder_first_name, holder_birth_date,
                 decision_number, decision_date, office_id, approved_on)
            VALUES (@number, @applicationId, @kind, @category, @person, @lastName, @firstName, @birthDate, @decisionNumber, @decisionDate, @office, @approved)
            """,
            new
            {
                number,
                applicationId = context.ApplicationId,
                kind = data.Kind,
                category = data.Category,
                person = context.Applicant.SubjectId,
                lastName = context.Applicant.LastName ?? "",
                firstName = context.Applicant.FirstName ?? "",
                birthDate = context.Applicant.BirthDate,
                decisionNumber = commission.DecisionNumber,
                decisionDate = commission.DecisionDate,
                office = context.OfficeId,
                approved,
            },
            cancellationToken);
        return number;
    }

    /// <summary>
    /// §17: the certificate is handed over only after the previous identity documents were handed in
    /// (recorded by POST /citizenship/applications/{id}/identity-documents); a renunciation is then published.
    /// </summary>
    public async ValueTask OnIssuingAsync(LifecycleContext context, CancellationToken cancellationToken)
    {
        var handedIn = await CitizenshipStore.HandedInAsync(context.Session, context.ApplicationId, cancellationToken);
        if (handedIn.Count == 0)
        {
            throw new ProblemException(CitizenshipProblems.IdentityDocumentsNotHandedIn);
        }

        var today = context.Now.InZone(WorkingCalendar.Zone).Date;
        await context.Session.ExecuteAsync(
            "UPDATE citizenship.certificates SET issued_on = @today, handed_over_at = @now WHERE application_id = @id",
            new { today, now = context.Now, id = context.ApplicationId },
            cancellationToken);
        var certificate = (await CitizenshipStore.CertificateOfApplicationAsync(context.Session, context.ApplicationId, cancellationToken))!;
        if (certificate.Kind == CitizenshipData.Renunciation)
        {
            await events.PublishAsync(
                new CitizenshipRenounced(certificate.ApplicationId, certificate.PersonId, certificate.Number, certificate.DecisionNumber, certificate.DecisionDate, today, certificate.OfficeId, [.. handedIn.Select(h => h.Kind)]),
                cancellationToken);
        }
    }

    private static CategoryCase CaseOf(CitizenshipData data, ApplicantDetails applicant) => new(
        data.Category ?? 0,
        applicant.Citizenship ?? applicant.TravelDocument?.Country,
        applicant.Kind == ApplicantKind.StatelessPerson,
        data.OralmanCertificateNumber,
        data.Relative is null ? null : new RelativeCase(data.Relative.Iin, data.Relative.Kinship),
        data.InKazakhstanBefore1991On,
        data.ProfessionNumber,
        data.PetitionNumber,
        data.MarriedOn,
        data.SpouseIin,
        data.PermanentResidenceSince,
        applicant.Iin);

    private static ProblemException CategoryProblem(IReadOnlyList<CategoryShortfall> shortfalls) =>
        new(CitizenshipProblems.CategoryRequirementsNotMet, new LocalizedText(
                string.Join("; ", shortfalls.Select(s => s.Text.Kk)),
                string.Join("; ", shortfalls.Select(s => s.Text.Ru)),
                string.Join("; ", shortfalls.Select(s => s.Text.En))),
            extensions: new Dictionary<string, object?>
            {
                ["shortfalls"] = shortfalls.Select(s => new { paragraph = s.Paragraph, field = s.Field, text = s.Text }).ToArray(),
            });
}
