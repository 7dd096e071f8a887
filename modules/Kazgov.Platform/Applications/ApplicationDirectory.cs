using Kazgov.Kernel.Data;

namespace Kazgov.Platform.Applications;

/// <summary>What other capabilities may know of an application: enough to point at it and to check access to it.</summary>
/// <param name="Status">The status code (submitted … issued, refused, withdrawn, suspended), e.g. for feedback after the outcome.</param>
public sealed record ApplicationReference(Guid Id, string RegistrationNumber, string ServiceCode, string OfficeId, string SubmittedBy, string Status);

/// <summary>
/// The lifecycle's published query: other capabilities (e.g. the complaints journal) ask it instead
/// of reading platform.applications themselves.
/// </summary>
public interface IApplicationDirectory
{
    /// <summary>The application, or null when there is none with this id (access is the caller's to check).</summary>
    Task<ApplicationReference?> FindAsync(Guid id, CancellationToken cancellationToken = default);
}

/// <summary>Reads on the request's <see cref="DbSession"/>, so a caller inside a command sees the same transaction.</summary>
internal sealed class ApplicationDirectory(DbSession session) : IApplicationDirectory
{
    public Task<ApplicationReference?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        session.QuerySingleOrDefaultAsync<ApplicationReference>(
            """
            SELECT id AS Id, registration_number AS RegistrationNumber, service_code AS ServiceCode, office_id AS OfficeId,
                   submitted_by AS SubmittedBy, status AS Status
            FROM platform.applications WHERE id = @id
            """,
            new { id },
            cancellationToken);
}
