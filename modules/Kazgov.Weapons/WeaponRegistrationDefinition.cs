using System.Globalization;
using System.Text.Json;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Calendar;
using Kazgov.Weapons.Domain;
using NodaTime;

namespace Kazgov.Weapons;

/// <summary>
/// weapon-registration (standard 7, seed lines 14176–14912) plugged into the shared lifecycle: the
/// sub-types of §8 with their checklists (§12–§15), the unit's duty exemption derived from the unit
/// (§8), the rules of §12–§15 and §18 at submission and decision, the outside agencies' answers
/// (§18.3, §18.7) required before approval, the register (units, permits, history) written on
/// approval, and the §17 hand-over to the applicant or a proxy whose power of attorney is recorded.
/// </summary>
internal sealed class WeaponRegistrationDefinition : IServiceDefinition
{
    public const string Code = "weapon-registration";

    public string ServiceCode => Code;

    public IReadOnlyList<string> SubTypes { get; } = [.. WeaponSubTypes.All.Select(s => s.Code)];

    public LocalizedText? NextSteps => new(
        "Шешімге дейін сыртқы органдар (сотталғандық, әкімшілік құқық бұзушылықтар) тексеріледі. Рұқсатты өзіңіз немесе сенімхат бойынша өкіл алады (§17).",
        "До решения проверяются сведения внешних органов (судимость, административные правонарушения). Разрешение получаете лично или представитель по доверенности (§17).",
        "Before the decision the outside agencies are asked (convictions, administrative offences). The permit is handed to you or to a proxy with a power of attorney (§17).");

    private static LocalizedText OneOf(IEnumerable<string> values)
    {
        var list = string.Join(", ", values);
        return new LocalizedText("Мүмкін мәндер: " + list, "Допустимые значения: " + list, "Allowed values: " + list);
    }

    private static readonly LocalizedText Positive = new("Оң сан болуы керек", "Должно быть положительным числом", "Must be a positive number");

    private static readonly LocalizedText PneumaticOnly = new(
        "Тек пневматикалық қару үшін (§8)", "Только для пневматического оружия (§8)", "Only for pneumatic weapons (§8)");

    public async ValueTask<JsonElement> ValidateIntakeAsync(IntakeContext context, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var subType = WeaponSubTypes.Find(context.SubType);
        if (subType is null)
        {
            errors.Add("subType", OneOf(SubTypes));
        }

        var data = ModuleData.Read<WeaponApplicationData>(context.ModuleData, context.ModuleDataPath, errors);
        if (data is null || subType is null)
        {
            return context.ModuleData;
        }

        if (data.ApplicantKind is null || !subType.ApplicantKinds.Contains(data.ApplicantKind))
        {
            errors.Add(context.Field("applicantKind"), OneOf(subType.ApplicantKinds));
            return context.ModuleData;
        }

        var entity = ApplicantKinds.IsLegalEntity(data.ApplicantKind);
        if (entity != (context.Applicant.Kind == ApplicantKind.LegalEntity))
        {
            errors.Add("applicant.kind", entity
                ? new LocalizedText("Заңды тұлға (БСН) болуы керек (§6)", "Должно быть юридическое лицо (БИН) (§6)", "Must be a legal entity (BIN) (§6)")
                : new LocalizedText("Жеке тұлға болуы керек (§6)", "Должно быть физическое лицо (§6)", "Must be a person (§6)"));
        }

        var group = WeaponSubTypes.DocumentGroupFor(subType, data.ApplicantKind);
        if (context.ApplicantType != group)
        {
            errors.Add("applicantType", OneOf([group]));
        }

        var unit = data.Unit;
        if (subType.NeedsUnit)
        {
            ValidateUnit(context, subType, data, entity, errors);
        }
        else if (unit is not null)
        {
            errors.Add(context.Field("unit"), new LocalizedText(
                "Бұл түрге қару бірлігі көрсетілмейді", "Для этого вида единица оружия не указывается", "This sub-type names no weapon unit"));
        }

        var foreign = context.Applicant.Kind is ApplicantKind.Foreigner or ApplicantKind.StatelessPerson
            || (context.Applicant.Kind == ApplicantKind.Individual && context.Applicant.Citizenship is { } citizenship && citizenship != "KZ");
        if (foreign && data.ApplicantKind == ApplicantKinds.Individual)
        {
            // §12 note: gas and barrel-less weapons only, on the petition of the applicant's diplomatic mission.
            if (unit?.Type is { } type && !WeaponRules.ForeignerTypes.Contains(type))
            {
                errors.Add(context.Field("unit.type"), new LocalizedText(
                    "Шетелдік тек газды және ұңғысыз қару ала алады (§12 ескертпе)",
                    "Иностранец может получить только газовое и бесствольное оружие (примечание к §12)",
                    "A foreigner may have only gas and barrel-less weapons (§12 note)"));
            }

            if (!data.MissionPetition)
            {
                errors.Add(context.Field("missionPetition"), new LocalizedText(
                    "Шетелдікке рұқсат дипломатиялық өкілдіктің өтінішімен беріледі (§12 ескертпе)",
                    "Иностранцу разрешение оформляется по ходатайству дипломатического представительства (примечание к §12)",
                    "A foreigner's permit needs the petition of the diplomatic mission (§12 note)"));
            }

            if (data.ForeignResidenceSince is null)
            {
                errors.Add(context.Field("foreignResidenceSince"), CommonMessages.Required);
            }
        }

        if (subType.Code is WeaponSubTypes.AcquisitionPermit or WeaponSubTypes.ServiceAcquisitionLicence && data.StorageConditionsConfirmed is null)
        {
            // §12.7 the inspector's report; §13.9 the storage-room act: the outcome is stated at intake.
            errors.Add(context.Field("storageConditionsConfirmed"), CommonMessages.Required);
        }

        if (subType.Code == WeaponSubTypes.ServiceStorageCarryPermit)
        {
            errors.Required(context.Field("employerBin"), data.EmployerBin);
        }

        var missing = new List<string>();
        if (WeaponRules.NeedsHuntingLicence(subType.Code, unit) && !context.Documents.Contains("hunting-licence"))
        {
            missing.Add("hunting-licence");
        }

        var smoothBoreKnown = context.Applicant.Kind == ApplicantKind.Individual
            && await WeaponsStore.SmoothBoreUseSinceAsync(context.Session, context.Applicant.SubjectId, cancellationToken) is not null;
        if (WeaponRules.NeedsSmoothBoreExperience(subType.Code, unit) && !smoothBoreKnown)
        {
            // §12, rifled weapons: the register does not know the smooth-bore permit, so it is shown.
            if (!context.Documents.Contains("smooth-bore-experience-permit"))
            {
                missing.Add("smooth-bore-experience-permit");
            }

            errors.Required(context.Field("smoothBorePermit.number"), data.SmoothBorePermit?.Number);
            if (data.SmoothBorePermit?.IssuedOn is null)
            {
                errors.Add(context.Field("smoothBorePermit.issuedOn"), CommonMessages.Required);
            }
        }

        if (subType.Code is WeaponSubTypes.StoragePermit or WeaponSubTypes.StorageCarryPermit && unit?.Type == WeaponTypes.Rifled
            && !context.Documents.Contains("control-shooting-act"))
        {
            missing.Add("control-shooting-act");
        }

        if (missing.Count > 0)
        {
            var list = string.Join(", ", missing);
            errors.Add("documents", new LocalizedText(
                "Ұсынылмаған құжаттар (§12, §18.1): " + list, "Не представлены документы (§12, §18.1): " + list, "Documents not presented (§12, §18.1): " + list));
        }

        if (!errors.IsEmpty)
        {
            return context.ModuleData;
        }

        if (subType.RegistersUnit && unit is not null)
        {
            // §8: one registration per make and serial; a re-registration names a unit the register holds.
            var existing = await WeaponsStore.FindUnitAsync(context.Session, unit.Make!, unit.Serial!, cancellationToken);
            if (!data.ReRegistration && existing is not null)
            {
                throw new ProblemException(WeaponsProblems.UnitAlreadyRegistered, extensions: new Dictionary<string, object?> { ["registrationNumber"] = existing.RegistrationNumber });
            }

            if (data.ReRegistration && existing is null)
            {
                throw new ProblemException(WeaponsProblems.UnitNotRegistered);
            }
        }

        var normalised = data with
        {
            Unit = unit is null ? null : unit with
            {
                Serial = unit.Serial?.Trim(),
                Make = unit.Make?.Trim(),
                Model = unit.Model?.Trim(),
            },
            PermanentAddress = data.PermanentAddress?.Trim(),
            UnitFeeExemption = subType.RegistersUnit && unit is not null ? UnitFeeExemption.For(unit) : null,
            Documents = [.. context.Documents.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        };
        return JsonSerializer.SerializeToElement(normalised, PlatformJson.Options);
    }

    private static void ValidateUnit(IntakeContext context, WeaponSubType subType, WeaponApplicationData data, bool entity, ValidationErrors errors)
    {
        var unit = data.Unit;
        if (unit is null)
        {
            errors.Add(context.Field("unit"), CommonMessages.Required);
            return;
        }

        // An acquisition permit names the kind of weapon to buy; every other sub-type names the unit itself.
        if (subType.Code != WeaponSubTypes.AcquisitionPermit)
        {
            errors.Required(context.Field("unit.serial"), unit.Serial);
            errors.Required(context.Field("unit.make"), unit.Make);
        }

        if (unit.Type is null || !WeaponTypes.All.Contains(unit.Type))
        {
            errors.Add(context.Field("unit.type"), OneOf(WeaponTypes.All));
        }

        var category = entity || subType.Code == WeaponSubTypes.ServiceStorageCarryPermit ? WeaponCategories.Service : WeaponCategories.Civilian;
        if (unit.Category != category)
        {
            errors.Add(context.Field("unit.category"), OneOf([category]));
        }

        if (unit.Purpose is not null && !WeaponPurposes.All.Contains(unit.Purpose))
        {
            errors.Add(context.Field("unit.purpose"), OneOf(WeaponPurposes.All));
        }
        else if (unit.Purpose is null && subType.Code == WeaponSubTypes.AcquisitionPermit)
        {
            errors.Add(context.Field("unit.purpose"), CommonMessages.Required);
        }

        if (unit.Type == WeaponTypes.Pneumatic)
        {
            if (unit.MuzzleEnergyJ is not > 0)
            {
                errors.Add(context.Field("unit.muzzleEnergyJ"), Positive);
            }

            if (unit.CalibreMm is not > 0)
            {
                errors.Add(context.Field("unit.calibreMm"), Positive);
            }
        }
        else if (unit.MuzzleEnergyJ is not null)
        {
            errors.Add(context.Field("unit.muzzleEnergyJ"), PneumaticOnly);
        }

        if (unit.CalibreMm is <= 0)
        {
            errors.Add(context.Field("unit.calibreMm"), Positive);
        }
    }

    /// <summary>§12 note: servicemen and special-rank staff need no medical report (catalogue exemptFor of medical-report).</summary>
    public IReadOnlyCollection<string> DocumentExemptions(IntakeContext context, JsonElement moduleData) =>
        WeaponApplicationData.From(moduleData).MilitaryOrSpecialRank ? [WeaponApplicationData.MilitaryExemption] : [];

    public async ValueTask<IReadOnlyList<EligibilityFinding>> CheckEligibilityAsync(EligibilityContext context, CancellationToken cancellationToken)
    {
        var data = WeaponApplicationData.From(context.ModuleData);
        var person = context.Applicant.Kind != ApplicantKind.LegalEntity;
        var smoothBoreSince = person
            ? await WeaponsStore.SmoothBoreUseSinceAsync(context.Session, context.Applicant.SubjectId, cancellationToken) ?? data.SmoothBorePermit?.IssuedOn
            : null;
        var foreign = context.Applicant.Kind is ApplicantKind.Foreigner or ApplicantKind.StatelessPerson
            || (context.Applicant.Kind == ApplicantKind.Individual && context.Applicant.Citizenship is { } citizenship && citizenship != "KZ");
        var findings = WeaponRules.Check(
            new WeaponCase(context.SubType ?? "", data.ApplicantKind ?? "", context.Applicant.BirthDate, data.Unit, data.PermanentAddress,
                data.StorageConditionsConfirmed, smoothBoreSince, foreign, data.ForeignResidenceSince, data.Documents ?? []),
            context.Today).ToList();

        // §18.3, §18.7: the agencies' answers come after intake, so they are judged on the day of decision.
        if (person && context is { AtDecision: true, ApplicationId: { } applicationId })
        {
            findings.AddRange(await ExternalFindingsAsync(context, applicationId, cancellationToken));
        }

        return findings;
    }

    private static async Task<IEnumerable<EligibilityFinding>> ExternalFindingsAsync(EligibilityContext context, Guid applicationId, CancellationToken cancellationToken)
    {
        var answered = WeaponsStore.Answered(await WeaponsStore.ChecksAsync(context.Session, applicationId, cancellationToken));
        var unanswered = WeaponChecks.For(context.Applicant.Kind).Where(k => !answered.ContainsKey(k.Code)).ToList();
        if (unanswered.Count > 0)
        {
            throw new ProblemException(WeaponChecks.Unanswered, new LocalizedText(
                    "Жауап жоқ: {0}", "Нет ответа: {0}", "Not answered: {0}").Format(string.Join(", ", unanswered.Select(k => k.Code))),
                extensions: new Dictionary<string, object?>
                {
                    ["unansweredChecks"] = unanswered.Select(k => new { check = k.Code, source = k.Source, ground = k.Ground }).ToArray(),
                });
        }

        return answered.Values.Where(c => c.Answer == "found").Select(c =>
        {
            var kind = WeaponChecks.Find(c.CheckCode)!;
            return new EligibilityFinding(kind.Ground, new LocalizedText(
                $"{kind.Source} ({c.Reference}): {kind.Paragraph}",
                $"{kind.Source} ({c.Reference}): {kind.Paragraph}",
                $"{kind.Source} ({c.Reference}): {kind.Paragraph}"));
        });
    }

    /// <summary>
    /// Approval writes the register: a unit registered (or re-registered to its new owner) once per make
    /// and serial — two approvals racing for one serial give one unit and a 409 — and the permit reserved.
    /// The permit's dates start at hand-over. Returns the permit number, or the unit's registration number.
    /// </summary>
    public async ValueTask<string?> OnApprovedAsync(LifecycleContext context, CancellationToken cancellationToken)
    {
        var data = WeaponApplicationData.From(context.ModuleData);
        var subType = WeaponSubTypes.Find(context.SubType)!;
        var today = context.Now.InZone(WorkingCalendar.Zone).Date;
        var owner = context.Applicant.SubjectId;
        Guid? unitId = null;
        string? unitNumber = null;
        var unit = data.Unit;
        if (subType.RegistersUnit && unit is not null)
        {
            if (data.ReRegistration)
            {
                var existing = await context.Session.QuerySingleOrDefaultAsync<UnitRecord>(
                    $"SELECT {WeaponsStore.UnitColumns} FROM weapons.units WHERE make_key = @make AND serial_key = @serial FOR UPDATE",
                    new { make = WeaponUnit.Key(unit.Make!), serial = WeaponUnit.Key(unit.Serial!) },
                    cancellationToken) ?? throw new ProblemException(WeaponsProblems.UnitNotRegistered);
                await context.Session.ExecuteAsync(
                    "UPDATE weapons.units SET owner_id = @owner, owner_kind = @kind, status = 'registered', office_id = @office WHERE id = @id",
                    new { owner, kind = data.ApplicantKind, office = context.OfficeId, id = existing.Id },
                    cancellationToken);
                (unitId, unitNumber) = (existing.Id, existing.RegistrationNumber);
                await WeaponsStore.AppendHistoryAsync(context.Session, existing.Id, context.Now, "re-registered", owner, context.ApplicationId, null, context.OfficeId, cancellationToken);
            }
            else
            {
                var sequence = await context.Session.ExecuteScalarAsync<long>("SELECT nextval('weapons.unit_numbers')", cancellationToken: cancellationToken);
                unitNumber = string.Create(CultureInfo.InvariantCulture, $"WR{today.Year % 100:D2}-{sequence:D7}");
                // ON CONFLICT DO NOTHING waits for a racing approval of the same serial and then inserts nothing.
                unitId = await context.Session.ExecuteScalarAsync<Guid?>(
                    """
                    INSERT INTO weapons.units (id, registration_number, make, make_key, model, serial, serial_key, weapon_type, category, purpose,
                                               muzzle_energy_j, calibre_mm, fee_exemption, owner_id, owner_kind, status, registered_on, office_id)
                    VALUES (@id, @number, @make, @makeKey, @model, @serial, @serialKey, @type, @category, @purpose,
                            @energy, @calibre, @exemption, @owner, @kind, 'registered', @today, @office)
                    ON CONFLICT (make_key, serial_key) DO NOTHING
                    RETURNING id
                    """,
                    new
                    {
                        id = Guid.CreateVersion7(), number = unitNumber, make = unit.Make, makeKey = WeaponUnit.Key(unit.Make!), model = unit.Model,
                        serial = unit.Serial, serialKey = WeaponUnit.Key(unit.Serial!), type = unit.Type, category = unit.Category, purpose = unit.Purpose,
                        energy = unit.MuzzleEnergyJ, calibre = unit.CalibreMm, exemption = data.UnitFeeExemption, owner, kind = data.ApplicantKind,
                        today, office = context.OfficeId,
                    },
                    cancellationToken);
                if (unitId is null)
                {
                    var existing = await WeaponsStore.FindUnitAsync(context.Session, unit.Make!, unit.Serial!, cancellationToken);
                    throw new ProblemException(WeaponsProblems.UnitAlreadyRegistered, extensions: new Dictionary<string, object?> { ["registrationNumber"] = existing?.RegistrationNumber });
                }

                await WeaponsStore.AppendHistoryAsync(context.Session, unitId.Value, context.Now, "registered", owner, context.ApplicationId, null, context.OfficeId, cancellationToken);
            }
        }
        else if (unit is { Make: { } make, Serial: { } serial })
        {
            // §15: an employee's permit names the employer's registered service weapon, when the register knows it.
            unitId = (await WeaponsStore.FindUnitAsync(context.Session, make, serial, cancellationToken))?.Id;
        }

        if (!subType.IssuesPermit)
        {
            return unitNumber;
        }

        var permitSequence = await context.Session.ExecuteScalarAsync<long>("SELECT nextval('weapons.permit_numbers')", cancellationToken: cancellationToken);
        var number = string.Create(CultureInfo.InvariantCulture, $"WP{today.Year % 100:D2}-{permitSequence:D7}");
        await context.Session.ExecuteAsync(
            """
            INSERT INTO weapons.permits (number, kind, application_id, holder_id, unit_id, weapon_type, office_id, approved_on, status)
            VALUES (@number, @kind, @applicationId, @holder, @unitId, @type, @office, @today, 'approved')
            """,
            new { number, kind = subType.Code, applicationId = context.ApplicationId, holder = owner, unitId, type = unit?.Type, office = context.OfficeId, today },
            cancellationToken);
        return number;
    }

    /// <summary>
    /// §17 hand-over: the recipient recorded (the applicant, or a proxy whose power of attorney is valid
    /// today); the permit is issued today with its validity, and the unit's history shows it.
    /// </summary>
    public async ValueTask OnIssuingAsync(LifecycleContext context, CancellationToken cancellationToken)
    {
        var today = context.Now.InZone(WorkingCalendar.Zone).Date;
        var recipient = await WeaponsStore.RecipientAsync(context.Session, context.ApplicationId, cancellationToken)
            ?? throw new ProblemException(WeaponsProblems.RecipientNotRecorded);
        if (recipient.ReceivedBy == "proxy" && recipient.PoaValidUntil is { } until && until < today)
        {
            throw new ProblemException(WeaponsProblems.PowerOfAttorneyExpired, extensions: new Dictionary<string, object?> { ["validUntil"] = until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        }

        var subType = WeaponSubTypes.Find(context.SubType)!;
        if (!subType.IssuesPermit)
        {
            return;
        }

        var permit = await context.Session.QuerySingleAsync<PermitRecord>(
            $"SELECT {WeaponsStore.PermitColumns} FROM weapons.permits WHERE application_id = @id", new { id = context.ApplicationId }, cancellationToken);
        await context.Session.ExecuteAsync(
            """
            UPDATE weapons.permits SET status = 'issued', issued_on = @today, valid_until = @until, received_by = @receivedBy,
                proxy_name = @proxyName, proxy_iin = @proxyIin, poa_number = @poaNumber, poa_issued_on = @poaIssuedOn,
                poa_valid_until = @poaValidUntil, poa_issued_by = @poaIssuedBy
            WHERE application_id = @id
            """,
            new
            {
                today, until = subType.Validity is { } validity ? today + validity : (LocalDate?)null, receivedBy = recipient.ReceivedBy,
                proxyName = recipient.ProxyName, proxyIin = recipient.ProxyIin, poaNumber = recipient.PoaNumber, poaIssuedOn = recipient.PoaIssuedOn,
                poaValidUntil = recipient.PoaValidUntil, poaIssuedBy = recipient.PoaIssuedBy, id = context.ApplicationId,
            },
            cancellationToken);
        if (permit.UnitId is { } unitId)
        {
            await WeaponsStore.AppendHistoryAsync(context.Session, unitId, context.Now, "permit-issued", permit.HolderId, context.ApplicationId, permit.Number, context.OfficeId, cancellationToken);
        }
    }
}
