using Kazgov.Kernel.Problems;

namespace Kazgov.Licensing;

internal static class LicensingProblems
{
    public static readonly ProblemType LicenceNotFound = new("licence-not-found", 404, new(
        "Мұндай нөмірлі жүргізуші куәлігі жоқ",
        "Водительского удостоверения с таким номером нет",
        "There is no driver licence with this number"));

    /// <summary>driver-licence §17.3/§17.4 at the moment of hand-over: a ban recorded after approval stops it.</summary>
    public static readonly ProblemType RightToDriveBanned = new("right-to-drive-banned", 409, new(
        "Көлік құралын басқару құқығынан айыру немесе оны шектеу күшінде: куәлік берілмейді (§17.3, §17.4)",
        "Действует лишение или ограничение права управления: удостоверение не выдаётся (§17.3, §17.4)",
        "A deprivation or restriction of the right to drive is in force: the licence is not handed over (§17.3, §17.4)"));

    /// <summary>Exams are recorded while the application is being dealt with, not after the decision.</summary>
    public static readonly ProblemType ExamsClosed = new("exams-closed", 409, new(
        "Емтихан нәтижелері тек шешім қабылданғанға дейін жазылады",
        "Результаты экзаменов записываются только до решения по заявлению",
        "Exam results are recorded only before the application is decided"));
}
