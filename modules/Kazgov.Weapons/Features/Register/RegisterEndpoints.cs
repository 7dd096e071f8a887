using Kazgov.Kernel.Data;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Weapons;

internal sealed record UnitHistoryView(Instant At, string Event, string OwnerId, Guid? ApplicationId, string? PermitNumber, string? OfficeId);

internal sealed record PermitView(string Number, string Kind, string HolderId, Guid? UnitId, string? WeaponType, string Status, LocalDate ApprovedOn, LocalDate? IssuedOn, LocalDate? ValidUntil, LocalDate? RenouncedOn, string? ReceivedBy, string? ProxyName, string? PowerOfAttorneyNumber);

/// <summary>A unit of the register: what it is, who owns it, its permits and every change.</summary>
internal sealed record UnitView(
    Guid Id, string RegistrationNumber, string Make, string? Model, string Serial, string Type, string Category, string? Purpose,
    decimal? MuzzleEnergyJ, decimal? CalibreMm, string? FeeExemption, string OwnerId, string OwnerKind, string Status, LocalDate RegisteredOn,
    string OfficeId, IReadOnlyList<PermitView> Permits, IReadOnlyList<UnitHistoryView> History);

/// <summary>What a person or organisation holds: its units and its permits.</summary>
internal sealed record HolderView(string HolderId, IReadOnlyList<UnitView> Units, IReadOnlyList<PermitView> Permits);

internal sealed record RenouncePermitRequest(LocalDate? RenouncedOn);

/// <summary>
/// The weapon register for staff (and integrators holding weapon-registration:read): who owns a
/// serial of a make, what a person or organisation holds, a unit with its history; and §18.2, a
/// holder's voluntary renunciation of a permit. Every read is audited.
/// </summary>
internal static class RegisterEndpoints
{
    public static void MapRegister(this IEndpointRouteBuilder group)
    {
        group.MapGet("/units", FindUnitAsync)
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("FindWeaponUnit")
            .WithSummary("Who owns serial X: the unit of this make and serial (make and serial are compared without case or spaces), with its permits and history.")
            .Produces<UnitView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/units/{id:guid}", GetUnitAsync)
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetWeaponUnit")
            .WithSummary("A unit of the weapon register with its permits and history.")
            .Produces<UnitView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/holders/{holderId}", HolderAsync)
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetWeaponHolder")
            .WithSummary("What person Y (IIN) or organisation (BIN) holds: its registered units and its permits.")
            .Produces<HolderView>();

        group.MapPost("/permits/{number}/renunciation", RenounceAsync)
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("RenounceWeaponPermit")
            .WithSummary("§18.2: records the holder's voluntary renunciation of an issued permit; it is no longer valid (staff).")
            .Produces<PermitView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>Staff read the register; an integrator needs weapon-registration:read, without it nothing exists (404, as ActorAccess).</summary>
    private static bool MayRead(ICurrentActor actor) =>
        actor.Kind != ActorKind.Client || actor.Scopes.Contains(Scopes.For(WeaponRegistrationDefinition.Code, Scopes.Read));

    private static async Task<IResult> FindUnitAsync(string? make, string? serial, DbSession session, ICurrentActor actor, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Required("make", make);
        errors.Required("serial", serial);
        errors.ThrowIfAny();
        var unit = (MayRead(actor) ? await WeaponsStore.FindUnitAsync(session, make!, serial!, cancellationToken) : null)
            ?? throw new ProblemException(WeaponsProblems.UnitNotFound);
        await audit.RecordAsync(new AuditEvent("weapons.unit.read", SubjectKind(unit.OwnerKind), unit.OwnerId) { ObjectId = unit.RegistrationNumber, ServiceCode = WeaponRegistrationDefinition.Code }, cancellationToken);
        return Results.Ok(await ViewAsync(session, unit, cancellationToken));
    }

    private static async Task<IResult> GetUnitAsync(Guid id, DbSession session, ICurrentActor actor, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var unit = (MayRead(actor) ? await WeaponsStore.UnitByIdAsync(session, id, cancellationToken) : null)
            ?? throw new ProblemException(WeaponsProblems.UnitNotFound);
        await audit.RecordAsync(new AuditEvent("weapons.unit.read", SubjectKind(unit.OwnerKind), unit.OwnerId) { ObjectId = unit.RegistrationNumber, ServiceCode = WeaponRegistrationDefinition.Code }, cancellationToken);
        return Results.Ok(await ViewAsync(session, unit, cancellationToken));
    }

    private static async Task<IResult> HolderAsync(string holderId, DbSession session, ICurrentActor actor, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var id = holderId.Trim();
        if (!MayRead(actor))
        {
            return Results.Ok(new HolderView(id, [], []));
        }

        var units = await session.QueryAsync<UnitRecord>(
            $"SELECT {WeaponsStore.UnitColumns} FROM weapons.units WHERE owner_id = @id AND status = 'registered' ORDER BY registered_on, registration_number",
            new { id },
            cancellationToken);
        var permits = await session.QueryAsync<PermitRecord>(
            $"SELECT {WeaponsStore.PermitColumns} FROM weapons.permits WHERE holder_id = @id ORDER BY approved_on, number",
            new { id },
            cancellationToken);
        await audit.RecordAsync(new AuditEvent("weapons.holder.read", AuditSubjects.Iin, id) { ServiceCode = WeaponRegistrationDefinition.Code }, cancellationToken);
        var unitViews = new List<UnitView>();
        foreach (var unit in units)
        {
            unitViews.Add(await ViewAsync(session, unit, cancellationToken));
        }

        return Results.Ok(new HolderView(id, unitViews, [.. permits.Select(Permit)]));
    }

    private static async Task<IResult> RenounceAsync(string number, RenouncePermitRequest? body, DbSession session, ICurrentActor actor, IAuditTrail audit, IClock clock, CancellationToken cancellationToken)
    {
        var today = clock.GetCurrentInstant().InZone(WorkingCalendar.Zone).Date;
        await using var transaction = await session.BeginAsync(cancellationToken);
        var permit = await session.QuerySingleOrDefaultAsync<PermitRecord>(
            $"SELECT {WeaponsStore.PermitColumns} FROM weapons.permits WHERE number = @number FOR UPDATE",
            new { number = number.Trim().ToUpperInvariant() },
            cancellationToken) ?? throw new ProblemException(WeaponsProblems.PermitNotFound);
        if (!actor.CanChange(permit.OfficeId, WeaponRegistrationDefinition.Code))
        {
            throw new ProblemException(SecurityProblems.Forbidden);
        }

        if (permit.Status != "issued")
        {
            throw new ProblemException(WeaponsProblems.PermitNotRenounceable, extensions: new Dictionary<string, object?> { ["permitStatus"] = permit.Status });
        }

        var on = body?.RenouncedOn ?? today;
        if (on > today || (permit.IssuedOn is { } issued && on < issued))
        {
            var errors = new ValidationErrors();
            errors.Add("renouncedOn", new LocalizedText(
                "Берілген күн мен бүгін аралығында", "Между датой выдачи и сегодняшним днём", "Between the issue date and today"));
            errors.ThrowIfAny();
        }

        await session.ExecuteAsync("UPDATE weapons.permits SET status = 'renounced', renounced_on = @on WHERE number = @number", new { on, number = permit.Number }, cancellationToken);
        if (permit.UnitId is { } unitId)
        {
            await WeaponsStore.AppendHistoryAsync(session, unitId, clock.GetCurrentInstant(), "permit-renounced", permit.HolderId, permit.ApplicationId, permit.Number, permit.OfficeId, cancellationToken);
        }

        await audit.RecordAsync(new AuditEvent("weapons.permit.renounce", AuditSubjects.Iin, permit.HolderId) { ObjectId = permit.Number, ServiceCode = WeaponRegistrationDefinition.Code, OfficeId = permit.OfficeId }, cancellationToken);
        await transaction.CommitAsync();
        permit.Status = "renounced";
        permit.RenouncedOn = on;
        return Results.Ok(Permit(permit));
    }

    private static string SubjectKind(string ownerKind) => Domain.ApplicantKinds.IsLegalEntity(ownerKind) ? AuditSubjects.Bin : AuditSubjects.Iin;

    private static PermitView Permit(PermitRecord p) =>
        new(p.Number, p.Kind, p.HolderId, p.UnitId, p.WeaponType, p.Status, p.ApprovedOn, p.IssuedOn, p.ValidUntil, p.RenouncedOn, p.ReceivedBy, p.ProxyName, p.PoaNumber);

    private static async Task<UnitView> ViewAsync(DbSession session, UnitRecord u, CancellationToken cancellationToken)
    {
        var permits = await session.QueryAsync<PermitRecord>(
            $"SELECT {WeaponsStore.PermitColumns} FROM weapons.permits WHERE unit_id = @id ORDER BY approved_on, number", new { id = u.Id }, cancellationToken);
        var history = await WeaponsStore.HistoryAsync(session, u.Id, cancellationToken);
        return new UnitView(u.Id, u.RegistrationNumber, u.Make, u.Model, u.Serial, u.WeaponType, u.Category, u.Purpose, u.MuzzleEnergyJ, u.CalibreMm,
            u.FeeExemption, u.OwnerId, u.OwnerKind, u.Status, u.RegisteredOn, u.OfficeId, [.. permits.Select(Permit)],
            [.. history.Select(h => new UnitHistoryView(h.At, h.Event, h.OwnerId, h.ApplicationId, h.PermitNumber, h.OfficeId))]);
    }
}
