using System.Text.Json.Nodes;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Calendar;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using NodaTime;

namespace Kazgov.Migration.ResidencePermits.Features.Verification;

/// <summary>
/// What a third party may learn about a residence permit or stateless person's certificate, the
/// same as for a driver licence: whether it is valid today, its kind and dates, and the holder's
/// initials and birth year only. The caller must know the number and the holder's birth date
/// (numbers are sequential). Staff and integrators with <c>residence-permit:verify</c> also get
/// <see cref="Holder"/>: the full names, birth date, citizenship and travel document.
/// </summary>
internal sealed record ResidencePermitVerification(
    string Number,
    string Kind,
    bool ValidToday,
    string State,
    LocalDate? IssuedOn,
    LocalDate? ValidUntil,
    string HolderInitials,
    int HolderBirthYear,
    ResidencePermitHolder? Holder);

/// <summary>The holder's details, for staff and integrators with the verify scope only.</summary>
internal sealed record ResidencePermitHolder(
    string LastName,
    string FirstName,
    string? MiddleName,
    LocalDate BirthDate,
    string? Citizenship,
    string TravelDocumentCountry,
    string TravelDocumentNumber,
    string? Iin);

/// <param name="HolderBirthDate">The second factor: a wrong date answers exactly as a wrong number does.</param>
/// <param name="WithHolder">Whether the caller may see the holder's details.</param>
internal sealed record VerifyResidencePermit(string Number, LocalDate HolderBirthDate, bool WithHolder) : IQuery<ResidencePermitVerification>;

internal sealed class VerifyResidencePermitHandler(DbSession session, IAuditTrail audit, IClock clock) : IQueryHandler<VerifyResidencePermit, ResidencePermitVerification>
{
    public async ValueTask<ResidencePermitVerification> Handle(VerifyResidencePermit query, CancellationToken cancellationToken)
    {
        var document = await session.QuerySingleOrDefaultAsync<RegisterRow>(
            RegisterRow.Select + " WHERE number = @number AND holder_birth_date = @birthDate",
            new { number = query.Number.Trim().ToUpperInvariant(), birthDate = query.HolderBirthDate },
            cancellationToken)
            // One answer for an unknown number and for a known number with another birth date: nothing is revealed.
            ?? throw new ProblemException(
                ResidencePermitProblems.DocumentNotFound,
                new LocalizedText(
                    "Бұл нөмір мен иесінің туған күніне сәйкес құжат жоқ",
                    "Документа с таким номером и датой рождения владельца нет",
                    "No document matches this number and holder's birth date"),
                extensions: new Dictionary<string, object?> { ["number"] = query.Number });

        var today = clock.GetCurrentInstant().InZone(WorkingCalendar.Zone).Date;
        var state = document.StateOn(today);
        if (query.WithHolder)
        {
            // The full holder is personal data: whoever is shown it is in the audit log (initials alone are not).
            await audit.RecordAsync(document.HolderReadEvent("residence-permit.holder.read"), cancellationToken);
        }

        return new ResidencePermitVerification(
            document.Number, document.Kind, state == "valid", state, document.IssueDate, document.ValidUntil,
            $"{document.LastName[..1]}. {document.FirstName[..1]}.", document.BirthDate.Year,
            query.WithHolder ? document.Holder : null);
    }
}

/// <summary>A row of migration.residence_permits as the reads of the module see it.</summary>
internal sealed class RegisterRow
{
    public const string Select =
        """
        SELECT number AS Number, kind AS Kind, status AS Status, application_id AS ApplicationId,
               holder_last_name AS LastName, holder_first_name AS FirstName, holder_middle_name AS MiddleName,
               holder_birth_date AS BirthDate, holder_citizenship AS Citizenship,
               travel_document_country AS TravelDocumentCountry, travel_document_number AS TravelDocumentNumber,
               holder_iin AS Iin, office_id AS OfficeId, issue_date AS IssueDate, valid_until AS ValidUntil
        FROM migration.residence_permits
        """;

    public string Number { get; init; } = "";

    public string Kind { get; init; } = "";

    public string Status { get; init; } = "";

    public Guid? ApplicationId { get; init; }

    public string LastName { get; init; } = "";

    public string FirstName { get; init; } = "";

    public string? MiddleName { get; init; }

    public LocalDate BirthDate { get; init; }

    public string? Citizenship { get; init; }

    public string TravelDocumentCountry { get; init; } = "";

    public string TravelDocumentNumber { get; init; } = "";

    public string? Iin { get; init; }

    public string OfficeId { get; init; } = "";

    public LocalDate? IssueDate { get; init; }

    public LocalDate? ValidUntil { get; init; }

    public ResidencePermitHolder Holder => new(LastName, FirstName, MiddleName, BirthDate, Citizenship, TravelDocumentCountry, TravelDocumentNumber, Iin);

    /// <summary>The audit record of showing this document's holder: whose (the IIN, or the document when the holder has none), which document.</summary>
    public AuditEvent HolderReadEvent(string operation) =>
        new(operation, Iin is null ? AuditSubjects.Document : AuditSubjects.Iin, Iin ?? Number)
        {
            ObjectId = Number,
            ServiceCode = ResidencePermitDefinition.Code,
            OfficeId = OfficeId,
        };

    /// <summary>valid, expired, revoked, or not-handed-over (approved, the number reserved).</summary>
    public string StateOn(LocalDate today) => Status switch
    {
        "revoked" => "revoked",
        "reserved" => "not-handed-over",
        _ => today > ValidUntil ? "expired" : "valid",
    };
}

internal static class VerifyResidencePermitEndpoint
{
    public static void MapVerification(this IEndpointRouteBuilder permits) =>
        permits.MapGet("/{number}/verification", async (string number, string? birthDate, ICurrentActor actor, ISender sender, CancellationToken cancellationToken) =>
            {
                var errors = new ValidationErrors();
                var holderBirthDate = RequestValues.Date(errors, "birthDate", birthDate);
                errors.ThrowIfAny();
                return Results.Ok(await sender.Send(new VerifyResidencePermit(number, holderBirthDate!.Value, MaySeeHolder(actor)), cancellationToken));
            })
            .AllowPublicVerification()
            .WithName("VerifyResidencePermit")
            .WithSummary("Whether a residence permit or stateless person's certificate is valid today, its kind and validity, the holder's initials and birth year.")
            .WithDescription("Public, under its own rate limit. Needs the number and the holder's birth date (`birthDate=yyyy-MM-dd`): "
                + "an unknown number and a wrong birth date both answer 404 problem `residence-permit-not-found`, so numbers cannot be enumerated. "
                + "Without a valid `birthDate`: 400 `validation-failed`. `kind`: residence-permit, stateless-certificate. "
                + "`state`: valid, expired, revoked, not-handed-over. `holder` (full names, birth date, citizenship, travel document, IIN) "
                + "only for staff and for integrators holding the scope `residence-permit:verify`; null otherwise.")
            .Produces<ResidencePermitVerification>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                foreach (var parameter in operation.Parameters ?? [])
                {
                    if (parameter is OpenApiParameter { Name: "birthDate" } date)
                    {
                        date.Required = true;
                        date.Description = "The holder's birth date as printed on the document (yyyy-MM-dd).";
                        date.Example = JsonValue.Create("1990-07-01");
                    }
                }

                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue("application/json", out var media) == true)
                {
                    media.Example = JsonNode.Parse("""
                        { "number": "RP260000042", "kind": "residence-permit", "validToday": true, "state": "valid",
                          "issuedOn": "2026-05-12", "validUntil": "2030-01-31", "holderInitials": "И. П.", "holderBirthYear": 1990, "holder": null }
                        """);
                }

                return Task.CompletedTask;
            });

    /// <summary>Staff who verify documents, and integrators granted residence-permit:verify (Policies.DocumentsVerify, per service).</summary>
    public static bool MaySeeHolder(ICurrentActor actor) => actor.Kind switch
    {
        ActorKind.Staff => actor.Role is Roles.Clerk or Roles.UnitHead or Roles.Auditor,
        ActorKind.Client => actor.Scopes.Contains(Scopes.For(ResidencePermitDefinition.Code, Scopes.Verify)),
        _ => false,
    };
}
