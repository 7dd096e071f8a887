using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Catalogue;
using Kazgov.Platform.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Migration.PermanentResidence.Features.AfterDecision;

/// <summary>The §17 documents handed in, by their catalogue codes (group after-positive-decision).</summary>
internal sealed record RecordAfterDecisionDocumentsRequest(IReadOnlyList<string>? Documents);

/// <summary>What of §17 is in, and what the hand-over still waits for (the duty receipt is shown with the application's fees).</summary>
internal sealed record AfterDecisionDocumentsView(Guid ApplicationId, IReadOnlyList<string> Recorded, IReadOnlyList<string> Missing, int Version) : IVersioned;

/// <summary>The registration stamp (§5) and the register record of an application; null dates until it is stamped at hand-over.</summary>
internal sealed record RegistrationView(
    string StampNumber, Guid ApplicationId, string Person, string Route, string Settlement, string Address, string OfficeId,
    LocalDate ApprovedOn, LocalDate? RegisteredOn, bool Current);

internal sealed record RecordAfterDecisionDocuments(Guid Id, string? IfMatch, RecordAfterDecisionDocumentsRequest Body) : ICommand<AfterDecisionDocumentsView>;

internal sealed record GetRegistration(Guid Id) : IQuery<RegistrationView>;

internal sealed record GetAfterDecisionDocuments(Guid Id) : IQuery<AfterDecisionDocumentsView>;

/// <summary>
/// permanent-residence §17: after the positive decision the applicant brings the house register book,
/// the title to the dwelling, the address arrival sheet and the statistical slip (the duty receipt
/// goes to POST /applications/{id}/receipts); the hand-over needs them all.
/// </summary>
internal sealed class AfterDecisionHandlers(IApplications applications, DbSession session, ICurrentActor actor, ServiceCatalogue catalogue) :
    ICommandHandler<RecordAfterDecisionDocuments, AfterDecisionDocumentsView>,
    IQueryHandler<GetRegistration, RegistrationView>,
    IQueryHandler<GetAfterDecisionDocuments, AfterDecisionDocumentsView>
{
    private static readonly HashSet<string> DecidedStatuses = ["approved", "ready-for-issue"];

    public async ValueTask<AfterDecisionDocumentsView> Handle(RecordAfterDecisionDocuments command, CancellationToken cancellationToken)
    {
        var items = PermanentResidenceDefinition.AfterDecisionItems(catalogue);
        var view = await applications.RecordStepAsync(command.Id, command.IfMatch, "permanent-residence.after-decision-documents.record", async context =>
        {
            if (context.ServiceCode != PermanentResidenceDefinition.Code)
            {
                throw new ProblemException(ApplicationProblems.ApplicationNotFound);
            }

            if (!DecidedStatuses.Contains(context.Status))
            {
                throw new ProblemException(PermanentResidenceProblems.NotApprovedYet, extensions: new Dictionary<string, object?> { ["currentStatus"] = context.Status });
            }

            var errors = new ValidationErrors();
            var documents = (command.Body.Documents ?? []).Distinct(StringComparer.Ordinal).ToList();
            if (documents.Count == 0)
            {
                errors.Add("documents", CommonMessages.Required);
            }

            foreach (var code in documents.Where(code => items.All(i => i.Code != code)))
            {
                errors.Add("documents", code == PermanentResidenceDefinition.FeeReceiptDocument
                    ? new LocalizedText(
                        "Баж түбіртегі POST /applications/{id}/receipts арқылы жазылады",
                        "Квитанция об уплате пошлины записывается через POST /applications/{id}/receipts",
                        "The duty receipt is recorded with POST /applications/{id}/receipts")
                    : new LocalizedText("§17 құжаты емес: " + code, "Не документ §17: " + code, "Not a §17 document: " + code));
            }

            errors.ThrowIfAny();
            foreach (var document in documents)
            {
                await session.ExecuteAsync(
                    """
                    INSERT INTO migration.permanent_residence_after_decision_documents (application_id, document, recorded_at, recorded_by)
                    VALUES (@applicationId, @document, @now, @by) ON CONFLICT DO NOTHING
                    """,
                    new { applicationId = context.ApplicationId, document, now = context.Now, by = actor.Id },
                    cancellationToken);
            }
        }, cancellationToken);
        var recorded = await PermanentResidenceStore.AfterDecisionDocumentsAsync(session, view.Id, cancellationToken);
        return new AfterDecisionDocumentsView(view.Id, recorded, [.. items.Select(i => i.Code).Where(code => !recorded.Contains(code))], view.Version);
    }

    /// <summary>What of §17 is in so far (before the decision: nothing recorded, all of it missing).</summary>
    public async ValueTask<AfterDecisionDocumentsView> Handle(GetAfterDecisionDocuments query, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(query.Id, cancellationToken);
        if (application.Service != PermanentResidenceDefinition.Code)
        {
            throw new ProblemException(ApplicationProblems.ApplicationNotFound);
        }

        var items = PermanentResidenceDefinition.AfterDecisionItems(catalogue);
        var recorded = await PermanentResidenceStore.AfterDecisionDocumentsAsync(session, application.Id, cancellationToken);
        return new AfterDecisionDocumentsView(application.Id, recorded, [.. items.Select(i => i.Code).Where(code => !recorded.Contains(code))], application.Version);
    }

    public async ValueTask<RegistrationView> Handle(GetRegistration query, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(query.Id, cancellationToken);
        if (application.Service != PermanentResidenceDefinition.Code
            || await PermanentResidenceStore.RegistrationOfApplicationAsync(session, application.Id, cancellationToken) is not { } record)
        {
            throw new ProblemException(ApplicationProblems.ApplicationNotFound);
        }

        return new RegistrationView(record.StampNumber, record.ApplicationId, record.PersonId, record.Route, record.Settlement, record.Address,
            record.OfficeId, record.ApprovedOn, record.RegisteredOn, record.IsCurrent);
    }
}

internal static class AfterDecisionEndpoints
{
    public static void MapAfterDecision(this IEndpointRouteBuilder group)
    {
        group.MapPost("/applications/{id:guid}/after-decision-documents", async (Guid id, RecordAfterDecisionDocumentsRequest body, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                Preconditions.OkWithETag(context, await sender.Send(new RecordAfterDecisionDocuments(id, context.Request.Headers.IfMatch, body), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("RecordPermanentResidenceAfterDecisionDocuments")
            .WithSummary("Records §17 documents handed in after the positive decision (staff, If-Match); the hand-over needs them all and the duty paid.")
            .Produces<AfterDecisionDocumentsView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        group.MapGet("/applications/{id:guid}/after-decision-documents", async (Guid id, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                Preconditions.OkWithETag(context, await sender.Send(new GetAfterDecisionDocuments(id), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetPermanentResidenceAfterDecisionDocuments")
            .WithSummary("The §17 documents recorded so far and those the hand-over still waits for.")
            .Produces<AfterDecisionDocumentsView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/applications/{id:guid}/registration", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                Results.Ok(await sender.Send(new GetRegistration(id), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetPermanentResidenceRegistration")
            .WithSummary("The registration stamp and register record of an approved permanent-residence application (the stamp's date is set at hand-over).")
            .Produces<RegistrationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
