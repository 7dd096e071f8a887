using Kazgov.Kernel.Data;
using Kazgov.Kernel.Problems;
using Kazgov.Platform.ExternalChecks;
using Kazgov.Vehicles.Domain;
using NodaTime;

namespace Kazgov.Vehicles;

/// <summary>A row of the vehicle register.</summary>
internal sealed class VehicleRecord
{
    public Guid Id { get; set; }

    public string? Vin { get; set; }

    public string? ChassisNumber { get; set; }

    public string Make { get; set; } = "";

    public string? Model { get; set; }

    public int Year { get; set; }

    public string Category { get; set; } = "";

    public string? Colour { get; set; }

    public string? Engine { get; set; }

    public string OwnerId { get; set; } = "";

    public string OwnerKind { get; set; } = "";

    public string? CertificateNumber { get; set; }

    public string? Plate { get; set; }

    public string Status { get; set; } = "";

    public string RegionCode { get; set; } = "";

    public string OfficeId { get; set; } = "";

    public LocalDate RegisteredOn { get; set; }
}

internal sealed class HistoryRecord
{
    public Instant At { get; set; }

    public string Event { get; set; } = "";

    public string OwnerId { get; set; } = "";

    public Guid? ApplicationId { get; set; }

    public string? CertificateNumber { get; set; }

    public string? Plate { get; set; }

    public string? Details { get; set; }

    public string? OfficeId { get; set; }
}

internal sealed class OutcomeRecord
{
    public Guid ApplicationId { get; set; }

    public Guid? VehicleId { get; set; }

    public string SubType { get; set; } = "";

    public string? CertificateNumber { get; set; }

    public string? Plate { get; set; }

    public string? TransitPlate { get; set; }

    public Instant? HandedOverAt { get; set; }
}

internal sealed class ProxyRecord
{
    public string Number { get; set; } = "";

    public Guid ApplicationId { get; set; }

    public Guid VehicleId { get; set; }

    public string DriverId { get; set; } = "";

    public string LicenceNumber { get; set; } = "";

    public string LicenceCategory { get; set; } = "";

    public string PoaNumber { get; set; } = "";

    public LocalDate PoaIssuedOn { get; set; }

    public LocalDate PoaValidUntil { get; set; }

    public string PoaIssuedBy { get; set; } = "";

    public bool PoaNotarised { get; set; }

    public LocalDate RegisteredOn { get; set; }

    public Instant? HandedBackAt { get; set; }
}

internal static class VehiclesStore
{
    public const string ChecksTable = "vehicles.external_checks";

    public const string Columns =
        """
        id AS Id, vin AS Vin, chassis_number AS ChassisNumber, make AS Make, model AS Model, year AS Year, category AS Category,
        colour AS Colour, engine AS Engine, owner_id AS OwnerId, owner_kind AS OwnerKind, certificate_number AS CertificateNumber,
        plate AS Plate, status AS Status, region_code AS RegionCode, office_id AS OfficeId, registered_on AS RegisteredOn
        """;

    public const string ProxyColumns =
        """
        number AS Number, application_id AS ApplicationId, vehicle_id AS VehicleId, driver_id AS DriverId, licence_number AS LicenceNumber,
        licence_category AS LicenceCategory, poa_number AS PoaNumber, poa_issued_on AS PoaIssuedOn, poa_valid_until AS PoaValidUntil,
        poa_issued_by AS PoaIssuedBy, poa_notarised AS PoaNotarised, registered_on AS RegisteredOn, handed_back_at AS HandedBackAt
        """;

    public static Task<VehicleRecord?> ByCertificateAsync(DbSession session, string certificate, CancellationToken cancellationToken, bool forUpdate = false) =>
        session.QuerySingleOrDefaultAsync<VehicleRecord>(
            $"SELECT {Columns} FROM vehicles.vehicles WHERE certificate_number = @key{(forUpdate ? " FOR UPDATE" : "")}",
            new { key = certificate.Trim().ToUpperInvariant() }, cancellationToken);

    public static Task<VehicleRecord?> ByIdAsync(DbSession session, Guid id, CancellationToken cancellationToken, bool forUpdate = false) =>
        session.QuerySingleOrDefaultAsync<VehicleRecord>(
            $"SELECT {Columns} FROM vehicles.vehicles WHERE id = @id{(forUpdate ? " FOR UPDATE" : "")}", new { id }, cancellationToken);

    /// <summary>By VIN or, without one, by chassis number.</summary>
    public static Task<VehicleRecord?> ByIdentifierAsync(DbSession session, string? vin, string? chassis, CancellationToken cancellationToken, bool forUpdate = false) =>
        session.QuerySingleOrDefaultAsync<VehicleRecord>(
            $"SELECT {Columns} FROM vehicles.vehicles WHERE {(vin is not null ? "vin = @vin" : "chassis_number = @chassis")}{(forUpdate ? " FOR UPDATE" : "")}",
            new { vin = vin is null ? null : Vin.Normalise(vin), chassis = chassis is null ? null : Vin.Normalise(chassis) }, cancellationToken);

    public static Task<VehicleRecord?> ByPlateAsync(DbSession session, string plate, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<VehicleRecord>(
            $"SELECT {Columns} FROM vehicles.vehicles WHERE plate = @plate", new { plate = Plates.Normalise(plate) }, cancellationToken);

    /// <summary>Any identifier of a vehicle: its plate, its certificate, its VIN.</summary>
    public static async Task<VehicleRecord?> FindAsync(DbSession session, string key, CancellationToken cancellationToken) =>
        await ByPlateAsync(session, key, cancellationToken)
        ?? await ByCertificateAsync(session, key, cancellationToken)
        ?? await ByIdentifierAsync(session, key, null, cancellationToken);

    public static async Task<IReadOnlyList<HistoryRecord>> HistoryAsync(DbSession session, Guid vehicleId, CancellationToken cancellationToken) =>
        [.. await session.QueryAsync<HistoryRecord>(
            """
            SELECT at AS At, event AS Event, owner_id AS OwnerId, application_id AS ApplicationId, certificate_number AS CertificateNumber,
                   plate AS Plate, details AS Details, office_id AS OfficeId
            FROM vehicles.history WHERE vehicle_id = @vehicleId ORDER BY seq
            """,
            new { vehicleId }, cancellationToken)];

    public static Task AppendHistoryAsync(
        DbSession session, Guid vehicleId, Instant at, string @event, string ownerId, Guid? applicationId, string? certificate, string? plate, string? details, string? officeId,
        CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO vehicles.history (id, vehicle_id, at, event, owner_id, application_id, certificate_number, plate, details, office_id)
            VALUES (@id, @vehicleId, @at, @event, @ownerId, @applicationId, @certificate, @plate, @details, @officeId)
            """,
            new { id = Guid.CreateVersion7(), vehicleId, at, @event, ownerId, applicationId, certificate, plate, details, officeId },
            cancellationToken);

    /// <summary>
    /// The next plate of a region's pool. The pool's row is locked until the approval commits, so
    /// parallel approvals take consecutive serials; the plate's primary key is the last guard.
    /// </summary>
    public static async Task<string> AllocatePlateAsync(
        DbSession session, string regionCode, string series, Guid? vehicleId, string? vin, Guid applicationId, Instant now, CancellationToken cancellationToken)
    {
        var code = Plates.RegionCodes[regionCode];
        await session.ExecuteAsync(
            "INSERT INTO vehicles.plate_pools (region_code, series) VALUES (@regionCode, @series) ON CONFLICT DO NOTHING",
            new { regionCode, series }, cancellationToken);
        var serial = await session.ExecuteScalarAsync<long>(
            "UPDATE vehicles.plate_pools SET next_serial = next_serial + 1 WHERE region_code = @regionCode AND series = @series RETURNING next_serial - 1",
            new { regionCode, series }, cancellationToken);
        if (serial >= Plates.Capacity(series))
        {
            throw new ProblemException(VehiclesProblems.PlatePoolExhausted, extensions: new Dictionary<string, object?> { ["region"] = regionCode, ["series"] = series });
        }

        var plate = Plates.Format(series, serial, code);
        await session.ExecuteAsync(
            """
            INSERT INTO vehicles.plates (number, region_code, series, vehicle_id, vin, application_id, allocated_at, status)
            VALUES (@plate, @regionCode, @series, @vehicleId, @vin, @applicationId, @now, 'assigned')
            """,
            new { plate, regionCode, series, vehicleId, vin, applicationId, now }, cancellationToken);
        return plate;
    }

    /// <summary>A plate that leaves its vehicle is recorded as returned; the pool never gives it out again (the project's reading).</summary>
    public static Task ReturnPlateAsync(DbSession session, string plate, Instant now, CancellationToken cancellationToken) =>
        session.ExecuteAsync("UPDATE vehicles.plates SET status = 'returned', returned_at = @now WHERE number = @plate AND status = 'assigned'", new { plate, now }, cancellationToken);

    public static async Task<string> NextCertificateAsync(DbSession session, LocalDate today, CancellationToken cancellationToken)
    {
        var sequence = await session.ExecuteScalarAsync<long>("SELECT nextval('vehicles.certificate_numbers')", cancellationToken: cancellationToken);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"RC{today.Year % 100:D2}{sequence:D8}");
    }

    public static Task<OutcomeRecord?> OutcomeAsync(DbSession session, Guid applicationId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<OutcomeRecord>(
            """
            SELECT application_id AS ApplicationId, vehicle_id AS VehicleId, sub_type AS SubType, certificate_number AS CertificateNumber,
                   plate AS Plate, transit_plate AS TransitPlate, handed_over_at AS HandedOverAt
            FROM vehicles.outcomes WHERE application_id = @applicationId
            """,
            new { applicationId }, cancellationToken);

    public static Task<IReadOnlyList<ExternalCheckRecord>> ChecksAsync(DbSession session, Guid applicationId, CancellationToken cancellationToken) =>
        ExternalCheckJournal.ListAsync(session, ChecksTable, applicationId, cancellationToken);
}
