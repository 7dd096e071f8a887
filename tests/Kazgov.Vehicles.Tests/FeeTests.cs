using Kazgov.Vehicles.Domain;

namespace Kazgov.Vehicles.Tests;

/// <summary>§8: the fee items follow from the sub-type, the category and a new plate.</summary>
public sealed class FeeTests
{
    [Theory]
    [InlineData("registration", "car", false, "registration-certificate,plate-car,registration")]
    [InlineData("registration", "bus", false, "registration-certificate,plate-car,registration")]
    [InlineData("registration", "truck", false, "registration-certificate,plate-car,registration")]
    [InlineData("registration", "special-equipment", false, "registration-certificate,plate-car,registration")]
    [InlineData("registration", "motorcycle", false, "registration-certificate,plate-motorcycle-trailer,registration")]
    [InlineData("registration", "trailer", false, "registration-certificate,plate-motorcycle-trailer,registration")]
    [InlineData("re-registration-owner-change", "car", false, "registration-certificate,registration")]
    [InlineData("re-registration-owner-change", "trailer", true, "registration-certificate,plate-motorcycle-trailer,registration")]
    [InlineData("re-registration-data-change", "car", true, "registration-certificate,plate-car,registration")]
    [InlineData("duplicate-certificate", "car", false, "registration-certificate")]
    [InlineData("transit-plates", "truck", false, "plate-transit")]
    [InlineData("deregistration", "car", false, "")]
    public void The_items_of_each_combination(string subType, string category, bool newPlate, string items) =>
        string.Join(",", VehicleFees.ItemsFor(subType, category, newPlate)).Should().Be(items);

    [Theory]
    [InlineData("motorcycle", "A")]
    [InlineData("car", "B")]
    [InlineData("truck", "C")]
    [InlineData("special-equipment", "C")]
    [InlineData("bus", "D")]
    [InlineData("trailer", "E")]
    public void A_proxy_driver_needs_the_licence_category_of_the_vehicle(string category, string licence) =>
        VehicleCategories.LicenceCategory(category).Should().Be(licence);
}
