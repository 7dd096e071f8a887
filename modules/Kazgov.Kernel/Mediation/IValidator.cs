using Kazgov.Kernel.Problems;

namespace Kazgov.Kernel.Mediation;

/// <summary>Checks a message's shape before its handler runs; the validation behaviour calls every one registered.</summary>
public interface IValidator<in TMessage>
{
    void Validate(TMessage message, ValidationErrors errors);
}
