using Kazgov.Kernel.Problems;

namespace Kazgov.Migration.TemporaryRegistrations;

internal static class TemporaryRegistrationProblems
{
    /// <summary>temporary-registration §17: registration only at the place of first application; the problem names the first one.</summary>
    public static readonly ProblemType AlreadyRegistered = new("already-registered", 409, new(
        "Шетелдік уақытша болатын жері бойынша тіркелген: тіркеу тек бірінші өтініш берген жері бойынша ресімделеді (temporary-registration §17)",
        "Иностранец уже зарегистрирован по месту временного пребывания: регистрация оформляется только по месту первого обращения (temporary-registration §17)",
        "The foreigner is already registered at a place of temporary stay: registration is made only at the place of first application (temporary-registration §17)"));

    public static readonly ProblemType RegistrationNotFound = new("temporary-registration-not-found", 404, new(
        "Мұндай нөмірлі уақытша тіркеу жоқ",
        "Временной регистрации с таким номером нет",
        "There is no temporary registration with this number"));
}
