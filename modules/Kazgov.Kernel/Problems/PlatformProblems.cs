using Kazgov.Kernel.Localization;

namespace Kazgov.Kernel.Problems;

/// <summary>The problems the platform itself raises. Modules declare their own beside their features.</summary>
public static class PlatformProblems
{
    public static readonly ProblemType ValidationFailed = new("validation-failed", 400, new(
        "Сұрау деректері қате",
        "Данные запроса содержат ошибки",
        "The request data is invalid"));

    public static readonly ProblemType MalformedJson = new("malformed-json", 400, new(
        "Сұрау денесі дұрыс JSON емес",
        "Тело запроса не является корректным JSON",
        "The request body is not valid JSON"));

    public static readonly ProblemType BadRequest = new("bad-request", 400, new(
        "Сұрау дұрыс емес",
        "Некорректный запрос",
        "The request is not valid"));

    public static readonly ProblemType NotFound = new("not-found", 404, new(
        "Ресурс табылмады",
        "Ресурс не найден",
        "The resource was not found"));

    public static readonly ProblemType MethodNotAllowed = new("method-not-allowed", 405, new(
        "Бұл әдіске рұқсат жоқ",
        "Метод не разрешён",
        "The method is not allowed for this resource"));

    public static readonly ProblemType NotAcceptable = new("not-acceptable", 406, new(
        "Сұралған пішім қолдау көрсетілмейді",
        "Запрошенный формат не поддерживается",
        "The requested representation is not available"));

    public static readonly ProblemType PayloadTooLarge = new("payload-too-large", 413, new(
        "Сұрау денесі тым үлкен",
        "Тело запроса слишком велико",
        "The request body is too large"));

    public static readonly ProblemType UnsupportedMediaType = new("unsupported-media-type", 415, new(
        "Мазмұн түріне қолдау көрсетілмейді",
        "Тип содержимого не поддерживается",
        "The content type is not supported"));

    public static readonly ProblemType IdempotencyKeyInvalid = new("idempotency-key-invalid", 400, new(
        "Idempotency-Key тақырыбы дұрыс емес",
        "Заголовок Idempotency-Key некорректен",
        "The Idempotency-Key header is not valid"));

    public static readonly ProblemType IdempotencyKeyReused = new("idempotency-key-reused", 422, new(
        "Idempotency-Key басқа сұрау үшін қолданылған",
        "Idempotency-Key уже использован для другого запроса",
        "The Idempotency-Key was already used with a different request"));

    /// <summary>The If-Match sent is not the resource's current ETag: someone changed it since it was read.</summary>
    public static readonly ProblemType PreconditionFailed = new("precondition-failed", 412, new(
        "Жазбаны сізден кейін басқа біреу өзгертті: жаңа нұсқасын (ETag) алып, қайталаңыз",
        "Запись изменена после того, как вы её получили: получите новую версию (ETag) и повторите",
        "The record was changed after you read it: fetch the current version (ETag) and try again"));

    /// <summary>A state change was sent without If-Match: changes are only made to the version the caller has seen.</summary>
    public static readonly ProblemType IfMatchRequired = new("if-match-required", 428, new(
        "If-Match тақырыбында жазбаның ETag мәні болуы керек",
        "Заголовок If-Match должен содержать ETag записи",
        "The If-Match header must carry the record's ETag"));

    /// <summary>The action is not allowed in the record's current status; the problem lists the allowed ones.</summary>
    public static readonly ProblemType InvalidTransition = new("invalid-transition", 409, new(
        "Бұл әрекет жазбаның қазіргі күйінде мүмкін емес",
        "Это действие невозможно в текущем статусе записи",
        "This action is not allowed in the record's current status"));

    public static readonly ProblemType ServiceUnavailable = new("service-unavailable", 503, new(
        "Қызмет уақытша қолжетімсіз",
        "Сервис временно недоступен",
        "The service is temporarily unavailable"));

    public static readonly ProblemType InternalError = new("internal-error", 500, new(
        "Ішкі қате",
        "Внутренняя ошибка",
        "An internal error occurred"));

    /// <summary>The problem a bare status code stands for, when nothing more specific was raised.</summary>
    public static ProblemType ForStatus(int status) => status switch
    {
        400 => BadRequest,
        404 => NotFound,
        405 => MethodNotAllowed,
        406 => NotAcceptable,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        503 => ServiceUnavailable,
        >= 500 => InternalError,
        _ => new ProblemType("http-" + status, status, new(
            "Сұрауды орындау мүмкін болмады",
            "Не удалось выполнить запрос",
            "The request could not be completed")),
    };
}
