using System.Text.Json;
using Kazgov.Kernel.Http;
using Kazgov.Weapons.Domain;
using NodaTime;

namespace Kazgov.Weapons;

/// <summary>The smooth-bore keep-and-carry permit shown for a rifled hunting weapon (§12).</summary>
internal sealed record SmoothBorePermit(string? Number, LocalDate? IssuedOn);

/// <summary>The module's own part of a weapon-registration application, kept as the application's module data.</summary>
/// <param name="ApplicantKind">The catalogue's applicant code of §6.</param>
/// <param name="ReRegistration">For a sub-type that registers a unit: true when the unit is already in the register (a new owner).</param>
/// <param name="StorageConditionsConfirmed">The inspector's report (§12.7) or the storage-room act (§13.9, §14.4): conditions confirmed or not.</param>
/// <param name="MilitaryOrSpecialRank">§12 note: servicemen and special-rank staff need no medical report.</param>
/// <param name="EmployerBin">§15: the employee's legal entity.</param>
/// <param name="ForeignResidenceSince">§12 note: a foreigner's registration to live in Kazakhstan, since when.</param>
/// <param name="MissionPetition">§12 note: a foreigner applies through the petition of the state's diplomatic mission.</param>
/// <param name="UnitFeeExemption">Derived at intake from the unit (§8), never given by the caller.</param>
/// <param name="Documents">The documents presented, copied at intake (the rules of §15.7 look at them), never given by the caller.</param>
internal sealed record WeaponApplicationData(
    string? ApplicantKind,
    WeaponUnit? Unit,
    bool ReRegistration,
    string? PermanentAddress,
    bool? StorageConditionsConfirmed,
    string? StorageReportNumber,
    bool MilitaryOrSpecialRank,
    SmoothBorePermit? SmoothBorePermit,
    string? EmployerBin,
    LocalDate? ForeignResidenceSince,
    bool MissionPetition,
    string? UnitFeeExemption,
    IReadOnlyList<string>? Documents = null)
{
    public const string MilitaryExemption = "military-or-special-rank";

    public static WeaponApplicationData From(JsonElement moduleData) =>
        moduleData.Deserialize<WeaponApplicationData>(PlatformJson.Options)
        ?? new WeaponApplicationData(null, null, false, null, null, null, false, null, null, null, false, null);
}
