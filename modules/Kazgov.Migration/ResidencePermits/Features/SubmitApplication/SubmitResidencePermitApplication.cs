using System.Text.Json;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Migration.ResidencePermits.Domain;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kazgov.Migration.ResidencePermits.Features.SubmitApplication;

/// <summary>
/// The residence-permit intake (§12, form 1-N): the kind of document asked for (<c>subType</c>:
/// residence-permit or stateless-certificate), the applicant (a foreigner or a stateless person with
/// the travel document), the §12 documents by their catalogue codes, the bank receipts, and for a
/// stateless person under 16 the proof of travelling abroad without parents (§6).
/// </summary>
internal sealed record SubmitResidencePermitApplicationRequest(
    string? OfficeId,
    string? Channel,
    string? SubType,
    ApplicantDetails? Applicant,
    Representative? Representative,
    IReadOnlyList<string>? Documents,
    IReadOnlyList<ReceiptRequest>? Receipts,
    string? FeeExemption,
    string? UnaccompaniedTravelProof);

/// <summary>
/// The typed face of residence-permit intake: the sub-type gives the applicant type and the fee
/// item; every check of the module data runs in <see cref="ResidencePermitDefinition.ValidateIntakeAsync"/>,
/// so the generic POST /applications gets exactly the same checks.
/// </summary>
internal static class SubmitResidencePermitApplication
{
    public static void MapSubmitApplication(this IEndpointRouteBuilder permits) =>
        permits.MapPost("/applications", HandleAsync)
            .RequirePolicy(Policies.ApplicationsSubmit)
            .WithName("SubmitResidencePermitApplication")
            .WithSummary("Takes a residence-permit or stateless-certificate application (§12, form 1-N); answers with the acknowledgement slip.")
            .WithDescription("`subType`: `residence-permit` (applicant.kind `foreigner`, fee item `residence-permit`, 20 % MCI) or "
                + "`stateless-certificate` (applicant.kind `stateless-person`, fee item `stateless-certificate`, 400 % MCI). "
                + "Under 16: 422 `applicant-under-16`, except a stateless-certificate with `unaccompaniedTravelProof` (§6). "
                + "§18 findings (`valid-document-already-held`, `passport-expired-or-expiring`) are recorded on the application and block approval.")
            .Produces<SubmittedApplication>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> HandleAsync(SubmitResidencePermitApplicationRequest request, IApplications applications, HttpContext context, CancellationToken cancellationToken)
    {
        var kind = ResidencePermitKind.Of(request.SubType);
        if (kind is null)
        {
            var errors = new ValidationErrors();
            errors.Add("subType", new LocalizedText(
                "Құжат түрі: residence-permit немесе stateless-certificate (§5)",
                "Вид документа: residence-permit или stateless-certificate (§5)",
                "The kind of document: residence-permit or stateless-certificate (§5)"));
            errors.ThrowIfAny();
        }

        var moduleData = new ResidencePermitData(request.UnaccompaniedTravelProof);
        var submitted = await applications.SubmitAsync(
            new SubmitApplicationRequest(
                Service: ResidencePermitDefinition.Code,
                SubType: kind!.SubType,
                OfficeId: request.OfficeId,
                Channel: request.Channel,
                TermVariant: null,
                ApplicantType: kind.ApplicantType,
                Applicant: request.Applicant,
                Representative: request.Representative,
                Documents: request.Documents,
                FeeItems: [kind.FeeItem],
                FeeExemption: request.FeeExemption,
                Receipts: request.Receipts,
                ModuleData: JsonSerializer.SerializeToElement(moduleData, PlatformJson.Options)),
            cancellationToken);
        context.Response.Headers.ETag = Preconditions.ETagOf(submitted.Application.Version);
        return Results.Created($"/api/v1/applications/{submitted.Application.Id}", submitted);
    }
}
