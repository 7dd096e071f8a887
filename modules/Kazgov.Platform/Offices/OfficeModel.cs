namespace Kazgov.Platform.Offices;

/// <summary>The fixed service codes (DESIGN.md) the office directory hands out.</summary>
public static class OfficeServiceCodes
{
    public const string DriverLicence = "driver-licence";
    public const string ResidencePermit = "residence-permit";
    public const string TemporaryRegistration = "temporary-registration";
    public const string PermanentResidence = "permanent-residence";
    public const string Citizenship = "citizenship";
    public const string WeaponRegistration = "weapon-registration";
    public const string VehicleRegistration = "vehicle-registration";
    public const string ProxyDriverRegistration = "proxy-driver-registration";
    public const string AddressCertificate = "address-certificate";

    public static readonly IReadOnlyList<string> All =
    [
        DriverLicence, ResidencePermit, AddressCertificate, TemporaryRegistration, PermanentResidence,
        Citizenship, WeaponRegistration, VehicleRegistration, ProxyDriverRegistration,
    ];
}

/// <summary>Where an office is listed: the service, the appendix and the seed line of its row.</summary>
public sealed record OfficeListing(string Service, string Appendix, int Line);

/// <summary>
/// One telephone number of an office. <see cref="Raw"/> is the number as the seed prints it
/// (spaces around parentheses removed); <see cref="Normalized"/> is "+7" and ten digits, only when
/// that reading is unambiguous; <see cref="Label"/> is the seed's own label, e.g. "деж." (duty
/// unit), "факс", "вахта", "вн." (internal extension) or the unit the number belongs to.
/// </summary>
public sealed record OfficePhone(string Raw, string? Normalized, string? Label);
