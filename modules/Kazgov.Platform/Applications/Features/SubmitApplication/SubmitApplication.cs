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

        var group = service.Documents.FirstOrDefault(g => g.ApplicantType == request.ApplicantType && g.AdditionalTo is null);
        if (group is null)
        {
            var types = string.Join(", ", service.Documents.Where(g => g.AdditionalTo is null).Select(g => g.ApplicantType));
            errors.Add("applicantType", new LocalizedText(
                "Қызметте мұндай өтініш беруші түрі жоқ: " + types,
                "У услуги нет такого типа заявителя: " + types,
                "The service has no such applicant type: " + types));
        }

        var feeItems = IntakeRules.FeeItemsOf(service, request.FeeItems, errors);
        if (request.FeeExemption is not null && !feeItems.SelectMany(i => i.Exemptions).Any(e => e.Code == request.FeeExemption))
        {
            errors.Add("feeExemption", new LocalizedText("Бұл қызметтің бажында мұндай жеңілдік жоқ", "Для пошлины этой услуги нет такой льготы", "The duty of this service has no such exemption"));
        }

        var presented = (request.Documents ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (group is not null)
        {
            var known = service.Documents.Where(g => g == group || g.AdditionalTo == group.ApplicantType).SelectMany(g => g.Items).Select(i => i.Code).ToHashSet();
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
            };
            moduleData = await definition.ValidateIntakeAsync(intake, errors, cancellationToken);
            if (errors.IsEmpty)
            {
                exemptions = definition.DocumentExemptions(intake, moduleData);
            }
        }

        errors.ThrowIfAny();

        // §12 of every standard: all documents handed in, or nothing is accepted (refusal ground 1 where the standard lists one).
        // A document the catalogue exempts the applicant's group from is not demanded (permanent-residence §12 note).
        var missing = group!.Items.Where(i => i.Mandatory && !presented.Contains(i.Code) && !i.ExemptFor.Any(exemptions.Contains)).ToList();
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
            : await definition.CheckEligibilityAsync(new EligibilityContext(service.Code, request.SubType, group.ApplicantType, applicant, moduleData, today, session), cancellationToken);
        IntakeRules.EnsureGroundsOfService(service, findings.Select(f => f.RefusalGround));

        var (variant, deadline) = await deadlines.ComputeAsync(service.Code, request.TermVariant, now, office.Id, Duration.Zero, cancellationToken);
        var id = Guid.CreateVersion7();
        await store.InsertAsync(
            new NewApplication(
                id,
                await store.NextRegistrationNumberAsync(office.Id, today.Year, cancellationToken),
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
                request.FeeExemption,
                variant.Code,
                variant.Iso8601Term,
                now,
                actor.Id,
                actor.DisplayName,
                actor.Position,
                deadline.DueAt,
                moduleData.GetRawText(),
                JsonSerializer.Serialize(findings, PlatformJson.Options)),
            cancellationToken);
        await store.AppendEventAsync(id, "submit", null, ApplicationStatus.Submitted, null, now, cancellationToken);
        foreach (var receipt in request.Receipts ?? [])
        {
            if (!await store.InsertReceiptAsync(id, receipt, now, cancellationToken))
            {
                throw IntakeRules.ReceiptAlreadyRecorded(receipt);
            }
        }

        var row = (await store.FindAsync(id, forUpdate: false, cancellationToken))!;
        await events.PublishAsync(new ApplicationStatusChanged(id, row.RegistrationNumber, service.Code, office.Id, null, row.Status, now), cancellationToken);
        await reader.AuditAsync("application.submit", row, cancellationToken);
        session.AfterCommit(() => metrics.ApplicationSubmitted(service.Code, office.Id));
        return new SubmittedApplication(await reader.ViewAsync(row, cancellationToken), await reader.SlipAsync(row, cancellationToken));
    }
}
