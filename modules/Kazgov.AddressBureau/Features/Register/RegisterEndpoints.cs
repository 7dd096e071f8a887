using Kazgov.AddressBureau.Register;
using Kazgov.AddressBureau.Requests;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Identifiers;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.AddressBureau.Features.Register;

internal sealed record AddResidentBody(string? Iin, string? LastName, string? FirstName, string? MiddleName);

internal sealed record AddRegistrationBody(string? Kind, string? Region, string? Settlement, string? Street, string? House, string? Flat, LocalDate? From);

internal sealed record DeregisterBody(LocalDate? On);

internal sealed record RegistrationRecorded(long Id, string PersonId);

/// <summary>The clerk's feed of the register: a resident by IIN, a registration, a deregistration. Writes are audited.</summary>
internal static class RegisterEndpoints
{
    public static void MapRegister(this IEndpointRouteBuilder group)
    {
        group.MapPost("/residents", AddResidentAsync)
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("AddAddressResident")
            .WithSummary("Clerks: adds a person by IIN (birth date and sex from the IIN) with the names as written.")
            .Produces(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/residents/{iin}/registrations", AddRegistrationAsync)
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("AddAddressRegistration")
            .WithSummary("Clerks: records a registration at an address (a new permanent one closes the previous permanent one).")
            .Produces<RegistrationRecorded>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/registrations/{id:long}/deregistration", DeregisterAsync)
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("DeregisterAddress")
            .WithSummary("Clerks: records a deregistration (the day the registration ends).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static void EnsureBureauStaff(ICurrentActor actor)
    {
        if (actor.OfficeId is null || !actor.Services.Contains(AddressCertificateDefinition.Code))
        {
            throw new ProblemException(SecurityProblems.Forbidden);
        }
    }

    private static async Task<IResult> AddResidentAsync(
        AddResidentBody body, RegisterWriter writer, DbSession session, ICurrentActor actor, IAuditTrail audit, CancellationToken cancellationToken)
    {
        EnsureBureauStaff(actor);
        var errors = new ValidationErrors();
        if (!Iin.TryParse(body.Iin?.Trim(), out var iin, out _))
        {
            errors.Add("iin", new LocalizedText("ЖСН дұрыс емес", "Неверный ИИН", "Not a valid IIN"));
        }

        errors.Required("lastName", body.LastName);
        errors.Required("firstName", body.FirstName);
        errors.ThrowIfAny();
        // The person and the audit record of adding them commit together, or neither does.
        await using var transaction = await session.BeginAsync(cancellationToken);
        if (!await writer.AddPersonAsync(iin!, body.LastName!.Trim(), body.FirstName!.Trim(), body.MiddleName?.Trim(), "clerk", cancellationToken))
        {
            throw new ProblemException(AddressBureauProblems.PersonExists);
        }

        await audit.RecordAsync(new AuditEvent("address-resident-added", AuditSubjects.Iin, iin!.Value) { ServiceCode = AddressCertificateDefinition.Code, OfficeId = actor.OfficeId }, cancellationToken);
        await transaction.CommitAsync();
        return Results.Created($"/api/v1/address-bureau/residents/{iin.Value}", null);
    }

    private static async Task<IResult> AddRegistrationAsync(
        string iin, AddRegistrationBody body, RegisterWriter writer, DbSession session, ICurrentActor actor, IAuditTrail audit, CancellationToken cancellationToken)
    {
        EnsureBureauStaff(actor);
        var errors = new ValidationErrors();
        if (body.Kind is not ("permanent" or "temporary"))
        {
            errors.Add("kind", new LocalizedText("permanent, temporary", "permanent, temporary", "permanent, temporary"));
        }

        if (body.Region is null || !RegisterWriter.Regions.Contains(body.Region))
        {
            errors.Add("region", new LocalizedText("Облыс коды", "Код области", "A region code"));
        }

        errors.Required("settlement", body.Settlement);
        if (body.From is null)
        {
            errors.Add("from", CommonMessages.Required);
        }

        errors.ThrowIfAny();
        await using var transaction = await session.BeginAsync(cancellationToken);
        if (!await writer.PersonExistsAsync(iin, cancellationToken))
        {
            throw new ProblemException(AddressBureauProblems.PersonNotFound, extensions: new Dictionary<string, object?> { ["iin"] = iin });
        }

        var id = await writer.AddRegistrationAsync(iin, new NewRegistration(
            body.Kind!, body.Region!, body.Settlement!.Trim(), body.Street?.Trim(), body.House?.Trim(), body.Flat?.Trim(), body.From!.Value, null,
            "clerk", actor.OfficeId!, null), cancellationToken);
        await audit.RecordAsync(new AuditEvent("address-registration-added", AuditSubjects.Iin, iin) { ObjectId = id?.ToString(System.Globalization.CultureInfo.InvariantCulture), ServiceCode = AddressCertificateDefinition.Code, OfficeId = actor.OfficeId }, cancellationToken);
        await transaction.CommitAsync();
        return Results.Created($"/api/v1/address-bureau/registrations/{id}", new RegistrationRecorded(id!.Value, iin));
    }

    private static async Task<IResult> DeregisterAsync(
        long id, DeregisterBody body, RegisterWriter writer, DbSession session, ICurrentActor actor, IAuditTrail audit, CancellationToken cancellationToken)
    {
        EnsureBureauStaff(actor);
        var errors = new ValidationErrors();
        if (body.On is null)
        {
            errors.Add("on", CommonMessages.Required);
        }

        errors.ThrowIfAny();
        await using var transaction = await session.BeginAsync(cancellationToken);
        if (!await writer.DeregisterAsync(id, body.On!.Value, cancellationToken))
        {
            throw new ProblemException(AddressBureauProblems.RegistrationNotOpen, extensions: new Dictionary<string, object?> { ["registration"] = id });
        }

        await audit.RecordAsync(new AuditEvent("address-registration-closed", AuditSubjects.Document, id.ToString(System.Globalization.CultureInfo.InvariantCulture)) { ServiceCode = AddressCertificateDefinition.Code, OfficeId = actor.OfficeId }, cancellationToken);
        await transaction.CommitAsync();
        return Results.NoContent();
    }
}
