using System.Text.Json.Nodes;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Identifiers;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using NodaTime;

namespace Kazgov.Platform.Applications.Features.StatusLookup;

/// <summary>What a citizen learns of an application from its registration number and their IIN: nothing else.</summary>
/// <param name="Service">The service code (e.g. driver-licence).</param>
/// <param name="Status">The status code (submitted, in-review, approved, ready-for-issue, issued, refused, withdrawn, suspended).</param>
/// <param name="DueDate">The last day of the term (Asia/Almaty).</param>
/// <param name="NextStep">What happens next, in the request's language.</param>
public sealed record ApplicationStatusLookup(string Service, string Status, LocalDate DueDate, NextStep NextStep);

/// <summary>The next step: a stable code and its text.</summary>
public sealed record NextStep(string Code, string Text);

/// <summary>
/// GET /api/v1/applications/status?number=&amp;iin= — public, under its own strict per-address limit;
/// a wrong pair answers 404 <c>application-not-found</c> whichever value was wrong; every lookup,
/// found or not, is audited.
/// </summary>
internal static class LookUpStatusEndpoint
{
    public const string AuditOperation = "application.status-lookup";
    public const string AuditMissOperation = "application.status-lookup.miss";

    public static readonly ProblemType NotFound = new("application-not-found", 404, new(
        "Мұндай өтініш табылмады",
        "Заявление не найдено",
        "No such application"));

    public static void MapStatusLookup(this IEndpointRouteBuilder applications) =>
        applications.MapGet("/status", LookUpAsync)
            .AllowPublic()
            .RequireRateLimiting(RateLimitPolicies.StatusLookup)
            .WithName("LookUpApplicationStatus")
            .WithSummary("A citizen's check of their application: the service, the status, the due date and the next step.")
            .WithDescription("Public, under a strict per-address rate limit. Both `number` (the registration number on the "
                + "acknowledgement slip) and `iin` (the applicant's IIN) are required (400 `validation-failed` otherwise). "
                + "A pair that does not match answers 404 `application-not-found`, whichever value was wrong. Every lookup is audited.")
            .Produces<ApplicationStatusLookup>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                foreach (var parameter in operation.Parameters ?? [])
                {
                    if (parameter is OpenApiParameter { Name: "number" or "iin" } value)
                    {
                        value.Required = true;
                        value.Description = value.Name == "number"
                            ? "The registration number from the acknowledgement slip."
                            : "The applicant's IIN (12 digits).";
                        value.Example = JsonValue.Create(value.Name == "number" ? "DL-2026-000042" : "850315300019");
                    }
                }

                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue("application/json", out var media) == true)
                {
                    media.Example = JsonNode.Parse("""
                        { "service": "driver-licence", "status": "ready-for-issue", "dueDate": "2026-03-10",
                          "nextStep": { "code": "collect-result", "text": "The result is ready: collect it at the office with your identity document." } }
                        """);
                }

                return Task.CompletedTask;
            });

    private static async Task<IResult> LookUpAsync(string? number, string? iin, HttpContext context, DbSession session, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Required("number", number);
        errors.Required("iin", iin);
        if (!string.IsNullOrWhiteSpace(iin) && !Iin.TryParse(iin.Trim(), out _, out _))
        {
            errors.Add("iin", new LocalizedText("ЖСН 12 цифрдан тұрады", "ИИН состоит из 12 цифр", "An IIN is 12 digits"));
        }

        errors.ThrowIfAny();
        var trimmedNumber = number!.Trim();
        var trimmedIin = iin!.Trim();
        var row = await session.QuerySingleOrDefaultAsync<LookupRow>(
            """
            SELECT service_code AS ServiceCode, status AS Status, due_at AS DueAt, office_id AS OfficeId
            FROM platform.applications
            WHERE registration_number = @number AND subject_id = @iin
            """,
            new { number = trimmedNumber, iin = trimmedIin },
            cancellationToken);

        await audit.RecordAsync(
            new AuditEvent(row is null ? AuditMissOperation : AuditOperation, AuditSubjects.Iin, trimmedIin)
            {
                ObjectId = trimmedNumber,
                ServiceCode = row?.ServiceCode,
                OfficeId = row?.OfficeId,
            },
            cancellationToken);

        if (row is null)
        {
            throw new ProblemException(NotFound, new LocalizedText(
                "Бұл нөмір мен ЖСН бойынша өтініш жоқ",
                "Заявления с таким номером и ИИН нет",
                "There is no application with this number and IIN"));
        }

        var language = RequestLanguage.Of(context);
        var step = NextStepOf(row.Status);
        return Results.Ok(new ApplicationStatusLookup(row.ServiceCode, row.Status, ApplicationReader.DueDateOf(row.DueAt), new NextStep(step.Code, step.Text.In(language))));
    }

    internal static (string Code, LocalizedText Text) NextStepOf(string status) => status switch
    {
        "submitted" or "in-review" => ("wait-for-decision", new LocalizedText(
            "Өтініш қаралуда; шешім мерзімі аяқталғанға дейін SMS не хат келеді.",
            "Заявление рассматривается; о решении сообщат SMS или письмом до конца срока.",
            "The application is under review; you will be told by SMS or e-mail before the due date.")),
        "approved" => ("wait-for-result", new LocalizedText(
            "Шешім оң; нәтиже дайындалуда, дайын болғанда хабарлаймыз.",
            "Решение положительное; результат готовится, о готовности сообщат.",
            "Approved; the result is being prepared and you will be told when it is ready.")),
        "ready-for-issue" => ("collect-result", new LocalizedText(
            "Нәтиже дайын: оны жеке басыңызды куәландыратын құжатпен бөлімнен алыңыз.",
            "Результат готов: получите его в отделе, предъявив удостоверение личности.",
            "The result is ready: collect it at the office with your identity document.")),
        "issued" => ("none", new LocalizedText(
            "Нәтиже берілді.",
            "Результат выдан.",
            "The result has been handed over.")),
        "refused" => ("read-refusal-notice", new LocalizedText(
            "Бас тартылды: себебі бас тарту туралы хабарламада; оған шағым беруге болады.",
            "Отказано: причина в уведомлении об отказе; его можно обжаловать.",
            "Refused: the reasons are in the refusal notice, which you may appeal.")),
        "suspended" => ("provide-missing", new LocalizedText(
            "Қарау тоқтатылды: бөлім сұраған мәліметтерді беріңіз.",
            "Рассмотрение приостановлено: представьте сведения, которые запросил отдел.",
            "Review is suspended: provide what the office asked for.")),
        _ => ("none", new LocalizedText(
            "Өтініш кері қайтарылды.",
            "Заявление отозвано.",
            "The application was withdrawn.")),
    };

    private sealed record LookupRow(string ServiceCode, string Status, Instant DueAt, string OfficeId);
}
