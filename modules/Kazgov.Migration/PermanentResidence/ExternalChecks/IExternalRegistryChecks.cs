using NodaTime;

namespace Kazgov.Migration.PermanentResidence.ExternalChecks;

/// <summary>Whom an outside agency is asked about: the travel document (or the IIN without one) and the person's name.</summary>
internal sealed record ExternalCheckSubject(string DocumentNumber, string LastName, string FirstName, LocalDate? BirthDate, string? Citizenship);

/// <summary>An agency's answer: nothing found, or found with the §18 grounds it bears on and the agency's reference.</summary>
internal sealed record ExternalAnswer(bool Found, IReadOnlyList<string> Grounds, string? Reference)
{
    public static readonly ExternalAnswer Clear = new(false, [], null);
}

/// <summary>The agency could not answer now (unreachable, an error): worth asking again.</summary>
internal sealed class ExternalRegistryUnavailableException(string message) : Exception(message);

/// <summary>
/// The outside agencies of permanent-residence §18 (criminal records, health authorities, expulsions,
/// national security), one call per check code of <see cref="Domain.RefusalGroundChecks.External"/>.
/// An implementation may throw <see cref="ExternalRegistryUnavailableException"/> or never answer:
/// <see cref="ExternalCheckRunner"/> bounds each call with a timeout and retries.
/// </summary>
internal interface IExternalRegistryChecks
{
    Task<ExternalAnswer> AskAsync(string check, ExternalCheckSubject subject, CancellationToken cancellationToken);
}
