using System.Text.Json;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Catalogue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Migration.TemporaryRegistrations.Features.SubmitApplication;

/// <summary>
/// The temporary-registration intake (§12): the registered foreigner as the applicant (kind
/// foreigner or stateless-person, with travel document), the §12 documents by their catalogue codes
/// (for a stay over six months also the stay-over-six-months group), the host, the address, the
/// migration card's border-crossing date, the end of the stay asked for, and the grounds of the stay.
/// </summary>
internal sealed record SubmitTemporaryRegistrationApplicationRequest(
    string? OfficeId,
    string? Channel,
    ApplicantDetails? Applicant,
    Representative? Representative,
    IReadOnlyList<string>? Documents,
    HostDetails? Host,
    string? Address,
    string? MigrationCardNumber,
    LocalDate? BorderCrossedOn,
    LocalDate? RequestedUntil,
    VisaDetails? Visa,
    WorkPermitDetails? WorkPermit,
    StudyDetails? Study,
    string? ExtendsRegistration,
    TouristGroup? Group);

/// <summary>
/// The typed face of temporary-registration intake: it builds the shared submission (every check of
/// the module data runs in <see cref="TemporaryRegistrationDefinition.ValidateIntakeAsync"/>, so the
/// generic POST /applications gets the same checks, the extra documents of a stay over six months included).
/// </summary>
internal static class SubmitTemporaryRegistrationApplication
{
    public static void MapSubmitApplication(this IEndpointRouteBuilder registrations) =>
        registrations.MapPost("/applications", HandleAsync)
            .RequirePolicy(Policies.ApplicationsSubmit)
            .WithName("SubmitTemporaryRegistrationApplication")
            .WithSummary("Takes a temporary-registration application (§12; a tourist group's list, §15); answers with the acknowledgement slip.")
            .Produces<SubmittedApplication>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> HandleAsync(
        SubmitTemporaryRegistrationApplicationRequest request,
        IApplications applications,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var moduleData = new TemporaryRegistrationData(
            request.Host,
            request.Address,
            request.MigrationCardNumber,
            request.BorderCrossedOn,
            request.RequestedUntil,
            request.Visa,
            request.WorkPermit,
            request.Study,
            request.ExtendsRegistration,
            request.Group);

        var submitted = await applications.SubmitAsync(
            new SubmitApplicationRequest(
                Service: TemporaryRegistrationDefinition.Code,
                SubType: null,
                OfficeId: request.OfficeId,
                Channel: request.Channel,
                TermVariant: null,
                ApplicantType: TemporaryRegistrationDefinition.ApplicantType,
                Applicant: request.Applicant,
                Representative: request.Representative,
                Documents: request.Documents,
                FeeItems: null,
                FeeExemption: null,
                Receipts: null,
                ModuleData: JsonSerializer.SerializeToElement(moduleData, PlatformJson.Options)),
            cancellationToken);
        context.Response.Headers.ETag = Preconditions.ETagOf(submitted.Application.Version);
        return Results.Created($"/api/v1/applications/{submitted.Application.Id}", submitted);
    }
}
