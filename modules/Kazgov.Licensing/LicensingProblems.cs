using Kazgov.Kernel.Problems;

namespace Kazgov.Licensing;

internal static class LicensingProblems
{
    public static readonly ProblemType OutsideIssuanceWindow = new("outside-issuance-window", 409, new(
        "Жүргізуші куәліктері тек берілу уақытында беріледі: 12:00–13:00 және 18:00–19:00",
        "Водительские удостоверения выдаются только в часы выдачи: 12:00–13:00 и 18:00–19:00",
        "Driver licences are handed over only in the issuance windows: 12:00–13:00 and 18:00–19:00"));

    public static readonly ProblemType LicenceNotFound = new("licence-not-found", 404, new(
        "Мұндай нөмірлі жүргізуші куәлігі жоқ",
        "Водительского удостоверения с таким номером нет",
        "There is no driver licence with this number"));

    public static readonly ProblemType TheoryExamNotPassed = new("theory-exam-not-passed", 422, new(
        "Емтихан парағында теориялық емтихан тапсырылғаны көрсетілмеген (§15)",
        "В экзаменационном листе не отмечена сдача теоретического экзамена (§15)",
        "The exam sheet does not show a passed theory exam (§15)"));
}
