namespace Kazgov.Vehicles.Domain;

/// <summary>A sub-type of vehicle-registration and what it needs and produces.</summary>
/// <param name="NeedsRegisteredVehicle">It names a vehicle of the register (by certificate number or VIN).</param>
/// <param name="NeedsVehicleData">The vehicle's data is given (registration, a change of data).</param>
/// <param name="IssuesCertificate">Approval issues a new registration certificate.</param>
internal sealed record VehicleSubType(string Code, bool NeedsRegisteredVehicle, bool NeedsVehicleData, bool IssuesCertificate, bool ApplicantIsOwner);

internal static class VehicleSubTypes
{
    public const string Registration = "registration";
    public const string OwnerChange = "re-registration-owner-change";
    public const string DataChange = "re-registration-data-change";
    public const string Deregistration = "deregistration";
    public const string DuplicateCertificate = "duplicate-certificate";
    public const string TransitPlates = "transit-plates";

    public static readonly IReadOnlyList<VehicleSubType> All =
    [
        new(Registration, false, true, true, false),
        new(OwnerChange, true, false, true, false),
        new(DataChange, true, true, true, true),
        new(Deregistration, true, false, false, true),
        new(DuplicateCertificate, true, false, true, true),
        new(TransitPlates, false, true, false, false),
    ];

    public static VehicleSubType? Find(string? code) => All.FirstOrDefault(s => s.Code == code);
}
