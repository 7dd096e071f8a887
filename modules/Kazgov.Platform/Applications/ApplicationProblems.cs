using Kazgov.Kernel.Problems;

namespace Kazgov.Platform.Applications;

/// <summary>The problems of the application lifecycle; codes are stable, integrators branch on them.</summary>
public static class ApplicationProblems
{
    public static readonly ProblemType DocumentsMissing = new("documents-missing", 422, new(
        "Міндетті құжаттар ұсынылмаған",
        "Не представлены обязательные документы",
        "Mandatory documents are missing"));

    public static readonly ProblemType ApplicationNotFound = new("application-not-found", 404, new(
        "Өтініш табылмады",
        "Заявление не найдено",
        "The application was not found"));

    public static readonly ProblemType ServiceNotOffered = new("service-not-offered-at-office", 422, new(
        "Бұл бөлімше бұл қызметті көрсетпейді",
        "Это подразделение не оказывает эту услугу",
        "This office does not provide this service"));

    /// <summary>Hand-over outside the service's windows (the catalogue's issuanceWindows, or the office's own); nextWindow names the next one.</summary>
    public static readonly ProblemType OutsideIssuanceWindow = new("outside-issuance-window", 409, new(
        "Нәтиже тек осы қызметтің беру уақытында беріледі",
        "Результат выдаётся только в часы выдачи этой услуги",
        "The result is handed over only in this service's hand-over windows"));

    public static readonly ProblemType FeeUnpaid = new("fee-unpaid", 409, new(
        "Мемлекеттік баж толық төленбеген",
        "Государственная пошлина оплачена не полностью",
        "The state duty has not been paid in full"));

    public static readonly ProblemType EligibilityFailed = new("eligibility-failed", 409, new(
        "Өтініш беруші талаптарға сай келмейді: бас тарту керек",
        "Заявитель не соответствует требованиям: нужен отказ",
        "The applicant does not meet the requirements: the application must be refused"));

    public static readonly ProblemType UnknownRefusalGround = new("unknown-refusal-ground", 422, new(
        "Бұл қызметтің стандартында мұндай бас тарту негізі жоқ",
        "В стандарте этой услуги нет такого основания для отказа",
        "The standard of this service has no such ground for refusal"));

    public static readonly ProblemType ReceiptAlreadyRecorded = new("receipt-already-recorded", 409, new(
        "Бұл түбіртек бұрын тіркелген",
        "Эта квитанция уже зарегистрирована",
        "This receipt has already been recorded"));
}
