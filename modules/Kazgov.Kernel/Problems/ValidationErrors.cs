using Kazgov.Kernel.Localization;

namespace Kazgov.Kernel.Problems;

/// <summary>Collects field errors; <see cref="ThrowIfAny"/> turns them into a 400 validation problem.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<LocalizedText>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public ValidationErrors Add(string field, LocalizedText message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
        return this;
    }

    public ValidationErrors Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, CommonMessages.Required);
        }

        return this;
    }

    public IReadOnlyDictionary<string, IReadOnlyList<LocalizedText>> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => (IReadOnlyList<LocalizedText>)e.Value, StringComparer.Ordinal);

    public void ThrowIfAny()
    {
        if (!IsEmpty)
        {
            throw new ProblemException(PlatformProblems.ValidationFailed, errors: ToDictionary());
        }
    }
}

public static class CommonMessages
{
    public static readonly LocalizedText Required = new(
        "Міндетті өріс толтырылмаған",
        "Обязательное поле не заполнено",
        "This field is required");
}
