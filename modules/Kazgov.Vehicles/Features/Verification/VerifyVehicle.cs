using Kazgov.Kernel.Data;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Licensing.Contracts;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Platform.Fees;
using Kazgov.Platform.Security;
using Kazgov.Vehicles.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Vehicles;

/// <summary>
/// What anybody may learn from a certificate or plate number: whether the vehicle is registered,
/// deregistered, or the number is unknown (replaced: a certificate superseded by a newer one) — and
/// the make, model and year, never the owner or any personal data.
/// </summary>
/// <param name="Kind">certificate, plate, transit-plate, or null when unknown.</param>
/// <param name="State">registered, deregistered, replaced, unknown.</param>
internal sealed record VehicleVerification(string Number, string? Kind, string State, string? Make, string? Model, int? Year, string? Category);

/// <summary>"May the holder of licence L drive vehicle V today?" — yes or no and until when; nothing else.</summary>
internal sealed record ProxyDriverVerification(string Licence, string Vehicle, LocalDate On, bool MayDrive, LocalDate? ValidUntil);

internal sealed record VehicleFeeLine(string Item, decimal PercentOfMci, decimal Amount);

/// <summary>The §8 duties of a sub-type for a category, at the MCI in force on the day.</summary>
internal sealed record VehicleFeeQuote(string SubType, string Category, bool NewPlate, LocalDate On, decimal Mci, IReadOnlyList<VehicleFeeLine> Items, decimal Total);

internal static class VerifyVehicle
{
    public static void MapVerification(this IEndpointRouteBuilder group)
    {
        group.MapGet("/{number}/verification", VerifyAsync)
            .AllowPublicVerification()
            .WithName("VerifyVehicle")
            .WithSummary("Public: whether registration certificate or plate {number} belongs to a registered vehicle — registered, deregistered, replaced (an older certificate) or unknown; with the make, model and year, never the owner.")
            .Produces<VehicleVerification>();

        group.MapGet("/proxy-drivers/verification", VerifyProxyAsync)
            .AllowPublicVerification()
            .WithName("VerifyProxyDriver")
            .WithSummary("Public: may the holder of driving licence `licence` drive vehicle `vehicle` (plate, certificate or VIN) today under a registered power of attorney? Yes or no and until when; no personal data.")
            .Produces<ProxyDriverVerification>()
            .ProducesValidationProblem();

        group.MapGet("/fee-quote", QuoteAsync)
            .RequirePolicy(Policies.ApplicationsSubmit)
            .WithName("QuoteVehicleFees")
            .WithSummary("The §8 duties of a vehicle-registration sub-type for a vehicle category (and a new plate at re-registration), in KZT at today's MCI.")
            .Produces<VehicleFeeQuote>()
            .ProducesValidationProblem();
    }

    private static async Task<IResult> VerifyAsync(string number, DbSession session, CancellationToken cancellationToken)
    {
        var key = Plates.Normalise(number);
        var byCertificate = await VehiclesStore.ByCertificateAsync(session, key, cancellationToken);
        if (byCertificate is not null)
        {
            return Results.Ok(Answer(key, "certificate", byCertificate.Status, byCertificate));
        }

        var plate = await session.QuerySingleOrDefaultAsync<PlateRow>(
            "SELECT number AS Number, series AS Series, vehicle_id AS VehicleId, status AS Status FROM vehicles.plates WHERE number = @key", new { key }, cancellationToken);
        if (plate is not null)
        {
            var vehicle = plate.VehicleId is { } id ? await VehiclesStore.ByIdAsync(session, id, cancellationToken) : null;
            var kind = plate.Series == Plates.TransitSeries ? "transit-plate" : "plate";
            var state = plate.Status == "assigned" && vehicle?.Plate == key && vehicle.Status == "registered" ? "registered" : "deregistered";
            if (plate.Series == Plates.TransitSeries)
            {
                state = plate.Status == "assigned" ? "registered" : "deregistered";
            }

            return Results.Ok(Answer(key, kind, state, vehicle));
        }

        var replaced = await session.ExecuteScalarAsync<Guid?>(
            "SELECT vehicle_id FROM vehicles.history WHERE certificate_number = @key ORDER BY at LIMIT 1", new { key }, cancellationToken);
        if (replaced is { } vehicleId)
        {
            return Results.Ok(Answer(key, "certificate", "replaced", await VehiclesStore.ByIdAsync(session, vehicleId, cancellationToken)));
        }

        return Results.Ok(new VehicleVerification(key, null, "unknown", null, null, null, null));
    }

    private static VehicleVerification Answer(string number, string kind, string state, VehicleRecord? vehicle) =>
        new(number, kind, state, vehicle?.Make, vehicle?.Model, vehicle?.Year, vehicle?.Category);

    private static async Task<IResult> VerifyProxyAsync(string? licence, string? vehicle, DbSession session, IDrivingRights rights, IClock clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Required("licence", licence);
        errors.Required("vehicle", vehicle);
        errors.ThrowIfAny();
        var today = clock.GetCurrentInstant().InZone(WorkingCalendar.Zone).Date;
        var licenceKey = licence!.Trim().ToUpperInvariant();
        var found = await VehiclesStore.FindAsync(session, vehicle!.Trim(), cancellationToken);
        var no = new ProxyDriverVerification(licenceKey, vehicle.Trim(), today, false, null);
        if (found is null || found.Status != "registered")
        {
            return Results.Ok(no);
        }

        // A power of attorney in force today, given by the vehicle's current owner.
        var proxy = await session.QuerySingleOrDefaultAsync<ProxyRecord>(
            $"""
            SELECT {VehiclesStore.ProxyColumns} FROM vehicles.proxy_drivers
            WHERE licence_number = @licenceKey AND vehicle_id = @vehicleId AND poa_issued_by = @owner AND poa_issued_on <= @today AND poa_valid_until >= @today
            ORDER BY poa_valid_until DESC LIMIT 1
            """,
            new { licenceKey, vehicleId = found.Id, owner = found.OwnerId, today }, cancellationToken);
        if (proxy is null)
        {
            return Results.Ok(no);
        }

        var standing = await rights.CheckLicenceAsync(licenceKey, proxy.LicenceCategory, today, cancellationToken);
        if (!standing.ValidOn)
        {
            return Results.Ok(no);
        }

        var until = standing.ValidUntil is { } licenceUntil && licenceUntil < proxy.PoaValidUntil ? licenceUntil : proxy.PoaValidUntil;
        return Results.Ok(no with { MayDrive = true, ValidUntil = until });
    }

    private static async Task<IResult> QuoteAsync(string? subType, string? category, bool? newPlate, IMciRates mci, ServiceCatalogue catalogue, IClock clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var type = VehicleSubTypes.Find(subType);
        if (type is null)
        {
            errors.Add("subType", OneOf(VehicleSubTypes.All.Select(s => s.Code)));
        }

        var cat = category ?? VehicleCategories.Car;
        if (!VehicleCategories.All.Contains(cat))
        {
            errors.Add("category", OneOf(VehicleCategories.All));
        }

        errors.ThrowIfAny();
        var today = clock.GetCurrentInstant().InZone(WorkingCalendar.Zone).Date;
        var rate = await mci.InForceOnAsync(today, cancellationToken) ?? throw new ProblemException(FeeProblems.MciNotDefined);
        var entry = catalogue.Find(VehicleRegistrationDefinition.Code)!;
        var lines = VehicleFees.ItemsFor(type!.Code, cat, newPlate ?? false)
            .Select(code => entry.Fees.Items.Single(i => i.Code == code))
            .Select(item => new VehicleFeeLine(item.Code, item.PercentOfMci, FeeCalculator.Amount(rate.Value, item.PercentOfMci)))
            .ToList();
        return Results.Ok(new VehicleFeeQuote(type.Code, cat, newPlate ?? false, today, rate.Value, lines, lines.Sum(l => l.Amount)));
    }

    private static LocalizedText OneOf(IEnumerable<string> values)
    {
        var list = string.Join(", ", values);
        return new LocalizedText("Мүмкін мәндер: " + list, "Допустимые значения: " + list, "Allowed values: " + list);
    }

    private sealed class PlateRow
    {
        public string Number { get; set; } = "";

        public string Series { get; set; } = "";

        public Guid? VehicleId { get; set; }

        public string Status { get; set; } = "";
    }
}
