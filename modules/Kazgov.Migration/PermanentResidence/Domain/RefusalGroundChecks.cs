using Kazgov.Platform.ExternalChecks;

namespace Kazgov.Migration.PermanentResidence.Domain;

/// <summary>
/// How each of the thirteen grounds of permanent-residence §18 is established: by a rule of the
/// module (solvency, §18.4), by an outside agency's answer (asked through
/// <see cref="Kazgov.Platform.ExternalChecks.IExternalRegistryChecks"/>), or by the clerk's recorded judgement.
/// Every ground of the catalogue is in exactly one of the three (a unit test holds it so).
/// </summary>
internal static class RefusalGroundChecks
{
    public const string SolvencyNotProven = "solvency-not-proven";

    public static readonly IReadOnlyList<ExternalCheckKind> External =
    [
        new("criminal-record",
            "Committee on Legal Statistics and Special Accounts of the Prosecutor General's Office (criminal records), with Interpol's National Central Bureau (persons wanted abroad)",
            ["illegal-immigrant-or-prosecuted", "released-prisoner-foreign-residence", "crimes-against-humanity", "convicted-terrorism-or-grave-crime"]),
        new("epidemic-disease",
            "Health authorities of the Republic of Kazakhstan (conclusion on diseases that may cause an epidemic)",
            ["epidemic-disease"]),
        new("expulsion",
            "Migration police register of decisions of the authorised body and of the National Security Committee (violations of the law on foreigners, expulsions)",
            ["violated-foreigners-law", "previously-expelled"]),
        new("national-security",
            "National Security Committee of the Republic of Kazakhstan",
            ["violent-change-of-constitutional-order", "against-sovereignty-or-territorial-unity"]),
    ];

    /// <summary>Grounds no registry answers: the clerk records each as clear or found, with a note (§18.7, §18.11, §18.13).</summary>
    public static readonly IReadOnlyList<string> ClerkJudged = ["incites-hatred", "false-information-or-late-documents", "protect-rights-of-others"];

    public static ExternalCheckKind? FindExternal(string code) => External.FirstOrDefault(k => k.Code == code);

    /// <summary>Every ground, by how it is established: rule, external check code, or clerk.</summary>
    public static IEnumerable<(string Ground, string EstablishedBy)> All() =>
        new[] { (SolvencyNotProven, "rule") }
            .Concat(External.SelectMany(k => k.Grounds.Select(g => (g, "external:" + k.Code))))
            .Concat(ClerkJudged.Select(g => (g, "clerk")));
}
