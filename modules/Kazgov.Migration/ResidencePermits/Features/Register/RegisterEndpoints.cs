using Kazgov.Kernel.Data;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Migration.ResidencePermits.Domain;
using Kazgov.Migration.ResidencePermits.Features.Verification;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Migration.ResidencePermits.Features.Register;

/// <summary>One document of the register, as staff read it.</summary>
internal sealed record RegisterEntry(
    string Number,
    string Kind,
    string Status,
    string State,
    Guid? ApplicationId,
    string OfficeId,
    LocalDate? IssuedOn,
    LocalDate? ValidUntil,
    ResidencePermitHolder Holder);

internal sealed record RegisterEntries(IReadOnlyList<RegisterEntry> Items);

/// <summary>The §12 checklist of one sub-type: the catalogue's document group, the photos item with its conditions.</summary>
internal sealed record ResidencePermitChecklist(string SubType, string ApplicantType, string FeeItem, decimal PercentOfMci, IReadOnlyList<ChecklistItem> Items);

/// <param name="Conditions">What the document must satisfy (for the photos: the §12 photo rules, the group's catalogue notes).</param>
internal sealed record ChecklistItem(string Code, CatalogueText Text, bool Mandatory, string Source, PhotoRequirement? Photo, IReadOnlyList<SourcedText> Conditions);

internal static class RegisterEndpoints
{
    public static void MapRegister(this IEndpointRouteBuilder permits)
    {
        permits.MapGet("/register", ReadAsync)
            .RequirePolicy(Policies.DocumentsVerify)
            .WithName("ReadResidencePermitRegister")
            .WithSummary("Staff (and integrators with residence-permit:verify) read the register by number, by travel document or by IIN.")
            .WithDescription("Give `number`, or `travelDocumentCountry` and `travelDocumentNumber`, or `iin` (400 `validation-failed` otherwise). "
                + "Every document of the person, newest first, with its status (reserved, issued, revoked) and `state` today "
                + "(valid, expired, revoked, not-handed-over). A client without `residence-permit:verify` gets an empty list.")
            .Produces<RegisterEntries>()
            .ProducesValidationProblem();

        permits.MapGet("/checklist", Checklist)
            .RequirePolicy(Policies.AnyActor)
            .WithName("GetResidencePermitChecklist")
            .WithSummary("The §12 checklist of a sub-type: the documents, the photos item with its conditions (§12 photo rules), the fee item.")
            .WithDescription("`subType`: residence-permit (foreigner) or stateless-certificate (stateless person, also under 16). 400 `validation-failed` for another value.")
            .Produces<ResidencePermitChecklist>()
            .ProducesValidationProblem();
    }

    private static async Task<IResult> ReadAsync(
        string? number, string? travelDocumentCountry, string? travelDocumentNumber, string? iin,
        ICurrentActor actor, DbSession session, IAuditTrail audit, IClock clock, CancellationToken cancellationToken)
    {
        var byNumber = !string.IsNullOrWhiteSpace(number);
        var byDocument = !string.IsNullOrWhiteSpace(travelDocumentCountry) && !string.IsNullOrWhiteSpace(travelDocumentNumber);
        var byIin = !string.IsNullOrWhiteSpace(iin);
        if (!byNumber && !byDocument && !byIin)
        {
            new ValidationErrors().Add("number", new LocalizedText(
                "Нөмірді, жол жүру құжатын (travelDocumentCountry, travelDocumentNumber) немесе ЖСН-ды көрсетіңіз",
                "Укажите номер, проездной документ (travelDocumentCountry, travelDocumentNumber) или ИИН",
                "Give the number, the travel document (travelDocumentCountry, travelDocumentNumber) or the IIN")).ThrowIfAny();
        }

        // Like every list of the platform, filtered by what the actor may see: a client without
        // residence-permit:verify (admitted by the policy for another service's scope) sees nothing.
        if (!VerifyResidencePermitEndpoint.MaySeeHolder(actor))
        {
            return Results.Ok(new RegisterEntries([]));
        }

        var rows = await session.QueryAsync<RegisterRow>(
            RegisterRow.Select +
            """
             WHERE (@number::text IS NULL OR number = @number)
               AND (@country::text IS NULL OR (travel_document_country = @country AND travel_document_number = @documentNumber))
               AND (@iin::text IS NULL OR holder_iin = @iin)
             ORDER BY reserved_at DESC, number
             LIMIT 100
            """,
            new
            {
                number = byNumber ? number!.Trim().ToUpperInvariant() : null,
                country = byDocument ? travelDocumentCountry!.Trim().ToUpperInvariant() : null,
                documentNumber = byDocument ? ResidencePermitRules.NormaliseDocumentNumber(travelDocumentNumber!) : null,
                iin = byIin ? iin!.Trim() : null,
            },
            cancellationToken);
        // Every holder shown is a read of personal data.
        await audit.RecordManyAsync([.. rows.Select(r => r.HolderReadEvent("residence-permit.register.read"))], cancellationToken);
        var today = clock.GetCurrentInstant().InZone(WorkingCalendar.Zone).Date;
        return Results.Ok(new RegisterEntries([.. rows.Select(r => new RegisterEntry(
            r.Number, r.Kind, r.Status, r.StateOn(today), r.ApplicationId, r.OfficeId, r.IssueDate, r.ValidUntil, r.Holder))]));
    }

    private static IResult Checklist(string? subType, ServiceCatalogue catalogue)
    {
        if (ResidencePermitKind.Of(subType) is not { } kind)
        {
            new ValidationErrors().Add("subType", new LocalizedText(
                "Құжат түрі: residence-permit немесе stateless-certificate",
                "Вид документа: residence-permit или stateless-certificate",
                "The kind of document: residence-permit or stateless-certificate")).ThrowIfAny();
            return Results.BadRequest();
        }

        var service = catalogue.Find(ResidencePermitDefinition.Code)!;
        var group = service.Documents.First(g => g.ApplicantType == kind.ApplicantType && g.AdditionalTo is null);
        var fee = service.Fees.Items.First(i => i.Code == kind.FeeItem);
        // residence-permit §12: the photo rules follow the list; they are the conditions of the photos item, not separate documents.
        var items = group.Items.Select(i => new ChecklistItem(i.Code, i.Text, i.Mandatory, i.Source, i.Photo, i.Photo is null ? [] : group.Notes)).ToList();
        return Results.Ok(new ResidencePermitChecklist(kind.SubType, kind.ApplicantType, kind.FeeItem, fee.PercentOfMci, items));
    }
}
