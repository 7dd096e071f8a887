using Kazgov.Kernel.Problems;

namespace Kazgov.AddressBureau;

internal static class AddressBureauProblems
{
    /// <summary>No lookup without a request: the request must exist and be the caller's (its office's, or the client's own).</summary>
    public static readonly ProblemType RequestNotFound = new("address-request-not-found", 404, new(
        "Мұндай сұрау салу жоқ немесе ол сіздікі емес: мекенжайды тек тіркелген сұрау салу бойынша қарауға болады",
        "Такого запроса нет или он не ваш: адрес можно смотреть только по зарегистрированному запросу",
        "There is no such request, or it is not yours: an address can be looked up only under a registered request"));

    public static readonly ProblemType PersonNotFound = new("address-person-not-found", 404, new(
        "Тізілімде бұл адам туралы мәлімет жоқ («жоқ»)", "В реестре нет сведений об этом лице («жоқ»)", "The register holds no record of this person («жоқ»)"));

    public static readonly ProblemType CertificateNotFound = new("address-certificate-not-found", 404, new(
        "Мұндай мекенжай анықтамасы жоқ", "Такой адресной справки нет", "There is no such address certificate"));

    public static readonly ProblemType WrongPassword = new("agency-password-refused", 403, new(
        "Пароль дұрыс емес немесе оның мерзімі өтті (§12.2 ескертпесі)",
        "Пароль неверен или срок его действия истёк (примечание к §12.2)",
        "The password is wrong or not valid now (§12.2 note)"));

    public static readonly ProblemType TooManyPasswordAttempts = new("agency-password-rate-limited", 429, new(
        "Қате пароль тым көп рет айтылды: кейінірек қайталаңыз",
        "Слишком много неверных паролей: повторите позже",
        "Too many wrong passwords: try again later"));

    public static readonly ProblemType PhoneNotAllowed = new("agency-phone-not-allowed", 403, new(
        "Телефон арқылы тек құқық қорғау органдары сұрай алады (§12.2 ескертпесі)",
        "По телефону могут обращаться только правоохранительные органы (примечание к §12.2)",
        "Only law-enforcement agencies may ask by telephone (§12.2 note)"));

    public static readonly ProblemType PersonExists = new("address-person-exists", 409, new(
        "Бұл ЖСН тізілімде бар", "Этот ИИН уже есть в реестре", "This IIN is already in the register"));

    public static readonly ProblemType RegistrationNotOpen = new("address-registration-not-open", 409, new(
        "Тіркеу жабық не жоқ", "Регистрация закрыта или не найдена", "The registration is closed or not found"));
}
