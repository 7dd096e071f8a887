using Kazgov.Platform.ExternalChecks;
using Kazgov.Kernel.Data;
using Kazgov.Weapons.Domain;
using NodaTime;

namespace Kazgov.Weapons;

/// <summary>A row of the weapon register.</summary>
internal sealed class UnitRecord
{
    public Guid Id { get; set; }

    public string RegistrationNumber { get; set; } = "";

    public string Make { get; set; } = "";

    public string? Model { get; set; }

    public string Serial { get; set; } = "";

    public string WeaponType { get; set; } = "";

    public string Category { get; set; } = "";

    public string? Purpose { get; set; }

    public decimal? MuzzleEnergyJ { get; set; }

    public decimal? CalibreMm { get; set; }

    public string? FeeExemption { get; set; }

    public string OwnerId { get; set; } = "";

    public string OwnerKind { get; set; } = "";

    public string Status { get; set; } = "";

    public LocalDate RegisteredOn { get; set; }

    public string OfficeId { get; set; } = "";
}

/// <summary>A row of the permits.</summary>
internal sealed class PermitRecord
{
    public string Number { get; set; } = "";

    public string Kind { get; set; } = "";

    public Guid ApplicationId { get; set; }

    public string HolderId { get; set; } = "";

    public Guid? UnitId { get; set; }

    public string? WeaponType { get; set; }

    public string OfficeId { get; set; } = "";

    public LocalDate ApprovedOn { get; set; }

    public LocalDate? IssuedOn { get; set; }

    public LocalDate? ValidUntil { get; set; }

    public string Status { get; set; } = "";

    public LocalDate? RenouncedOn { get; set; }

    public string? ReceivedBy { get; set; }

    public string? ProxyName { get; set; }

    public string? PoaNumber { get; set; }
}

internal sealed class HistoryRecord
{
    public Instant At { get; set; }

    public string Event { get; set; } = "";

    public string OwnerId { get; set; } = "";

    public Guid? ApplicationId { get; set; }

    public string? PermitNumber { get; set; }

    public string? OfficeId { get; set; }
}

internal sealed class RecipientRecord
{
    public string ReceivedBy { get; set; } = "";

    public string? ProxyName { get; set; }

    public string? ProxyIin { get; set; }

    public string? PoaNumber { get; set; }

    public LocalDate? PoaIssuedOn { get; set; }

    public LocalDate? PoaValidUntil { get; set; }

    public string? PoaIssuedBy { get; set; }
}

/// <summary>The module's tables (schema weapons, script 0002).</summary>
internal static class WeaponsStore
{
    public const string UnitColumns =
        "id AS Id, registration_number AS RegistrationNumber, make AS Make, model AS Model, serial AS Serial, weapon_type AS WeaponType, " +
        "category AS Category, purpose AS Purpose, muzzle_energy_j AS MuzzleEnergyJ, calibre_mm AS CalibreMm, fee_exemption AS FeeExemption, " +
        "owner_id AS OwnerId, owner_kind AS OwnerKind, status AS Status, registered_on AS RegisteredOn, office_id AS OfficeId";

    public const string PermitColumns =
        "number AS Number, kind AS Kind, application_id AS ApplicationId, holder_id AS HolderId, unit_id AS UnitId, weapon_type AS WeaponType, " +
        "office_id AS OfficeId, approved_on AS ApprovedOn, issued_on AS IssuedOn, valid_until AS ValidUntil, status AS Status, " +
        "renounced_on AS RenouncedOn, received_by AS ReceivedBy, proxy_name AS ProxyName, poa_number AS PoaNumber";

    public static Task<UnitRecord?> FindUnitAsync(DbSession session, string make, string serial, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<UnitRecord>(
            $"SELECT {UnitColumns} FROM weapons.units WHERE make_key = @make AND serial_key = @serial",
            new { make = WeaponUnit.Key(make), serial = WeaponUnit.Key(serial) },
            cancellationToken);

    public static Task<UnitRecord?> UnitByIdAsync(DbSession session, Guid id, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<UnitRecord>($"SELECT {UnitColumns} FROM weapons.units WHERE id = @id", new { id }, cancellationToken);

    public static async Task<IReadOnlyList<HistoryRecord>> HistoryAsync(DbSession session, Guid unitId, CancellationToken cancellationToken) =>
        [.. await session.QueryAsync<HistoryRecord>(
            """
            SELECT at AS At, event AS Event, owner_id AS OwnerId, application_id AS ApplicationId, permit_number AS PermitNumber, office_id AS OfficeId
            FROM weapons.unit_history WHERE unit_id = @unitId ORDER BY at, id
            """,
            new { unitId },
            cancellationToken)];

    public static Task AppendHistoryAsync(DbSession session, Guid unitId, Instant at, string @event, string ownerId, Guid? applicationId, string? permitNumber, string? officeId, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO weapons.unit_history (id, unit_id, at, event, owner_id, application_id, permit_number, office_id)
            VALUES (@id, @unitId, @at, @event, @ownerId, @applicationId, @permitNumber, @officeId)
            """,
            new { id = Guid.CreateVersion7(), unitId, at, @event, ownerId, applicationId, permitNumber, officeId },
            cancellationToken);

    /// <summary>§12 rifled weapons: the first day of lawful smooth-bore use the register knows (an issued keep-and-carry permit).</summary>
    public static Task<LocalDate?> SmoothBoreUseSinceAsync(DbSession session, string holderId, CancellationToken cancellationToken) =>
        session.ExecuteScalarAsync<LocalDate?>(
            """
            SELECT min(issued_on) FROM weapons.permits
            WHERE holder_id = @holderId AND kind = 'storage-carry-permit' AND weapon_type = 'smooth-bore' AND issued_on IS NOT NULL
            """,
            new { holderId },
            cancellationToken: cancellationToken);

    public static Task<IReadOnlyList<ExternalCheckRecord>> ChecksAsync(DbSession session, Guid applicationId, CancellationToken cancellationToken) =>
        ExternalCheckJournal.ListAsync(session, "weapons.external_checks", applicationId, cancellationToken);

    public static IReadOnlyDictionary<string, ExternalCheckRecord> Answered(IEnumerable<ExternalCheckRecord> checks) => ExternalCheckJournal.Answered(checks);

    public static Task<RecipientRecord?> RecipientAsync(DbSession session, Guid applicationId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<RecipientRecord>(
            """
            SELECT received_by AS ReceivedBy, proxy_name AS ProxyName, proxy_iin AS ProxyIin, poa_number AS PoaNumber,
                   poa_issued_on AS PoaIssuedOn, poa_valid_until AS PoaValidUntil, poa_issued_by AS PoaIssuedBy
            FROM weapons.recipients WHERE application_id = @applicationId
            """,
            new { applicationId },
            cancellationToken);
}
