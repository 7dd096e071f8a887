namespace Kazgov.Licensing.Domain;

/// <summary>The licence categories of the seed (driver-licence §17.5): A, B, C, D and E.</summary>
internal enum LicenceCategory
{
    A,
    B,
    C,
    D,
    E,
}
