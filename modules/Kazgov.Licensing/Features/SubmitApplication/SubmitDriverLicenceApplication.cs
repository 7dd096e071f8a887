using System.Text.Json;
using Kazgov.Licensing.Domain;
using Kazgov.Platform.Applications;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Licensing.Features.SubmitApplication;

/// <summary>
/// The driver-licence intake (driver-licence §12): the applicant, the categories asked for, the
/// documents of §12 by their catalogue codes, and for category E the driving experience proven by
/// documents. The exams come after intake (§14–15) and are recorded on the application
/// (POST /driver-licences/applications/{id}/exams).
/// </summary>
internal sealed record SubmitDriverLicenceApplicationRequest(
    string? OfficeId,
    string? Channel,
    ApplicantDetails? Applicant,
    Representative? Representative,
    IReadOnlyList<string>? Categories,
    IReadOnlyList<string>? Documents,
    bool MedicalDecisionPreventsDriving,
    int? DrivingExperienceMonths,
    IReadOnlyList<ReceiptRequest>? Receipts,
    string? FeeExemption);

/// <summary>
/// The typed face of driver-licence intake: it only builds the shared submission; every check of the
/// module data runs in <see cref="DriverLicenceDefinition.ValidateIntakeAsync"/>, so the generic
/// POST /applications gets exactly the same checks.
/// </summary>
internal static class SubmitDriverLicenceApplication
{
    public static void MapSubmitApplication(this IEndpointRouteBuilder licences) =>
        licences.MapPost("/applications", HandleAsync)
            .RequirePolicy(Policies.ApplicationsSubmit)
            .WithName("SubmitDriverLicenceApplication")
            .WithSummary("Takes a driver-licence application: §12 documents and categories; answers with the acknowledgement slip.")
            .Produces<SubmittedApplication>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> HandleAsync(SubmitDriverLicenceApplicationRequest request, IApplications applications, HttpContext context, CancellationToken cancellationToken)
    {
        var moduleData = new DriverLicenceData(
            request.Categories,
            request.MedicalDecisionPreventsDriving,
            request.DrivingExperienceMonths);
        var submitted = await applications.SubmitAsync(
            new SubmitApplicationRequest(
                Service: DriverLicenceDefinition.Code,
                SubType: null,
                OfficeId: request.OfficeId,
                Channel: request.Channel,
                TermVariant: null,
                ApplicantType: "individual",
                Applicant: request.Applicant,
                Representative: request.Representative,
                Documents: request.Documents,
                FeeItems: ["licence"],
                FeeExemption: request.FeeExemption,
                Receipts: request.Receipts,
                ModuleData: JsonSerializer.SerializeToElement(moduleData, PlatformJson.Options)),
            cancellationToken);
        context.Response.Headers.ETag = Preconditions.ETagOf(submitted.Application.Version);
        return Results.Created($"/api/v1/applications/{submitted.Application.Id}", submitted);
    }
}
