using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;

namespace Kazgov.Platform.Queue;

/// <summary>The problems of the electronic queue, with stable codes.</summary>
public static class QueueProblems
{
    /// <summary>The office takes no tickets now: a day off, outside its hours or in the lunch break (<c>reason</c> says which).</summary>
    public static readonly ProblemType Closed = new("queue-closed", 409, new(
        "Қазір кезекке талон берілмейді",
        "Сейчас талоны в очередь не выдаются",
        "The queue takes no tickets now"));

    /// <summary>Nobody waits for the services the caller serves.</summary>
    public static readonly ProblemType Empty = new("queue-empty", 409, new(
        "Кезекте ешкім жоқ",
        "В очереди никого нет",
        "Nobody is waiting in the queue"));

    public static readonly ProblemType TicketNotFound = new("queue-ticket-not-found", 404, new(
        "Талон табылмады",
        "Талон не найден",
        "No such ticket"));

    /// <summary>The ticket already names an application.</summary>
    public static readonly ProblemType AlreadyLinked = new("queue-ticket-already-linked", 409, new(
        "Талон өтінішпен байланыстырылған",
        "Талон уже связан с заявлением",
        "The ticket is already linked to an application"));
}

/// <summary>The field messages and details of the queue, in kk/ru/en.</summary>
internal static class QueueMessages
{
    public static readonly LocalizedText UnknownService = new(
        "«{0}» коды бар мемлекеттік қызмет каталогта жоқ",
        "Государственной услуги с кодом «{0}» нет в каталоге",
        "The catalogue has no public service '{0}'");

    public static readonly LocalizedText UnknownPurpose = new(
        "Мақсаты: submission (құжаттарды тапсыру) немесе pick-up (нәтижені алу)",
        "Цель: submission (сдать документы) или pick-up (получить результат)",
        "Purpose: submission (hand in documents) or pick-up (collect the result)");

    public static readonly LocalizedText NoPickUpQueue = new(
        "«{0}» қызметінің стандартында нәтижені алу кезегі жоқ",
        "Стандарт услуги «{0}» не предусматривает очереди за результатом",
        "The standard of '{0}' has no queue to collect a result");

    public static readonly LocalizedText NoSuchOffice = new(
        "«{0}» бөлімшесі табылмады",
        "Подразделение «{0}» не найдено",
        "No office '{0}'");

    public static readonly LocalizedText OfficeDoesNotServe = new(
        "«{0}» бөлімшесі «{1}» қызметін көрсетпейді",
        "Подразделение «{0}» не оказывает услугу «{1}»",
        "The office '{0}' does not provide '{1}'");

    public static readonly LocalizedText BadWindow = new(
        "Терезе: 1–16 таңба (әріптер, цифрлар, сызықша)",
        "Окно: 1–16 символов (буквы, цифры, дефис)",
        "Window: 1 to 16 characters (letters, digits, dash)");

    public static readonly LocalizedText NoOffice = new(
        "Сіз бөлімшеге бекітілмегенсіз: кезек бөлімшенің қызметкерлеріне ғана",
        "Вы не прикреплены к подразделению: очередь ведут сотрудники подразделения",
        "You are not attached to an office: the queue is run by an office's staff");

    public static readonly LocalizedText NoSuchApplication = new(
        "Мұндай өтініш табылмады",
        "Такое заявление не найдено",
        "No such application");

    public static readonly LocalizedText ApplicationElsewhere = new(
        "Өтініш талонның бөлімшесіне және қызметіне ({0}, {1}) жатуы керек",
        "Заявление должно относиться к подразделению и услуге талона ({0}, {1})",
        "The application must be of the ticket's office and service ({0}, {1})");

    public static readonly LocalizedText ClosedDayOff = new(
        "Бүгін бөлімше қабылдау жүргізбейді",
        "Сегодня подразделение не ведёт приём",
        "The office does not receive applicants today");

    public static readonly LocalizedText ClosedHours = new(
        "Талон тек қабылдау уақытында беріледі",
        "Талоны выдаются только в часы приёма",
        "Tickets are given only during reception hours");

    public static readonly LocalizedText ClosedLunch = new(
        "Түскі үзіліс: талон үзілістен кейін беріледі",
        "Обеденный перерыв: талоны выдаются после перерыва",
        "Lunch break: tickets are given after the break");

    public static readonly LocalizedText NotYourTicket = new(
        "Талон сіздің бөлімшеңізге немесе қызметтеріңізге жатпайды",
        "Талон не относится к вашему подразделению или услугам",
        "The ticket is not of your office or services");
}
