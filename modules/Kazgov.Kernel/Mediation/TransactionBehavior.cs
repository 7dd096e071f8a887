using Kazgov.Kernel.Data;
using Kazgov.Kernel.Problems;
using Mediator;

namespace Kazgov.Kernel.Mediation;

/// <summary>
/// One database transaction per command: committed when the handler returns, rolled back when
/// it throws (a problem or anything else) — except a problem that <see cref="ProblemException.KeepsChanges"/>.
/// Queries run without one.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(DbSession session)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand)
        {
            return await next(message, cancellationToken);
        }

        await using var transaction = await session.BeginAsync(cancellationToken);
        TResponse response;
        try
        {
            response = await next(message, cancellationToken);
        }
        catch (ProblemException problem) when (problem.KeepsChanges)
        {
            await transaction.CommitAsync();
            throw;
        }

        await transaction.CommitAsync();
        return response;
    }
}
