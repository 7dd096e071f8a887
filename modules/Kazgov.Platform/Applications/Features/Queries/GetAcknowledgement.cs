using Mediator;

namespace Kazgov.Platform.Applications.Features.Queries;

/// <summary>The acknowledgement slip again (as JSON, or printed by the endpoint).</summary>
internal sealed record GetAcknowledgement(Guid Id) : IQuery<AcknowledgementSlip>;

internal sealed class GetAcknowledgementHandler(ApplicationReader reader) : IQueryHandler<GetAcknowledgement, AcknowledgementSlip>
{
    public async ValueTask<AcknowledgementSlip> Handle(GetAcknowledgement query, CancellationToken cancellationToken)
    {
        var row = await reader.LoadReadableAsync(query.Id, cancellationToken);
        await reader.AuditAsync("application.acknowledgement", row, cancellationToken);
        return await reader.SlipAsync(row, cancellationToken);
    }
}
