namespace Kazgov.Weapons.Domain;

/// <summary>The weapon types the register knows (weapon-registration §8, §12): each unit is one of them.</summary>
internal static class WeaponTypes
{
    public const string SmoothBore = "smooth-bore";
    public const string Rifled = "rifled";
    public const string Gas = "gas";
    public const string Pneumatic = "pneumatic";
    public const string Cold = "cold";
    public const string Signal = "signal";
    public const string BarrelLess = "barrel-less";
    public const string MechanicalSprayer = "mechanical-sprayer";
    public const string Aerosol = "aerosol";

    public static readonly IReadOnlyList<string> All = [SmoothBore, Rifled, Gas, Pneumatic, Cold, Signal, BarrelLess, MechanicalSprayer, Aerosol];
}

/// <summary>civilian (individuals, §12) or service (legal entities and their employees, §13–§15).</summary>
internal static class WeaponCategories
{
    public const string Civilian = "civilian";
    public const string Service = "service";

    public static readonly IReadOnlyList<string> All = [Civilian, Service];
}

/// <summary>What a weapon is for; the §12 hunting licence is not asked for self-defence (§12 note).</summary>
internal static class WeaponPurposes
{
    public const string Hunting = "hunting";
    public const string SelfDefence = "self-defence";
    public const string Sport = "sport";
    public const string Service = "service";

    public static readonly IReadOnlyList<string> All = [Hunting, SelfDefence, Sport, Service];
}

/// <summary>One weapon unit as the applicant describes it; the register keys it by make and serial.</summary>
/// <param name="MuzzleEnergyJ">Pneumatic weapons only: muzzle energy in joules.</param>
/// <param name="CalibreMm">Calibre in millimetres (required for pneumatic weapons).</param>
internal sealed record WeaponUnit(
    string? Serial,
    string? Make,
    string? Model,
    string? Type,
    string? Category,
    string? Purpose,
    decimal? MuzzleEnergyJ,
    decimal? CalibreMm,
    bool DesignChangesAlterBallistics,
    bool TechnicallyNonCompliant)
{
    /// <summary>Serials and makes are compared without case or inner spaces: "АК 74" and "ak74" are one make.</summary>
    public static string Key(string value) => string.Concat(value.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
}

/// <summary>
/// weapon-registration §8: the 10 % unit duty is not charged for cold hunting, signal and barrel-less
/// weapons, mechanical sprayers and aerosol devices, nor for a pneumatic weapon of at most 7.5 J
/// muzzle energy and a calibre up to 4.5 mm (both limits inclusive — "аспайтын" / "не более" and
/// "дейінгі" / "до" read as ≤). The exemption follows from the unit, never from a tick box.
/// </summary>
internal static class UnitFeeExemption
{
    public const decimal MaxPneumaticEnergyJ = 7.5m;
    public const decimal MaxPneumaticCalibreMm = 4.5m;

    /// <summary>The catalogue's exemption code of the unit-registration fee item, or null when the duty is due.</summary>
    public static string? For(WeaponUnit unit) => unit.Type switch
    {
        WeaponTypes.Cold when unit.Purpose == WeaponPurposes.Hunting => "cold-hunting-weapon",
        WeaponTypes.Signal => "signal-weapon",
        WeaponTypes.BarrelLess => "barrel-less-firearm",
        WeaponTypes.MechanicalSprayer => "mechanical-sprayer",
        WeaponTypes.Aerosol => "aerosol-device",
        WeaponTypes.Pneumatic when unit.MuzzleEnergyJ is <= MaxPneumaticEnergyJ && unit.CalibreMm is <= MaxPneumaticCalibreMm => "low-energy-pneumatic-weapon",
        _ => null,
    };
}
