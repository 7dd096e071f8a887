using NodaTime;

namespace Kazgov.Platform.ExternalChecks;

/// <summary>Whom an outside agency is asked about: the travel document (or the IIN without one) and the person's name.</summary>
public sealed record ExternalCheckSubject(string DocumentNumber, string LastName, string FirstName, LocalDate? BirthDate, string? Citizenship);

/// <summary>An agency's answer: nothing found, or found with the §18 grounds it bears on and the agency's reference.</summary>
public sealed record ExternalAnswer(bool Found, IReadOnlyList<string> Grounds, string? Reference)
{
    public static readonly ExternalAnswer Clear = new(false, [], null);
}

/// <summary>The agency could not answer now (unreachable, an error): worth asking again.</summary>
public sealed class ExternalRegistryUnavailableException(string message) : Exception(message);

/// <summary>
/// Outside agencies a service must ask before deciding (criminal records, health authorities,
/// expulsions, national security — e.g. permanent-residence §18), one call per check code of the service.
/// An implementation may throw <see cref="ExternalRegistryUnavailableException"/> or never answer:
/// <see cref="ExternalCheckRunner"/> bounds each call with a timeout and retries.
/// </summary>
public interface IExternalRegistryChecks
{
    Task<ExternalAnswer> AskAsync(string check, ExternalCheckSubject subject, CancellationToken cancellationToken);
}
