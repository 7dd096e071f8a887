using Mediator;

namespace Kazgov.Platform.Applications.Features.Queries;

/// <summary>Every transition of the application, append-only.</summary>
internal sealed record GetApplicationHistory(Guid Id) : IQuery<ApplicationHistory>;

internal sealed class GetApplicationHistoryHandler(ApplicationReader reader, ApplicationStore store) : IQueryHandler<GetApplicationHistory, ApplicationHistory>
{
    public async ValueTask<ApplicationHistory> Handle(GetApplicationHistory query, CancellationToken cancellationToken)
    {
        var row = await reader.LoadReadableAsync(query.Id, cancellationToken);
        var events = await store.HistoryAsync(row.Id, cancellationToken);
        await reader.AuditAsync("application.history", row, cancellationToken);
        return new ApplicationHistory(row.Id, row.RegistrationNumber, events);
    }
}
