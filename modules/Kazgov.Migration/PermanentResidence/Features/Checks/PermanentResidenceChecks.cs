using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Migration.PermanentResidence.Domain;
using Kazgov.Platform.ExternalChecks;
using Microsoft.Extensions.DependencyInjection;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Migration.PermanentResidence.Features.Checks;

/// <summary>A clerk's judgement of one §18 ground no agency answers: clear or found, with a note (required when found).</summary>
internal sealed record RecordClerkCheckRequest(string? Outcome, string? Note);

/// <summary>One question to an outside agency: when asked, when (and whether) answered, what.</summary>
/// <param name="Answer">clear, found, or null while unanswered.</param>
internal sealed record ExternalCheckView(
    string Check, string Source, IReadOnlyList<string> Grounds, string Subject, Instant AskedAt, Instant? AnsweredAt, string? Answer,
    IReadOnlyList<string> FoundGrounds, string? Reference, int Attempts, string? Error);

internal sealed record ClerkCheckView(string Ground, string Outcome, string? Note, Instant RecordedAt, string RecordedBy);

/// <summary>
/// The §18 checks of one application: every agency question in the order asked, the clerk's checks,
/// and what approval still waits for (<see cref="UnansweredChecks"/>, <see cref="MissingClerkGrounds"/>).
/// </summary>
internal sealed record PermanentResidenceChecksView(
    Guid ApplicationId,
    IReadOnlyList<ExternalCheckView> External,
    IReadOnlyList<string> UnansweredChecks,
    IReadOnlyList<ClerkCheckView> Clerk,
    IReadOnlyList<string> MissingClerkGrounds,
    int Version) : IVersioned;

internal sealed record RunExternalChecks(Guid Id, string? IfMatch) : ICommand<PermanentResidenceChecksView>;

internal sealed record RecordClerkCheck(Guid Id, string? IfMatch, string Ground, RecordClerkCheckRequest Body) : ICommand<PermanentResidenceChecksView>;

internal sealed record GetPermanentResidenceChecks(Guid Id) : IQuery<PermanentResidenceChecksView>;

/// <summary>
/// permanent-residence §18 as steps before the decision: the outside agencies asked (each check
/// recorded with its source, answer and times; unanswered ones asked again on the next run), and
/// the clerk's judgement of the grounds no agency answers. Staff, If-Match, audited, on an open application.
/// </summary>
internal sealed class PermanentResidenceCheckHandlers(
    IApplications applications,
    DbSession session,
    ICurrentActor actor,
    [FromKeyedServices(PermanentResidenceDefinition.Code)] ExternalCheckRunner runner,
    IClock clock) :
    ICommandHandler<RunExternalChecks, PermanentResidenceChecksView>,
    ICommandHandler<RecordClerkCheck, PermanentResidenceChecksView>,
    IQueryHandler<GetPermanentResidenceChecks, PermanentResidenceChecksView>
{
    public async ValueTask<PermanentResidenceChecksView> Handle(RunExternalChecks command, CancellationToken cancellationToken)
    {
        var view = await applications.RecordStepAsync(command.Id, command.IfMatch, "permanent-residence.external-checks.run", async context =>
        {
            EnsureOpen(context);
            var answered = PermanentResidenceStore.Answered(await PermanentResidenceStore.ExternalChecksAsync(session, context.ApplicationId, cancellationToken));
            var applicant = context.Applicant;
            var subject = new ExternalCheckSubject(
                applicant.TravelDocument?.Number ?? applicant.Iin ?? applicant.SubjectId,
                applicant.LastName ?? "", applicant.FirstName ?? "", applicant.BirthDate, applicant.Citizenship ?? applicant.TravelDocument?.Country);
            await ExternalCheckJournal.AskAsync(session, "migration.permanent_residence_external_checks", runner, clock, context.ApplicationId, subject, RefusalGroundChecks.External.Where(k => !answered.ContainsKey(k.Code)), actor.Id, cancellationToken);
        }, cancellationToken);
        return await ViewAsync(view.Id, view.Version, cancellationToken);
    }

    public async ValueTask<PermanentResidenceChecksView> Handle(RecordClerkCheck command, CancellationToken cancellationToken)
    {
        var body = command.Body;
        var view = await applications.RecordStepAsync(command.Id, command.IfMatch, "permanent-residence.clerk-check.record", async context =>
        {
            EnsureOpen(context);
            var errors = new ValidationErrors();
            if (!RefusalGroundChecks.ClerkJudged.Contains(command.Ground))
            {
                errors.Add("ground", new LocalizedText(
                    "Қызметкер тексеретін негіздер: " + string.Join(", ", RefusalGroundChecks.ClerkJudged),
                    "Основания, проверяемые сотрудником: " + string.Join(", ", RefusalGroundChecks.ClerkJudged),
                    "Grounds the clerk checks: " + string.Join(", ", RefusalGroundChecks.ClerkJudged)));
            }

            if (body.Outcome is not ("clear" or "found"))
            {
                errors.Add("outcome", new LocalizedText("clear немесе found", "clear или found", "clear or found"));
            }
            else if (body.Outcome == "found" && string.IsNullOrWhiteSpace(body.Note))
            {
                errors.Add("note", new LocalizedText(
                    "Табылған негіз түсіндірмемен жазылады", "Найденное основание записывается с пояснением", "A ground found is recorded with a note"));
            }

            errors.ThrowIfAny();
            await session.ExecuteAsync(
                """
                INSERT INTO migration.permanent_residence_clerk_checks (application_id, ground, outcome, note, recorded_at, recorded_by)
                VALUES (@applicationId, @ground, @outcome, @note, @now, @by)
                ON CONFLICT (application_id, ground) DO UPDATE
                    SET outcome = EXCLUDED.outcome, note = EXCLUDED.note, recorded_at = EXCLUDED.recorded_at, recorded_by = EXCLUDED.recorded_by
                """,
                new { applicationId = context.ApplicationId, ground = command.Ground, outcome = body.Outcome, note = body.Note?.Trim(), now = context.Now, by = actor.Id },
                cancellationToken);
        }, cancellationToken);
        return await ViewAsync(view.Id, view.Version, cancellationToken);
    }

    public async ValueTask<PermanentResidenceChecksView> Handle(GetPermanentResidenceChecks query, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(query.Id, cancellationToken);
        if (application.Service != PermanentResidenceDefinition.Code)
        {
            throw new ProblemException(ApplicationProblems.ApplicationNotFound);
        }

        return await ViewAsync(application.Id, application.Version, cancellationToken);
    }

    private static void EnsureOpen(LifecycleContext context) =>
        context.EnsureStepBeforeDecision(PermanentResidenceDefinition.Code, PermanentResidenceProblems.ChecksClosed);

    private async Task<PermanentResidenceChecksView> ViewAsync(Guid id, int version, CancellationToken cancellationToken)
    {
        var external = await PermanentResidenceStore.ExternalChecksAsync(session, id, cancellationToken);
        var answered = PermanentResidenceStore.Answered(external);
        var clerk = await PermanentResidenceStore.ClerkChecksAsync(session, id, cancellationToken);
        return new PermanentResidenceChecksView(
            id,
            [.. external.Select(c => new ExternalCheckView(c.CheckCode, c.Source, RefusalGroundChecks.FindExternal(c.CheckCode)?.Grounds ?? [], c.Subject, c.AskedAt, c.AnsweredAt, c.Answer, c.FoundGrounds, c.Reference, c.Attempts, c.Error))],
            [.. RefusalGroundChecks.External.Where(k => !answered.ContainsKey(k.Code)).Select(k => k.Code)],
            [.. clerk.Select(c => new ClerkCheckView(c.Ground, c.Outcome, c.Note, c.RecordedAt, c.RecordedBy))],
            [.. RefusalGroundChecks.ClerkJudged.Where(g => clerk.All(c => c.Ground != g))],
            version);
    }
}

internal static class PermanentResidenceCheckEndpoints
{
    public static void MapChecks(this IEndpointRouteBuilder group)
    {
        group.MapPost("/applications/{id:guid}/external-checks", async (Guid id, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                Preconditions.OkWithETag(context, await sender.Send(new RunExternalChecks(id, context.Request.Headers.IfMatch), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("RunPermanentResidenceExternalChecks")
            .WithSummary("Asks the outside agencies of §18 (criminal-record, epidemic-disease, expulsion, national-security) the checks not yet answered and records each (staff, If-Match). An unanswered check blocks approval.")
            .Produces<PermanentResidenceChecksView>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        group.MapPut("/applications/{id:guid}/clerk-checks/{ground}", async (Guid id, string ground, RecordClerkCheckRequest body, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                Preconditions.OkWithETag(context, await sender.Send(new RecordClerkCheck(id, context.Request.Headers.IfMatch, ground, body), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("RecordPermanentResidenceClerkCheck")
            .WithSummary("Records the clerk's judgement of a §18 ground no agency answers (incites-hatred, false-information-or-late-documents, protect-rights-of-others): clear or found with a note (staff, If-Match).")
            .Produces<PermanentResidenceChecksView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        group.MapGet("/applications/{id:guid}/checks", async (Guid id, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                Preconditions.OkWithETag(context, await sender.Send(new GetPermanentResidenceChecks(id), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetPermanentResidenceChecks")
            .WithSummary("The §18 checks of a permanent-residence application: agency questions and answers, the clerk's checks, and what approval still waits for.")
            .Produces<PermanentResidenceChecksView>();
    }
}
