using Kazgov.Kernel.Localization;

namespace Kazgov.Platform.Complaints;

/// <summary>The field messages and notification texts of the complaints journal, in kk/ru/en.</summary>
internal static class ComplaintMessages
{
    public static readonly LocalizedText UnknownService = new(
        "«{0}» коды бар мемлекеттік қызмет каталогта жоқ. Кодтар: {1}",
        "Государственной услуги с кодом «{0}» нет в каталоге. Коды: {1}",
        "The catalogue has no public service '{0}'. Codes: {1}");

    public static readonly LocalizedText UnknownChannel = new(
        "Шағым келу тәсілдері: post, e-mail, in-person",
        "Способы поступления жалобы: post, e-mail, in-person",
        "A complaint arrives by: post, e-mail, in-person");

    public static readonly LocalizedText ChannelNotAccepted = new(
        "«{0}» қызметі бойынша шағым бұл тәсілмен қабылданбайды ({2}). Қабылданатын тәсілдер: {1}",
        "По услуге «{0}» жалобы этим способом не принимаются ({2}). Принимаются: {1}",
        "Complaints about '{0}' are not accepted this way ({2}). Accepted: {1}");

    public static readonly LocalizedText BadLevel = new(
        "«{0}» қызметінің шағым бағытында 1-ден {1}-ге дейінгі деңгейлер бар: {2}",
        "В порядке обжалования услуги «{0}» уровни от 1 до {1}: {2}",
        "The complaint route of '{0}' has levels 1 to {1}: {2}");

    public static readonly LocalizedText BadIin = new(
        "ЖСН 12 цифрдан тұрады, туған күні мен бақылау цифры дұрыс болуы керек",
        "ИИН состоит из 12 цифр с верной датой рождения и контрольной цифрой",
        "An IIN is 12 digits with a valid birth date and check digit");

    public static readonly LocalizedText BadEmail = new(
        "Электрондық пошта мекенжайы дұрыс емес",
        "Неверный адрес электронной почты",
        "The e-mail address is not valid");

    public static readonly LocalizedText BadPhone = new(
        "Телефон нөмірі 6–15 цифрдан тұрады, алдында «+» болуы мүмкін",
        "Номер телефона: 6–15 цифр, возможно с «+» в начале",
        "A phone number is 6 to 15 digits, optionally with a leading '+'");

    public static readonly LocalizedText BadLanguage = new(
        "Тіл: kk, ru немесе en",
        "Язык: kk, ru или en",
        "Language: kk, ru or en");

    public static readonly LocalizedText NoContact = new(
        "Шағым иесіне қорытындыны хабарлау үшін пошта мекенжайын, электрондық поштаны немесе телефонды көрсетіңіз",
        "Укажите почтовый адрес, электронную почту или телефон, чтобы сообщить заявителю о результате",
        "Give a postal address, an e-mail or a phone so that the complainant can be told the outcome");

    public static readonly LocalizedText TooLong = new(
        "{0} таңбадан аспауы керек",
        "Не более {0} символов",
        "At most {0} characters");

    public static readonly LocalizedText ReceivedInFuture = new(
        "Шағымның келген уақыты болашақта болмауы керек",
        "Время поступления жалобы не может быть в будущем",
        "The time the complaint arrived cannot be in the future");

    public static readonly LocalizedText NoSuchApplication = new(
        "Мұндай өтініш жоқ",
        "Такого заявления нет",
        "There is no such application");

    public static readonly LocalizedText ApplicationServiceDiffers = new(
        "Өтініш «{0}» қызметі бойынша берілген",
        "Заявление подано по услуге «{0}»",
        "The application is for the service '{0}'");

    public static readonly LocalizedText ApplicationOfficeDiffers = new(
        "Өтініш «{0}» бөлімшесінде қабылданған",
        "Заявление принято в подразделении «{0}»",
        "The application was accepted at the office '{0}'");

    public static readonly LocalizedText NoSuchOffice = new(
        "«{0}» бөлімшесі жоқ",
        "Подразделения «{0}» нет",
        "There is no office '{0}'");

    public static readonly LocalizedText OfficeDoesNotServe = new(
        "«{0}» бөлімшесі «{1}» қызметін көрсетпейді",
        "Подразделение «{0}» не оказывает услугу «{1}»",
        "The office '{0}' does not provide the service '{1}'");

    public static readonly LocalizedText NotYourOffice = new(
        "Шағымды тек өз бөлімшеңіздің журналына және өзіңіз көрсететін қызметтер бойынша тіркей аласыз",
        "Жалобу можно зарегистрировать только в журнале своего подразделения и по своим услугам",
        "You can register complaints only in your own office's journal and for the services you serve");

    public static readonly LocalizedText AnswerByEmailNeedsEmail = new(
        "Шағым иесі электрондық пошта мекенжайын көрсетпеген",
        "Заявитель не указал адрес электронной почты",
        "The complainant gave no e-mail address");

    public static readonly LocalizedText AnswerByPostNeedsAddress = new(
        "Шағым иесі пошта мекенжайын көрсетпеген",
        "Заявитель не указал почтовый адрес",
        "The complainant gave no postal address");

    public static readonly LocalizedText AnswerChannelNotInSeed = new(
        "«{0}» қызметі бойынша шағым қорытындысы электрондық поштамен жіберілмейді: стандарт тек жазбаша, поштамен хабарлауды көздейді ({1})",
        "По услуге «{0}» результат рассмотрения жалобы не направляется по электронной почте: стандарт предусматривает письменный ответ почтой ({1})",
        "The outcome of a complaint about '{0}' is not sent by e-mail: the standard provides for a written answer by post ({1})");

    public static readonly LocalizedText InvalidTransition = new(
        "«{0}» күйіндегі шағымға «{1}» әрекеті қолданылмайды. Рұқсат етілген әрекеттер: {2}",
        "К жалобе в статусе «{0}» действие «{1}» неприменимо. Допустимые действия: {2}",
        "The action '{1}' cannot be applied to a complaint that is '{0}'. Allowed actions: {2}");

    public static readonly LocalizedText Nothing = new("жоқ", "нет", "none");

    public static readonly LocalizedText IfMatchMissing = new(
        "Шағымның күйін өзгерту үшін оның соңғы ETag мәнін If-Match тақырыбында жіберіңіз (GET /api/v1/complaints/{id})",
        "Чтобы изменить статус жалобы, передайте её последний ETag в заголовке If-Match (GET /api/v1/complaints/{id})",
        "To change a complaint's status, send its latest ETag in the If-Match header (GET /api/v1/complaints/{id})");

    public static readonly LocalizedText Stale = new(
        "Шағым өзгерді: қазіргі нұсқасы {0}, сіз {1} жібердіңіз",
        "Жалоба изменилась: текущая версия {0}, вы передали {1}",
        "The complaint has changed: its current version is {0}, you sent {1}");

    public static readonly LocalizedText BadStatus = new(
        "Күйлер: received, under-review, answered",
        "Статусы: received, under-review, answered",
        "Statuses: received, under-review, answered");

    public static readonly LocalizedText BadBoolean = new(
        "true немесе false",
        "true или false",
        "true or false");

    public static readonly LocalizedText NeedsOffice = new(
        "Сіз бөлімшеге бекітілмегенсіз: officeId көрсетіңіз",
        "Вы не закреплены за подразделением: укажите officeId",
        "You are not bound to an office: give officeId");

    /// <summary>The e-mail that carries the answer, in the complainant's language.</summary>
    public static readonly LocalizedText AnswerMailSubject = new(
        "Сіздің {0} шағымыңызды қарау нәтижесі",
        "Результат рассмотрения вашей жалобы {0}",
        "The outcome of your complaint {0}");

    public static readonly LocalizedText AnswerMailBody = new(
        "Құрметті {0}!\n\n{1} тіркелген {2} шағымыңыз қаралды.\n\n{3}\n\n{4}",
        "Уважаемый(ая) {0}!\n\nВаша жалоба {2}, зарегистрированная {1}, рассмотрена.\n\n{3}\n\n{4}",
        "Dear {0},\n\nYour complaint {2}, registered on {1}, has been reviewed.\n\n{3}\n\n{4}");
}
