using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Applications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Migration.TemporaryRegistrations.Features.Register;

/// <summary>A register row as staff and temporary-registration:read clients see it.</summary>
internal sealed record TemporaryRegistrationView(
    string Number,
    Guid ApplicationId,
    string PersonId,
    string PersonKind,
    string TravelDocumentNumber,
    string TravelDocumentCountry,
    string LastName,
    string FirstName,
    string? MiddleName,
    LocalDate BirthDate,
    string? Citizenship,
    string Address,
    string HostKind,
    string? HostIdentifier,
    string? HostName,
    int? SelfCategory,
    string Basis,
    LocalDate From,
    LocalDate Until,
    string LimitedBy,
    LocalDate BorderCrossedOn,
    LocalDate DueBy,
    int DaysLate,
    LocalDate RegisteredOn,
    string OfficeId,
    string? GroupListNumber,
    string? ExtendsNumber,
    bool Current,
    Instant RecordedAt,
    Instant? StampedAt)
{
    public static TemporaryRegistrationView Of(RegisteredStay row, LocalDate today) => new(
        row.Number, row.ApplicationId, row.PersonId, row.PersonKind, row.TravelDocumentNumber, row.TravelDocumentCountry,
        row.LastName, row.FirstName, row.MiddleName, row.BirthDate, row.Citizenship, row.Address, row.HostKind,
        row.HostIdentifier, row.HostName, row.SelfCategory, row.Basis, row.ValidFrom, row.ValidUntil, row.LimitedBy,
        row.BorderCrossedOn, row.DueBy, row.DaysLate, row.RegisteredOn, row.OfficeId, row.GroupListNumber, row.ExtendsNumber,
        row.CurrentOn(today), row.RecordedAt, row.StampedAt);
}

internal sealed record TemporaryRegistrationList(IReadOnlyList<TemporaryRegistrationView> Items, string? NextCursor);

/// <summary>
/// Reading the register: by number, by person (travel document) or by application, for staff and
/// for clients holding temporary-registration:read; and the report of late registrations (§6 with
/// §18: registered although late) for staff. Reads are audited: the register is personal data.
/// </summary>
internal static class RegisterEndpoints
{
    private static readonly LocalizedText NeedsFilter = new(
        "country мен documentNumber немесе applicationId көрсетіңіз",
        "Укажите country и documentNumber или applicationId",
        "Give country and documentNumber, or applicationId");

    public static void MapRegister(this IEndpointRouteBuilder registrations)
    {
        registrations.MapGet("/late", LateAsync)
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("ListLateTemporaryRegistrations")
            .WithSummary("Registrations made after the five days of §6 (registered on from–to, both included), with the days late; staff only.")
            .Produces<TemporaryRegistrationList>()
            .ProducesValidationProblem();

        registrations.MapGet("/{number}", GetAsync)
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetTemporaryRegistration")
            .WithSummary("One registration of the register by its number.")
            .Produces<TemporaryRegistrationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        registrations.MapGet("/", ListAsync)
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("ListTemporaryRegistrations")
            .WithSummary("The registrations of a person (country and documentNumber of the travel document) or of an application, newest first.")
            .Produces<TemporaryRegistrationList>()
            .ProducesValidationProblem();
    }

    private static async Task<TemporaryRegistrationView> GetAsync(
        string number, DbSession session, ICurrentActor actor, IApplications applications, IAuditTrail audit, IClock clock, CancellationToken cancellationToken)
    {
        var found = MayRead(actor) ? await TemporaryRegistrationRegister.FindAsync(session, number.Trim().ToUpperInvariant(), cancellationToken) : null;
        var row = (found is not null && await MayReadApplicationAsync(actor, applications, found.ApplicationId, cancellationToken) ? found : null)
            ?? throw new ProblemException(TemporaryRegistrationProblems.RegistrationNotFound, extensions: new Dictionary<string, object?> { ["number"] = number });
        await audit.RecordAsync(new AuditEvent("temporary-registration.read", AuditSubjects.Document, row.PersonId) { ObjectId = row.Number, ServiceCode = TemporaryRegistrationDefinition.Code }, cancellationToken);
        return TemporaryRegistrationView.Of(row, Today(clock));
    }

    private static async Task<TemporaryRegistrationList> ListAsync(
        string? country, string? documentNumber, Guid? applicationId, DbSession session, ICurrentActor actor, IApplications applications, IAuditTrail audit, IClock clock,
        CancellationToken cancellationToken)
    {
        var person = string.IsNullOrWhiteSpace(country) || string.IsNullOrWhiteSpace(documentNumber)
            ? null
            : country.Trim().ToUpperInvariant() + ":" + documentNumber.Trim();
        if (person is null && applicationId is null)
        {
            new ValidationErrors().Add("documentNumber", NeedsFilter).ThrowIfAny();
        }

        if (!MayRead(actor))
        {
            return new TemporaryRegistrationList([], null);
        }

        var rows = await session.QueryAsync<RegisteredStay>(
            $"""
            SELECT {TemporaryRegistrationRegister.Columns} FROM migration.temporary_registrations
            WHERE (@person::text IS NULL OR person_id = @person) AND (@applicationId::uuid IS NULL OR application_id = @applicationId)
            ORDER BY recorded_at DESC, number DESC
            """,
            new { person, applicationId },
            cancellationToken);
        var visible = new List<RegisteredStay>();
        foreach (var row in rows)
        {
            if (await MayReadApplicationAsync(actor, applications, row.ApplicationId, cancellationToken))
            {
                visible.Add(row);
            }
        }

        rows = visible;
        await audit.RecordAsync(new AuditEvent("temporary-registration.list", AuditSubjects.Document, person) { ObjectId = applicationId?.ToString(), ServiceCode = TemporaryRegistrationDefinition.Code }, cancellationToken);
        var today = Today(clock);
        return new TemporaryRegistrationList([.. rows.Select(r => TemporaryRegistrationView.Of(r, today))], null);
    }

    /// <summary>Staff of an office see their office's late registrations; ministry-wide staff see all.</summary>
    private static async Task<TemporaryRegistrationList> LateAsync(
        string? from, string? to, DbSession session, ICurrentActor actor, IAuditTrail audit, IClock clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var first = RequestValues.Date(errors, "from", from);
        var last = RequestValues.Date(errors, "to", to);
        if (first is not null && last < first)
        {
            errors.Add("to", new LocalizedText("from күнінен бұрын болмауы керек", "Не раньше from", "Not before from"));
        }

        errors.ThrowIfAny();
        var rows = await session.QueryAsync<RegisteredStay>(
            $"""
            SELECT {TemporaryRegistrationRegister.Columns} FROM migration.temporary_registrations
            WHERE days_late > 0 AND registered_on BETWEEN @first AND @last AND (@office::text IS NULL OR office_id = @office)
            ORDER BY registered_on, number
            """,
            new { first, last, office = actor.OfficeId },
            cancellationToken);
        await audit.RecordAsync(new AuditEvent("temporary-registration.late-report", AuditSubjects.Document, null) { ServiceCode = TemporaryRegistrationDefinition.Code, OfficeId = actor.OfficeId }, cancellationToken);
        var today = Today(clock);
        return new TemporaryRegistrationList([.. rows.Select(r => TemporaryRegistrationView.Of(r, today))], null);
    }

    /// <summary>
    /// The policy lets in any client with a read scope; the register is for temporary-registration:read.
    /// Like applications, what a client may not see answers as if it did not exist (404, an empty list).
    /// </summary>
    /// <summary>
    /// Staff read the whole register (§17: the clerk must find the first registration wherever it was
    /// made); an integrator only the registrations of applications it may read (those it submitted).
    /// </summary>
    private static async Task<bool> MayReadApplicationAsync(ICurrentActor actor, IApplications applications, Guid applicationId, CancellationToken cancellationToken)
    {
        if (actor.Kind != ActorKind.Client)
        {
            return true;
        }

        try
        {
            await applications.GetAsync(applicationId, cancellationToken);
            return true;
        }
        catch (ProblemException problem) when (problem.Type.Status == StatusCodes.Status404NotFound)
        {
            return false;
        }
    }

    private static bool MayRead(ICurrentActor actor) =>
        actor.Kind != ActorKind.Client || actor.Scopes.Contains(Scopes.For(TemporaryRegistrationDefinition.Code, Scopes.Read));

    private static LocalDate Today(IClock clock) => clock.GetCurrentInstant().InZone(Kazgov.Platform.Calendar.WorkingCalendar.Zone).Date;
}
