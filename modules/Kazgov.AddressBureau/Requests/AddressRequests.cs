using System.Text.Json;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Applications;
using NodaTime;

namespace Kazgov.AddressBureau.Requests;

/// <summary>A request as the bureau holds it: what every lookup is hung on.</summary>
internal sealed record AddressRequest(
    Guid ApplicationId,
    string RegistrationNumber,
    string Kind,
    string TermVariant,
    string? AgencyCode,
    string Requester,
    string Reason,
    string ActorId,
    string OfficeId,
    Instant AcceptedAt,
    Instant DueAt);

/// <summary>
/// The bureau's requests. A request submitted over the typed route is recorded with its application;
/// one submitted over the generic POST /applications is taken in at its first use, after the platform
/// has checked that the caller may read it.
/// </summary>
internal sealed class AddressRequests(DbSession session, ICurrentActor actor, IApplications applications, IApplicationDirectory directory)
{
    private const string Columns =
        "application_id, registration_number, kind, term_variant, agency_code, requester, reason, actor_id, office_id, accepted_at, due_at";

    /// <summary>Records a request the caller is submitting.</summary>
    public Task RecordAsync(ApplicationView application, CancellationToken cancellationToken) =>
        RecordAsync(application, actor.Id, cancellationToken);

    /// <param name="submittedBy">Who registered the request: the one client that may look up under it.</param>
    private async Task RecordAsync(ApplicationView application, string submittedBy, CancellationToken cancellationToken)
    {
        var data = application.ModuleData.Deserialize<AddressRequestData>(PlatformJson.Options)!;
        var requester = data.Requester ?? application.Applicant.FullName;
        await session.ExecuteAsync(
            $"""
            INSERT INTO address_bureau.requests ({Columns})
            VALUES (@Id, @RegistrationNumber, @kind, @TermVariant, @agency, @requester, @reason, @actorId, @OfficeId, @AcceptedAt, @DueAt)
            ON CONFLICT (application_id) DO NOTHING
            """,
            new
            {
                application.Id,
                application.RegistrationNumber,
                kind = data.Kind,
                application.TermVariant,
                agency = data.AgencyCode,
                requester,
                reason = data.Reason ?? "",
                actorId = submittedBy,
                application.OfficeId,
                application.AcceptedAt,
                application.DueAt,
            },
            cancellationToken);
    }

    /// <summary>The request, if the caller may look up under it: staff of its office, or the client that registered it. 404 otherwise.</summary>
    public async Task<AddressRequest> OpenAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = await FindAsync(id, cancellationToken);
        if (request is null)
        {
            ApplicationView? application = null;
            try
            {
                application = await applications.GetAsync(id, cancellationToken);
            }
            catch (ProblemException)
            {
                // Not readable by the caller, or no such application: the same answer as no request.
            }

            if (application is null || application.Service != AddressCertificateDefinition.Code)
            {
                throw NotFound(id);
            }

            // The submitter, not whoever opens it first: a clerk's first lookup must not take the request from its client.
            var submittedBy = (await directory.FindAsync(id, cancellationToken))?.SubmittedBy ?? throw NotFound(id);
            await RecordAsync(application, submittedBy, cancellationToken);
            request = await FindAsync(id, cancellationToken) ?? throw NotFound(id);
        }

        var allowed = actor.Kind switch
        {
            ActorKind.Staff => actor.OfficeId == request.OfficeId && actor.Services.Contains(AddressCertificateDefinition.Code),
            ActorKind.Client => actor.Id == request.ActorId,
            _ => false,
        };
        return allowed ? request : throw NotFound(id);
    }

    private Task<AddressRequest?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<AddressRequest>(
            """
            SELECT application_id AS ApplicationId, registration_number AS RegistrationNumber, kind AS Kind, term_variant AS TermVariant,
                   agency_code AS AgencyCode, requester AS Requester, reason AS Reason, actor_id AS ActorId, office_id AS OfficeId,
                   accepted_at AS AcceptedAt, due_at AS DueAt
            FROM address_bureau.requests WHERE application_id = @id
            """,
            new { id },
            cancellationToken);

    private static ProblemException NotFound(Guid id) =>
        new(AddressBureauProblems.RequestNotFound, extensions: new Dictionary<string, object?> { ["request"] = id });
}
