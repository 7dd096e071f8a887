using Kazgov.Kernel.Localization;

namespace Kazgov.Kernel.Problems;

/// <summary>
/// Thrown for any outcome the caller must be told about as an RFC 9457 problem. The host turns
/// it into application/problem+json in the caller's language; the transaction around the
/// command is rolled back, so nothing is half-written.
/// </summary>
public sealed class ProblemException : Exception
{
    public ProblemException(
        ProblemType type,
        LocalizedText? detail = null,
        IReadOnlyDictionary<string, IReadOnlyList<LocalizedText>>? errors = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
        : base(type.Code)
    {
        Type = type;
        Detail = detail;
        Errors = errors;
        Extensions = extensions ?? new Dictionary<string, object?>();
    }

    public ProblemType Type { get; }

    public LocalizedText? Detail { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<LocalizedText>>? Errors { get; }

    public IReadOnlyDictionary<string, object?> Extensions { get; }

    /// <summary>
    /// The command's changes so far are committed before the problem is answered (e.g. the
    /// eligibility findings of a refused approval). Inside an idempotent request nothing of a
    /// non-2xx answer is kept, as for any other problem.
    /// </summary>
    public bool KeepsChanges { get; init; }
}
