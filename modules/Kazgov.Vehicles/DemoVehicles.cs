using Kazgov.Kernel.Data;
using Kazgov.Kernel.Modules;
using Kazgov.Vehicles.Domain;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace Kazgov.Vehicles;

/// <summary>A demo vehicle of the register and its owner.</summary>
internal sealed record DemoVehicle(string? Vin, string? Chassis, string Make, string Model, int Year, string Category, string Colour, string Engine,
    string OwnerId, string OwnerKind, string Region, string OfficeId);

/// <summary>
/// With ReferenceData:LoadDemoData only (never in production): a few registered vehicles with owners, so
/// that a re-registration and a proxy registration can be shown. Plates come from the regions' pools
/// like any other; a vehicle already in the register is left alone, so running it twice changes nothing.
/// </summary>
internal sealed class DemoVehicles(NpgsqlDataSource dataSource, IOptions<ReferenceDataOptions> options, IClock clock) : IReferenceDataLoader
{
    public const string AstanaOffice = "road-police-astana-671c3429";
    public const string AlmatyOffice = "road-police-almaty-city-bd174b4d";

    /// <summary>Ахметов Серік (IIN 850315301007), Жұмабаева Әсел (900720401007), Серіков Болат (781120301004), ТОО «Дала Логистик» (BIN 050440001000).</summary>
    public static readonly IReadOnlyList<DemoVehicle> All =
    [
        new("JTNB11HK5K3012345", null, "Toyota", "Camry", 2019, VehicleCategories.Car, "ақ", "2.5 бензин", "850315301007", "individual", "astana", AstanaOffice),
        new(null, "210412345", "ГАЗ", "21 Волга", 1968, VehicleCategories.Car, "қара", "2.4 бензин", "900720401007", "individual", "astana", AstanaOffice),
        new("1FTFW1E52JFA12345", null, "Ford", "F-150", 2018, VehicleCategories.Truck, "көк", "3.5 бензин", "050440001000", "legal-entity", "astana", AstanaOffice),
        new("JH2PC40J0KM200123", null, "Honda", "CBR600RR", 2019, VehicleCategories.Motorcycle, "қызыл", "0.6 бензин", "781120301004", "individual", "almaty-city", AlmatyOffice),
    ];

    private static readonly LocalDate RegisteredOn = new(2024, 5, 14);

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.LoadDemoData)
        {
            return;
        }

        await using var session = new DbSession(dataSource);
        await using var transaction = await session.BeginAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        foreach (var demo in All)
        {
            var existing = await VehiclesStore.ByIdentifierAsync(session, demo.Vin, demo.Chassis, cancellationToken);
            if (existing is not null)
            {
                continue;
            }

            var id = Guid.CreateVersion7();
            var certificate = await VehiclesStore.NextCertificateAsync(session, RegisteredOn, cancellationToken);
            await session.ExecuteAsync(
                """
                INSERT INTO vehicles.vehicles (id, vin, chassis_number, make, model, year, category, colour, engine, owner_id, owner_kind,
                                               certificate_number, status, region_code, office_id, registered_on)
                VALUES (@id, @vin, @chassis, @make, @model, @year, @category, @colour, @engine, @owner, @kind, @certificate, 'registered', @region, @office, @on)
                """,
                new
                {
                    id, vin = demo.Vin, chassis = demo.Chassis, make = demo.Make, model = demo.Model, year = demo.Year, category = demo.Category,
                    colour = demo.Colour, engine = demo.Engine, owner = demo.OwnerId, kind = demo.OwnerKind, certificate, region = demo.Region,
                    office = demo.OfficeId, on = RegisteredOn,
                },
                cancellationToken);
            var series = demo.OwnerKind == "legal-entity" ? Plates.EntitySeries : Plates.IndividualSeries;
            var plate = await VehiclesStore.AllocatePlateAsync(session, demo.Region, series, id, demo.Vin ?? demo.Chassis, Guid.Empty, now, cancellationToken);
            await session.ExecuteAsync("UPDATE vehicles.vehicles SET plate = @plate WHERE id = @id", new { plate, id }, cancellationToken);
            await VehiclesStore.AppendHistoryAsync(session, id, RegisteredOn.AtStartOfDayInZone(Platform.Calendar.WorkingCalendar.Zone).ToInstant(), "registered",
                demo.OwnerId, null, certificate, plate, "demo data", demo.OfficeId, cancellationToken);
        }

        await transaction.CommitAsync();
    }
}
