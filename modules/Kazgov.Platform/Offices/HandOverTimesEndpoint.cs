using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace Kazgov.Platform.Offices;

/// <summary>One dated hand-over window: its local date and times, and the instants they are.</summary>
public sealed record DatedHandOverWindow(LocalDate Date, LocalTime From, LocalTime To, Instant Opens, Instant Closes);

/// <summary>
/// The hand-over times of a service at an office over a span of days, as the Issue step enforces them
/// (<see cref="HandOverWindows"/>): source any-time (no windows), catalogue, office or reception.
/// </summary>
public sealed record HandOverTimesResponse(
    string OfficeId,
    string Service,
    HandOverSource Source,
    string Description,
    IReadOnlyList<ReceptionSession> Receptions,
    IReadOnlyList<DatedHandOverWindow> Windows);

/// <summary>GET /offices/{id}/hand-over-windows?service=&amp;from=&amp;days=: what a front office shows beside the Issue button.</summary>
internal static class HandOverTimesEndpoint
{
    public const int MaxDays = 120;

    private const int DefaultDays = 31;

    public static async Task<HandOverTimesResponse> GetAsync(
        string id, string? service, string? from, int? days, HttpContext context, IClock clock, IOfficeSchedules schedules, IServiceTerms terms, HandOverWindows handOver, CancellationToken cancellationToken)
    {
        if (await schedules.FindAsync(id, cancellationToken) is null)
        {
            throw new ProblemException(OfficeProblems.OfficeNotFound, extensions: new Dictionary<string, object?> { ["office"] = id });
        }

        var errors = new ValidationErrors();
        errors.Required("service", service);
        var first = from is null ? clock.GetCurrentInstant().InZone(WorkingCalendar.Zone).Date : RequestValues.Date(errors, "from", from);
        var span = days ?? DefaultDays;
        if (span is < 1 or > MaxDays)
        {
            errors.Add("days", new LocalizedText("Күн саны 1–{0}", "Число дней 1–{0}", "Days must be 1–{0}").Format(MaxDays));
        }

        errors.ThrowIfAny();
        if (!terms.ServiceExists(service!.Trim()))
        {
            throw ServiceTermsProblems.UnknownServiceCode(service.Trim());
        }

        var (timetable, windows) = await handOver.BetweenAsync(service!.Trim(), id, first!.Value, span, cancellationToken);
        var language = RequestLanguage.Of(context);
        context.Response.Headers.ContentLanguage = language.ToCode();
        return new HandOverTimesResponse(
            id,
            service.Trim(),
            timetable.Source,
            timetable.AnyTime ? "" : timetable.Describe().In(language),
            timetable.Receptions,
            [.. windows.Select(w => new DatedHandOverWindow(
                w.Date, w.Window.From, w.Window.To,
                (w.Date + w.Window.From).InZoneLeniently(WorkingCalendar.Zone).ToInstant(),
                (w.Date + w.Window.To).InZoneLeniently(WorkingCalendar.Zone).ToInstant()))]);
    }
}
