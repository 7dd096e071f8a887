using Kazgov.Platform.Offices;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using NodaTime.Text;

namespace Kazgov.Platform.Calendar;

/// <summary>The working calendar (days, overrides) and service deadlines under /api/v1.</summary>
internal static class CalendarEndpoints
{
    /// <summary>The longest range GET /calendar/days lists at once (a leap year).</summary>
    public const int MaxDays = 366;


    public static void MapCalendarEndpoints(this IEndpointRouteBuilder api)
    {
        var calendar = api.MapGroup("/calendar").WithTags("Calendar");
        calendar.MapGet("/days", ListDaysAsync)
            .WithName("ListCalendarDays")
            .AllowPublic()
            .WithSummary("Days from..to (at most 366) with working / day off and why (Asia/Almaty).");
        calendar.MapGet("/overrides", ListOverridesAsync)
            .WithName("ListCalendarOverrides")
            .RequirePolicy(Policies.Staff)
            .Produces<OverridesResponse>()
            .WithSummary("The per-date overrides of the calendar (Government transfers of days off).");
        calendar.MapPut("/overrides/{date}", PutOverrideAsync)
            .WithName("SetCalendarOverride")
            .RequirePolicy(Policies.Admin)
            .Produces<OverrideResponse>()
            .Produces<OverrideResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithSummary("Makes a date a working day or a day off, whatever the rules say.");
        calendar.MapDelete("/overrides/{date}", DeleteOverrideAsync)
            .WithName("DeleteCalendarOverride")
            .RequirePolicy(Policies.Admin)
            // It answers 204; the released contract said 200, which stays declared (a response is never removed).
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Removes a date's override; the rules decide the day again.");

        api.MapGet("/services/{code}/deadline", (string code, string? acceptedAt, string? variant, string? office, HttpContext context, DeadlineService deadlines, IServiceTerms terms, IOfficeSchedules schedules, CancellationToken cancellationToken) =>
                DeadlineAsync(code, acceptedAt, "acceptedAt", variant, office, context, deadlines, terms, schedules, cancellationToken))
            .WithName("GetServiceDeadline")
            .AllowPublic()
            .WithTags("Deadlines")
            .Produces<DeadlineResponse>()
            .WithSummary("When an application of the service accepted at acceptedAt is due, and why; office= counts an hour term in that office's hours.");
        // DESIGN.md's contract point: the same answer as /services/{code}/deadline, with the service and the moment as query values.
        calendar.MapGet("/deadline", (string? service, string? from, string? variant, string? office, HttpContext context, DeadlineService deadlines, IServiceTerms terms, IOfficeSchedules schedules, CancellationToken cancellationToken) =>
            {
                if (string.IsNullOrWhiteSpace(service))
                {
                    new ValidationErrors().Required("service", service).ThrowIfAny();
                }

                return DeadlineAsync(service!, from, "from", variant, office, context, deadlines, terms, schedules, cancellationToken);
            })
            .WithName("GetDeadline")
            .AllowPublic()
            .WithTags("Deadlines")
            .Produces<DeadlineResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Alias of /services/{code}/deadline: ?service=&from=&variant=.");
    }

    private static async Task<IResult> ListDaysAsync(string? from, string? to, HttpContext context, CalendarStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var first = RequestValues.Date(errors, "from", from);
        var last = RequestValues.Date(errors, "to", to);
        CheckYear(errors, "from", first);
        CheckYear(errors, "to", last);
        errors.ThrowIfAny();
        if (last < first)
        {
            errors.Add("to", new("«to» «from»-нан ерте болмауы керек", "«to» не может быть раньше «from»", "'to' must not be before 'from'")).ThrowIfAny();
        }

        if (Period.Between(first!.Value, last!.Value, PeriodUnits.Days).Days + 1 > MaxDays)
        {
            errors.Add("to", new LocalizedText(
                "Ауқым {0} күннен аспауы керек", "Диапазон не может превышать {0} дней", "The range must not exceed {0} days").Format(MaxDays)).ThrowIfAny();
        }

        var calendar = await store.LoadAsync(cancellationToken);
        var language = Localize(context);
        var days = calendar.Days(first.Value, last.Value)
            .Select(d => new DayResponse(d.Date, d.Date.DayOfWeek, d.Working, d.Kind, d.Reason.In(language), d.HolidayCode))
            .ToList();
        return Results.Ok(new DaysResponse(
            first.Value, last.Value, WorkingCalendar.Zone.Id, days.Count(d => d.Working), days.Count(d => !d.Working), days));
    }

    private static async Task<IResult> ListOverridesAsync(CalendarStore store, CancellationToken cancellationToken) =>
        Results.Ok(new OverridesResponse((await store.ListOverridesAsync(cancellationToken)).Select(OverrideResponse.From).ToList()));

    private static async Task<IResult> PutOverrideAsync(string date, OverrideBody body, CalendarStore store, IClock clock, ICurrentActor actor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var day = RequestValues.Date(errors, "date", date);
        CheckYear(errors, "date", day);
        if (body.Working is null)
        {
            errors.Add("working", CommonMessages.Required);
        }

        errors.Required("reason.kk", body.Reason?.Kk).Required("reason.ru", body.Reason?.Ru).Required("reason.en", body.Reason?.En);
        if (body.Source is { Length: > 500 })
        {
            errors.Add("source", new("Дереккөз 500 таңбадан аспауы керек", "Источник не может быть длиннее 500 символов", "The source must not exceed 500 characters"));
        }

        errors.ThrowIfAny();
        var decision = new CalendarOverride(
            day!.Value,
            body.Working!.Value,
            new LocalizedText(body.Reason!.Kk!.Trim(), body.Reason.Ru!.Trim(), body.Reason.En!.Trim()),
            string.IsNullOrWhiteSpace(body.Source) ? null : body.Source.Trim());
        var (row, created) = await store.UpsertOverrideAsync(decision, clock.GetCurrentInstant(), actor.Id, cancellationToken);
        var response = OverrideResponse.From(row);
        return created
            ? Results.Created("/api/v1/calendar/overrides/" + WorkingCalendar.Iso(row.Date), response)
            : Results.Ok(response);
    }

    private static async Task<IResult> DeleteOverrideAsync(string date, CalendarStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var day = RequestValues.Date(errors, "date", date);
        errors.ThrowIfAny();
        if (!await store.DeleteOverrideAsync(day!.Value, cancellationToken))
        {
            throw new ProblemException(CalendarProblems.OverrideNotFound);
        }

        return Results.NoContent();
    }

    private static async Task<IResult> DeadlineAsync(
        string code, string? acceptedAt, string acceptedField, string? variant, string? office, HttpContext context, DeadlineService deadlines, IServiceTerms terms, IOfficeSchedules schedules, CancellationToken cancellationToken)
    {
        if (!terms.ServiceExists(code))
        {
            throw ServiceTermsProblems.UnknownServiceCode(code);
        }

        var errors = new ValidationErrors();
        var accepted = RequestValues.Instant(errors, acceptedField, acceptedAt);
        if (accepted is { } instant && instant.InZone(WorkingCalendar.Zone).Year is < WorkingCalendar.FirstYear or > WorkingCalendar.LastYear - 1)
        {
            errors.Add(acceptedField, OutOfRange);
        }

        errors.ThrowIfAny();
        if (office is not null && await schedules.FindAsync(office, cancellationToken) is null)
        {
            throw new ProblemException(OfficeProblems.OfficeNotFound, extensions: new Dictionary<string, object?> { ["office"] = office });
        }

        var (chosen, deadline) = await deadlines.ComputeAsync(code, variant, accepted!.Value, office, Duration.Zero, cancellationToken);
        return Results.Ok(new DeadlineResponse(
            code, chosen.Code, accepted.Value, chosen.Iso8601Term, chosen.Clock, deadline.DueAt, deadline.DueDate,
            deadline.Rule.In(Localize(context)), WorkingCalendar.Zone.Id));
    }


    private static readonly LocalizedText OutOfRange = new LocalizedText(
        "Күн {0}–{1} жылдар аралығында болуы керек", "Дата должна быть в {0}–{1} годах", "The date must be within the years {0}–{1}")
        .Format(WorkingCalendar.FirstYear, WorkingCalendar.LastYear - 1);

    // The last year of the calendar is kept free so that a term ending after it never runs off the calendar.
    private static void CheckYear(ValidationErrors errors, string field, LocalDate? date)
    {
        if (date is { } d && d.Year is < WorkingCalendar.FirstYear or > WorkingCalendar.LastYear - 1)
        {
            errors.Add(field, OutOfRange);
        }
    }

    private static Language Localize(HttpContext context)
    {
        var language = RequestLanguage.Of(context);
        context.Response.Headers.ContentLanguage = language.ToCode();
        return language;
    }

    internal sealed record DaysResponse(LocalDate From, LocalDate To, string TimeZone, int WorkingDays, int DaysOff, IReadOnlyList<DayResponse> Days);

    internal sealed record DayResponse(LocalDate Date, IsoDayOfWeek DayOfWeek, bool Working, DayKind Kind, string Reason, string? Holiday);

    internal sealed record TextBody(string? Kk, string? Ru, string? En);

    internal sealed record OverrideBody(bool? Working, TextBody? Reason, string? Source);

    internal sealed record OverridesResponse(IReadOnlyList<OverrideResponse> Items);

    internal sealed record OverrideResponse(LocalDate Date, bool Working, LocalizedText Reason, string? Source, Instant ChangedAt, string ChangedBy)
    {
        public static OverrideResponse From(CalendarStore.OverrideRow row) =>
            new(row.Date, row.Working, new LocalizedText(row.ReasonKk, row.ReasonRu, row.ReasonEn), row.Source, row.ChangedAt, row.ChangedBy);
    }

    internal sealed record DeadlineResponse(
        string Service, string Variant, Instant AcceptedAt, string Term, DeadlineClock Clock, Instant DueAt, LocalDate DueDate, string Rule, string TimeZone);
}

/// <summary>The problems of the calendar endpoints.</summary>
public static class CalendarProblems
{
    public static readonly ProblemType OverrideNotFound = new("calendar-override-not-found", 404, new(
        "Бұл күнге ерекше шешім жоқ",
        "Для этой даты нет переопределения",
        "There is no override for this date"));
}
