using Kazgov.Platform.ExternalChecks;

namespace Kazgov.Citizenship.Domain;

/// <summary>
/// How each ground of citizenship §18 (admission, seven) and §19 (renunciation, four) is
/// established: §18.1–§18.6 and all of §19 by an outside agency's answer (asked through
/// <see cref="Kazgov.Platform.ExternalChecks.IExternalRegistryChecks"/>), §18.7 by a rule of the
/// module on the applicant's statement. Every ground of the catalogue is in exactly one place (a unit test holds it so).
/// </summary>
internal static class RefusalGroundChecks
{
    /// <summary>§18.7: holds another state's citizenship (a rule on the intake statement).</summary>
    public const string HoldsOtherCitizenship = "holds-other-citizenship";

    public static readonly IReadOnlyList<ExternalCheckKind> Admission =
    [
        new("criminal-record",
            "Committee on Legal Statistics and Special Accounts of the Prosecutor General's Office (convictions, court rulings on recidivism), with Interpol's National Central Bureau",
            ["crimes-against-humanity-or-against-sovereignty", "convicted-terrorism", "especially-dangerous-recidivist"]),
        new("national-security",
            "National Security Committee of the Republic of Kazakhstan",
            ["calls-to-break-territorial-unity", "harms-state-security-or-public-health", "incites-hatred-or-against-state-language"]),
    ];

    public static readonly IReadOnlyList<ExternalCheckKind> Renunciation =
    [
        new("property-obligations",
            "Court Administration Committee of the Supreme Court (enforcement proceedings) and the State Revenue Committee (obligations to the state)",
            ["renunciation-outstanding-obligations"]),
        new("criminal-record",
            "Committee on Legal Statistics and Special Accounts of the Prosecutor General's Office (criminal cases, sentences in force)",
            ["renunciation-accused-in-criminal-case", "renunciation-serving-sentence"]),
        new("national-security",
            "National Security Committee of the Republic of Kazakhstan",
            ["renunciation-contrary-to-state-security"]),
    ];

    public static IReadOnlyList<ExternalCheckKind> For(string subType) => subType == CitizenshipData.Renunciation ? Renunciation : Admission;

    /// <summary>Every ground, by how it is established: rule or external check code (per sub-type).</summary>
    public static IEnumerable<(string Ground, string EstablishedBy)> All() =>
        new[] { (HoldsOtherCitizenship, "rule") }
            .Concat(Admission.SelectMany(k => k.Grounds.Select(g => (g, "external:admission:" + k.Code))))
            .Concat(Renunciation.SelectMany(k => k.Grounds.Select(g => (g, "external:renunciation:" + k.Code))));
}
