using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Platform.Fees;
using Kazgov.Kernel.Localization;
using Kazgov.Platform.Offices;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using NodaTime;

namespace Kazgov.Platform.Applications;

/// <summary>
/// Reads applications as callers see them: the one place that loads a row with the actor's read
/// check, and composes the view, the fee status, the acknowledgement slip and the audit record of
/// each read of personal data.
/// </summary>
internal sealed class ApplicationReader(
    ApplicationStore store,
    ServiceCatalogue catalogue,
    MciStore mci,
    IOfficeDirectory offices,
    IAuditTrail audit,
    ICurrentActor actor,
    IClock clock,
    ServiceDefinitions definitions,
    HandOverWindows handOver)
{
    /// <summary>An application the actor may not read does not exist for them (404): ids cannot be probed.</summary>
    public async Task<ApplicationRow> LoadReadableAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await store.FindAsync(id, forUpdate: false, cancellationToken);
        if (row is null || !actor.CanRead(row.OfficeId, row.ServiceCode, row.SubmittedBy))
        {
            throw new ProblemException(ApplicationProblems.ApplicationNotFound);
        }

        return row;
    }

    public async Task<ApplicationView> ViewAsync(Guid id, CancellationToken cancellationToken) =>
        await ViewAsync(await store.FindAsync(id, forUpdate: false, cancellationToken) ?? throw new ProblemException(ApplicationProblems.ApplicationNotFound), cancellationToken);

    public async Task<ApplicationView> ViewAsync(ApplicationRow row, CancellationToken cancellationToken)
    {
        var (receipts, refusal, issuance) = await store.DetailsAsync(row.Id, cancellationToken);
        return await ViewAsync(row, receipts, refusal, issuance, cancellationToken);
    }

    /// <summary>
    /// The view of an application just submitted in this transaction: its receipts are the ones the
    /// submission inserted, in the order given, which is the order <see cref="ApplicationStore.ReceiptsAsync"/>
    /// reads them (<see cref="ApplicationStore.InsertSubmittedAsync"/> gives them ascending ids), and a
    /// new application has no refusal or issuance, so nothing is read back.
    /// </summary>
    public async Task<ApplicationView> ViewOfSubmittedAsync(ApplicationRow row, IReadOnlyList<ReceiptView> inserted, CancellationToken cancellationToken) =>
        await ViewAsync(row, inserted, refusal: null, issuance: null, cancellationToken);

    private async Task<ApplicationView> ViewAsync(ApplicationRow row, IReadOnlyList<ReceiptView> receipts, RefusalView? refusal, IssuanceView? issuance, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var status = row.StatusValue;
        return new ApplicationView(
            row.Id, row.RegistrationNumber, row.ServiceCode, row.SubType, row.OfficeId, row.Channel, row.Status,
            ApplicationLifecycle.AllowedActions(status).Select(a => a.ToCode()).ToList(),
            row.ApplicantType, row.ApplicantValue, row.RepresentativeValue, row.Documents,
            await FeesAsync(row, receipts, cancellationToken), receipts,
            row.TermVariant, row.Term, row.AcceptedAt, AcceptingOfficial.Of(row.AcceptedBy, row.AcceptedByName, row.AcceptedByPosition),
            row.DueAt, DueDateOf(row.DueAt), !ApplicationLifecycle.IsFinal(status) && row.DueAt <= now, row.SuspendedSince,
            row.FindingsValue, row.ResultReference, refusal, issuance, row.ModuleDataValue, row.Version);
    }

    public async Task<FeeStatus> FeesAsync(ApplicationRow row, CancellationToken cancellationToken) =>
        await FeesAsync(row, await store.ReceiptsAsync(row.Id, cancellationToken), cancellationToken);

    /// <summary>
    /// Each item is priced at the MCI in force on the day it was paid (the first receipt's date), or
    /// today while nothing is paid; it is settled when its receipts cover that amount.
    /// </summary>
    private async Task<FeeStatus> FeesAsync(ApplicationRow row, IReadOnlyList<ReceiptView> receipts, CancellationToken cancellationToken)
    {
        var service = catalogue.Find(row.ServiceCode)!;
        var today = clock.GetCurrentInstant().InZone(WorkingCalendar.Zone).Date;
        var table = await mci.LoadAsync(cancellationToken);
        var lines = new List<FeeLineStatus>();
        foreach (var item in service.Fees.Items.Where(i => row.FeeItems.Contains(i.Code)))
        {
            var paid = receipts.Where(r => r.Item == item.Code).ToList();
            var priceDate = paid.Count > 0 ? paid.Min(r => r.PaidOn) : today;
            var rate = table.InForceOn(priceDate) ?? table.Rates[0];
            var due = FeeCalculator.Amount(rate.Value, item.PercentOfMci);
            var sum = paid.Sum(r => r.Amount);
            lines.Add(new FeeLineStatus(item.Code, item.PercentOfMci, priceDate, rate.Value, due, sum, sum >= due));
        }

        var exempt = row.FeeExemption is not null;
        return new FeeStatus(service.Fees.Free, row.FeeExemption, lines, lines.Sum(l => l.AmountDue), lines.Sum(l => l.Paid),
            service.Fees.Free || exempt || lines.All(l => l.Settled));
    }

    public async Task<AcknowledgementSlip> SlipAsync(ApplicationRow row, CancellationToken cancellationToken)
    {
        var office = await offices.FindAsync(row.OfficeId, cancellationToken);
        var service = catalogue.Find(row.ServiceCode)!;
        var local = row.AcceptedAt.InZone(WorkingCalendar.Zone).LocalDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var due = DueDateOf(row.DueAt).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        var next = new LocalizedText(
            $"Өтінішіңіз {due} дейін қаралады. Нәтиже дайын болғанда немесе бас тартылғанда SMS не электрондық хат жіберіледі. Нәтижені жеке басыңызды куәландыратын құжатты көрсетіп, қолхатпен аласыз.",
            $"Заявление будет рассмотрено до {due}. Когда результат будет готов или будет принят отказ, придёт SMS или письмо. Результат выдаётся под роспись при предъявлении документа, удостоверяющего личность.",
            $"Your application will be dealt with by {due}. You will get an SMS or e-mail when the result is ready or if it is refused. The result is handed over against signature on showing an identity document.");
        var timetable = await handOver.TimetableAsync(row.ServiceCode, row.OfficeId, cancellationToken);
        if (!timetable.AnyTime)
        {
            // The service's hand-over times: catalogue or office windows (e.g. driver-licence §7 note [L88]),
            // or the office's reception sessions (weapon-registration §10 [L14246]).
            var when = timetable.Describe();
            next = new LocalizedText(
                next.Kk + $" Нәтиже тек беру уақытында беріледі: {when.Kk}.",
                next.Ru + $" Результат выдаётся только в часы выдачи: {when.Ru}.",
                next.En + $" The result is handed over only at these times: {when.En}.");
        }

        if (definitions.Find(row.ServiceCode)?.NextSteps is { } extra)
        {
            next = new LocalizedText(next.Kk + " " + extra.Kk, next.Ru + " " + extra.Ru, next.En + " " + extra.En);
        }

        if (definitions.Find(row.ServiceCode)?.SlipNote(row.ModuleDataValue) is { } note)
        {
            next = new LocalizedText(next.Kk + " " + note.Kk, next.Ru + " " + note.Ru, next.En + " " + note.En);
        }

        return new AcknowledgementSlip(
            row.Id, row.RegistrationNumber, row.ServiceCode, service.Name.ToLocalized(),
            new OfficeRef(row.OfficeId, office?.Name ?? row.OfficeId, office?.Address ?? "",
                office?.Names ?? new LocalizedText(row.OfficeId, row.OfficeId, row.OfficeId), office?.Addresses ?? new LocalizedText("", "", "")),
            AcceptingOfficial.Of(row.AcceptedBy, row.AcceptedByName, row.AcceptedByPosition),
            row.AcceptedAt, local, row.DueAt, DueDateOf(row.DueAt), row.ApplicantValue.FullName, row.Documents, next);
    }

    /// <summary>Who read or changed whose data: one audit record per application touched.</summary>
    public async Task AuditAsync(string operation, ApplicationRow row, CancellationToken cancellationToken) =>
        await audit.RecordAsync(AuditEventOf(operation, row.Id, row.ServiceCode, row.OfficeId, row.ApplicantValue), cancellationToken);

    /// <summary>Lists show names and identifiers: one audit record per person shown, written in one statement.</summary>
    public async Task AuditAsync(string operation, IReadOnlyList<ApplicationListRow> rows, CancellationToken cancellationToken) =>
        await audit.RecordManyAsync(
            [.. rows.Select(row => AuditEventOf(operation, row.Id, row.ServiceCode, row.OfficeId, SubjectKindOf(row.ApplicantKind), row.SubjectId))],
            cancellationToken);

    private static AuditEvent AuditEventOf(string operation, Guid id, string serviceCode, string officeId, ApplicantDetails applicant) =>
        AuditEventOf(operation, id, serviceCode, officeId, SubjectKindOf(applicant.Kind), applicant.SubjectId);

    private static AuditEvent AuditEventOf(string operation, Guid id, string serviceCode, string officeId, string subjectKind, string subjectId) =>
        new(operation, subjectKind, subjectId) { ObjectId = id.ToString(), ServiceCode = serviceCode, OfficeId = officeId };

    private static string SubjectKindOf(ApplicantKind kind) => kind switch
    {
        ApplicantKind.Individual => AuditSubjects.Iin,
        ApplicantKind.LegalEntity => AuditSubjects.Bin,
        _ => AuditSubjects.Document,
    };

    // The kind as the stored JSON writes it (PlatformJson names enums in kebab-case); a row without one
    // reads as an individual, as the JSON reader would read it.
    private static readonly Dictionary<string, ApplicantKind> KindsByCode =
        Enum.GetValues<ApplicantKind>().ToDictionary(kind => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString()));

    private static string SubjectKindOf(string? kindCode) =>
        SubjectKindOf(kindCode is not null && KindsByCode.TryGetValue(kindCode, out var kind) ? kind : ApplicantKind.Individual);

    /// <summary>The due date as a day: a term that ends at midnight ends on the day before.</summary>
    public static LocalDate DueDateOf(Instant dueAt) => (dueAt - Duration.FromTicks(1)).InZone(WorkingCalendar.Zone).Date;
}

/// <summary>
/// The modules' service definitions by service code, resolved on the first lookup: a request that
/// only lists or reads applications never builds the nine definitions and their registers.
/// </summary>
internal sealed class ServiceDefinitions(IServiceProvider services)
{
    private Dictionary<string, IServiceDefinition>? _byCode;

    public IServiceDefinition? Find(string serviceCode) =>
        (_byCode ??= services.GetServices<IServiceDefinition>().ToDictionary(d => d.ServiceCode, StringComparer.Ordinal)).GetValueOrDefault(serviceCode);
}
