using Kazgov.Kernel.Problems;
using Mediator;

namespace Kazgov.Kernel.Mediation;

/// <summary>Runs the message's validators; any field error stops the pipeline with a 400 problem.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        foreach (var validator in validators)
        {
            validator.Validate(message, errors);
        }

        errors.ThrowIfAny();
        return next(message, cancellationToken);
    }
}
