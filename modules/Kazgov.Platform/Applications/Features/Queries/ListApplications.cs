using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Mediator;
using NodaTime;

namespace Kazgov.Platform.Applications.Features.Queries;

/// <summary>
/// The inbox: applications by due date, the open ones unless <see cref="Status"/> asks otherwise
/// (a status code, <c>open</c>, <c>closed</c> or <c>all</c>); overdue=true lists the overdue ones.
/// </summary>
/// A search (<see cref="Q"/>: an IIN/BIN, a registration number or words of a name, <see cref="ApplicationSearch"/>)
/// looks through every status unless one is asked, and each search is audited with what it found.
internal sealed record ListApplications(string? Office, string? Service, string? Status, bool Overdue, int? Limit, string? Cursor, string? Q = null) : IQuery<ApplicationList>;

internal sealed class ListApplicationsHandler(
    ApplicationStore store,
    ApplicationReader reader,
    ServiceCatalogue catalogue,
    ICurrentActor actor,
    IAuditTrail audit,
    IClock clock) : IQueryHandler<ListApplications, ApplicationList>
{
    private const string CursorList = "applications";

    private static readonly string[] ClosedStatuses = ["issued", "refused", "withdrawn"];

    public async ValueTask<ApplicationList> Handle(ListApplications query, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var limit = Paging.Limit(query.Limit, errors);
        var search = ApplicationSearch.Parse(query.Q, errors);
        var statuses = query.Status switch
        {
            null when search is not null => null,
            null or "open" => ApplicationStore.OpenStatuses,
            "closed" => ClosedStatuses,
            "all" => null,
            _ when ApplicationStatusCodes.TryParseStatus(query.Status, out _) => [query.Status],
            _ => Unknown(errors),
        };
        if (query.Service is not null && !catalogue.Exists(query.Service))
        {
            errors.Add("service", new LocalizedText("Белгісіз қызмет", "Неизвестная услуга", "Unknown service"));
        }

        var after = Paging.DecodeDue(CursorList, query.Cursor, errors);
        errors.ThrowIfAny();

        var scope = actor.ReadScopeOf();
        // Another office than the actor's own shows nothing rather than an error: lists never probe.
        if (scope.OfficeId is not null && query.Office is not null && query.Office != scope.OfficeId)
        {
            return new ApplicationList([], null, 0, 0);
        }

        var now = clock.GetCurrentInstant();
        var today = now.InZone(WorkingCalendar.Zone).Date;
        var (rows, overdueCount, total) = await store.ListAsync(
            new ApplicationListFilter(scope, query.Office, query.Service, statuses, query.Overdue, now, after, limit, search),
            cancellationToken);
        var page = rows.Take(limit).ToList();
        var items = page.Select(row =>
        {
            var isOpen = !ApplicationLifecycle.IsFinal(row.StatusValue);
            return new ApplicationSummary(
                row.Id, row.RegistrationNumber, row.ServiceCode, row.OfficeId, row.Status, row.ApplicantName, row.SubjectId,
                row.AcceptedAt, row.DueAt, isOpen && row.DueAt <= now, isOpen && ApplicationReader.DueDateOf(row.DueAt) == today);
        }).ToList();
        var next = rows.Count > limit ? Paging.EncodeDue(CursorList, page[^1].DueAt, page[^1].Id) : null;

        // The list shows names and identifiers: each person shown gets an audit record, in one statement.
        // A search for an IIN/BIN is recorded against that person even when it finds nothing.
        await reader.AuditAsync(search is null ? "application.list" : "application.search", page, cancellationToken);
        if (search?.SubjectId is { } subject && page.Count == 0)
        {
            await audit.RecordAsync(new AuditEvent(
                "application.search", Kazgov.Kernel.Identifiers.Iin.TryParse(subject, out _, out _) ? AuditSubjects.Iin : AuditSubjects.Bin, subject), cancellationToken);
        }

        return new ApplicationList(items, next, overdueCount, total);
    }

    private static string[]? Unknown(ValidationErrors errors)
    {
        errors.Add("status", new LocalizedText(
            "Белгісіз күй (күй коды, open, closed немесе all)",
            "Неизвестный статус (код статуса, open, closed или all)",
            "Unknown status (a status code, open, closed or all)"));
        return null;
    }
}
