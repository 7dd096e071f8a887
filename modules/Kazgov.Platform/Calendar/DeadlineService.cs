using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Localization;
using Kazgov.Platform.Offices;
using Kazgov.Kernel.Problems;
using NodaTime;
using NodaTime.Text;

namespace Kazgov.Platform.Calendar;

/// <summary>
/// Due moments of a service's applications: picks the term variant from the catalogue, loads the
/// working calendar and, for working-time terms, the office's hours from its schedule. Used by the
/// deadline endpoint and by the application lifecycle, so both always agree.
/// </summary>
internal sealed class DeadlineService(IServiceTerms terms, CalendarStore calendars, IOfficeSchedules schedules)
{
    public async Task<(ServiceTermVariant Variant, Deadline Deadline)> ComputeAsync(
        string service, string? variant, Instant acceptedAt, string? officeId, Duration suspended, CancellationToken cancellationToken)
    {
        var chosen = ChooseVariant(service, variant);
        var term = PeriodPattern.NormalizingIso.Parse(chosen.Iso8601Term).GetValueOrThrow();
        var calendar = await calendars.LoadAsync(cancellationToken);
        var schedule = officeId is null ? null : await schedules.FindAsync(officeId, cancellationToken);
        var deadline = new DeadlineEngine(calendar).Compute(new DeadlineRequest(
            acceptedAt, term, chosen.Clock, HoursOf(schedule), suspended, ReceptionOf(schedule), schedule?.ReceptionsOf(service)));
        return (chosen, deadline);
    }

    /// <summary>The variant asked for, or the service's only one; a problem naming the choices otherwise.</summary>
    public ServiceTermVariant ChooseVariant(string service, string? variant)
    {
        if (!terms.ServiceExists(service))
        {
            throw ServiceTermsProblems.UnknownServiceCode(service);
        }

        var all = terms.TermVariants(service);
        var codes = string.Join(", ", all.Select(v => v.Code));
        var extensions = new Dictionary<string, object?> { ["service"] = service, ["variants"] = all.Select(v => v.Code).ToArray() };
        if (string.IsNullOrWhiteSpace(variant))
        {
            return all.Count == 1
                ? all[0]
                : throw new ProblemException(ServiceTermsProblems.TermVariantRequired, new LocalizedText(
                    "«{0}» қызметінің мерзім нұсқасын көрсетіңіз (variant): {1}",
                    "Укажите вариант срока услуги «{0}» (variant): {1}",
                    "Give the term variant of '{0}' (variant): {1}").Format(service, codes), extensions: extensions);
        }

        return terms.FindTermVariant(service, variant.Trim())
            ?? throw new ProblemException(ServiceTermsProblems.UnknownTermVariant, new LocalizedText(
                "«{0}» қызметінде «{1}» мерзім нұсқасы жоқ; бары: {2}",
                "У услуги «{0}» нет варианта срока «{1}»; есть: {2}",
                "The service '{0}' has no term variant '{1}'; it has: {2}").Format(service, variant.Trim(), codes),
                extensions: new Dictionary<string, object?>(extensions) { ["variant"] = variant.Trim() });
    }

    /// <summary>
    /// The office's reception days with their own hours (lunch excluded): working-time terms count the
    /// hours the office is open for reception, including the weekend day it lists (driver-licence §10
    /// and the like); holidays stay the calendar's decision. Null without a schedule.
    /// </summary>
    private static Dictionary<IsoDayOfWeek, OfficeHours>? ReceptionOf(OfficeSchedule? schedule)
    {
        if (schedule is null || schedule.Days.Count == 0)
        {
            return null;
        }

        var days = new Dictionary<IsoDayOfWeek, OfficeHours>();
        foreach (var day in schedule.Days)
        {
            var hours = new OfficeHours(day.Opens, day.Closes, day.Lunch?.From, day.Lunch?.To);
            if (!hours.IsValid)
            {
                return null;
            }

            days[day.Day] = hours;
        }

        return days;
    }

    /// <summary>The office's weekday hours: what a working day by override counts when the office does not list it.</summary>
    private static OfficeHours? HoursOf(OfficeSchedule? schedule)
    {
        var weekday = schedule?.Days.Where(d => d.Day is >= IsoDayOfWeek.Monday and <= IsoDayOfWeek.Friday).OrderBy(d => d.Day).FirstOrDefault();
        if (weekday is null)
        {
            return null;
        }

        var hours = new OfficeHours(weekday.Opens, weekday.Closes, weekday.Lunch?.From, weekday.Lunch?.To);
        return hours.IsValid ? hours : null;
    }
}
