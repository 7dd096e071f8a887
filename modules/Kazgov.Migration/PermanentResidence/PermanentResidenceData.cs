using System.Text.Json;
using Kazgov.Kernel.Http;
using NodaTime;

namespace Kazgov.Migration.PermanentResidence;

/// <summary>
/// The module's part of a permanent-residence application, kept as its module data.
/// <paramref name="Route"/> pr-visa-holder (§6.1, §12.1) or other-lawful-stay (§6.2, §12.2);
/// <paramref name="Settlement"/> and <paramref name="Address"/> where the person is to be registered;
/// <paramref name="FamilyMembers"/> the family moving, the applicant included (§12.2.з);
/// <paramref name="Exemption"/> oralman / native-or-former-citizen / treaty-state-citizen (§12 note) with its
/// <paramref name="ExemptionBasis"/>; <paramref name="BankBalance"/> the §12.2.ж statement's balance on the
/// application date and <paramref name="HousingFunds"/> the §12.2.з statement's amount, in tenge;
/// <paramref name="HousingContract"/> a contract providing housing replaces the §12.2.з statement;
/// <paramref name="ApplicationDate"/> set by intake (the day the MCI of §12.2.ж is taken).
/// </summary>
internal sealed record PermanentResidenceData(
    string? Route,
    string? Settlement,
    string? Address,
    int? FamilyMembers,
    string? Exemption,
    string? ExemptionBasis,
    decimal? BankBalance,
    bool HousingContract,
    decimal? HousingFunds,
    LocalDate? ApplicationDate)
{
    public const string PrVisaHolder = "pr-visa-holder";
    public const string OtherLawfulStay = "other-lawful-stay";

    /// <summary>The catalogue code of a housing contract (§12.2.з), and the exemption it gives from the housing-funds statement.</summary>
    public const string HousingContractDocument = "housing-provision-contract";

    public const string HousingContractExemption = "housing-contract";

    public static PermanentResidenceData From(JsonElement moduleData) =>
        moduleData.Deserialize<PermanentResidenceData>(PlatformJson.Options)
        ?? new PermanentResidenceData(null, null, null, null, null, null, null, false, null, null);
}
