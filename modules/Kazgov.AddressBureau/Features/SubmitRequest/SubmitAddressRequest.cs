using System.Text.Json;
using Kazgov.AddressBureau.Domain;
using Kazgov.AddressBureau.Passwords;
using Kazgov.AddressBureau.Requests;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Applications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kazgov.AddressBureau.Features.SubmitRequest;

/// <summary>
/// A request to the bureau (§7, §12): its kind, the applicant (the individual in person; the agency or
/// organisation by BIN), the agency's code for agency requests, who asks and why, the sender's outgoing
/// number, and for a telephone request the agency's password (checked, never stored). The term variant,
/// applicant type and documents follow from the kind when not given.
/// </summary>
internal sealed record SubmitAddressRequestBody(
    string? OfficeId,
    string? Channel,
    string? TermVariant,
    string? ApplicantType,
    ApplicantDetails? Applicant,
    IReadOnlyList<string>? Documents,
    string? Kind,
    string? AgencyCode,
    string? Requester,
    string? Reason,
    string? OutgoingNumber,
    string? Password);

internal static class SubmitAddressRequest
{
    public static void MapSubmitRequest(this IEndpointRouteBuilder group) =>
        group.MapPost("/requests", HandleAsync)
            .RequirePolicy(Policies.ApplicationsSubmit)
            .WithName("SubmitAddressCertificateApplication")
            .WithSummary("Registers a request (in person 10 min; priority agency in writing or by telephone 48 h around the clock; other organisation 5 тәулік = 120 h around the clock); answers with the acknowledgement slip.")
            .WithDescription("A telephone request (`agency-phone`) carries the agency's password: a wrong one answers 403 `agency-password-refused`, five wrong ones in 15 minutes 429 `agency-password-rate-limited`.")
            .Produces<SubmittedApplication>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> HandleAsync(
        SubmitAddressRequestBody body, IApplications applications, AddressRequests requests, AgencyPasswords passwords, DbSession session,
        HttpContext context, CancellationToken cancellationToken)
    {
        var kind = body.Kind?.Trim();
        var agency = Agencies.Find(body.AgencyCode);
        long? check = null;
        if (kind == RequestKinds.AgencyPhone && agency is not null)
        {
            if (!agency.LawEnforcement)
            {
                throw new Kazgov.Kernel.Problems.ProblemException(AddressBureauProblems.PhoneNotAllowed);
            }

            // Recorded whatever follows: a wrong password counts towards the limit even if intake then fails.
            check = await passwords.CheckAsync(agency, body.Password, cancellationToken);
        }

        var applicantType = body.ApplicantType ?? (kind is null ? null : RequestKinds.ApplicantType(kind, agency));
        var moduleData = new AddressRequestData(kind, body.AgencyCode, body.Requester, body.Reason, body.OutgoingNumber, check);
        await using var transaction = await session.BeginAsync(cancellationToken);
        var submitted = await applications.SubmitAsync(
            new SubmitApplicationRequest(
                Service: AddressCertificateDefinition.Code,
                SubType: null,
                OfficeId: body.OfficeId,
                Channel: body.Channel,
                TermVariant: body.TermVariant ?? (kind is null || !RequestKinds.All.Contains(kind) ? null : RequestKinds.TermVariant(kind)),
                ApplicantType: applicantType,
                Applicant: body.Applicant,
                Representative: null,
                Documents: body.Documents ?? (applicantType is null ? null : [RequestKinds.Document(applicantType)]),
                FeeItems: null,
                FeeExemption: null,
                Receipts: null,
                ModuleData: JsonSerializer.SerializeToElement(moduleData, PlatformJson.Options)),
            cancellationToken);
        await requests.RecordAsync(submitted.Application, cancellationToken);
        await transaction.CommitAsync();
        context.Response.Headers.ETag = Preconditions.ETagOf(submitted.Application.Version);
        return Results.Created($"/api/v1/applications/{submitted.Application.Id}", submitted);
    }
}
