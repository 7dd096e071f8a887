using System.Globalization;
using System.Text.Json;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Migration.ResidencePermits.Domain;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Calendar;
using Npgsql;

namespace Kazgov.Migration.ResidencePermits;

/// <summary>
/// residence-permit (standard 2) plugged into the shared lifecycle: the sub-type names the document
/// (a foreigner's residence permit or a stateless person's certificate, §5) and with it the applicant
/// type (§6, §12 checklist) and the fee item (§8); §6 age at intake and on the day of decision; the
/// two refusal grounds of §18 at submission and on the day of decision; the number reserved in the
/// module's register on approval; the document issued at hand-over (§17: against signature on the
/// 1-N form, which the lifecycle records in the issuance register), its dates starting then.
/// </summary>
internal sealed class ResidencePermitDefinition : IServiceDefinition
{
    public const string Code = "residence-permit";

    public const string AlreadyHeld = "valid-document-already-held";

    public const string PassportExpiring = "passport-expired-or-expiring";

    public string ServiceCode => Code;

    public IReadOnlyList<string> SubTypes { get; } = [.. ResidencePermitKind.All.Select(k => k.SubType)];

    /// <summary>residence-permit §16 and §17, for the acknowledgement slip.</summary>
    public LocalizedText NextSteps { get; } = new(
        "Құжат дайын болғанда көші-қон полициясы бөлімшесі телефон арқылы немесе жеке қабылдауда хабарлайды (§16). Алған кезде 1-Н өтінішке қол қойып, алған күнін көрсетесіз (§17); өтініш түбіртегін және ұлттық паспортты (жеке басын куәландыратын құжатты) ала келіңіз.",
        "Когда документ будет готов, подразделение миграционной полиции сообщит об этом по телефону или на личном приёме (§16). При получении вы расписываетесь в заявлении формы 1-Н и указываете дату получения (§17); возьмите с собой отрывной талон заявления и национальный паспорт (документ, удостоверяющий личность).",
        "When the document is ready the migration-police unit tells you by phone or at a personal visit (§16). On collecting it you sign the form 1-N application and write the date received (§17); bring the application's tear-off slip and your national passport (identity document).");

    private static readonly LocalizedText SubTypeRequired = new(
        "Құжат түрін көрсетіңіз: residence-permit (шетелдікке тұруға ықтиярхат) немесе stateless-certificate (азаматтығы жоқ адамның куәлігі) (§5)",
        "Укажите вид документа: residence-permit (вид на жительство иностранца) или stateless-certificate (удостоверение лица без гражданства) (§5)",
        "Give the kind of document: residence-permit (a foreigner's residence permit) or stateless-certificate (a stateless person's certificate) (§5)");

    private static readonly LocalizedText ForeignerOnly = new(
        "Тұруға ықтиярхатты шетелдік алады (residence-permit §5, §6): applicant.kind = foreigner",
        "Вид на жительство получает иностранец (residence-permit §5, §6): applicant.kind = foreigner",
        "A residence permit is for a foreigner (residence-permit §5, §6): applicant.kind = foreigner");

    private static readonly LocalizedText StatelessOnly = new(
        "Азаматтығы жоқ адамның куәлігін азаматтығы жоқ адам алады (residence-permit §5, §6): applicant.kind = stateless-person",
        "Удостоверение лица без гражданства получает лицо без гражданства (residence-permit §5, §6): applicant.kind = stateless-person",
        "A stateless person's certificate is for a stateless person (residence-permit §5, §6): applicant.kind = stateless-person");

    private static readonly LocalizedText InvalidIin = new(
        "ЖСН дұрыс емес (12 сан, бақылау разряды, туған күні)",
        "ИИН некорректен (12 цифр, контрольный разряд, дата рождения)",
        "The IIN is not valid (12 digits, check digit, birth date)");

    private static readonly LocalizedText ProofOnlyForCertificate = new(
        "Ата-анасыз шетелге шығуды растайтын құжат тек 16 жасқа толмаған адамның азаматтығы жоқ адам куәлігі үшін (residence-permit §6)",
        "Документ о выезде за границу без родителей указывается только для удостоверения лица без гражданства лицу моложе 16 лет (residence-permit §6)",
        "The proof of travelling abroad without parents applies only to a stateless person's certificate for a person under 16 (residence-permit §6)");

    private static readonly LocalizedText ProofRequired = new(
        "16 жасқа толмаған адамға куәлік тек ата-анасыз (қорғаншысыз, қамқоршысыз) шетелге шыққанда беріледі: растайтын құжатты көрсетіңіз (residence-permit §6)",
        "Лицу моложе 16 лет удостоверение выдаётся только при выезде за границу без родителей (опекунов, попечителей): укажите подтверждающий документ (residence-permit §6)",
        "A person under 16 gets a certificate only when travelling abroad without parents (guardians, custodians): give the document proving it (residence-permit §6)");

    /// <summary>
    /// residence-permit §5, §6: runs on the typed route and on POST /applications alike, so the
    /// generic route cannot pair a sub-type with another applicant type or applicant kind.
    /// </summary>
    public ValueTask<JsonElement> ValidateIntakeAsync(IntakeContext context, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var kind = ResidencePermitKind.Of(context.SubType);
        if (context.SubType is null)
        {
            errors.Add("subType", SubTypeRequired);
        }
        else if (kind is not null && context.ApplicantType != kind.ApplicantType)
        {
            errors.Add("applicantType", new LocalizedText(
                "«{0}» үшін өтініш беруші түрі: {1}", "Для «{0}» тип заявителя: {1}", "For '{0}' the applicant type is {1}").Format(kind.SubType, kind.ApplicantType));
        }

        // §8: the duty follows the sub-type (20 % for a permit, 400 % for a certificate), whichever route asked.
        if (kind is not null && !context.FeeItems.SequenceEqual([kind.FeeItem]))
        {
            errors.Add("feeItems", new LocalizedText(
                "«{0}» үшін баж бабы: {1} (residence-permit §8)", "Для «{0}» статья пошлины: {1} (residence-permit §8)", "For '{0}' the duty item is {1} (residence-permit §8)").Format(kind.SubType, kind.FeeItem));
        }

        if (kind == ResidencePermitKind.Permit && context.Applicant.Kind != ApplicantKind.Foreigner)
        {
            errors.Add("applicant.kind", ForeignerOnly);
        }
        else if (kind == ResidencePermitKind.Certificate && context.Applicant.Kind != ApplicantKind.StatelessPerson)
        {
            errors.Add("applicant.kind", StatelessOnly);
        }

        if (!string.IsNullOrWhiteSpace(context.Applicant.Iin) && !Kazgov.Kernel.Identifiers.Iin.TryParse(context.Applicant.Iin, out _, out _))
        {
            errors.Add("applicant.iin", InvalidIin);
        }

        var data = ModuleData.Read<ResidencePermitData>(context.ModuleData, context.ModuleDataPath, errors);
        if (data is null || kind is null || !errors.IsEmpty)
        {
            return ValueTask.FromResult(context.ModuleData);
        }

        var proof = string.IsNullOrWhiteSpace(data.UnaccompaniedTravelProof) ? null : data.UnaccompaniedTravelProof.Trim();
        // The foreigner's and stateless person's checks of the platform made the birth date required.
        // Under 16 for a residence permit refuses intake outright (422), whatever else was given.
        var verdict = CheckAge(kind, context.Applicant, context.Today, proof);
        if (proof is not null && kind == ResidencePermitKind.Permit)
        {
            errors.Add(context.Field("unaccompaniedTravelProof"), ProofOnlyForCertificate);
            return ValueTask.FromResult(context.ModuleData);
        }

        if (verdict == AgeVerdict.ProofOfUnaccompaniedTravelMissing)
        {
            errors.Add(context.Field("unaccompaniedTravelProof"), ProofRequired);
            return ValueTask.FromResult(context.ModuleData);
        }

        return ValueTask.FromResult(JsonSerializer.SerializeToElement(new ResidencePermitData(proof), PlatformJson.Options));
    }

    /// <summary>§18.1 and §18.2 at submission and on the day of decision; §6 age again on the day of decision.</summary>
    public async ValueTask<IReadOnlyList<EligibilityFinding>> CheckEligibilityAsync(EligibilityContext context, CancellationToken cancellationToken)
    {
        if (ResidencePermitKind.Of(context.SubType) is not { } kind)
        {
            return [];
        }

        if (context.AtDecision)
        {
            // Age only grows, so this holds whenever intake accepted it; it is the §6 rule on the day of decision all the same.
            CheckAge(kind, context.Applicant, context.Today, ResidencePermitData.From(context.ModuleData).UnaccompaniedTravelProof);
        }

        var findings = new List<EligibilityFinding>();
        var held = await ResidencePermitRegister.HeldByAsync(context.Session, context.Applicant, context.Today, context.ApplicationId, cancellationToken);
        if (held.Count > 0)
        {
            findings.Add(new EligibilityFinding(AlreadyHeld, AlreadyHeldExplanation(held)));
        }

        if (kind == ResidencePermitKind.Permit
            && context.Applicant.TravelDocument?.ExpiresOn is { } expiresOn
            && ResidencePermitRules.PassportTooShort(expiresOn, context.Today))
        {
            findings.Add(new EligibilityFinding(PassportExpiring, ResidencePermitRules.PassportExplanation(expiresOn, context.Today)));
        }

        return findings;
    }

    /// <summary>
    /// Approval reserves the number in the register; the document is issued, with its dates, at
    /// hand-over. Approvals for one person are serialised and §18.1 is looked at again under the
    /// lock: of two approvals at once for the same person, the second is refused (409).
    /// </summary>
    public async ValueTask<string?> OnApprovedAsync(LifecycleContext context, CancellationToken cancellationToken)
    {
        var kind = ResidencePermitKind.Of(context.SubType) ?? throw new InvalidOperationException($"Application {context.ApplicationId} has no residence-permit sub-type.");
        var applicant = context.Applicant;
        var today = context.Now.InZone(WorkingCalendar.Zone).Date;
        await ResidencePermitRegister.LockPersonAsync(context.Session, applicant, cancellationToken);
        var held = await ResidencePermitRegister.HeldByAsync(context.Session, applicant, today, context.ApplicationId, cancellationToken);
        if (held.Count > 0)
        {
            throw AlreadyHeldProblem(held);
        }

        var sequence = await context.Session.ExecuteScalarAsync<long>("SELECT nextval('migration.residence_permit_numbers')", cancellationToken: cancellationToken);
        // RP (permit) or SC (certificate) + year + seven digits, e.g. RP260000042: unique, readable over the phone.
        var number = string.Create(CultureInfo.InvariantCulture, $"{kind.NumberPrefix}{today.Year % 100:D2}{sequence:D7}");
        try
        {
            await context.Session.ExecuteAsync(
                """
                INSERT INTO migration.residence_permits
                    (number, kind, application_id, holder_last_name, holder_first_name, holder_middle_name, holder_birth_date,
                     holder_citizenship, travel_document_country, travel_document_number, holder_iin, office_id, status, reserved_at)
                VALUES (@number, @kind, @applicationId, @lastName, @firstName, @middleName, @birthDate,
                        @citizenship, @country, @documentNumber, @iin, @office, 'reserved', @now)
                """,
                new
                {
                    number,
                    kind = kind.SubType,
                    applicationId = context.ApplicationId,
                    lastName = applicant.LastName,
                    firstName = applicant.FirstName,
                    middleName = string.IsNullOrWhiteSpace(applicant.MiddleName) ? null : applicant.MiddleName,
                    birthDate = applicant.BirthDate,
                    citizenship = kind == ResidencePermitKind.Permit ? applicant.Citizenship : null,
                    country = applicant.TravelDocument!.Country,
                    documentNumber = ResidencePermitRules.NormaliseDocumentNumber(applicant.TravelDocument.Number!),
                    iin = string.IsNullOrWhiteSpace(applicant.Iin) ? null : applicant.Iin,
                    office = context.OfficeId,
                    now = context.Now,
                },
                cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The partial unique indexes: another reservation for this person committed first.
            throw AlreadyHeldProblem([]);
        }

        return number;
    }

    /// <summary>§17 hand-over: the document is issued today, valid from today (README: validity).</summary>
    public async ValueTask OnIssuingAsync(LifecycleContext context, CancellationToken cancellationToken)
    {
        var kind = ResidencePermitKind.Of(context.SubType)!;
        var today = context.Now.InZone(WorkingCalendar.Zone).Date;
        var validUntil = ResidencePermitRules.ValidUntil(kind, today, context.Applicant.TravelDocument?.ExpiresOn);
        var updated = await context.Session.ExecuteAsync(
            """
            UPDATE migration.residence_permits
            SET status = 'issued', handed_over_at = @now, issue_date = @today, valid_until = @validUntil
            WHERE application_id = @id AND status = 'reserved'
            """,
            new { now = context.Now, today, validUntil, id = context.ApplicationId },
            cancellationToken);
        if (updated == 0)
        {
            throw new ProblemException(ResidencePermitProblems.DocumentNotReserved);
        }
    }

    private static AgeVerdict CheckAge(ResidencePermitKind kind, ApplicantDetails applicant, NodaTime.LocalDate day, string? proof)
    {
        var verdict = ResidencePermitRules.CheckAge(kind, applicant.BirthDate!.Value, day, proof);
        if (verdict == AgeVerdict.TooYoung)
        {
            throw new ProblemException(ResidencePermitProblems.ApplicantUnder16, new LocalizedText(
                    "Өтініш берушіге {0} жаста {1} жас (туған күні {2})",
                    "Заявителю на {0} исполнилось {1} (дата рождения {2})",
                    "The applicant is {1} on {0} (born {2})")
                .Format(Iso(day), ResidencePermitRules.AgeOn(applicant.BirthDate.Value, day), Iso(applicant.BirthDate.Value)),
                extensions: new Dictionary<string, object?> { ["subType"] = kind.SubType });
        }

        return verdict;
    }

    private static LocalizedText AlreadyHeldExplanation(IReadOnlyList<HeldDocument> held)
    {
        var numbers = string.Join(", ", held.Select(h => h.Number));
        return new LocalizedText(
            "Өтініш берушінің атында жарамды құжат бар: {0} (residence-permit §18.1)",
            "На имя заявителя имеется действительный документ: {0} (residence-permit §18.1)",
            "The applicant already holds a valid document: {0} (residence-permit §18.1)").Format(numbers);
    }

    private static ProblemException AlreadyHeldProblem(IReadOnlyList<HeldDocument> held) =>
        new(ApplicationProblems.EligibilityFailed,
            held.Count > 0
                ? AlreadyHeldExplanation(held)
                : new LocalizedText(
                    "Осы адамға құжат бір уақытта басқа өтініш бойынша берілді (residence-permit §18.1)",
                    "Этому лицу документ только что оформлен по другому заявлению (residence-permit §18.1)",
                    "A document has just been approved for this person on another application (residence-permit §18.1)"),
            extensions: new Dictionary<string, object?> { ["refusalGrounds"] = new[] { AlreadyHeld } });

    private static string Iso(NodaTime.LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
