using System.Text.Json;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Platform.Applications;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Citizenship.Features.SubmitApplication;

/// <summary>
/// Admission to citizenship (§6.1–§6.7, §12.1): the category (1–7), the applicant (a foreigner or
/// stateless person), the common and the category's own §12.1 documents by their catalogue codes, the
/// category's facts, and a fee exemption claimed (§12.1 note). The term follows the category (§7).
/// </summary>
/// <param name="Category">1 oralman, 2 Ukraine, 3 Belarus/Kyrgyzstan/Russia, 4 former union republic, 5 profession (appendix 2), 6 married three years, 7 five years' permanent residence.</param>
/// <param name="RetainsOtherCitizenship">§18.7: the applicant keeps another state's citizenship (a refusal ground).</param>
/// <param name="OralmanCertificateNumber">Category 1: the oralman certificate.</param>
/// <param name="Relative">Categories 2–4 (3 unless born or resident before 21.12.1991): the Kazakh citizen relative's IIN and kinship.</param>
/// <param name="InKazakhstanBefore1991On">Category 3: the date of birth or residence in Kazakhstan shown by the proof (before 1991-12-21).</param>
/// <param name="ProfessionNumber">Category 5: the profession's number in appendix 2 (1–24, GET /api/v1/services/citizenship → professions).</param>
/// <param name="PetitionNumber">Category 5: the number of the state body's petition.</param>
/// <param name="PetitionStateBody">Category 5: the state body that petitions.</param>
/// <param name="MarriedOn">Category 6: the marriage date (at least three years before the application date).</param>
/// <param name="SpouseIin">Category 6: the spouse's IIN (a citizen of Kazakhstan).</param>
/// <param name="PermanentResidenceSince">Category 7: the start of permanent residence shown by the presented proof; the register's date wins when it knows the person.</param>
/// <param name="FeeExemption">oralman (category 1, once), victim-of-mass-repression-or-descendant (once, with <paramref name="FeeExemptionBasis"/>), ukrainian-citizen-simplified-procedure (category 2).</param>
internal sealed record SubmitAdmissionRequest(
    string? OfficeId,
    string? Channel,
    int? Category,
    ApplicantDetails? Applicant,
    Representative? Representative,
    IReadOnlyList<string>? Documents,
    IReadOnlyList<ReceiptRequest>? Receipts,
    string? FeeExemption,
    string? FeeExemptionBasis,
    bool RetainsOtherCitizenship,
    string? OralmanCertificateNumber,
    RelativeData? Relative,
    LocalDate? InKazakhstanBefore1991On,
    int? ProfessionNumber,
    string? PetitionNumber,
    string? PetitionStateBody,
    LocalDate? MarriedOn,
    string? SpouseIin,
    LocalDate? PermanentResidenceSince);

/// <summary>
/// Renunciation (§6.8, §12.2): a citizen of Kazakhstan (IIN), the §12.2 documents, and whether the
/// applicant has children and is married (their certificates are asked "where the applicant has them").
/// </summary>
internal sealed record SubmitRenunciationRequest(
    string? OfficeId,
    string? Channel,
    ApplicantDetails? Applicant,
    Representative? Representative,
    IReadOnlyList<string>? Documents,
    IReadOnlyList<ReceiptRequest>? Receipts,
    bool? HasChildren,
    bool? Married);

/// <summary>
/// The typed faces of citizenship intake: they only build the shared submission; every check runs in
/// <see cref="CitizenshipDefinition.ValidateIntakeAsync"/>, so POST /applications gets the same checks.
/// </summary>
internal static class SubmitCitizenshipApplications
{
    public static void MapSubmitApplications(this IEndpointRouteBuilder group)
    {
        group.MapPost("/admissions", AdmitAsync)
            .RequirePolicy(Policies.ApplicationsSubmit)
            .WithName("SubmitCitizenshipAdmissionApplication")
            .WithSummary("Takes an application for admission to citizenship (categories 1–7 of §6): the common and the category's §12.1 documents, the category's facts, a fee exemption; answers with the acknowledgement slip.")
            .Produces<SubmittedApplication>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/renunciations", RenounceAsync)
            .RequirePolicy(Policies.ApplicationsSubmit)
            .WithName("SubmitCitizenshipRenunciationApplication")
            .WithSummary("Takes an application to renounce citizenship (category 8 of §6): the §12.2 documents; answers with the acknowledgement slip.")
            .Produces<SubmittedApplication>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> AdmitAsync(SubmitAdmissionRequest request, IApplications applications, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Category is not (>= 1 and <= 7))
        {
            var errors = new ValidationErrors();
            errors.Add("category", new LocalizedText("1-ден 7-ге дейін (§6)", "От 1 до 7 (§6)", "From 1 to 7 (citizenship §6)"));
            errors.ThrowIfAny();
        }

        var moduleData = new CitizenshipData(
            RetainsOtherCitizenship: request.RetainsOtherCitizenship,
            OralmanCertificateNumber: request.OralmanCertificateNumber,
            Relative: request.Relative,
            InKazakhstanBefore1991On: request.InKazakhstanBefore1991On,
            ProfessionNumber: request.ProfessionNumber,
            PetitionNumber: request.PetitionNumber,
            PetitionStateBody: request.PetitionStateBody,
            MarriedOn: request.MarriedOn,
            SpouseIin: request.SpouseIin,
            PermanentResidenceSince: request.PermanentResidenceSince,
            FeeExemptionBasis: request.FeeExemptionBasis);
        return await SubmitAsync(applications, context, "category-" + request.Category, CitizenshipData.Admission, request.OfficeId, request.Channel,
            request.Applicant, request.Representative, request.Documents, request.Receipts, request.FeeExemption, moduleData, cancellationToken);
    }

    private static async Task<IResult> RenounceAsync(SubmitRenunciationRequest request, IApplications applications, HttpContext context, CancellationToken cancellationToken) =>
        await SubmitAsync(applications, context, "category-8", CitizenshipData.Renunciation, request.OfficeId, request.Channel,
            request.Applicant, request.Representative, request.Documents, request.Receipts, null,
            new CitizenshipData(HasChildren: request.HasChildren, Married: request.Married), cancellationToken);

    private static async Task<IResult> SubmitAsync(
        IApplications applications, HttpContext context, string applicantType, string subType, string? officeId, string? channel,
        ApplicantDetails? applicant, Representative? representative, IReadOnlyList<string>? documents, IReadOnlyList<ReceiptRequest>? receipts,
        string? feeExemption, CitizenshipData moduleData, CancellationToken cancellationToken)
    {
        var submitted = await applications.SubmitAsync(
            new SubmitApplicationRequest(
                Service: CitizenshipDefinition.Code,
                SubType: subType,
                OfficeId: officeId,
                Channel: channel,
                TermVariant: null,
                ApplicantType: applicantType,
                Applicant: applicant,
                Representative: representative,
                Documents: documents,
                FeeItems: ["citizenship"],
                FeeExemption: feeExemption,
                Receipts: receipts,
                ModuleData: JsonSerializer.SerializeToElement(moduleData, PlatformJson.Options)),
            cancellationToken);
        context.Response.Headers.ETag = Preconditions.ETagOf(submitted.Application.Version);
        return Results.Created($"/api/v1/applications/{submitted.Application.Id}", submitted);
    }
}
