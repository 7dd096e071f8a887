using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;

namespace Kazgov.Platform.Feedback;

/// <summary>The problems of applicant feedback, with stable codes.</summary>
public static class FeedbackProblems
{
    /// <summary>The link's token is malformed or its signature does not match: not a link the platform sent.</summary>
    public static readonly ProblemType LinkInvalid = new("feedback-link-invalid", 400, new(
        "Бағалау сілтемесі жарамсыз",
        "Ссылка для оценки недействительна",
        "The feedback link is not valid"));

    public static readonly ProblemType LinkExpired = new("feedback-link-expired", 410, new(
        "Бағалау сілтемесінің мерзімі өтті",
        "Срок действия ссылки для оценки истёк",
        "The feedback link has expired"));

    /// <summary>One answer per application: it was already given (by the link or the portal).</summary>
    public static readonly ProblemType AlreadyGiven = new("feedback-already-given", 409, new(
        "Бұл өтініш бойынша баға берілген",
        "Оценка по этому заявлению уже дана",
        "Feedback on this application has already been given"));

    /// <summary>The service is not over yet: feedback is asked after issuance or refusal.</summary>
    public static readonly ProblemType NotYet = new("feedback-not-yet", 409, new(
        "Бағаны нәтижені алғаннан немесе бас тартудан кейін беруге болады",
        "Оценку можно дать после получения результата или отказа",
        "Feedback can be given after the result is issued or refused"));
}

internal static class FeedbackMessages
{
    public static readonly LocalizedText Score = new(
        "Баға: 1-ден 5-ке дейінгі бүтін сан",
        "Оценка: целое число от 1 до 5",
        "A score is a whole number from 1 to 5");

    /// <summary>Appended to the applicant's SMS or e-mail when the result is ready or refused.</summary>
    public static readonly LocalizedText Invitation = new(
        " Қызмет көрсету сапасын бағалаңыз: {0}",
        " Оцените качество обслуживания: {0}",
        " Please rate the service: {0}");
}
