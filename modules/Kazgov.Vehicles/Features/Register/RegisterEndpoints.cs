using Kazgov.Kernel.Data;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Security;
using Kazgov.Vehicles.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Vehicles;

internal sealed record VehicleHistoryView(Instant At, string Event, string OwnerId, Guid? ApplicationId, string? CertificateNumber, string? Plate, string? Details, string? OfficeId);

internal sealed record ProxyDriverView(string Number, string DriverId, string LicenceNumber, string LicenceCategory, string PowerOfAttorneyNumber,
    LocalDate PowerOfAttorneyIssuedOn, LocalDate PowerOfAttorneyValidUntil, bool Notarised, LocalDate RegisteredOn);

/// <summary>A vehicle of the register: what it is, whose it is, its certificate and plate, its proxy drivers and every change.</summary>
internal sealed record VehicleView(
    Guid Id, string? Vin, string? ChassisNumber, string Make, string? Model, int Year, string Category, string? Colour, string? Engine,
    string OwnerId, string OwnerKind, string? CertificateNumber, string? Plate, string? PlateDisplay, string Status, string RegionCode, string OfficeId,
    LocalDate RegisteredOn, IReadOnlyList<ProxyDriverView> ProxyDrivers, IReadOnlyList<VehicleHistoryView> History);

internal sealed record OwnerVehiclesView(string OwnerId, IReadOnlyList<VehicleView> Vehicles);

/// <summary>What approval produced for an application: the certificate and plate (or transit plate), and whether they were handed over.</summary>
internal sealed record VehicleOutcomeView(Guid ApplicationId, string SubType, Guid? VehicleId, string? CertificateNumber, string? Plate, string? PlateDisplay,
    string? TransitPlate, string? TransitPlateDisplay, Instant? HandedOverAt);

/// <summary>
/// The vehicle register for staff (and integrators holding vehicle-registration:read): whose is VIN X
/// or plate Y, what an owner holds, a vehicle with its history, and an application's certificate and
/// plate. Every read of an owner's data is audited.
/// </summary>
internal static class RegisterEndpoints
{
    public static void MapRegister(this IEndpointRouteBuilder group)
    {
        group.MapGet("/register", FindAsync)
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("FindVehicle")
            .WithSummary("Whose is VIN X, plate Y or certificate Z: the vehicle with its owner, proxy drivers and history (give one of vin, plate, certificate).")
            .Produces<VehicleView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/register/{id:guid}", GetAsync)
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetVehicle")
            .WithSummary("A vehicle of the register with its proxy drivers and history.")
            .Produces<VehicleView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/owners/{ownerId}", OwnerAsync)
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetVehicleOwner")
            .WithSummary("The vehicles a person (IIN) or organisation (BIN) owns.")
            .Produces<OwnerVehiclesView>();

        group.MapGet("/applications/{id:guid}/outcome", OutcomeAsync)
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetVehicleApplicationOutcome")
            .WithSummary("The registration certificate and plate (or transit plate) an approved vehicle-registration application produced; 404 before approval.")
            .Produces<VehicleOutcomeView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Staff read the register; an integrator needs vehicle-registration:read, without it nothing exists (404).</summary>
    private static bool MayRead(ICurrentActor actor) =>
        actor.Kind != ActorKind.Client || actor.Scopes.Contains(Scopes.For(VehicleRegistrationDefinition.Code, Scopes.Read));

    private static async Task<IResult> FindAsync(string? vin, string? plate, string? certificate, DbSession session, ICurrentActor actor, IAuditTrail audit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(vin) && string.IsNullOrWhiteSpace(plate) && string.IsNullOrWhiteSpace(certificate))
        {
            new ValidationErrors().Add("vin", new Kazgov.Kernel.Localization.LocalizedText(
                "vin, plate не certificate беріңіз", "Укажите vin, plate или certificate", "Give vin, plate or certificate")).ThrowIfAny();
        }

        VehicleRecord? vehicle = null;
        if (MayRead(actor))
        {
            vehicle = !string.IsNullOrWhiteSpace(vin) ? await VehiclesStore.ByIdentifierAsync(session, vin, null, cancellationToken)
                    ?? await VehiclesStore.ByIdentifierAsync(session, null, vin, cancellationToken)
                : !string.IsNullOrWhiteSpace(plate) ? await VehiclesStore.ByPlateAsync(session, plate, cancellationToken)
                : await VehiclesStore.ByCertificateAsync(session, certificate!, cancellationToken);
        }

        return Results.Ok(await ViewAsync(session, audit, vehicle ?? throw new ProblemException(VehiclesProblems.VehicleNotFound), cancellationToken));
    }

    private static async Task<IResult> GetAsync(Guid id, DbSession session, ICurrentActor actor, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var vehicle = (MayRead(actor) ? await VehiclesStore.ByIdAsync(session, id, cancellationToken) : null)
            ?? throw new ProblemException(VehiclesProblems.VehicleNotFound);
        return Results.Ok(await ViewAsync(session, audit, vehicle, cancellationToken));
    }

    private static async Task<IResult> OwnerAsync(string ownerId, DbSession session, ICurrentActor actor, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var rows = MayRead(actor)
            ? await session.QueryAsync<VehicleRecord>($"SELECT {VehiclesStore.Columns} FROM vehicles.vehicles WHERE owner_id = @ownerId ORDER BY registered_on, id", new { ownerId = ownerId.Trim() }, cancellationToken)
            : [];
        var views = new List<VehicleView>();
        foreach (var row in rows)
        {
            views.Add(await ViewAsync(session, audit, row, cancellationToken));
        }

        return Results.Ok(new OwnerVehiclesView(ownerId.Trim(), views));
    }

    private static async Task<IResult> OutcomeAsync(Guid id, DbSession session, IApplications applications, CancellationToken cancellationToken)
    {
        // The application's own read rules (staff of its office, the integrator's scope) decide whether it exists for the caller.
        var application = await applications.GetAsync(id, cancellationToken);
        var outcome = application.Service == VehicleRegistrationDefinition.Code ? await VehiclesStore.OutcomeAsync(session, id, cancellationToken) : null;
        if (outcome is null)
        {
            throw new ProblemException(VehiclesProblems.VehicleNotFound);
        }

        return Results.Ok(new VehicleOutcomeView(outcome.ApplicationId, outcome.SubType, outcome.VehicleId, outcome.CertificateNumber, outcome.Plate,
            outcome.Plate is null ? null : Plates.Display(outcome.Plate), outcome.TransitPlate, outcome.TransitPlate is null ? null : Plates.Display(outcome.TransitPlate),
            outcome.HandedOverAt));
    }

    private static async Task<VehicleView> ViewAsync(DbSession session, IAuditTrail audit, VehicleRecord vehicle, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(new AuditEvent("vehicles.vehicle.read", vehicle.OwnerKind == "legal-entity" ? AuditSubjects.Bin : AuditSubjects.Iin, vehicle.OwnerId)
        {
            ObjectId = vehicle.Vin ?? vehicle.ChassisNumber,
            ServiceCode = VehicleRegistrationDefinition.Code,
        }, cancellationToken);
        var history = await VehiclesStore.HistoryAsync(session, vehicle.Id, cancellationToken);
        var proxies = await session.QueryAsync<ProxyRecord>(
            $"SELECT {VehiclesStore.ProxyColumns} FROM vehicles.proxy_drivers WHERE vehicle_id = @id ORDER BY registered_on, number", new { id = vehicle.Id }, cancellationToken);
        return new VehicleView(
            vehicle.Id, vehicle.Vin, vehicle.ChassisNumber, vehicle.Make, vehicle.Model, vehicle.Year, vehicle.Category, vehicle.Colour, vehicle.Engine,
            vehicle.OwnerId, vehicle.OwnerKind, vehicle.CertificateNumber, vehicle.Plate, vehicle.Plate is null ? null : Plates.Display(vehicle.Plate), vehicle.Status,
            vehicle.RegionCode, vehicle.OfficeId, vehicle.RegisteredOn,
            [.. proxies.Select(p => new ProxyDriverView(p.Number, p.DriverId, p.LicenceNumber, p.LicenceCategory, p.PoaNumber, p.PoaIssuedOn, p.PoaValidUntil, p.PoaNotarised, p.RegisteredOn))],
            [.. history.Select(h => new VehicleHistoryView(h.At, h.Event, h.OwnerId, h.ApplicationId, h.CertificateNumber, h.Plate, h.Details, h.OfficeId))]);
    }
}
