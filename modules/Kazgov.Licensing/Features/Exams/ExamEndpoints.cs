using Kazgov.Licensing.Domain;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Calendar;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Licensing.Features.Exams;

/// <summary>An exam result as the examination unit records it (driver-licence §14–15).</summary>
/// <param name="Kind">theory or practical.</param>
/// <param name="Passed">Whether the applicant passed.</param>
/// <param name="Date">The day of the exam (not after today).</param>
/// <param name="ExamSheetNumber">The exam sheet's number, once the applicant has it (§15).</param>
internal sealed record RecordExamRequest(string? Kind, bool? Passed, LocalDate? Date, string? ExamSheetNumber);

/// <summary>The exams of one application: every result in the order recorded, and the latest of each kind.</summary>
internal sealed record ExamsView(Guid ApplicationId, ExamResult? Theory, ExamResult? Practical, bool BothPassed, IReadOnlyList<ExamResult> History, int Version) : IVersioned;

internal sealed record RecordExam(Guid Id, string? IfMatch, RecordExamRequest Body) : ICommand<ExamsView>;

internal sealed record GetExams(Guid Id) : IQuery<ExamsView>;

/// <summary>The module's table of exam results: append-only, a re-take is a new row.</summary>
internal static class ExamStore
{
    public static async Task<IReadOnlyList<ExamResult>> ListAsync(DbSession session, Guid applicationId, CancellationToken cancellationToken) =>
        [.. await session.QueryAsync<ExamResult>(
            """
            SELECT id AS Id, kind AS Kind, passed AS Passed, exam_date AS ExamDate, exam_sheet_number AS ExamSheetNumber,
                   recorded_at AS RecordedAt, recorded_by AS RecordedBy
            FROM licensing.exam_results WHERE application_id = @applicationId ORDER BY recorded_at, id
            """,
            new { applicationId },
            cancellationToken)];
}

/// <summary>
/// driver-licence §14–15 as steps after intake: staff record the theory and the practical exam on
/// the application (If-Match, the application's new version answers, audited); approval then needs
/// both passed (refusal ground exams-not-passed, checked by <see cref="DriverLicenceDefinition"/>).
/// </summary>
internal sealed class ExamHandlers(IApplications applications, DbSession session, ICurrentActor actor) :
    ICommandHandler<RecordExam, ExamsView>,
    IQueryHandler<GetExams, ExamsView>
{
    public async ValueTask<ExamsView> Handle(RecordExam command, CancellationToken cancellationToken)
    {
        var body = command.Body;
        var view = await applications.RecordStepAsync(command.Id, command.IfMatch, "driver-licence.exam.record", async context =>
        {
            context.EnsureStepBeforeDecision(DriverLicenceDefinition.Code, LicensingProblems.ExamsClosed);

            var today = context.Now.InZone(WorkingCalendar.Zone).Date;
            var existing = await ExamStore.ListAsync(session, context.ApplicationId, cancellationToken);
            var errors = new ValidationErrors();
            if (string.IsNullOrWhiteSpace(body.Kind))
            {
                errors.Add("kind", CommonMessages.Required);
            }
            else if (!Domain.Exams.Kinds.Contains(body.Kind))
            {
                errors.Add("kind", new LocalizedText("theory немесе practical", "theory или practical", "theory or practical"));
            }
            else if (body.Kind == Domain.Exams.Practical && Domain.Exams.Latest(existing, Domain.Exams.Theory) is not { Passed: true })
            {
                errors.Add("kind", new LocalizedText(
                    "Практикалық емтихан теориялық емтихан тапсырылғаннан кейін ғана (§15)",
                    "Практический экзамен — только после сданного теоретического (§15)",
                    "The practical exam comes only after a passed theory exam (§15)"));
            }

            if (body.Passed is null)
            {
                errors.Add("passed", CommonMessages.Required);
            }

            if (body.Date is null)
            {
                errors.Add("date", CommonMessages.Required);
            }
            else if (body.Date > today)
            {
                errors.Add("date", new LocalizedText("Емтихан күні бүгіннен кейін болмайды", "Дата экзамена не может быть позже сегодняшней", "The exam date cannot be after today"));
            }

            if (body.ExamSheetNumber is { } sheet && string.IsNullOrWhiteSpace(sheet))
            {
                errors.Add("examSheetNumber", CommonMessages.Required);
            }

            errors.ThrowIfAny();
            await session.ExecuteAsync(
                """
                INSERT INTO licensing.exam_results (id, application_id, kind, passed, exam_date, exam_sheet_number, recorded_at, recorded_by)
                VALUES (@id, @applicationId, @kind, @passed, @date, @sheet, @now, @by)
                """,
                new
                {
                    id = Guid.CreateVersion7(),
                    applicationId = context.ApplicationId,
                    kind = body.Kind,
                    passed = body.Passed!.Value,
                    date = body.Date!.Value,
                    sheet = body.ExamSheetNumber?.Trim(),
                    now = context.Now,
                    by = actor.Id,
                },
                cancellationToken);
        }, cancellationToken);
        return await ViewAsync(view.Id, view.Version, cancellationToken);
    }

    public async ValueTask<ExamsView> Handle(GetExams query, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(query.Id, cancellationToken);
        if (application.Service != DriverLicenceDefinition.Code)
        {
            throw new ProblemException(ApplicationProblems.ApplicationNotFound);
        }

        return await ViewAsync(application.Id, application.Version, cancellationToken);
    }

    private async Task<ExamsView> ViewAsync(Guid id, int version, CancellationToken cancellationToken)
    {
        var results = await ExamStore.ListAsync(session, id, cancellationToken);
        return new ExamsView(id, Domain.Exams.Latest(results, Domain.Exams.Theory), Domain.Exams.Latest(results, Domain.Exams.Practical),
            Domain.Exams.BothPassed(results), results, version);
    }
}

internal static class ExamEndpoints
{
    public static void MapExams(this IEndpointRouteBuilder licences)
    {
        licences.MapPost("/applications/{id:guid}/exams", async (Guid id, RecordExamRequest body, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                Preconditions.OkWithETag(context, await sender.Send(new RecordExam(id, context.Request.Headers.IfMatch, body), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("RecordDriverLicenceExam")
            .WithSummary("Records a theory or practical exam result on a driver-licence application (§14–15; staff, If-Match required). Approval needs both passed.")
            .Produces<ExamsView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        licences.MapGet("/applications/{id:guid}/exams", async (Guid id, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                Preconditions.OkWithETag(context, await sender.Send(new GetExams(id), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetDriverLicenceExams")
            .WithSummary("The exam results of a driver-licence application: the latest theory and practical result and every one recorded.")
            .Produces<ExamsView>();
    }
}
