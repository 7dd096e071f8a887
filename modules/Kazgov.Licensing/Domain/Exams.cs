using Kazgov.Platform.Applications;
using Kazgov.Kernel.Localization;
using NodaTime;

namespace Kazgov.Licensing.Domain;

/// <summary>One exam result recorded on an application (driver-licence §14–15); a re-take is a new one.</summary>
internal sealed record ExamResult(Guid Id, string Kind, bool Passed, LocalDate ExamDate, string? ExamSheetNumber, Instant RecordedAt, string RecordedBy);

/// <summary>
/// driver-licence §14–15: the documents go to the unit's examination commission; the applicant takes
/// the theory exam, then the practical one, and receives the exam sheet with the results. The
/// latest result of each kind counts; approval needs both passed (refusal ground exams-not-passed).
/// </summary>
internal static class Exams
{
    public const string Theory = "theory";
    public const string Practical = "practical";
    public const string NotPassedGround = "exams-not-passed";

    public static readonly IReadOnlyList<string> Kinds = [Theory, Practical];

    public static ExamResult? Latest(IEnumerable<ExamResult> results, string kind) =>
        results.Where(r => r.Kind == kind).OrderBy(r => r.RecordedAt).ThenBy(r => r.Id).LastOrDefault();

    public static bool BothPassed(IReadOnlyList<ExamResult> results) =>
        Kinds.All(kind => Latest(results, kind) is { Passed: true });

    /// <summary>The finding when an exam is not (yet) passed on the day of decision; null when both are.</summary>
    public static EligibilityFinding? Check(IReadOnlyList<ExamResult> results)
    {
        var theory = Latest(results, Theory);
        var practical = Latest(results, Practical);
        if (theory is { Passed: true } && practical is { Passed: true })
        {
            return null;
        }

        static (string Kk, string Ru, string En) State(ExamResult? result) => result switch
        {
            null => ("жазылмаған", "не записан", "not recorded"),
            { Passed: false } => ("тапсырылмаған", "не сдан", "failed"),
            _ => ("тапсырылды", "сдан", "passed"),
        };

        var t = State(theory);
        var p = State(practical);
        return new EligibilityFinding(NotPassedGround, new LocalizedText(
            $"Теориялық емтихан: {t.Kk}; практикалық емтихан: {p.Kk} (§15)",
            $"Теоретический экзамен: {t.Ru}; практический экзамен: {p.Ru} (§15)",
            $"Theory exam: {t.En}; practical exam: {p.En} (§15)"));
    }
}
