using Kazgov.Citizenship.Domain;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Notifications;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.ExternalChecks;
using Kazgov.Platform.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Kazgov.Citizenship.Features.Commission;

/// <summary>The application goes to the Commission on citizenship issues (Decree No. 198); an optional covering note.</summary>
internal sealed record SendToCommissionRequest(string? Note);

/// <summary>The commission's decision: granted or rejected, the decree or decision number and its date (not after today).</summary>
internal sealed record RecordCommissionDecisionRequest(string? Outcome, string? DecisionNumber, LocalDate? DecidedOn);

/// <summary>One previous identity document handed in (§17): its kind and number.</summary>
/// <param name="Kind">Admission: national-passport or stateless-certificate; renunciation: kz-identity-card or kz-passport.</param>
internal sealed record IdentityDocumentRequest(string? Kind, string? Number);

internal sealed record HandInIdentityDocumentsRequest(IReadOnlyList<IdentityDocumentRequest>? Documents);

internal sealed record ExternalCheckView(
    string Check, string Source, IReadOnlyList<string> Grounds, string Subject, Instant AskedAt, Instant? AnsweredAt, string? Answer,
    IReadOnlyList<string> FoundGrounds, string? Reference, int Attempts, string? Error);

/// <param name="State">sent (waiting for the decision) or decided.</param>
/// <param name="Outcome">granted or rejected once decided.</param>
internal sealed record CommissionView(string State, Instant SentAt, string? Outcome, string? DecisionNumber, LocalDate? DecidedOn);

internal sealed record HandedInView(string Kind, string Number, Instant HandedInAt);

/// <param name="State">reserved (approved, not handed over) or issued.</param>
internal sealed record CertificateView(string Number, string Kind, string State, LocalDate? IssuedOn, string DecisionNumber, LocalDate DecisionDate);

/// <summary>
/// The module's steps of one citizenship application: the outside checks of §18/§19, the
/// commission (in review → sent → decided), the identity documents handed in (§17), the certificate.
/// <see cref="Stage"/>: in-review, sent-to-commission, decided, certificate-reserved, certificate-issued (or the lifecycle status when closed otherwise).
/// </summary>
internal sealed record CitizenshipCaseView(
    Guid ApplicationId,
    string Kind,
    int Category,
    string Stage,
    IReadOnlyList<ExternalCheckView> ExternalChecks,
    IReadOnlyList<string> UnansweredChecks,
    CommissionView? Commission,
    IReadOnlyList<string> IdentityDocumentKinds,
    IReadOnlyList<HandedInView> IdentityDocumentsHandedIn,
    CertificateView? Certificate,
    int Version) : IVersioned;

internal sealed record RunCitizenshipChecks(Guid Id, string? IfMatch) : ICommand<CitizenshipCaseView>;

internal sealed record SendToCommission(Guid Id, string? IfMatch, SendToCommissionRequest Body) : ICommand<CitizenshipCaseView>;

internal sealed record RecordCommissionDecision(Guid Id, string? IfMatch, RecordCommissionDecisionRequest Body) : ICommand<CitizenshipCaseView>;

internal sealed record HandInIdentityDocuments(Guid Id, string? IfMatch, HandInIdentityDocumentsRequest Body) : ICommand<CitizenshipCaseView>;

internal sealed record GetCitizenshipCase(Guid Id) : IQuery<CitizenshipCaseView>;

internal sealed class CitizenshipStepHandlers(
    IApplications applications,
    DbSession session,
    ICurrentActor actor,
    Outbox outbox,
    [FromKeyedServices(CitizenshipDefinition.Code)] ExternalCheckRunner runner,
    IClock clock) :
    ICommandHandler<RunCitizenshipChecks, CitizenshipCaseView>,
    ICommandHandler<SendToCommission, CitizenshipCaseView>,
    ICommandHandler<RecordCommissionDecision, CitizenshipCaseView>,
    ICommandHandler<HandInIdentityDocuments, CitizenshipCaseView>,
    IQueryHandler<GetCitizenshipCase, CitizenshipCaseView>
{
    private static readonly IReadOnlySet<string> OpenStatuses = LifecycleContext.BeforeDecision;

    public static IReadOnlyList<string> IdentityDocumentKindsOf(string kind) =>
        kind == CitizenshipData.Renunciation ? ["kz-identity-card", "kz-passport"] : ["national-passport", "stateless-certificate"];

    public async ValueTask<CitizenshipCaseView> Handle(RunCitizenshipChecks command, CancellationToken cancellationToken)
    {
        var view = await applications.RecordStepAsync(command.Id, command.IfMatch, "citizenship.external-checks.run", async context =>
        {
            EnsureService(context);
            EnsureStatus(context, OpenStatuses);
            var data = CitizenshipData.From(context.ModuleData);
            var answered = CitizenshipStore.Answered(await CitizenshipStore.ExternalChecksAsync(session, context.ApplicationId, cancellationToken));
            var applicant = context.Applicant;
            var subject = new ExternalCheckSubject(
                applicant.Iin ?? applicant.TravelDocument?.Number ?? applicant.SubjectId,
                applicant.LastName ?? "", applicant.FirstName ?? "", applicant.BirthDate, applicant.Citizenship ?? applicant.TravelDocument?.Country);
            await ExternalCheckJournal.AskAsync(session, "citizenship.external_checks", runner, clock, context.ApplicationId, subject, RefusalGroundChecks.For(data.Kind ?? CitizenshipData.Admission).Where(k => !answered.ContainsKey(k.Code)), actor.Id, cancellationToken);
        }, cancellationToken);
        return await ViewAsync(view, cancellationToken);
    }

    /// <summary>In review → sent to the commission (once).</summary>
    public async ValueTask<CitizenshipCaseView> Handle(SendToCommission command, CancellationToken cancellationToken)
    {
        var view = await applications.RecordStepAsync(command.Id, command.IfMatch, "citizenship.commission.send", async context =>
        {
            EnsureService(context);
            EnsureStatus(context, ["in-review"]);
            if (await CitizenshipStore.CommissionAsync(session, context.ApplicationId, cancellationToken) is not null)
            {
                throw new ProblemException(CitizenshipProblems.CommissionStepOutOfOrder);
            }

            await session.ExecuteAsync(
                "INSERT INTO citizenship.commission_steps (application_id, sent_at, sent_by) VALUES (@id, @now, @by)",
                new { id = context.ApplicationId, now = context.Now, by = actor.Id },
                cancellationToken);
        }, cancellationToken);
        return await ViewAsync(view, cancellationToken);
    }

    /// <summary>Sent → decided: the decision recorded and the applicant told (§16: by phone, here by SMS or e-mail).</summary>
    public async ValueTask<CitizenshipCaseView> Handle(RecordCommissionDecision command, CancellationToken cancellationToken)
    {
        var body = command.Body;
        var view = await applications.RecordStepAsync(command.Id, command.IfMatch, "citizenship.commission.decide", async context =>
        {
            EnsureService(context);
            EnsureStatus(context, ["in-review"]);
            var commission = await CitizenshipStore.CommissionAsync(session, context.ApplicationId, cancellationToken);
            if (commission is null || commission.Outcome is not null)
            {
                throw new ProblemException(CitizenshipProblems.CommissionStepOutOfOrder, extensions: new Dictionary<string, object?> { ["stage"] = commission is null ? "in-review" : "decided" });
            }

            var today = context.Now.InZone(WorkingCalendar.Zone).Date;
            var errors = new ValidationErrors();
            if (body.Outcome is not ("granted" or "rejected"))
            {
                errors.Add("outcome", new LocalizedText("granted немесе rejected", "granted или rejected", "granted or rejected"));
            }

            errors.Required("decisionNumber", body.DecisionNumber);
            if (body.DecidedOn is null)
            {
                errors.Add("decidedOn", CommonMessages.Required);
            }
            else if (body.DecidedOn > today || body.DecidedOn < commission.SentAt.InZone(WorkingCalendar.Zone).Date)
            {
                errors.Add("decidedOn", new LocalizedText(
                    "Комиссияға жіберілген күннен бүгінге дейін", "Со дня направления в комиссию по сегодняшний день", "From the day it was sent to the commission up to today"));
            }

            errors.ThrowIfAny();
            await session.ExecuteAsync(
                """
                UPDATE citizenship.commission_steps
                SET decision_outcome = @outcome, decision_number = @number, decision_date = @date, decided_recorded_at = @now, decided_recorded_by = @by
                WHERE application_id = @id
                """,
                new { outcome = body.Outcome, number = body.DecisionNumber!.Trim(), date = body.DecidedOn, now = context.Now, by = actor.Id, id = context.ApplicationId },
                cancellationToken);
            await NotifyAsync(context, body.Outcome!, body.DecisionNumber.Trim(), body.DecidedOn!.Value, cancellationToken);
        }, cancellationToken);
        return await ViewAsync(view, cancellationToken);
    }

    /// <summary>§17: which previous identity documents were handed in, after approval and before the hand-over.</summary>
    public async ValueTask<CitizenshipCaseView> Handle(HandInIdentityDocuments command, CancellationToken cancellationToken)
    {
        var view = await applications.RecordStepAsync(command.Id, command.IfMatch, "citizenship.identity-documents.hand-in", async context =>
        {
            EnsureService(context);
            EnsureStatus(context, ["approved", "ready-for-issue"]);
            var kinds = IdentityDocumentKindsOf(CitizenshipData.From(context.ModuleData).Kind ?? CitizenshipData.Admission);
            var documents = command.Body.Documents ?? [];
            var errors = new ValidationErrors();
            if (documents.Count == 0)
            {
                errors.Add("documents", CommonMessages.Required);
            }

            for (var i = 0; i < documents.Count; i++)
            {
                if (documents[i].Kind is not { } kind || !kinds.Contains(kind))
                {
                    errors.Add($"documents[{i}].kind", new LocalizedText(string.Join(", ", kinds), string.Join(", ", kinds), string.Join(", ", kinds)));
                }

                errors.Required($"documents[{i}].number", documents[i].Number);
            }

            if (documents.Select(d => d.Kind).Distinct().Count() != documents.Count)
            {
                errors.Add("documents", new LocalizedText("Әр түр бір рет", "Каждый вид один раз", "Each kind once"));
            }

            errors.ThrowIfAny();
            foreach (var document in documents)
            {
                await session.ExecuteAsync(
                    """
                    INSERT INTO citizenship.identity_documents_handed_in (application_id, kind, number, handed_in_at, received_by)
                    VALUES (@id, @kind, @number, @now, @by)
                    ON CONFLICT (application_id, kind) DO UPDATE SET number = EXCLUDED.number, handed_in_at = EXCLUDED.handed_in_at, received_by = EXCLUDED.received_by
                    """,
                    new { id = context.ApplicationId, kind = document.Kind, number = document.Number!.Trim(), now = context.Now, by = actor.Id },
                    cancellationToken);
            }
        }, cancellationToken);
        return await ViewAsync(view, cancellationToken);
    }

    public async ValueTask<CitizenshipCaseView> Handle(GetCitizenshipCase query, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(query.Id, cancellationToken);
        if (application.Service != CitizenshipDefinition.Code)
        {
            throw new ProblemException(ApplicationProblems.ApplicationNotFound);
        }

        return await ViewAsync(application, cancellationToken);
    }

    private async Task NotifyAsync(LifecycleContext context, string outcome, string number, LocalDate decidedOn, CancellationToken cancellationToken)
    {
        var applicant = context.Applicant;
        var recipient = applicant.Phone is { Length: > 0 } phone ? (NotificationChannel.Sms, phone) : applicant.Email is { Length: > 0 } email ? (NotificationChannel.Email, email) : default;
        if (recipient == default)
        {
            return;
        }

        var date = decidedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var text = (outcome == "granted"
            ? new LocalizedText(
                "{0}! Азаматтық мәселелері жөніндегі комиссия {1} нөмірлі өтінішіңіз бойынша оң шешім қабылдады ({2}, {3}). Бөлімше анықтаманы беру күнін хабарлайды (§16).",
                "{0}! Комиссия по вопросам гражданства приняла положительное решение по заявлению № {1} ({2} от {3}). Подразделение сообщит о выдаче справки (§16).",
                "{0}, the Commission on citizenship issues decided in favour of your application {1} ({2} of {3}). The unit will tell you when to collect the certificate (§16).")
            : new LocalizedText(
                "{0}! Азаматтық мәселелері жөніндегі комиссия {1} нөмірлі өтінішіңізді қабылдамады ({2}, {3}) (§16).",
                "{0}! Комиссия по вопросам гражданства отклонила заявление № {1} ({2} от {3}) (§16).",
                "{0}, the Commission on citizenship issues rejected your application {1} ({2} of {3}) (§16)."))
            .Format(applicant.FullName, context.RegistrationNumber, number, date).In(applicant.Language);
        await outbox.EnqueueAsync(new OutboxMessage(recipient.Item1, recipient.Item2, applicant.Language, "Kazgov " + context.RegistrationNumber, text, context.RegistrationNumber), cancellationToken);
    }

    private static void EnsureService(LifecycleContext context)
    {
        if (context.ServiceCode != CitizenshipDefinition.Code)
        {
            throw new ProblemException(ApplicationProblems.ApplicationNotFound);
        }
    }

    private static void EnsureStatus(LifecycleContext context, IReadOnlyCollection<string> statuses)
    {
        if (!statuses.Contains(context.Status))
        {
            throw new ProblemException(CitizenshipProblems.StepClosed, extensions: new Dictionary<string, object?> { ["currentStatus"] = context.Status, ["allowed"] = statuses.ToArray() });
        }
    }

    private async Task<CitizenshipCaseView> ViewAsync(ApplicationView application, CancellationToken cancellationToken)
    {
        var (id, status, version) = (application.Id, application.Status, application.Version);
        var data = CitizenshipData.From(application.ModuleData);
        var kind = data.Kind ?? CitizenshipData.Admission;
        var external = await CitizenshipStore.ExternalChecksAsync(session, id, cancellationToken);
        var answered = CitizenshipStore.Answered(external);
        var kinds = RefusalGroundChecks.For(kind);
        var commission = await CitizenshipStore.CommissionAsync(session, id, cancellationToken);
        var handedIn = await CitizenshipStore.HandedInAsync(session, id, cancellationToken);
        var certificate = await CitizenshipStore.CertificateOfApplicationAsync(session, id, cancellationToken);
        var stage = certificate is not null ? (certificate.HandedOverAt is null ? "certificate-reserved" : "certificate-issued")
            : status is "refused" or "withdrawn" ? status
            : commission?.Outcome is not null ? "decided"
            : commission is not null ? "sent-to-commission"
            : status;
        return new CitizenshipCaseView(
            id,
            kind,
            data.Category ?? 0,
            stage,
            [.. external.Select(c => new ExternalCheckView(c.CheckCode, c.Source, kinds.FirstOrDefault(k => k.Code == c.CheckCode)?.Grounds ?? [], c.Subject, c.AskedAt, c.AnsweredAt, c.Answer, c.FoundGrounds, c.Reference, c.Attempts, c.Error))],
            [.. kinds.Where(k => !answered.ContainsKey(k.Code)).Select(k => k.Code)],
            commission is null ? null : new CommissionView(commission.Outcome is null ? "sent" : "decided", commission.SentAt, commission.Outcome, commission.DecisionNumber, commission.DecisionDate),
            IdentityDocumentKindsOf(kind),
            [.. handedIn.Select(h => new HandedInView(h.Kind, h.Number, h.HandedInAt))],
            certificate is null ? null : new CertificateView(certificate.Number, certificate.Kind, certificate.HandedOverAt is null ? "reserved" : "issued", certificate.IssuedOn, certificate.DecisionNumber, certificate.DecisionDate),
            version);
    }
}

internal static class CitizenshipStepEndpoints
{
    public static void MapSteps(this IEndpointRouteBuilder group)
    {
        group.MapGet("/applications/{id:guid}", async (Guid id, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                Preconditions.OkWithETag(context, await sender.Send(new GetCitizenshipCase(id), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetCitizenshipCase")
            .WithSummary("The citizenship steps of an application: outside checks (§18/§19), the commission, the identity documents handed in (§17), the certificate.")
            .Produces<CitizenshipCaseView>();

        group.MapPost("/applications/{id:guid}/external-checks", async (Guid id, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                Preconditions.OkWithETag(context, await sender.Send(new RunCitizenshipChecks(id, context.Request.Headers.IfMatch), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("RunCitizenshipExternalChecks")
            .WithSummary("Asks the outside agencies the §18 (admission: criminal-record, national-security) or §19 (renunciation: property-obligations, criminal-record, national-security) checks not yet answered and records each (staff, If-Match). An unanswered check blocks approval.")
            .Produces<CitizenshipCaseView>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        group.MapPost("/applications/{id:guid}/commission", async (Guid id, SendToCommissionRequest body, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                Preconditions.OkWithETag(context, await sender.Send(new SendToCommission(id, context.Request.Headers.IfMatch, body), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("SendCitizenshipToCommission")
            .WithSummary("Sends an application in review to the Commission on citizenship issues (staff, If-Match).")
            .Produces<CitizenshipCaseView>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        group.MapPost("/applications/{id:guid}/commission-decision", async (Guid id, RecordCommissionDecisionRequest body, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                Preconditions.OkWithETag(context, await sender.Send(new RecordCommissionDecision(id, context.Request.Headers.IfMatch, body), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("RecordCitizenshipCommissionDecision")
            .WithSummary("Records the commission's decision (granted or rejected, decree/decision number and date) and notifies the applicant (§16). Approval needs a granted decision (staff, If-Match).")
            .Produces<CitizenshipCaseView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        group.MapPost("/applications/{id:guid}/identity-documents", async (Guid id, HandInIdentityDocumentsRequest body, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                Preconditions.OkWithETag(context, await sender.Send(new HandInIdentityDocuments(id, context.Request.Headers.IfMatch, body), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("HandInCitizenshipIdentityDocuments")
            .WithSummary("Records the previous identity documents handed in before the certificate is issued (§17): national-passport / stateless-certificate (admission), kz-identity-card / kz-passport (renunciation) (staff, If-Match).")
            .Produces<CitizenshipCaseView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

}
