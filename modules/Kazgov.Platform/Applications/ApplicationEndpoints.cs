using System.Net;
using System.Text;
using Kazgov.Platform.Applications.Features.Queries;
using Kazgov.Platform.Applications.Features.RecordReceipt;
using Kazgov.Platform.Applications.Features.StatusLookup;
using Kazgov.Platform.Applications.Features.SubmitApplication;
using Kazgov.Platform.Applications.Features.Transitions;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kazgov.Platform.Applications;

/// <summary>The HTTP face of the lifecycle: /api/v1/applications and its sub-resources.</summary>
internal static class ApplicationEndpoints
{
    public static void MapApplicationEndpoints(this IEndpointRouteBuilder api)
    {
        var applications = api.MapGroup("/applications").WithTags("Applications");
        applications.MapStatusLookup();

        applications.MapPost("", async (SubmitApplicationRequest request, ISender sender, HttpContext context, CancellationToken cancellationToken) =>
                Created(context, await sender.Send(new SubmitApplication(request), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsSubmit)
            .WithName("SubmitApplication")
            .WithSummary("Submits an application; answers with the application and its acknowledgement slip. Honours Idempotency-Key.")
            .Produces<SubmittedApplication>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        applications.MapGet("", async (string? office, string? service, string? status, bool? overdue, int? limit, string? cursor, string? q, ISender sender, CancellationToken cancellationToken) =>
                Results.Ok(await sender.Send(new ListApplications(office, service, status, overdue ?? false, limit, cursor, q), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("ListApplications")
            .WithSummary("Applications sorted by due date (staff: their office; clients: what they submitted): the open ones by default; status= a status code, open, closed or all; overdue=true lists the overdue ones; "
                + "q= finds by IIN/BIN, registration number or words of the applicant's name in every status (audited).")
            .Produces<ApplicationList>();

        applications.MapGet("/{id:guid}", async (Guid id, ISender sender, HttpContext context, CancellationToken cancellationToken) =>
                WithETag(context, await sender.Send(new GetApplication(id), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetApplication")
            .WithSummary("One application with its fees, receipts, deadline and allowed actions; ETag for If-Match.")
            .Produces<ApplicationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        applications.MapGet("/{id:guid}/history", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                Results.Ok(await sender.Send(new GetApplicationHistory(id), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetApplicationHistory")
            .WithSummary("Every transition of the application, append-only: who, when, from, to, why.")
            .Produces<ApplicationHistory>();

        applications.MapGet("/{id:guid}/acknowledgement", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                Results.Ok(await sender.Send(new GetAcknowledgement(id), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetAcknowledgement")
            .WithSummary("The acknowledgement slip again.")
            .Produces<AcknowledgementSlip>();

        applications.MapGet("/{id:guid}/acknowledgement.html", async (Guid id, string? lang, ISender sender, HttpContext context, CancellationToken cancellationToken) =>
                Html(PrintedDocuments.Acknowledgement(await sender.Send(new GetAcknowledgement(id), cancellationToken), LanguageOf(lang, context))))
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("PrintAcknowledgement")
            .WithSummary("The acknowledgement slip as a printable page (lang=kk|ru|en, else Accept-Language).")
            .Produces<string>(StatusCodes.Status200OK, "text/html");

        applications.MapGet("/{id:guid}/refusal-notice", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                Results.Ok(await sender.Send(new GetRefusalNotice(id), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetRefusalNotice")
            .WithSummary("The written refusal notice in the applicant's language (and all three languages).")
            .Produces<RefusalNotice>();

        applications.MapGet("/{id:guid}/refusal-notice.html", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                Html(PrintedDocuments.Notice(await sender.Send(new GetRefusalNotice(id), cancellationToken))))
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("PrintRefusalNotice")
            .WithSummary("The written refusal notice as a printable page, in the applicant's language.")
            .Produces<string>(StatusCodes.Status200OK, "text/html");

        applications.MapPost("/{id:guid}/receipts", async (Guid id, ReceiptRequest receipt, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                WithETag(context, await sender.Send(new RecordReceipt(id, context.Request.Headers.IfMatch, receipt), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsSubmit)
            .WithName("RecordReceipt")
            .WithSummary("Records a bank receipt for one of the application's fee items (If-Match required); 409 receipt-already-recorded when the bank's number is on record.")
            .Produces<ApplicationView>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        MapAction(applications, "start-review", "Takes the application into review.",
            (Guid id, string? ifMatch) => new StartReview(id, ifMatch));
        MapAction<RefuseRequest>(applications, "refuse", "Refuses on grounds from the service's own list; writes the notice and notifies the applicant.",
            (id, ifMatch, body) => new Refuse(id, ifMatch, body));
        MapAction(applications, "approve", "Approves: the fee must be paid (409 fee-unpaid; not for a service whose catalogue has fees.payableAfterDecision) and the eligibility rules met (409 eligibility-failed; the findings stay on the application).",
            (Guid id, string? ifMatch) => new Approve(id, ifMatch));
        MapAction(applications, "mark-ready", "The result is ready for issue; notifies the applicant.",
            (Guid id, string? ifMatch) => new MarkReady(id, ifMatch));
        MapAction<IssueRequest>(applications, "issue", "Hands the result over against signature; for a service with fees.payableAfterDecision the fee must be paid by then (409 fee-unpaid).",
            (id, ifMatch, body) => new Issue(id, ifMatch, body));
        MapAction<ReasonRequest>(applications, "withdraw", "The applicant withdraws the application.",
            (id, ifMatch, body) => new Withdraw(id, ifMatch, body), Policies.ApplicationsSubmit);
        MapAction<ReasonRequest>(applications, "suspend", "Suspends the term (the time suspended moves the due date).",
            (id, ifMatch, body) => new Suspend(id, ifMatch, body));
        MapAction(applications, "resume", "Resumes a suspended application; the due date moves by the time it was suspended.",
            (Guid id, string? ifMatch) => new Resume(id, ifMatch));
    }

    private static void MapAction(RouteGroupBuilder group, string path, string summary, Func<Guid, string?, ICommand<ApplicationView>> message) =>
        group.MapPost("/{id:guid}/" + path, async (Guid id, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                WithETag(context, await sender.Send(message(id, context.Request.Headers.IfMatch), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName(Name(path))
            .WithSummary(summary + " If-Match required.")
            .Produces<ApplicationView>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

    private static void MapAction<TBody>(RouteGroupBuilder group, string path, string summary, Func<Guid, string?, TBody, ICommand<ApplicationView>> message, string policy = Policies.ApplicationsProcess) =>
        group.MapPost("/{id:guid}/" + path, async (Guid id, TBody body, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                WithETag(context, await sender.Send(message(id, context.Request.Headers.IfMatch, body), cancellationToken)))
            .RequirePolicy(policy)
            .WithName(Name(path))
            .WithSummary(summary + " If-Match required.")
            .Produces<ApplicationView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

    private static string Name(string path) =>
        string.Concat(path.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..])) + "Application";

    private static IResult Created(HttpContext context, SubmittedApplication submitted)
    {
        context.Response.Headers.ETag = Preconditions.ETagOf(submitted.Application.Version);
        return Results.Created($"/api/v1/applications/{submitted.Application.Id}", submitted);
    }

    private static IResult WithETag(HttpContext context, ApplicationView view)
    {
        context.Response.Headers.ETag = Preconditions.ETagOf(view.Version);
        return Results.Ok(view);
    }

    private static Language LanguageOf(string? lang, HttpContext context) =>
        LanguageCodes.TryParse(lang, out var language) ? language : RequestLanguage.Of(context);

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, (int)HttpStatusCode.OK);
}
