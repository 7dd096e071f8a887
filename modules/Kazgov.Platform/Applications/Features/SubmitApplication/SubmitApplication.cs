using System.Text.Json;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Events;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Observability;
using Kazgov.Platform.Offices;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Mediator;
using NodaTime;

namespace Kazgov.Platform.Applications.Features.SubmitApplication;

/// <summary>
/// Submission (every standard's §12): the catalogue's checklist for the applicant type, the module's
/// intake rules, its eligibility findings, the registration number and the acknowledgement slip.
/// </summary>
/// <param name="ModuleDataPath">"moduleData" on the generic route; "" when a module's typed route built the request.</param>
internal sealed record SubmitApplication(SubmitApplicationRequest Request, string ModuleDataPath = "moduleData") : ICommand<SubmittedApplication>;

internal sealed class SubmitApplicationHandler(
    DbSession session,
    ApplicationStore store,
    ApplicationReader reader,
    ServiceCatalogue catalogue,
    DeadlineService deadlines,
    IOfficeDirectory offices,
    ICurrentActor actor,
    IClock clock,
    ServiceDefinitions definitions,
    IntegrationEvents events,
    KazgovMetrics metrics) : ICommandHandler<SubmitApplication, SubmittedApplication>
{
    public async ValueTask<SubmittedApplication> Handle(SubmitApplication command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var now = clock.GetCurrentInstant();
        var today = now.InZone(WorkingCalendar.Zone).Date;
        var errors = new ValidationErrors();
        errors.Required("service", request.Service);
        errors.Required("officeId", request.OfficeId);
        errors.Required("applicantType", request.ApplicantType);
        ApplicantValidation.Validate(request.Applicant, "applicant", today, errors);
        ApplicantValidation.Validate(request.Representative, "representative", errors);
        errors.ThrowIfAny();

        var service = catalogue.Find(request.Service!) ?? throw ServiceTermsProblems.UnknownServiceCode(request.Service!);
        var office = await offices.FindAsync(request.OfficeId!, cancellationToken);
        if (office is null || office.Retired)
        {
            // A retired office stays readable for its old applications but takes no new ones.
            throw new ProblemException(OfficeProblems.OfficeNotFound, extensions: new Dictionary<string, object?> { ["office"] = request.OfficeId });
        }

        if (!office.Services.Contains(service.Code))
        {
            throw new ProblemException(ApplicationProblems.ServiceNotOffered, new LocalizedText(
                "«{0}» бөлімшесі «{1}» қызметін көрсетпейді",
                "Подразделение «{0}» не оказывает услугу «{1}»",
                "The office '{0}' does not provide the service '{1}'").Format(office.Name, service.Code));
        }

        IntakeRules.EnsureMaySubmit(actor, office.Id, service.Code);
        var channel = IntakeRules.ChannelOf(actor, request.Channel, errors);
        var definition = definitions.Find(service.Code);
        if (request.SubType is not null && !(definition?.SubTypes ?? []).Contains(request.SubType))
        {
            errors.Add("subType", new LocalizedText("Қызметтің мұндай түрі жоқ", "У услуги нет такого вида", "The service has no such sub-type"));
        }

        // Where the document groups are named after the catalogue's applicants (citizenship: category-1..8),
        // those are the applicant types, and one "additionalTo" a base group (citizenship §12.1: each
        // category's documents on top of the common list) brings the base group's items along. Elsewhere
        // the groups without additionalTo are the types, and an additional group is an optional add-on
        // (temporary-registration's stay over six months).
        var named = service.Documents.Where(g => service.Applicants.Any(a => a.Code == g.ApplicantType)).ToList();
        var applicantTypes = named.Count > 0 ? named : [.. service.Documents.Where(g => g.AdditionalTo is null)];
        var group = applicantTypes.FirstOrDefault(g => g.ApplicantType == request.ApplicantType);
        var checklist = group is null
            ? []
            : group.AdditionalTo is { } baseType
                ? [.. service.Documents.Where(g => g.ApplicantType == baseType).SelectMany(g => g.Items), .. group.Items]
                : group.Items.ToList();
        if (group is null)
        {
            var types = string.Join(", ", applicantTypes.Select(g => g.ApplicantType));
            errors.Add("applicantType", new LocalizedText(
                "Қызметте мұндай өтініш беруші түрі жоқ: " + types,
                "У услуги нет такого типа заявителя: " + types,
                "The service has no such applicant type: " + types));
        }

        // A sub-type no fee item covers (the module says which) is taken without fee items.
        var dutyFree = request.SubType is not null && definition is not null && definition.DutyFreeSubTypes.Contains(request.SubType)
            && request.FeeItems is null or { Count: 0 };
        var feeItems = dutyFree ? [] : IntakeRules.FeeItemsOf(service, request.FeeItems, errors);
        if (request.FeeExemption is not null && !feeItems.SelectMany(i => i.Exemptions).Any(e => e.Code == request.FeeExemption))
        {
            errors.Add("feeExemption", new LocalizedText("Бұл қызметтің бажында мұндай жеңілдік жоқ", "Для пошлины этой услуги нет такой льготы", "The duty of this service has no such exemption"));
        }

        var presented = (request.Documents ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (group is not null)
        {
            var known = checklist.Concat(service.Documents.Where(g => g.AdditionalTo == group.ApplicantType).SelectMany(g => g.Items)).Select(i => i.Code).ToHashSet();
            foreach (var unknown in presented.Where(code => !known.Contains(code)))
            {
                errors.Add("documents", new LocalizedText("Белгісіз құжат: " + unknown, "Неизвестный документ: " + unknown, "Unknown document: " + unknown));
            }
        }

        IntakeRules.ValidateReceipts(request.Receipts, feeItems, today, errors, "receipts");
        var applicant = request.Applicant! with
        {
            BirthDate = request.Applicant!.BirthDate
                ?? (Kazgov.Kernel.Identifiers.Iin.TryParse(request.Applicant.Iin, out var iin, out _) ? iin!.BirthDate : null),
        };
        var moduleData = request.ModuleData is { } given && given.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? given
            : JsonDocument.Parse("{}").RootElement;
        IReadOnlyCollection<string> exemptions = [];
        var feeExemption = request.FeeExemption;
        if (moduleData.ValueKind is not JsonValueKind.Object)
        {
            errors.Add(command.ModuleDataPath.Length == 0 ? "body" : command.ModuleDataPath, new LocalizedText("JSON объектісі болуы керек", "Должен быть объектом JSON", "Must be a JSON object"));
        }
        else if (definition is not null && group is not null)
        {
            // The module's intake rules run here, whichever route was used: the generic route cannot bypass them.
            var intake = new IntakeContext(service.Code, request.SubType, group.ApplicantType, applicant, moduleData, command.ModuleDataPath, today, session)
            {
                Documents = presented,
                FeeItems = [.. feeItems.Select(item => item.Code)],
                FeeExemption = request.FeeExemption,
            };
            moduleData = await definition.ValidateIntakeAsync(intake, errors, cancellationToken);
            if (errors.IsEmpty)
            {
                exemptions = definition.DocumentExemptions(intake, moduleData);
                feeExemption = definition.GrantedFeeExemption(intake, moduleData);
            }
        }

        errors.ThrowIfAny();

        // §12 of every standard: all documents handed in, or nothing is accepted (refusal ground 1 where the standard lists one).
        // A document the catalogue exempts the applicant's group from is not demanded (permanent-residence §12 note).
        // An exemption from the duty granted (the catalogue's fee exemption code) spares the receipt where the item names it.
        var exemptGroups = feeExemption is null ? exemptions : [.. exemptions, feeExemption];
        var missing = checklist.Where(i => i.Mandatory && !presented.Contains(i.Code) && !i.ExemptFor.Any(exemptGroups.Contains)).ToList();
        if (missing.Count > 0)
        {
            throw new ProblemException(ApplicationProblems.DocumentsMissing, new LocalizedText(
                    "Ұсынылмаған: " + string.Join("; ", missing.Select(m => m.Text.Kk)),
                    "Не представлены: " + string.Join("; ", missing.Select(m => m.Text.Ru)),
                    "Missing: " + string.Join("; ", missing.Select(m => m.Text.En))),
                extensions: new Dictionary<string, object?>
                {
                    ["missing"] = missing.Select(m => new { code = m.Code, text = m.Text.ToLocalized(), source = m.Source }).ToArray(),
                });
        }

        var findings = definition is null
            ? []
            : await definition.CheckEligibilityAsync(new EligibilityContext(service.Code, request.SubType, group!.ApplicantType, applicant, moduleData, today, session), cancellationToken);
        IntakeRules.EnsureGroundsOfService(service, findings.Select(f => f.RefusalGround));

        var (variant, deadline) = await deadlines.ComputeAsync(service.Code, TermVariantOf(service, group!.ApplicantType, request.TermVariant), now, office.Id, Duration.Zero, cancellationToken);
        var id = Guid.CreateVersion7();
        var requestedReceipts = request.Receipts ?? [];
        var (row, stored) = await store.InsertSubmittedAsync(
            new NewApplication(
                id,
                service.Code,
                request.SubType,
                office.Id,
                channel,
                group.ApplicantType,
                JsonSerializer.Serialize(applicant, PlatformJson.Options),
                applicant.SubjectId,
                request.Representative is null ? null : JsonSerializer.Serialize(request.Representative, PlatformJson.Options),
                [.. presented],
                [.. feeItems.Select(i => i.Code)],
                feeExemption,
                variant.Code,
                variant.Iso8601Term,
                now,
                actor.Id,
                actor.DisplayName,
                actor.Position,
                deadline.DueAt,
                moduleData.GetRawText(),
                JsonSerializer.Serialize(findings, PlatformJson.Options)),
            today.Year,
            requestedReceipts,
            cancellationToken);
        var receipts = new List<ReceiptView>(stored.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            // The transaction is rolled back: nothing of this submission is kept.
            receipts.Add(stored[i] ?? throw IntakeRules.ReceiptAlreadyRecorded(requestedReceipts[i]));
        }

        await events.PublishAsync(new ApplicationStatusChanged(id, row.RegistrationNumber, service.Code, office.Id, null, row.Status, now, Sequence: 1, SubmittedBy: row.SubmittedBy), cancellationToken);
        await reader.AuditAsync("application.submit", row, cancellationToken);
        session.AfterCommit(() => metrics.ApplicationSubmitted(service.Code, office.Id));
        return new SubmittedApplication(await reader.ViewOfSubmittedAsync(row, receipts, cancellationToken), await reader.SlipAsync(row, cancellationToken));
    }

    /// <summary>
    /// A term variant that names its applicants (citizenship §7: three months for categories 2 and 3,
    /// six for the others) follows the applicant type; it is not the caller's choice. Other services
    /// keep the variant asked for.
    /// </summary>
    private static string? TermVariantOf(ServiceEntry service, string applicantType, string? requested)
    {
        var variants = service.Terms.Variants;
        if (variants.All(v => v.Applicants.Count == 0))
        {
            return requested;
        }

        var own = variants.FirstOrDefault(v => v.Applicants.Contains(applicantType));
        if (own is null)
        {
            return requested;
        }

        if (requested is not null && requested.Trim() != own.Code)
        {
            var errors = new ValidationErrors();
            errors.Add("termVariant", new LocalizedText(
                "Мерзім өтініш берушінің түріне байланысты: " + own.Code,
                "Срок зависит от типа заявителя: " + own.Code,
                "The term follows the applicant type: " + own.Code));
            errors.ThrowIfAny();
        }

        return own.Code;
    }
}
