using System.Text.Json;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using NodaTime;

namespace Kazgov.Citizenship;

/// <summary>The Kazakh citizen the applicant is related to (citizenship §6.2–§6.4): IIN and kinship code.</summary>
internal sealed record RelativeData(string? Iin, string? Kinship, string? FullName);

/// <summary>What intake decided about a claimed fee exemption (citizenship §12.1 note): granted, or charged and why.</summary>
internal sealed record FeeExemptionNote(string Claimed, bool Granted, LocalizedText? Reason);

/// <summary>
/// The module's own part of a citizenship application, kept as the application's module data. The
/// typed routes carry these fields at the top level; <see cref="Kind"/>, <see cref="Category"/>,
/// <see cref="PermanentResidenceSource"/>, <see cref="FeeExemption"/> and <see cref="ApplicationDate"/>
/// are set by intake, whatever the caller sent.
/// </summary>
internal sealed record CitizenshipData(
    string? Kind = null,
    int? Category = null,
    bool RetainsOtherCitizenship = false,
    string? OralmanCertificateNumber = null,
    RelativeData? Relative = null,
    LocalDate? InKazakhstanBefore1991On = null,
    int? ProfessionNumber = null,
    string? PetitionNumber = null,
    string? PetitionStateBody = null,
    LocalDate? MarriedOn = null,
    string? SpouseIin = null,
    LocalDate? PermanentResidenceSince = null,
    string? PermanentResidenceSource = null,
    string? FeeExemptionBasis = null,
    FeeExemptionNote? FeeExemption = null,
    bool? HasChildren = null,
    bool? Married = null,
    LocalDate? ApplicationDate = null)
{
    public const string Admission = "admission";

    public const string Renunciation = "renunciation";

    public static CitizenshipData From(JsonElement moduleData) =>
        moduleData.ValueKind == JsonValueKind.Object
            ? moduleData.Deserialize<CitizenshipData>(PlatformJson.Options) ?? new CitizenshipData()
            : new CitizenshipData();

    /// <summary>"category-3" → 3; null for anything else.</summary>
    public static int? CategoryOf(string applicantType) =>
        applicantType.StartsWith("category-", StringComparison.Ordinal)
        && int.TryParse(applicantType["category-".Length..], System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 8
            ? n
            : null;

    public static string KindOf(int category) => category == 8 ? Renunciation : Admission;
}
