using Kazgov.Kernel.Problems;

namespace Kazgov.Citizenship;

internal static class CitizenshipProblems
{
    /// <summary>citizenship §6: the applicant does not meet the chosen category's own rules (each named by paragraph).</summary>
    public static readonly ProblemType CategoryRequirementsNotMet = new("category-requirements-not-met", 422, new(
        "Өтініш беруші таңдалған санаттың талаптарына сай емес (азаматтық §6)",
        "Заявитель не соответствует требованиям выбранной категории (гражданство §6)",
        "The applicant does not meet the chosen category's requirements (citizenship §6)"));

    public static readonly ProblemType ExternalCheckUnanswered = new("external-check-unanswered", 409, new(
        "Сыртқы органдар әлі жауап бермеді: шешім қабылданбайды (азаматтық §18, §19)",
        "Внешние органы ещё не ответили: решение не принимается (гражданство §18, §19)",
        "Outside agencies have not answered yet: no decision (citizenship §18, §19)"));

    public static readonly ProblemType CommissionDecisionMissing = new("commission-decision-missing", 409, new(
        "Азаматтық мәселелері жөніндегі комиссияның шешімі жазылмаған",
        "Решение Комиссии по вопросам гражданства не записано",
        "The decision of the Commission on citizenship issues is not recorded"));

    public static readonly ProblemType CommissionRejected = new("commission-rejected", 409, new(
        "Комиссия қабылдамады: өтініш мақұлданбайды, бас тартылады",
        "Комиссия отклонила: заявление не одобряется, по нему принимается отказ",
        "The commission rejected it: the application is refused, not approved"));

    public static readonly ProblemType CommissionStepOutOfOrder = new("commission-step-out-of-order", 409, new(
        "Комиссия қадамы бұл күйде мүмкін емес: қарауда → комиссияға жіберілді → шешім",
        "Шаг комиссии невозможен в этом состоянии: на рассмотрении → направлено в комиссию → решение",
        "The commission step is not possible now: in review → sent to the commission → decided"));

    /// <summary>citizenship §17: the certificate is handed over only after the previous identity documents are handed in.</summary>
    public static readonly ProblemType IdentityDocumentsNotHandedIn = new("identity-documents-not-handed-in", 409, new(
        "Бұрынғы жеке басын куәландыратын құжаттар тапсырылмаған: анықтама берілмейді (азаматтық §17)",
        "Прежние документы, удостоверяющие личность, не сданы: справка не выдаётся (гражданство §17)",
        "The previous identity documents have not been handed in: the certificate is not issued (citizenship §17)"));

    public static readonly ProblemType StepClosed = new("citizenship-step-closed", 409, new(
        "Бұл қадам өтініштің осы күйінде жазылмайды",
        "Этот шаг не записывается в текущем состоянии заявления",
        "This step is not recorded in the application's current state"));

    public static readonly ProblemType CertificateNotFound = new("citizenship-certificate-not-found", 404, new(
        "Мұндай нөмірлі азаматтық туралы анықтама жоқ",
        "Справки о гражданстве с таким номером нет",
        "There is no citizenship certificate with this number"));
}
