namespace Kazgov.Vehicles.Domain;

/// <summary>
/// The §8 duties an application is charged, from its sub-type and the vehicle's category (the
/// catalogue's fee items, vehicle-registration §8 [L14960–L14970]):
/// registration: certificate 125 % + plate (280 % car, 140 % motorcycle or trailer) + ¼ MCI for
/// registering a mechanised vehicle or trailer; a re-registration: a new certificate + ¼ MCI, and a
/// plate only when a new one is issued (another region, or asked for); a duplicate certificate:
/// 125 %; transit plates: 35 %; deregistration: nothing (§8 names no duty for it).
/// </summary>
internal static class VehicleFees
{
    public const string Certificate = "registration-certificate";
    public const string PlateCar = "plate-car";
    public const string PlateMotorcycleTrailer = "plate-motorcycle-trailer";
    public const string PlateTransit = "plate-transit";
    public const string Registration = "registration";

    public static IReadOnlyList<string> ItemsFor(string subType, string category, bool newPlate) => subType switch
    {
        VehicleSubTypes.Registration => [Certificate, VehicleCategories.PlateFeeItem(category), Registration],
        VehicleSubTypes.OwnerChange or VehicleSubTypes.DataChange =>
            newPlate ? [Certificate, VehicleCategories.PlateFeeItem(category), Registration] : [Certificate, Registration],
        VehicleSubTypes.DuplicateCertificate => [Certificate],
        VehicleSubTypes.TransitPlates => [PlateTransit],
        _ => [],
    };
}
