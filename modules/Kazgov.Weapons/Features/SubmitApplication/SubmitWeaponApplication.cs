using System.Text.Json;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Security;
using Kazgov.Weapons.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Weapons;

/// <summary>
/// The weapon-registration intake (§12–§15): the sub-type, the applicant kind of §6, the unit with
/// its attributes, the documents by their catalogue codes and the facts the rules of §18 need. The
/// checklist (applicantType), the fee items and the unit-duty exemption follow from these: the caller
/// names none of them.
/// </summary>
internal sealed record SubmitWeaponApplicationRequest(
    string? OfficeId,
    string? Channel,
    string? SubType,
    string? ApplicantKind,
    ApplicantDetails? Applicant,
    Representative? Representative,
    WeaponUnit? Unit,
    bool ReRegistration,
    string? PermanentAddress,
    bool? StorageConditionsConfirmed,
    string? StorageReportNumber,
    bool MilitaryOrSpecialRank,
    SmoothBorePermit? SmoothBorePermit,
    string? EmployerBin,
    LocalDate? ForeignResidenceSince,
    bool MissionPetition,
    IReadOnlyList<string>? Documents,
    IReadOnlyList<ReceiptRequest>? Receipts);

internal static class SubmitWeaponApplication
{
    public static void MapSubmitApplication(this IEndpointRouteBuilder group) =>
        group.MapPost("/applications", HandleAsync)
            .RequirePolicy(Policies.ApplicationsSubmit)
            .WithName("SubmitWeaponApplication")
            .WithSummary("Takes a weapon-registration application (a permit, a licence or a unit registration); answers with the acknowledgement slip. The checklist, the fee items and the §8 unit-duty exemption follow from subType, applicantKind and unit.")
            .Produces<SubmittedApplication>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> HandleAsync(SubmitWeaponApplicationRequest request, IApplications applications, HttpContext context, CancellationToken cancellationToken)
    {
        var subType = WeaponSubTypes.Find(request.SubType);
        if (subType is null)
        {
            var errors = new ValidationErrors();
            var codes = string.Join(", ", WeaponSubTypes.All.Select(s => s.Code));
            errors.Add("subType", new LocalizedText("Мүмкін мәндер: " + codes, "Допустимые значения: " + codes, "Allowed values: " + codes));
            errors.ThrowIfAny();
        }

        var exemption = subType!.RegistersUnit && request.Unit is not null ? UnitFeeExemption.For(request.Unit) : null;
        var feeItems = new List<string> { subType.FeeItem };
        if (subType.RegistersUnit && subType.FeeItem != WeaponSubTypes.UnitFeeItem && exemption is null)
        {
            // §8: the permit and the 10 % duty of the unit it registers; an exempt unit pays only the permit.
            feeItems.Add(WeaponSubTypes.UnitFeeItem);
        }

        var moduleData = new WeaponApplicationData(
            request.ApplicantKind, request.Unit, request.ReRegistration, request.PermanentAddress, request.StorageConditionsConfirmed,
            request.StorageReportNumber, request.MilitaryOrSpecialRank, request.SmoothBorePermit, request.EmployerBin,
            request.ForeignResidenceSince, request.MissionPetition, null);
        var submitted = await applications.SubmitAsync(
            new SubmitApplicationRequest(
                Service: WeaponRegistrationDefinition.Code,
                SubType: subType.Code,
                OfficeId: request.OfficeId,
                Channel: request.Channel,
                TermVariant: null,
                ApplicantType: WeaponSubTypes.DocumentGroupFor(subType, request.ApplicantKind),
                Applicant: request.Applicant,
                Representative: request.Representative,
                Documents: request.Documents,
                FeeItems: feeItems,
                // The platform's exemption covers the whole application: set only when the unit duty is all there is to pay.
                FeeExemption: subType.FeeItem == WeaponSubTypes.UnitFeeItem ? exemption : null,
                Receipts: request.Receipts,
                ModuleData: JsonSerializer.SerializeToElement(moduleData, PlatformJson.Options)),
            cancellationToken);
        context.Response.Headers.ETag = Preconditions.ETagOf(submitted.Application.Version);
        return Results.Created($"/api/v1/applications/{submitted.Application.Id}", submitted);
    }
}
