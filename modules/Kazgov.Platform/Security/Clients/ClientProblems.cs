using Kazgov.Kernel.Problems;

namespace Kazgov.Platform.Security.Clients;

/// <summary>The problems of integrator client management.</summary>
public static class ClientProblems
{
    public static readonly ProblemType ClientExists = new("api-client-exists", 409, new(
        "Мұндай идентификаторлы клиент бар немесе болған (идентификаторлар қайта пайдаланылмайды)",
        "Клиент с таким идентификатором есть или был (идентификаторы не используются повторно)",
        "A client with this id exists or existed (ids are never reused)"));

    public static readonly ProblemType WrongAuthMethod = new("api-client-wrong-auth-method", 409, new(
        "Бұл әрекет клиенттің аутентификация тәсіліне сай емес",
        "Это действие не подходит к способу аутентификации клиента",
        "This action does not fit the client's authentication method"));

    public static readonly ProblemType InvalidClientAssertion = new("invalid-client-assertion", 401, new(
        "Клиенттің қолтаңбалы растауы (client_assertion) жарамсыз",
        "Подписанное утверждение клиента (client_assertion) недействительно",
        "The client's signed assertion (client_assertion) is not valid"));
}
