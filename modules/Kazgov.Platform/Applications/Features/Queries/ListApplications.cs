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
internal sealed record ListApplications(string? Office, string? Service, string? Status, bool Overdue, int? Limit, string? Cursor) : IQuery<ApplicationList>;

internal sealed class ListApplicationsHandler(
    ApplicationStore store,
    ApplicationReader reader,
    ServiceCatalogue catalogue,
    ICurrentActor actor,
    IClock clock) : IQueryHandler<ListApplications, ApplicationList>
{
    private const string CursorList = "applications";

    private static readonly string[] ClosedStatuses = ["issued", "refused", "withdrawn"];

    public async ValueTask<ApplicationList> Handle(ListApplications query, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var limit = Paging.Limit(query.Limit, errors);
        var statuses = query.Status switch
        {
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
            return new ApplicationList([], null, 0);
        }

        var now = clock.GetCurrentInstant();
        var today = now.InZone(WorkingCalendar.Zone).Date;
        var (rows, overdueCount) = await store.ListAsync(
            new ApplicationListFilter(scope, query.Office, query.Service, statuses, query.Overdue, now, after, limit),
            cancellationToken);
        var page = rows.Take(limit).ToList();
        var items = page.Select(row =>
        {
            var isOpen = !ApplicationLifecycle.IsFinal(row.StatusValue);
            return new ApplicationSummary(
                row.Id, row.RegistrationNumber, row.ServiceCode, row.OfficeId, row.Status, row.ApplicantValue.FullName, row.SubjectId,
                row.AcceptedAt, row.DueAt, isOpen && row.DueAt <= now, isOpen && ApplicationReader.DueDateOf(row.DueAt) == today);
        }).ToList();
        var next = rows.Count > limit ? Paging.EncodeDue(CursorList, page[^1].DueAt, page[^1].Id) : null;

        // The list shows names and identifiers: each person shown gets an audit record, in one statement.
        await reader.AuditAsync("application.list", page, cancellationToken);
        return new ApplicationList(items, next, overdueCount);
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
