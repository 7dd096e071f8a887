namespace Kazgov.Vehicles.Domain;

/// <summary>The categories of the register and what follows from each: the plate's fee item and the licence category that drives it.</summary>
internal static class VehicleCategories
{
    public const string Car = "car";
    public const string Motorcycle = "motorcycle";
    public const string Trailer = "trailer";
    public const string Bus = "bus";
    public const string Truck = "truck";
    public const string SpecialEquipment = "special-equipment";

    public static readonly IReadOnlyList<string> All = [Car, Motorcycle, Trailer, Bus, Truck, SpecialEquipment];

    /// <summary>
    /// §8: 280 % for a plate "for a car" (автомобиль — read as every motor vehicle on four or more
    /// wheels: car, bus, truck, special equipment on a vehicle chassis), 140 % for a motorcycle or a trailer.
    /// </summary>
    public static string PlateFeeItem(string category) => category is Motorcycle or Trailer ? VehicleFees.PlateMotorcycleTrailer : VehicleFees.PlateCar;

    /// <summary>
    /// The driver-licence category (A–E of driver-licence §17.5) a proxy driver needs: A motorcycle,
    /// B car, C truck and special equipment, D bus, E a trailer (driven as a towed combination).
    /// </summary>
    public static string LicenceCategory(string category) => category switch
    {
        Motorcycle => "A",
        Car => "B",
        Truck or SpecialEquipment => "C",
        Bus => "D",
        Trailer => "E",
        _ => "B",
    };
}
