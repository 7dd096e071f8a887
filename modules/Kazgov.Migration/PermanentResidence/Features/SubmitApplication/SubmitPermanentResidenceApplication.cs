using System.Text.Json;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Applications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kazgov.Migration.PermanentResidence.Features.SubmitApplication;

/// <summary>
/// The permanent-residence intake (§6, §12): the route (pr-visa-holder or other-lawful-stay), the
/// applicant, the §12.1 or §12.2 documents by their catalogue codes, where the person is to be
/// registered, and for route 2 the solvency figures (§12.2.ж–з) or the exemption of the §12 note.
/// No receipt: the duty is paid after the positive decision (§17.2).
/// </summary>
internal sealed record SubmitPermanentResidenceApplicationRequest(
    string? OfficeId,
    string? Channel,
    string? Route,
    ApplicantDetails? Applicant,
    Representative? Representative,
    IReadOnlyList<string>? Documents,
    string? Settlement,
    string? Address,
    int? FamilyMembers,
    string? Exemption,
    string? ExemptionBasis,
    decimal? BankBalance,
    bool HousingContract,
    decimal? HousingFunds);

/// <summary>
/// The typed face of permanent-residence intake: it only builds the shared submission; every check
/// of the module data runs in <see cref="PermanentResidenceDefinition.ValidateIntakeAsync"/>, so the
/// generic POST /applications gets exactly the same checks.
/// </summary>
internal static class SubmitPermanentResidenceApplication
{
    public static void MapSubmitApplication(this IEndpointRouteBuilder group) =>
        group.MapPost("/applications", HandleAsync)
            .RequirePolicy(Policies.ApplicationsSubmit)
            .WithName("SubmitPermanentResidenceApplication")
            .WithSummary("Takes a permanent-residence application: the route, §12.1 or §12.2 documents, the address, solvency figures or exemption; answers with the acknowledgement slip.")
            .Produces<SubmittedApplication>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> HandleAsync(SubmitPermanentResidenceApplicationRequest request, IApplications applications, HttpContext context, CancellationToken cancellationToken)
    {
        new ValidationErrors().Required("route", request.Route).ThrowIfAny();
        var moduleData = new PermanentResidenceData(
            request.Route,
            request.Settlement,
            request.Address,
            request.FamilyMembers,
            request.Exemption,
            request.ExemptionBasis,
            request.BankBalance,
            request.HousingContract,
            request.HousingFunds,
            ApplicationDate: null);
        var submitted = await applications.SubmitAsync(
            new SubmitApplicationRequest(
                Service: PermanentResidenceDefinition.Code,
                SubType: null,
                OfficeId: request.OfficeId,
                Channel: request.Channel,
                TermVariant: null,
                ApplicantType: request.Route,
                Applicant: request.Applicant,
                Representative: request.Representative,
                Documents: request.Documents,
                FeeItems: ["permanent-residence"],
                FeeExemption: null,
                Receipts: null,
                ModuleData: JsonSerializer.SerializeToElement(moduleData, PlatformJson.Options)),
            cancellationToken);
        context.Response.Headers.ETag = Preconditions.ETagOf(submitted.Application.Version);
        return Results.Created($"/api/v1/applications/{submitted.Application.Id}", submitted);
    }
}
