using Mediator;

namespace Kazgov.Platform.Applications.Features.Queries;

/// <summary>One application with its fees, receipts, deadline and allowed actions.</summary>
internal sealed record GetApplication(Guid Id) : IQuery<ApplicationView>;

internal sealed class GetApplicationHandler(ApplicationReader reader) : IQueryHandler<GetApplication, ApplicationView>
{
    public async ValueTask<ApplicationView> Handle(GetApplication query, CancellationToken cancellationToken)
    {
        var row = await reader.LoadReadableAsync(query.Id, cancellationToken);
        await reader.AuditAsync("application.read", row, cancellationToken);
        return await reader.ViewAsync(row, cancellationToken);
    }
}
