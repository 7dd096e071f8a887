using System.Text.Json;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Security;
using Kazgov.Vehicles.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kazgov.Vehicles;

/// <summary>
/// The vehicle-registration intake (§12–§13): the sub-type, the vehicle (registration, transit plates,
/// a change of data) or its certificate (the other sub-types), the documents by their catalogue codes.
/// The checklist (individual or legal-entity), the fee items (§8) and the MFA channel follow from
/// these: the caller names none of them.
/// </summary>
internal sealed record SubmitVehicleApplicationRequest(
    string? OfficeId,
    string? Channel,
    string? SubType,
    ApplicantDetails? Applicant,
    Representative? Representative,
    VehicleDetails? Vehicle,
    string? CertificateNumber,
    bool NewPlate,
    bool DesignChanged,
    bool? DesignCompliant,
    int? ForeignParticipationPercent,
    string? MfaReferenceNumber,
    IReadOnlyList<string>? Documents,
    IReadOnlyList<ReceiptRequest>? Receipts);

/// <summary>The proxy-driver-registration intake (§12): the vehicle's certificate, the power of attorney, the driver's licence.</summary>
internal sealed record SubmitProxyDriverApplicationRequest(
    string? OfficeId,
    string? Channel,
    ApplicantDetails? Applicant,
    Representative? Representative,
    string? CertificateNumber,
    string? LicenceNumber,
    DrivingPowerOfAttorney? PowerOfAttorney,
    IReadOnlyList<string>? Documents);

internal static class SubmitVehicleApplications
{
    public static void MapSubmitApplications(this IEndpointRouteBuilder group)
    {
        group.MapPost("/applications", SubmitVehicleAsync)
            .RequirePolicy(Policies.ApplicationsSubmit)
            .WithName("SubmitVehicleApplication")
            .WithSummary("Takes a vehicle-registration application (registration, re-registration for a new owner or new data, deregistration, a duplicate certificate, transit plates); answers with the acknowledgement slip. The checklist, the §8 fee items and the MFA channel follow from subType, the applicant and the vehicle.")
            .Produces<SubmittedApplication>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/proxy-drivers/applications", SubmitProxyAsync)
            .RequirePolicy(Policies.ApplicationsSubmit)
            .WithName("SubmitProxyDriverApplication")
            .WithSummary("Takes a proxy-driver-registration application: the vehicle by its certificate, the owner's power of attorney and the driver's licence (checked with the Licensing module). Free of charge.")
            .Produces<SubmittedApplication>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> SubmitVehicleAsync(SubmitVehicleApplicationRequest request, IApplications applications, DbSession session, HttpContext context, CancellationToken cancellationToken)
    {
        var subType = VehicleSubTypes.Find(request.SubType);
        if (subType is null)
        {
            var codes = string.Join(", ", VehicleSubTypes.All.Select(s => s.Code));
            new ValidationErrors().Add("subType", new LocalizedText("Мүмкін мәндер: " + codes, "Допустимые значения: " + codes, "Allowed values: " + codes)).ThrowIfAny();
        }

        // §8: the duties of the sub-type for the vehicle's category (the register's category for the sub-types that name a registered vehicle).
        var category = request.Vehicle?.Category;
        if (category is null && request.CertificateNumber is { } certificate)
        {
            category = (await VehiclesStore.ByCertificateAsync(session, certificate, cancellationToken))?.Category;
        }

        var feeItems = VehicleFees.ItemsFor(subType!.Code, category ?? VehicleCategories.Car, request.NewPlate);
        var moduleData = new VehicleApplicationData(
            request.Vehicle, request.CertificateNumber, request.NewPlate, request.DesignChanged, request.DesignCompliant,
            request.ForeignParticipationPercent, request.MfaReferenceNumber);
        var submitted = await applications.SubmitAsync(
            new SubmitApplicationRequest(
                Service: VehicleRegistrationDefinition.Code,
                SubType: subType.Code,
                OfficeId: request.OfficeId,
                Channel: request.Channel,
                TermVariant: null,
                ApplicantType: request.Applicant?.Kind == ApplicantKind.LegalEntity ? "legal-entity" : "individual",
                Applicant: request.Applicant,
                Representative: request.Representative,
                Documents: request.Documents,
                FeeItems: feeItems,
                FeeExemption: null,
                Receipts: request.Receipts,
                ModuleData: JsonSerializer.SerializeToElement(moduleData, PlatformJson.Options)),
            cancellationToken);
        context.Response.Headers.ETag = Preconditions.ETagOf(submitted.Application.Version);
        return Results.Created($"/api/v1/applications/{submitted.Application.Id}", submitted);
    }

    private static async Task<IResult> SubmitProxyAsync(SubmitProxyDriverApplicationRequest request, IApplications applications, HttpContext context, CancellationToken cancellationToken)
    {
        var moduleData = new ProxyDriverApplicationData(request.CertificateNumber, request.LicenceNumber, request.PowerOfAttorney);
        var submitted = await applications.SubmitAsync(
            new SubmitApplicationRequest(
                Service: ProxyDriverDefinition.Code,
                SubType: null,
                OfficeId: request.OfficeId,
                Channel: request.Channel,
                TermVariant: null,
                ApplicantType: "individual",
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
