using Kazgov.Kernel.Problems;

namespace Kazgov.Migration.PermanentResidence;

internal static class PermanentResidenceProblems
{
    /// <summary>permanent-residence §18: a ground an outside agency answers has no answer yet — approval waits, it never assumes "clear".</summary>
    public static readonly ProblemType ExternalCheckUnanswered = new("external-check-unanswered", 409, new(
        "Сыртқы органның тексеруіне жауап жоқ: шешім қабылданбайды (тұрақты тұру §18)",
        "Нет ответа внешнего органа на проверку: решение не принимается (постоянное проживание §18)",
        "An outside agency has not answered a check: no decision yet (permanent-residence §18)"));

    /// <summary>permanent-residence §18.7, §18.11, §18.13: the clerk's judgement of each is recorded before approval.</summary>
    public static readonly ProblemType ClerkChecksMissing = new("clerk-checks-missing", 409, new(
        "Қызметкердің тексерулері жазылмаған (тұрақты тұру §18.7, §18.11, §18.13)",
        "Не записаны проверки сотрудника (постоянное проживание §18.7, §18.11, §18.13)",
        "The clerk's checks are not all recorded (permanent-residence §18.7, §18.11, §18.13)"));

    /// <summary>A person has one current registration for permanent residence.</summary>
    public static readonly ProblemType AlreadyRegistered = new("permanent-residence-already-registered", 409, new(
        "Адам тұрақты тұруға тіркелген (тұрақты тұру §5)",
        "Лицо уже зарегистрировано на постоянное жительство (постоянное проживание §5)",
        "The person is already registered for permanent residence (permanent-residence §5)"));

    /// <summary>permanent-residence §17: the documents after the positive decision come before the stamp.</summary>
    public static readonly ProblemType AfterDecisionDocumentsMissing = new("after-decision-documents-missing", 409, new(
        "Оң шешімнен кейінгі құжаттар толық емес (тұрақты тұру §17)",
        "Не все документы, представляемые после положительного решения (постоянное проживание §17)",
        "The documents due after the positive decision are incomplete (permanent-residence §17)"));

    /// <summary>The §18 checks are recorded while the application is open, before the decision.</summary>
    public static readonly ProblemType ChecksClosed = new("checks-closed", 409, new(
        "Тексерулер тек шешімге дейін жазылады",
        "Проверки записываются только до решения",
        "Checks are recorded only before the decision"));

    /// <summary>The §17 documents are handed in after a positive decision, not before.</summary>
    public static readonly ProblemType NotApprovedYet = new("not-approved-yet", 409, new(
        "§17 құжаттары оң шешімнен кейін ғана қабылданады",
        "Документы §17 принимаются только после положительного решения",
        "The §17 documents are taken only after the positive decision"));
}
