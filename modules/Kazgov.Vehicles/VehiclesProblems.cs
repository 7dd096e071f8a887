using Kazgov.Kernel.Problems;

namespace Kazgov.Vehicles;

internal static class VehiclesProblems
{
    public static readonly ProblemType AlreadyRegistered = new("vehicle-already-registered", 409, new(
        "Бұл көлік құралы (VIN) тізілімде тіркелген", "Это транспортное средство (VIN) уже зарегистрировано", "This vehicle (VIN) is already registered"));

    public static readonly ProblemType NotRegistered = new("vehicle-not-registered", 409, new(
        "Көлік құралы тіркеуден шығарылған", "Транспортное средство снято с учёта", "The vehicle is deregistered"));

    public static readonly ProblemType CertificateUnknown = new("vehicle-certificate-unknown", 422, new(
        "Мұндай тіркеу куәлігі тізілімде жоқ", "Такого свидетельства о регистрации нет в реестре", "There is no such registration certificate in the register"));

    public static readonly ProblemType NotTheOwner = new("not-the-registered-owner", 409, new(
        "Өтініш беруші көлік құралының тіркелген иесі емес", "Заявитель не является зарегистрированным владельцем", "The applicant is not the vehicle's registered owner"));

    public static readonly ProblemType OwnerUnchanged = new("vehicle-owner-unchanged", 409, new(
        "Жаңа иесі тіркелген иесімен бірдей", "Новый владелец совпадает с зарегистрированным", "The new owner is the registered owner"));

    public static readonly ProblemType VehicleNotFound = new("vehicle-not-found", 404, new(
        "Тізілімде мұндай көлік құралы жоқ", "В реестре нет такого транспортного средства", "There is no such vehicle in the register"));

    public static readonly ProblemType PlatePoolExhausted = new("plate-pool-exhausted", 409, new(
        "Өңірдің нөмір белгілері таусылды", "Номерные знаки региона исчерпаны", "The region's plates are exhausted"));

    public static readonly ProblemType OfficeWithoutRegion = new("office-without-plate-region", 409, new(
        "Бөлімшенің өңірінің нөмір коды жоқ", "У региона подразделения нет кода номера", "The office's region has no plate code"));

    public static readonly ProblemType ChecksClosed = new("vehicle-checks-closed", 409, new(
        "Тексерулер тек шешімге дейін жүргізіледі", "Проверки проводятся только до решения", "Checks are run only before the decision"));

    public static readonly ProblemType Unanswered = new("external-check-unanswered", 409, new(
        "Сыртқы тізілімдер әлі жауап бермеді: шешім қабылданбайды (§17.3)",
        "Внешние реестры ещё не ответили: решение не принимается (§17.3)",
        "The outside registers have not answered yet: no decision can be taken (§17.3)"));
}
