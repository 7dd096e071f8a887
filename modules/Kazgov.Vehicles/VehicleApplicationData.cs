using System.Text.Json;
using Kazgov.Kernel.Http;
using NodaTime;

namespace Kazgov.Vehicles;

/// <summary>A vehicle as the applicant describes it: a VIN (or, for a vehicle built before 1981, a chassis number) and its data.</summary>
internal sealed record VehicleDetails(string? Vin, string? ChassisNumber, string? Make, string? Model, int? Year, string? Category, string? Colour, string? Engine);

/// <summary>The module's own part of a vehicle-registration application, kept as the application's module data.</summary>
/// <param name="Vehicle">Registration and transit plates: the vehicle; a change of data: its new data.</param>
/// <param name="CertificateNumber">The other sub-types: the registered vehicle, by its registration certificate.</param>
/// <param name="NewPlate">A re-registration: a new plate is issued (also when the office's region differs from the vehicle's).</param>
/// <param name="DesignChanged">The vehicle's design was changed (§12.8–§12.9, §17.2).</param>
/// <param name="DesignCompliant">The inspection's finding on the changes: false is the refusal ground §17.2.</param>
/// <param name="ForeignParticipationPercent">A legal entity: the share of foreign participation (§13 note: 10 % or more registers through the MFA).</param>
/// <param name="MfaReferenceNumber">The referral of the MFA's office for work with diplomatic missions (§12 note, §13 note).</param>
/// <param name="RegistrationChannel">Derived at intake: road-police or mfa-diplomatic-service.</param>
/// <param name="FeeItems">Derived at intake from the sub-type and the category (§8).</param>
/// <param name="VehicleId">Derived at intake: the register's vehicle the application names.</param>
/// <param name="PreviousOwnerId">Derived at intake: the owner before a change of owner.</param>
/// <param name="Documents">Copied at intake: the documents presented.</param>
internal sealed record VehicleApplicationData(
    VehicleDetails? Vehicle,
    string? CertificateNumber,
    bool NewPlate,
    bool DesignChanged,
    bool? DesignCompliant,
    int? ForeignParticipationPercent,
    string? MfaReferenceNumber,
    string? RegistrationChannel = null,
    IReadOnlyList<string>? FeeItems = null,
    Guid? VehicleId = null,
    string? PreviousOwnerId = null,
    IReadOnlyList<string>? Documents = null)
{
    public const string RoadPolice = "road-police";
    public const string Mfa = "mfa-diplomatic-service";

    public static VehicleApplicationData From(JsonElement moduleData) =>
        moduleData.Deserialize<VehicleApplicationData>(PlatformJson.Options) ?? new VehicleApplicationData(null, null, false, false, null, null, null);
}

/// <summary>The power of attorney to drive a vehicle (proxy-driver-registration §12.2).</summary>
/// <param name="IssuedBy">The IIN or BIN of who gave it: it must be the vehicle's registered owner.</param>
/// <param name="Notarised">Whether a notary certified it; recorded, not demanded (the seed asks only for "сенімхат", [L15280]).</param>
internal sealed record DrivingPowerOfAttorney(string? Number, LocalDate? IssuedOn, LocalDate? ValidUntil, string? IssuedBy, bool Notarised);

/// <summary>The module's own part of a proxy-driver-registration application.</summary>
/// <param name="CertificateNumber">The vehicle, by its registration certificate (§12.1).</param>
/// <param name="LicenceNumber">The driver's licence, checked through the Licensing module's contract.</param>
internal sealed record ProxyDriverApplicationData(
    string? CertificateNumber,
    string? LicenceNumber,
    DrivingPowerOfAttorney? PowerOfAttorney,
    Guid? VehicleId = null,
    string? VehicleCategory = null,
    string? LicenceCategory = null)
{
    public static ProxyDriverApplicationData From(JsonElement moduleData) =>
        moduleData.Deserialize<ProxyDriverApplicationData>(PlatformJson.Options) ?? new ProxyDriverApplicationData(null, null, null);
}
