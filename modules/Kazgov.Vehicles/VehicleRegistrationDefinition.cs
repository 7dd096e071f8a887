using System.Text.Json;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.ExternalChecks;
using Kazgov.Platform.Offices;
using Kazgov.Vehicles.Domain;

namespace Kazgov.Vehicles;

/// <summary>
/// vehicle-registration (standard 8, seed lines 14926–15227) plugged into the shared lifecycle: the
/// sub-types (registration, re-registration for a new owner or new data, deregistration, a duplicate
/// certificate, transit plates), the vehicle's data with its VIN, the §8 duties from the sub-type and
/// the category, the MFA channel of the §12 and §13 notes, the refusal grounds of §17 (§17.3 through
/// the registers of wanted vehicles, arrests and registration bans), the register written on
/// approval (certificate and plate from the region's pool), and the §16 hand-over against signature
/// in the windows of the §7 note, which the lifecycle enforces.
/// </summary>
internal sealed class VehicleRegistrationDefinition(IOfficeDirectory offices) : IServiceDefinition
{
    public const string Code = "vehicle-registration";

    public string ServiceCode => Code;

    public IReadOnlyList<string> SubTypes { get; } = [.. VehicleSubTypes.All.Select(s => s.Code)];

    public IReadOnlyCollection<string> DutyFreeSubTypes { get; } = [VehicleSubTypes.Deregistration];

    public LocalizedText? NextSteps => new(
        "Шешімге дейін көлік құралы іздестірудегі, тыйым салынған және тіркеуге тыйым салынған көліктер тізілімдері бойынша тексеріледі (§17.3). Куәлік пен нөмірлік белгілер қолхатпен беріледі (§16).",
        "До решения транспортное средство проверяется по реестрам розыска, арестов и запретов регистрации (§17.3). Свидетельство и номерные знаки выдаются под роспись (§16).",
        "Before the decision the vehicle is checked against the registers of wanted vehicles, arrests and registration bans (§17.3). The certificate and plates are handed over against signature (§16).");

    public LocalizedText? SlipNote(JsonElement moduleData) =>
        VehicleApplicationData.From(moduleData).RegistrationChannel == VehicleApplicationData.Mfa
            ? new LocalizedText(
                "Тіркеу ҚР Сыртқы істер министрлігінің дипломатиялық өкілдіктермен жұмыс жөніндегі мекемесі арқылы жүргізіледі (§12, §13 ескертпе).",
                "Регистрация проводится через учреждение МИД Республики Казахстан по работе с дипломатическими представительствами (примечания к §12, §13).",
                "The registration goes through the MFA's office for work with diplomatic missions (§12 and §13 notes).")
            : null;

    private static LocalizedText OneOf(IEnumerable<string> values)
    {
        var list = string.Join(", ", values);
        return new LocalizedText("Мүмкін мәндер: " + list, "Допустимые значения: " + list, "Allowed values: " + list);
    }

    public static bool IsForeign(ApplicantDetails applicant, int? foreignParticipationPercent) => applicant.Kind switch
    {
        ApplicantKind.Foreigner or ApplicantKind.StatelessPerson => true,
        ApplicantKind.Individual => applicant.Citizenship is { } citizenship && citizenship != "KZ",
        // §13 note [L15032]: organisations with at least 10 % foreign participation.
        ApplicantKind.LegalEntity => foreignParticipationPercent >= 10,
        _ => false,
    };

    public async ValueTask<JsonElement> ValidateIntakeAsync(IntakeContext context, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var subType = VehicleSubTypes.Find(context.SubType);
        if (subType is null)
        {
            errors.Add("subType", OneOf(SubTypes));
        }

        var data = ModuleData.Read<VehicleApplicationData>(context.ModuleData, context.ModuleDataPath, errors);
        if (data is null || subType is null)
        {
            return context.ModuleData;
        }

        var entity = context.Applicant.Kind == ApplicantKind.LegalEntity;
        var group = entity ? "legal-entity" : "individual";
        if (context.ApplicantType != group)
        {
            errors.Add("applicantType", OneOf([group]));
        }

        if (data.ForeignParticipationPercent is < 0 or > 100)
        {
            errors.Add(context.Field("foreignParticipationPercent"), new LocalizedText("0–100", "0–100", "0–100"));
        }
        else if (data.ForeignParticipationPercent is not null && !entity)
        {
            errors.Add(context.Field("foreignParticipationPercent"), new LocalizedText(
                "Тек заңды тұлға үшін (§13)", "Только для юридического лица (§13)", "Only for a legal entity (§13)"));
        }

        var foreign = IsForeign(context.Applicant, data.ForeignParticipationPercent);
        if (foreign)
        {
            errors.Required(context.Field("mfaReferenceNumber"), data.MfaReferenceNumber);
        }

        if (data.DesignChanged && data.DesignCompliant is null)
        {
            errors.Add(context.Field("designCompliant"), CommonMessages.Required);
        }

        VehicleRecord? registered = null;
        var vehicle = data.Vehicle;
        if (subType.NeedsVehicleData)
        {
            ValidateVehicle(context, subType, vehicle, errors);
        }
        else if (vehicle is not null)
        {
            errors.Add(context.Field("vehicle"), new LocalizedText(
                "Бұл түрге көлік деректері берілмейді: куәлік нөмірі жеткілікті", "Для этого вида данные ТС не указываются: достаточно номера свидетельства",
                "This sub-type takes no vehicle data: the certificate number names the vehicle"));
        }

        if (subType.NeedsRegisteredVehicle)
        {
            errors.Required(context.Field("certificateNumber"), data.CertificateNumber);
        }

        if (!errors.IsEmpty)
        {
            return context.ModuleData;
        }

        if (subType.NeedsRegisteredVehicle)
        {
            registered = await VehiclesStore.ByCertificateAsync(context.Session, data.CertificateNumber!, cancellationToken)
                ?? throw new ProblemException(VehiclesProblems.CertificateUnknown, extensions: new Dictionary<string, object?> { ["certificateNumber"] = data.CertificateNumber });
            if (registered.Status != "registered")
            {
                throw new ProblemException(VehiclesProblems.NotRegistered);
            }

            var owner = context.Applicant.SubjectId;
            if (subType.ApplicantIsOwner && registered.OwnerId != owner)
            {
                throw new ProblemException(VehiclesProblems.NotTheOwner);
            }

            if (subType.Code == VehicleSubTypes.OwnerChange && registered.OwnerId == owner)
            {
                throw new ProblemException(VehiclesProblems.OwnerUnchanged);
            }

            if (subType.Code == VehicleSubTypes.DataChange && vehicle is not null
                && (Normalised(vehicle.Vin) != registered.Vin || Normalised(vehicle.ChassisNumber) != registered.ChassisNumber))
            {
                errors.Add(context.Field("vehicle.vin"), new LocalizedText(
                    "VIN тізілімдегімен сәйкес келуі керек", "VIN должен совпадать с реестром", "The VIN must be the register's"));
            }
        }
        else if (vehicle is not null)
        {
            var existing = await VehiclesStore.ByIdentifierAsync(context.Session, Normalised(vehicle.Vin), Normalised(vehicle.ChassisNumber), cancellationToken);
            if (existing is { Status: "registered" })
            {
                // A registered vehicle is re-registered, not registered again; transit plates are for one not registered here.
                throw new ProblemException(VehiclesProblems.AlreadyRegistered, extensions: new Dictionary<string, object?> { ["certificateNumber"] = existing.CertificateNumber });
            }

            registered = existing;
        }

        var category = subType.NeedsVehicleData && vehicle?.Category is { } given ? given : registered?.Category ?? VehicleCategories.Car;
        var feeItems = VehicleFees.ItemsFor(subType.Code, category, data.NewPlate);
        if (!feeItems.Order(StringComparer.Ordinal).SequenceEqual(context.FeeItems.Order(StringComparer.Ordinal)))
        {
            // §8: the duties follow from the sub-type and the category; the generic route must name the same.
            errors.Add("feeItems", new LocalizedText(
                "§8 бойынша: " + string.Join(", ", feeItems), "По §8: " + string.Join(", ", feeItems), "By §8: " + string.Join(", ", feeItems)));
        }

        if (data.NewPlate && subType.Code is not (VehicleSubTypes.OwnerChange or VehicleSubTypes.DataChange))
        {
            errors.Add(context.Field("newPlate"), new LocalizedText(
                "Тек қайта тіркеуде", "Только при перерегистрации", "Only at a re-registration"));
        }

        if (!errors.IsEmpty)
        {
            return context.ModuleData;
        }

        var normalised = data with
        {
            Vehicle = vehicle is null ? null : vehicle with
            {
                Vin = Normalised(vehicle.Vin),
                ChassisNumber = Normalised(vehicle.ChassisNumber),
                Make = vehicle.Make?.Trim(),
                Model = vehicle.Model?.Trim(),
                Colour = vehicle.Colour?.Trim(),
                Engine = vehicle.Engine?.Trim(),
            },
            CertificateNumber = data.CertificateNumber?.Trim().ToUpperInvariant(),
            MfaReferenceNumber = data.MfaReferenceNumber?.Trim(),
            RegistrationChannel = foreign ? VehicleApplicationData.Mfa : VehicleApplicationData.RoadPolice,
            FeeItems = feeItems,
            VehicleId = registered?.Id,
            PreviousOwnerId = subType.Code == VehicleSubTypes.OwnerChange ? registered?.OwnerId : null,
            Documents = [.. context.Documents.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        };
        return JsonSerializer.SerializeToElement(normalised, PlatformJson.Options);
    }

    private static string? Normalised(string? identifier) => string.IsNullOrWhiteSpace(identifier) ? null : Vin.Normalise(identifier);

    private static void ValidateVehicle(IntakeContext context, VehicleSubType subType, VehicleDetails? vehicle, ValidationErrors errors)
    {
        if (vehicle is null)
        {
            errors.Add(context.Field("vehicle"), CommonMessages.Required);
            return;
        }

        errors.Required(context.Field("vehicle.make"), vehicle.Make);
        if (vehicle.Category is null || !VehicleCategories.All.Contains(vehicle.Category))
        {
            errors.Add(context.Field("vehicle.category"), OneOf(VehicleCategories.All));
        }

        var thisYear = context.Today.Year;
        if (vehicle.Year is not { } year || year < 1900 || year > thisYear + 1)
        {
            errors.Add(context.Field("vehicle.year"), new LocalizedText($"1900–{thisYear + 1}", $"1900–{thisYear + 1}", $"1900–{thisYear + 1}"));
            return;
        }

        if (string.IsNullOrWhiteSpace(vehicle.Vin))
        {
            // Before 1981 a vehicle may carry no 17-character VIN: it is registered by its chassis number.
            if (year >= Vin.FirstVinYear)
            {
                errors.Add(context.Field("vehicle.vin"), CommonMessages.Required);
            }
            else if (!Vin.IsChassisNumber(vehicle.ChassisNumber))
            {
                errors.Add(context.Field("vehicle.chassisNumber"), new LocalizedText(
                    "1981 жылға дейінгі көлік: VIN немесе шасси нөмірі (4–17 латын әрпі не цифр)",
                    "ТС до 1981 года: VIN или номер шасси (4–17 латинских букв или цифр)",
                    "A vehicle built before 1981: a VIN or its chassis number (4–17 Latin letters or digits)"));
            }

            return;
        }

        var problem = Vin.Check(vehicle.Vin);
        if (problem != VinProblem.Valid)
        {
            errors.Add(context.Field("vehicle.vin"), problem switch
            {
                VinProblem.Length => new LocalizedText("VIN 17 таңбадан тұрады", "VIN состоит из 17 знаков", "A VIN has 17 characters"),
                VinProblem.Character => new LocalizedText(
                    "VIN-де тек латын әріптері (I, O, Q-дан басқа) мен цифрлар", "В VIN только латинские буквы (кроме I, O, Q) и цифры",
                    "A VIN has only Latin letters (not I, O or Q) and digits"),
                _ => new LocalizedText(
                    "VIN бақылау цифры (9-таңба) сәйкес келмейді", "Контрольная цифра VIN (9-й знак) не совпадает", "The VIN's check digit (9th character) does not match"),
            });
        }

        _ = subType;
    }

    /// <summary>§17: the design changes (§17.2, with the §12.8–§12.9 documents, §17.1) at submission; the §17.3 registers at decision.</summary>
    public async ValueTask<IReadOnlyList<EligibilityFinding>> CheckEligibilityAsync(EligibilityContext context, CancellationToken cancellationToken)
    {
        var data = VehicleApplicationData.From(context.ModuleData);
        var findings = new List<EligibilityFinding>();
        if (data.DesignChanged && !(data.Documents ?? []).Contains("design-approval"))
        {
            findings.Add(new EligibilityFinding("documents-missing", new LocalizedText(
                "Конструкцияның өзгерісі келісілгені туралы құжат жоқ (§12.9)",
                "Нет документа о согласовании изменения конструкции (§12.9)",
                "No document approving the design change (§12.9)")));
        }

        if (data.DesignChanged && data.DesignCompliant == false)
        {
            findings.Add(new EligibilityFinding("design-changes-non-compliant", new LocalizedText(
                "Конструкцияға енгізілген өзгерістер стандарттар мен ережелерге сай емес (§17.2)",
                "Изменения конструкции не соответствуют стандартам и правилам (§17.2)",
                "The design changes do not meet the standards and rules (§17.2)")));
        }

        if (context is { AtDecision: true, ApplicationId: { } applicationId })
        {
            var checks = ExternalCheckJournal.Answered(await VehiclesStore.ChecksAsync(context.Session, applicationId, cancellationToken));
            var unanswered = VehicleChecks.All.Where(k => !checks.ContainsKey(k.Code)).ToList();
            if (unanswered.Count > 0)
            {
                throw new ProblemException(VehiclesProblems.Unanswered, new LocalizedText(
                        "Жауап жоқ: {0}", "Нет ответа: {0}", "Not answered: {0}").Format(string.Join(", ", unanswered.Select(k => k.Code))),
                    extensions: new Dictionary<string, object?> { ["unansweredChecks"] = unanswered.Select(k => k.Code).ToArray() });
            }

            findings.AddRange(checks.Values.Where(c => c.Answer == "found").Select(c => new EligibilityFinding(VehicleChecks.Ground, new LocalizedText(
                $"{c.Source} ({c.Reference}): §17.3", $"{c.Source} ({c.Reference}): §17.3", $"{c.Source} ({c.Reference}): §17.3"))));
        }

        return findings;
    }

    /// <summary>
    /// Approval writes the register in its transaction: the vehicle (a VIN once: a racing approval of
    /// the same VIN gets 409), a new certificate, a plate from the office's region's pool, the history.
    /// Returns the certificate number, or the transit plate.
    /// </summary>
    public async ValueTask<string?> OnApprovedAsync(LifecycleContext context, CancellationToken cancellationToken)
    {
        var data = VehicleApplicationData.From(context.ModuleData);
        var subType = VehicleSubTypes.Find(context.SubType)!;
        var session = context.Session;
        var today = context.Now.InZone(WorkingCalendar.Zone).Date;
        var owner = context.Applicant.SubjectId;
        var ownerKind = context.Applicant.Kind == ApplicantKind.LegalEntity ? "legal-entity" : "individual";
        var series = ownerKind == "legal-entity" ? Plates.EntitySeries : Plates.IndividualSeries;
        var office = await offices.FindAsync(context.OfficeId, cancellationToken);
        var region = office?.RegionCode is { } code && Plates.RegionCodes.ContainsKey(code)
            ? code
            : throw new ProblemException(VehiclesProblems.OfficeWithoutRegion);
        string? certificate = null;
        string? plate = null;
        string? transit = null;
        Guid? vehicleId = null;
        var vehicle = data.Vehicle;

        switch (subType.Code)
        {
            case VehicleSubTypes.Registration:
            {
                var existing = await VehiclesStore.ByIdentifierAsync(session, vehicle!.Vin, vehicle.ChassisNumber, cancellationToken, forUpdate: true);
                if (existing is { Status: "registered" })
                {
                    throw new ProblemException(VehiclesProblems.AlreadyRegistered, extensions: new Dictionary<string, object?> { ["certificateNumber"] = existing.CertificateNumber });
                }

                certificate = await VehiclesStore.NextCertificateAsync(session, today, cancellationToken);
                var id = existing?.Id ?? Guid.CreateVersion7();
                if (existing is null)
                {
                    // ON CONFLICT DO NOTHING waits for a racing approval of the same VIN and then inserts nothing.
                    var inserted = await session.ExecuteScalarAsync<Guid?>(
                        """
                        INSERT INTO vehicles.vehicles (id, vin, chassis_number, make, model, year, category, colour, engine, owner_id, owner_kind,
                                                       certificate_number, status, region_code, office_id, registered_on)
                        VALUES (@id, @vin, @chassis, @make, @model, @year, @category, @colour, @engine, @owner, @ownerKind,
                                @certificate, 'registered', @region, @office, @today)
                        ON CONFLICT DO NOTHING
                        RETURNING id
                        """,
                        new
                        {
                            id, vin = vehicle.Vin, chassis = vehicle.ChassisNumber, make = vehicle.Make, model = vehicle.Model, year = vehicle.Year,
                            category = vehicle.Category, colour = vehicle.Colour, engine = vehicle.Engine, owner, ownerKind, certificate, region,
                            office = context.OfficeId, today,
                        },
                        cancellationToken);
                    if (inserted is null)
                    {
                        throw new ProblemException(VehiclesProblems.AlreadyRegistered);
                    }
                }
                else
                {
                    await session.ExecuteAsync(
                        """
                        UPDATE vehicles.vehicles SET make = @make, model = @model, year = @year, category = @category, colour = @colour, engine = @engine,
                            owner_id = @owner, owner_kind = @ownerKind, certificate_number = @certificate, status = 'registered',
                            region_code = @region, office_id = @office, registered_on = @today
                        WHERE id = @id
                        """,
                        new
                        {
                            id, make = vehicle.Make, model = vehicle.Model, year = vehicle.Year, category = vehicle.Category, colour = vehicle.Colour,
                            engine = vehicle.Engine, owner, ownerKind, certificate, region, office = context.OfficeId, today,
                        },
                        cancellationToken);
                }

                plate = await VehiclesStore.AllocatePlateAsync(session, region, series, id, vehicle.Vin ?? vehicle.ChassisNumber, context.ApplicationId, context.Now, cancellationToken);
                await session.ExecuteAsync("UPDATE vehicles.vehicles SET plate = @plate WHERE id = @id", new { plate, id }, cancellationToken);
                await VehiclesStore.AppendHistoryAsync(session, id, context.Now, "registered", owner, context.ApplicationId, certificate, plate, null, context.OfficeId, cancellationToken);
                vehicleId = id;
                break;
            }

            case VehicleSubTypes.OwnerChange or VehicleSubTypes.DataChange:
            {
                var current = await LockRegisteredAsync(session, data, cancellationToken);
                certificate = await VehiclesStore.NextCertificateAsync(session, today, cancellationToken);
                plate = current.Plate;
                // A plate is of its region: a vehicle re-registered in another region, or when asked, gets a new one.
                var ownerChange = subType.Code == VehicleSubTypes.OwnerChange;
                if (data.NewPlate || current.RegionCode != region || plate is null)
                {
                    if (plate is not null)
                    {
                        await VehiclesStore.ReturnPlateAsync(session, plate, context.Now, cancellationToken);
                    }

                    await session.ExecuteAsync("UPDATE vehicles.vehicles SET plate = NULL WHERE id = @id", new { id = current.Id }, cancellationToken);
                    plate = await VehiclesStore.AllocatePlateAsync(session, region, series, current.Id, current.Vin ?? current.ChassisNumber, context.ApplicationId, context.Now, cancellationToken);
                }

                await session.ExecuteAsync(
                    """
                    UPDATE vehicles.vehicles SET owner_id = @owner, owner_kind = @ownerKind, certificate_number = @certificate, plate = @plate,
                        region_code = @region, office_id = @office,
                        make = COALESCE(@make, make), model = COALESCE(@model, model), year = COALESCE(@year, year),
                        category = COALESCE(@category, category), colour = COALESCE(@colour, colour), engine = COALESCE(@engine, engine)
                    WHERE id = @id
                    """,
                    new
                    {
                        id = current.Id, owner = ownerChange ? owner : current.OwnerId, ownerKind = ownerChange ? ownerKind : current.OwnerKind, certificate, plate,
                        region, office = context.OfficeId, make = vehicle?.Make, model = vehicle?.Model, year = vehicle?.Year, category = vehicle?.Category,
                        colour = vehicle?.Colour, engine = vehicle?.Engine,
                    },
                    cancellationToken);
                var details = ownerChange ? "previous owner " + current.OwnerId : Changes(current, vehicle);
                await VehiclesStore.AppendHistoryAsync(session, current.Id, context.Now, ownerChange ? "owner-changed" : "data-changed",
                    ownerChange ? owner : current.OwnerId, context.ApplicationId, certificate, plate, details, context.OfficeId, cancellationToken);
                vehicleId = current.Id;
                break;
            }

            case VehicleSubTypes.Deregistration:
            {
                var current = await LockRegisteredAsync(session, data, cancellationToken);
                if (current.Plate is not null)
                {
                    await VehiclesStore.ReturnPlateAsync(session, current.Plate, context.Now, cancellationToken);
                }

                await session.ExecuteAsync("UPDATE vehicles.vehicles SET status = 'deregistered', plate = NULL WHERE id = @id", new { id = current.Id }, cancellationToken);
                await VehiclesStore.AppendHistoryAsync(session, current.Id, context.Now, "deregistered", current.OwnerId, context.ApplicationId, current.CertificateNumber, current.Plate, null, context.OfficeId, cancellationToken);
                (certificate, plate, vehicleId) = (current.CertificateNumber, null, current.Id);
                break;
            }

            case VehicleSubTypes.DuplicateCertificate:
            {
                var current = await LockRegisteredAsync(session, data, cancellationToken);
                certificate = await VehiclesStore.NextCertificateAsync(session, today, cancellationToken);
                await session.ExecuteAsync("UPDATE vehicles.vehicles SET certificate_number = @certificate WHERE id = @id", new { certificate, id = current.Id }, cancellationToken);
                await VehiclesStore.AppendHistoryAsync(session, current.Id, context.Now, "duplicate-certificate", current.OwnerId, context.ApplicationId, certificate, current.Plate,
                    "replaces " + current.CertificateNumber, context.OfficeId, cancellationToken);
                (plate, vehicleId) = (current.Plate, current.Id);
                break;
            }

            case VehicleSubTypes.TransitPlates:
            {
                var existing = await VehiclesStore.ByIdentifierAsync(session, vehicle!.Vin, vehicle.ChassisNumber, cancellationToken, forUpdate: true);
                if (existing is { Status: "registered" })
                {
                    throw new ProblemException(VehiclesProblems.AlreadyRegistered, extensions: new Dictionary<string, object?> { ["certificateNumber"] = existing.CertificateNumber });
                }

                transit = await VehiclesStore.AllocatePlateAsync(session, region, Plates.TransitSeries, existing?.Id, vehicle.Vin ?? vehicle.ChassisNumber, context.ApplicationId, context.Now, cancellationToken);
                if (existing is not null)
                {
                    await VehiclesStore.AppendHistoryAsync(session, existing.Id, context.Now, "transit-plate", owner, context.ApplicationId, null, transit, null, context.OfficeId, cancellationToken);
                }

                vehicleId = existing?.Id;
                break;
            }
        }

        await session.ExecuteAsync(
            """
            INSERT INTO vehicles.outcomes (application_id, vehicle_id, sub_type, certificate_number, plate, transit_plate)
            VALUES (@applicationId, @vehicleId, @subType, @certificate, @plate, @transit)
            """,
            new { applicationId = context.ApplicationId, vehicleId, subType = subType.Code, certificate, plate, transit },
            cancellationToken);
        return transit ?? certificate;
    }

    private static string Changes(VehicleRecord current, VehicleDetails? next)
    {
        if (next is null)
        {
            return "";
        }

        var changes = new List<string>();
        void Compare(string name, object? before, object? after)
        {
            if (after is not null && !Equals(before, after))
            {
                changes.Add($"{name}: {before} → {after}");
            }
        }

        Compare("make", current.Make, next.Make);
        Compare("model", current.Model, next.Model);
        Compare("year", current.Year, next.Year);
        Compare("category", current.Category, next.Category);
        Compare("colour", current.Colour, next.Colour);
        Compare("engine", current.Engine, next.Engine);
        return string.Join("; ", changes);
    }

    private static async Task<VehicleRecord> LockRegisteredAsync(Kazgov.Kernel.Data.DbSession session, VehicleApplicationData data, CancellationToken cancellationToken)
    {
        var current = await VehiclesStore.ByIdAsync(session, data.VehicleId!.Value, cancellationToken, forUpdate: true)
            ?? throw new ProblemException(VehiclesProblems.VehicleNotFound);
        return current.Status == "registered" ? current : throw new ProblemException(VehiclesProblems.NotRegistered);
    }

    /// <summary>§16: handed over against signature (the lifecycle requires it, in the §7-note windows); the history shows it.</summary>
    public async ValueTask OnIssuingAsync(LifecycleContext context, CancellationToken cancellationToken)
    {
        var outcome = await VehiclesStore.OutcomeAsync(context.Session, context.ApplicationId, cancellationToken);
        await context.Session.ExecuteAsync("UPDATE vehicles.outcomes SET handed_over_at = @now WHERE application_id = @id", new { now = context.Now, id = context.ApplicationId }, cancellationToken);
        if (outcome?.VehicleId is { } vehicleId)
        {
            var vehicle = await VehiclesStore.ByIdAsync(context.Session, vehicleId, cancellationToken);
            await VehiclesStore.AppendHistoryAsync(context.Session, vehicleId, context.Now, "handed-over", vehicle?.OwnerId ?? context.Applicant.SubjectId, context.ApplicationId,
                outcome.CertificateNumber, outcome.Plate ?? outcome.TransitPlate, null, context.OfficeId, cancellationToken);
        }
    }
}
