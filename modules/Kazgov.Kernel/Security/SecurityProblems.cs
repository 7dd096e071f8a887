using Kazgov.Kernel.Problems;

namespace Kazgov.Kernel.Security;

/// <summary>The problems of authentication, authorization and rate limiting.</summary>
public static class SecurityProblems
{
    public static readonly ProblemType Unauthenticated = new("unauthenticated", 401, new(
        "Аутентификация қажет",
        "Требуется аутентификация",
        "Authentication is required"));

    public static readonly ProblemType Forbidden = new("forbidden", 403, new(
        "Бұл әрекетке рұқсат жоқ",
        "Нет прав на это действие",
        "You are not allowed to do this"));

    public static readonly ProblemType InvalidCredentials = new("invalid-credentials", 401, new(
        "Логин немесе құпиясөз қате",
        "Неверный логин или пароль",
        "The login or password is wrong"));

    /// <summary>423 Locked: the account exists and is locked for a while; Retry-After says how long.</summary>
    public static readonly ProblemType AccountLocked = new("account-locked", 423, new(
        "Тіркелгі уақытша бұғатталған",
        "Учётная запись временно заблокирована",
        "The account is temporarily locked"));

    public static readonly ProblemType InvalidGrant = new("invalid-grant", 400, new(
        "Жаңарту токені жарамсыз",
        "Токен обновления недействителен",
        "The refresh token is not valid"));

    public static readonly ProblemType InvalidScope = new("invalid-scope", 400, new(
        "Сұралған рұқсат аясы берілмеген",
        "Запрошенная область доступа не предоставлена",
        "The requested scope is not granted to this client"));

    public static readonly ProblemType UnsupportedGrantType = new("unsupported-grant-type", 400, new(
        "Рұқсат түріне қолдау көрсетілмейді",
        "Тип гранта не поддерживается",
        "The grant type is not supported"));

    public static readonly ProblemType RateLimited = new("rate-limited", 429, new(
        "Сұраулар тым көп",
        "Слишком много запросов",
        "Too many requests"));
}
