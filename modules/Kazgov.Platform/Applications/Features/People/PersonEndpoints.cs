using Kazgov.Kernel.Data;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Platform.People;

/// <summary>
/// One entry of a module's register about a person: a licence, a registered vehicle or weapon, a
/// permit. <see cref="Summary"/> is the register's own short text (categories, make and model…).
/// </summary>
public sealed record PersonRecord(
    string Service,
    string Kind,
    string Reference,
    string Summary,
    string Status,
    LocalDate? Since,
    LocalDate? ValidUntil,
    string OfficeId);

/// <summary>
/// The published contract through which a module tells what its registers hold about a person
/// (issue 22, the person page). Each module registers its own; the platform never reads their tables.
/// </summary>
public interface IPersonRecordSource
{
    /// <summary>The services whose records this source gives (a clerk sees those of the services they serve).</summary>
    IReadOnlyList<string> Services { get; }

    /// <summary>Everything of the person's in the module's registers; <paramref name="subject"/> is the IIN or BIN.</summary>
    Task<IReadOnlyList<PersonRecord>> FindAsync(string subject, CancellationToken cancellationToken = default);
}

/// <summary>One of the person's applications, as the person page lists it.</summary>
public sealed record PersonApplication(
    Guid Id, string RegistrationNumber, string Service, string Status, string OfficeId, Instant AcceptedAt, Instant DueAt, string? ResultReference);

/// <summary>GET /people/{subject}: the applications and register entries of an IIN or BIN the caller may see.</summary>
public sealed record PersonResponse(string Subject, string? Name, IReadOnlyList<PersonApplication> Applications, IReadOnlyList<PersonRecord> Records);

/// <summary>The person page's API: personal data, so every look-up is audited.</summary>
public static class PersonEndpoints
{
    public static void MapPersonEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/people/{subject}", GetAsync)
            .RequirePolicy(Policies.Staff)
            .WithTags("Applications")
            .WithName("GetPerson")
            .WithSummary("An IIN's (or BIN's) applications, licences and registers across the services the caller may see; audited")
            .Produces<PersonResponse>()
            .ProducesValidationProblem();
    }

    private static async Task<PersonResponse> GetAsync(
        string subject, DbSession session, ICurrentActor actor, IAuditTrail audit, IEnumerable<IPersonRecordSource> sources, CancellationToken cancellationToken)
    {
        var digits = new string((subject ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (digits is not { Length: 12 } || !digits.All(char.IsAsciiDigit))
        {
            new ValidationErrors().Add("subject", new LocalizedText(
                "ЖСН немесе БСН: 12 цифр", "ИИН или БИН: 12 цифр", "An IIN or BIN: 12 digits")).ThrowIfAny();
        }

        await audit.RecordAsync(new AuditEvent("person.read", AuditSubjects.Iin, digits), cancellationToken);

        var rows = await session.QueryAsync<ApplicationRow>(
            """
            SELECT id AS Id, registration_number AS RegistrationNumber, service_code AS Service, status AS Status, office_id AS OfficeId,
                   accepted_at AS AcceptedAt, due_at AS DueAt, result_reference AS ResultReference,
                   trim(coalesce(applicant ->> 'lastName', '') || ' ' || coalesce(applicant ->> 'firstName', '') || ' '
                        || coalesce(applicant ->> 'middleName', '') || coalesce(applicant ->> 'organisationName', '')) AS Name
            FROM platform.applications WHERE subject_id = @digits ORDER BY accepted_at DESC LIMIT 500
            """,
            new { digits },
            cancellationToken);
        var visible = rows.Where(r => actor.CanRead(r.OfficeId, r.Service)).ToList();

        var records = new List<PersonRecord>();
        foreach (var source in sources)
        {
            if (source.Services.Any(service => MaySeeRegister(actor, service)))
            {
                records.AddRange((await source.FindAsync(digits, cancellationToken)).Where(r => MaySeeRegister(actor, r.Service)));
            }
        }

        return new PersonResponse(
            digits,
            visible.Select(r => r.Name).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)),
            visible.Select(r => new PersonApplication(r.Id, r.RegistrationNumber, r.Service, r.Status, r.OfficeId, r.AcceptedAt, r.DueAt, r.ResultReference)).ToList(),
            records.OrderBy(r => r.Service, StringComparer.Ordinal).ThenByDescending(r => r.Since).ToList());
    }

    /// <summary>
    /// Registers are national (a licence issued elsewhere is still the person's): a clerk or unit head
    /// sees those of the services they serve, an auditor all; an administrator none (separation of duties).
    /// </summary>
    private static bool MaySeeRegister(ICurrentActor actor, string service) => actor.Role switch
    {
        Roles.Clerk or Roles.UnitHead => actor.Services.Contains(service),
        Roles.Auditor => true,
        _ => false,
    };

    private sealed class ApplicationRow
    {
        public Guid Id { get; init; }

        public string RegistrationNumber { get; init; } = "";

        public string Service { get; init; } = "";

        public string Status { get; init; } = "";

        public string OfficeId { get; init; } = "";

        public Instant AcceptedAt { get; init; }

        public Instant DueAt { get; init; }

        public string? ResultReference { get; init; }

        public string? Name { get; init; }
    }
}
