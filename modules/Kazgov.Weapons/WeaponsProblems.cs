using Kazgov.Kernel.Problems;

namespace Kazgov.Weapons;

internal static class WeaponsProblems
{
    /// <summary>§8: a serial of one make is registered once.</summary>
    public static readonly ProblemType UnitAlreadyRegistered = new("weapon-already-registered", 409, new(
        "Бұл маркалы және сериялық нөмірлі қару тізілімде тіркелген (§8)",
        "Оружие этой марки с этим серийным номером уже зарегистрировано (§8)",
        "A weapon of this make with this serial number is already registered (§8)"));

    public static readonly ProblemType UnitNotRegistered = new("weapon-not-registered", 409, new(
        "Қайта тіркелетін қару тізілімде жоқ (§8)",
        "Перерегистрируемого оружия нет в реестре (§8)",
        "The weapon to re-register is not in the register (§8)"));

    public static readonly ProblemType UnitNotFound = new("weapon-not-found", 404, new(
        "Тізілімде мұндай қару жоқ", "В реестре нет такого оружия", "There is no such weapon in the register"));

    public static readonly ProblemType PermitNotFound = new("weapon-permit-not-found", 404, new(
        "Мұндай нөмірлі рұқсат не тіркеу жоқ", "Разрешения или регистрации с таким номером нет", "There is no permit or registration with this number"));

    /// <summary>§17: the permit is handed to the applicant or to a proxy with a power of attorney, recorded first.</summary>
    public static readonly ProblemType RecipientNotRecorded = new("weapon-recipient-not-recorded", 409, new(
        "Рұқсатты кім алатыны жазылмаған: өтініш беруші немесе сенімхат бойынша өкіл (§17)",
        "Не записано, кто получает разрешение: заявитель или представитель по доверенности (§17)",
        "Who takes the permit is not recorded: the applicant or a proxy with a power of attorney (§17)"));

    public static readonly ProblemType PowerOfAttorneyExpired = new("power-of-attorney-expired", 409, new(
        "Сенімхаттың мерзімі өткен (§17)", "Срок доверенности истёк (§17)", "The power of attorney has expired (§17)"));

    public static readonly ProblemType ChecksClosed = new("weapon-checks-closed", 409, new(
        "Тексерулер тек шешімге дейін жүргізіледі", "Проверки проводятся только до решения", "Checks are run only before the decision"));

    public static readonly ProblemType PermitNotRenounceable = new("weapon-permit-not-renounceable", 409, new(
        "Тек берілген, күшіндегі рұқсаттан бас тартуға болады (§18.2)",
        "Отказаться можно только от выданного действующего разрешения (§18.2)",
        "Only an issued permit in force can be renounced (§18.2)"));
}
