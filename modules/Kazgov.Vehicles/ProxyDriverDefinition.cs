using System.Globalization;
using System.Text.Json;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Licensing.Contracts;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Calendar;
using Kazgov.Vehicles.Domain;
using NodaTime;

namespace Kazgov.Vehicles;

/// <summary>
/// proxy-driver-registration (standard 9, seed lines 15231–15464): the vehicle named by its
/// registration certificate (§12.1) and found in the register; the power of attorney (§12.2), given by
/// the registered owner, with its dates; the driver's licence of the vehicle's category, asked of the
/// Licensing module through <see cref="IDrivingRights"/>. Refusal grounds §15: documents-missing (a
/// power of attorney not the owner's or not in force), traffic-participation-prohibited (the vehicle
/// deregistered, the licence absent, not of the category, not in force, or its holder banned).
/// </summary>
internal sealed class ProxyDriverDefinition(IDrivingRights drivingRights) : IServiceDefinition
{
    public const string Code = "proxy-driver-registration";

    public string ServiceCode => Code;

    public LocalizedText? NextSteps => new(
        "Қызметтік белгісі бар сенімхат пен құжаттар жеке куәлікті көрсеткенде тіркеу тізіліміне қол қойылып қайтарылады (§14).",
        "Доверенность со служебной отметкой и документы возвращаются под роспись в реестре регистрации при предъявлении удостоверения личности (§14).",
        "The power of attorney with the service mark and the documents are handed back against signature in the register on showing an identity card (§14).");

    public async ValueTask<JsonElement> ValidateIntakeAsync(IntakeContext context, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var data = ModuleData.Read<ProxyDriverApplicationData>(context.ModuleData, context.ModuleDataPath, errors);
        if (data is null)
        {
            return context.ModuleData;
        }

        if (context.Applicant.Kind == ApplicantKind.LegalEntity)
        {
            errors.Add("applicant.kind", new LocalizedText("Жеке тұлға болуы керек (§6)", "Должно быть физическое лицо (§6)", "Must be a person (§6)"));
        }

        errors.Required(context.Field("certificateNumber"), data.CertificateNumber);
        errors.Required(context.Field("licenceNumber"), data.LicenceNumber);
        var poa = data.PowerOfAttorney;
        if (poa is null)
        {
            errors.Add(context.Field("powerOfAttorney"), CommonMessages.Required);
        }
        else
        {
            errors.Required(context.Field("powerOfAttorney.number"), poa.Number);
            errors.Required(context.Field("powerOfAttorney.issuedBy"), poa.IssuedBy);
            if (poa.IssuedOn is null)
            {
                errors.Add(context.Field("powerOfAttorney.issuedOn"), CommonMessages.Required);
            }

            if (poa.ValidUntil is null)
            {
                errors.Add(context.Field("powerOfAttorney.validUntil"), CommonMessages.Required);
            }
            else if (poa.IssuedOn is { } issued && poa.ValidUntil < issued)
            {
                errors.Add(context.Field("powerOfAttorney.validUntil"), new LocalizedText(
                    "Берілген күннен кейін болуы керек", "Должна быть не раньше даты выдачи", "Must not be before the issue date"));
            }
        }

        if (!errors.IsEmpty)
        {
            return context.ModuleData;
        }

        // §12.1: the certificate names a vehicle of the register.
        var vehicle = await VehiclesStore.ByCertificateAsync(context.Session, data.CertificateNumber!, cancellationToken)
            ?? throw new ProblemException(VehiclesProblems.CertificateUnknown, extensions: new Dictionary<string, object?> { ["certificateNumber"] = data.CertificateNumber });
        var normalised = data with
        {
            CertificateNumber = data.CertificateNumber!.Trim().ToUpperInvariant(),
            LicenceNumber = data.LicenceNumber!.Trim().ToUpperInvariant(),
            PowerOfAttorney = poa! with { Number = poa.Number!.Trim(), IssuedBy = poa.IssuedBy!.Trim() },
            VehicleId = vehicle.Id,
            VehicleCategory = vehicle.Category,
            LicenceCategory = VehicleCategories.LicenceCategory(vehicle.Category),
        };
        return JsonSerializer.SerializeToElement(normalised, PlatformJson.Options);
    }

    /// <summary>The §15 grounds, judged at submission and again on the day of decision.</summary>
    public async ValueTask<IReadOnlyList<EligibilityFinding>> CheckEligibilityAsync(EligibilityContext context, CancellationToken cancellationToken)
    {
        var data = ProxyDriverApplicationData.From(context.ModuleData);
        var findings = new List<EligibilityFinding>();
        var vehicle = data.VehicleId is { } id ? await VehiclesStore.ByIdAsync(context.Session, id, cancellationToken) : null;
        var poa = data.PowerOfAttorney!;
        if (vehicle is null || vehicle.Status != "registered")
        {
            findings.Add(new EligibilityFinding("traffic-participation-prohibited", new LocalizedText(
                "Көлік құралы тіркеуден шығарылған (§15.2)", "Транспортное средство снято с учёта (§15.2)", "The vehicle is deregistered (§15.2)")));
        }
        else if (poa.IssuedBy != vehicle.OwnerId)
        {
            findings.Add(new EligibilityFinding("documents-missing", new LocalizedText(
                "Сенімхатты көлік құралының тіркелген иесі бермеген (§12.2, §15.1)",
                "Доверенность выдана не зарегистрированным владельцем (§12.2, §15.1)",
                "The power of attorney is not given by the registered owner (§12.2, §15.1)")));
        }

        if (poa.IssuedOn > context.Today || poa.ValidUntil < context.Today)
        {
            var until = poa.ValidUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            findings.Add(new EligibilityFinding("documents-missing", new LocalizedText(
                $"Сенімхат бүгін күшінде емес (мерзімі {until}) (§15.1)", $"Доверенность сегодня не действует (срок {until}) (§15.1)",
                $"The power of attorney is not in force today (valid until {until}) (§15.1)")));
        }

        var standing = await drivingRights.CheckLicenceAsync(data.LicenceNumber!, data.LicenceCategory!, context.Today, cancellationToken);
        var banned = context.Applicant.Iin is { } iin && await drivingRights.IsBannedFromDrivingAsync(iin, context.Today, cancellationToken);
        // The licence must be the applicant's own (identified under §12.3 [L15282]): one held by someone else proves nothing about the driver.
        var heldByDriver = standing.IsHeldBy(context.Applicant.Iin);
        if (!standing.ValidOn || banned || !heldByDriver)
        {
            var reason = !standing.Exists ? new LocalizedText("жүргізуші куәлігі тізілімде жоқ", "водительского удостоверения нет в реестре", "the driving licence is not in the register")
                : !heldByDriver ? new LocalizedText("куәлік басқа адамға берілген", "удостоверение выдано другому лицу", "the licence was issued to another person")
                : !standing.InForce ? new LocalizedText("куәлік күшінде емес", "удостоверение не действует", "the licence is not in force")
                : !standing.HasCategory ? new LocalizedText($"куәлікте {data.LicenceCategory} санаты жоқ", $"в удостоверении нет категории {data.LicenceCategory}", $"the licence has no category {data.LicenceCategory}")
                : new LocalizedText("жүргізу құқығынан айырылған", "лишён права управления", "deprived of the right to drive");
            findings.Add(new EligibilityFinding("traffic-participation-prohibited", new LocalizedText(
                "Жол қозғалысына қатысуға болмайды: " + reason.Kk + " (§15.2)", "Участие в дорожном движении не допускается: " + reason.Ru + " (§15.2)",
                "May not take part in road traffic: " + reason.En + " (§15.2)")));
        }

        return findings;
    }

    /// <summary>Approval enters the driver into the proxy register (PD…), tied to the vehicle and its owner's power of attorney.</summary>
    public async ValueTask<string?> OnApprovedAsync(LifecycleContext context, CancellationToken cancellationToken)
    {
        var data = ProxyDriverApplicationData.From(context.ModuleData);
        var today = context.Now.InZone(WorkingCalendar.Zone).Date;
        var sequence = await context.Session.ExecuteScalarAsync<long>("SELECT nextval('vehicles.proxy_numbers')", cancellationToken: cancellationToken);
        var number = string.Create(CultureInfo.InvariantCulture, $"PD{today.Year % 100:D2}-{sequence:D7}");
        var poa = data.PowerOfAttorney!;
        await context.Session.ExecuteAsync(
            """
            INSERT INTO vehicles.proxy_drivers (number, application_id, vehicle_id, driver_id, licence_number, licence_category, poa_number, poa_issued_on,
                                                poa_valid_until, poa_issued_by, poa_notarised, registered_on, office_id)
            VALUES (@number, @applicationId, @vehicleId, @driver, @licence, @category, @poaNumber, @issuedOn, @validUntil, @issuedBy, @notarised, @today, @office)
            """,
            new
            {
                number, applicationId = context.ApplicationId, vehicleId = data.VehicleId, driver = context.Applicant.SubjectId, licence = data.LicenceNumber,
                category = data.LicenceCategory, poaNumber = poa.Number, issuedOn = poa.IssuedOn, validUntil = poa.ValidUntil, issuedBy = poa.IssuedBy,
                notarised = poa.Notarised, today, office = context.OfficeId,
            },
            cancellationToken);
        var vehicle = await VehiclesStore.ByIdAsync(context.Session, data.VehicleId!.Value, cancellationToken);
        await VehiclesStore.AppendHistoryAsync(context.Session, data.VehicleId.Value, context.Now, "proxy-registered", vehicle!.OwnerId, context.ApplicationId,
            vehicle.CertificateNumber, vehicle.Plate, number + " until " + poa.ValidUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), context.OfficeId, cancellationToken);
        return number;
    }

    /// <summary>§14: the power of attorney with the service mark is handed back against signature.</summary>
    public async ValueTask OnIssuingAsync(LifecycleContext context, CancellationToken cancellationToken) =>
        await context.Session.ExecuteAsync("UPDATE vehicles.proxy_drivers SET handed_back_at = @now WHERE application_id = @id",
            new { now = context.Now, id = context.ApplicationId }, cancellationToken);
}
