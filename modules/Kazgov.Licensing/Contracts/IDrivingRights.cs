using NodaTime;

namespace Kazgov.Licensing.Contracts;

/// <summary>
/// What other modules may ask the Licensing module about a person's right to drive, without
/// reading its tables (e.g. proxy-driver-registration needs "does this driver hold a valid licence
/// of the vehicle's category today"). Registered by the Licensing module; resolve it from DI.
/// </summary>
public interface IDrivingRights
{
    /// <summary>Whether a deprivation or court restriction of the right to drive is in force for the IIN on the day (driver-licence §17.3–§17.4).</summary>
    Task<bool> IsBannedFromDrivingAsync(string iin, LocalDate day, CancellationToken cancellationToken = default);

    /// <summary>Whether licence <paramref name="number"/> exists, has category <paramref name="category"/>, and is valid on that day.</summary>
    Task<LicenceStanding> CheckLicenceAsync(string number, string category, LocalDate day, CancellationToken cancellationToken = default);
}

/// <summary>
/// The answer about one licence. <see cref="InForce"/>: handed over and within its validity on the day;
/// <see cref="ValidOn"/>: in force,
/// carries the category, and its holder is not banned from driving that day. <see cref="HolderIin"/>:
/// whose licence it is, so that a module can tell that the person before it holds it (<see cref="IsHeldBy"/>).
/// </summary>
public sealed record LicenceStanding(string Number, bool Exists, bool HasCategory, bool InForce, LocalDate? ValidUntil, bool Banned, string? HolderIin = null)
{
    public bool ValidOn => Exists && HasCategory && InForce && !Banned;

    public bool IsHeldBy(string? iin) => Exists && iin is not null && string.Equals(HolderIin, iin, StringComparison.Ordinal);

    public static LicenceStanding Unknown(string number) => new(number, false, false, false, null, false);
}
