using System.Text.Json;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Mediation;
using Kazgov.Platform.Offices;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Platform.Complaints.Features.Register;

/// <summary>POST /complaints: registers a complaint in the journal.</summary>
internal sealed record RegisterComplaint(RegisterComplaintRequest Request) : ICommand<ComplaintResponse>;

/// <summary>The registration's fields as values, once <see cref="Read"/> found them valid on their own and against the catalogue.</summary>
internal sealed record RegistrationInput(
    ServiceEntry? Entry, ComplaintChannel ReceivedVia, Instant ReceivedAt, Complainant Complainant, string Subject, int AddressedTo)
{
    /// <summary>The request on its own, against the catalogue; null with field errors when it is not valid.</summary>
    public static RegistrationInput? Read(RegisterComplaintRequest request, ServiceCatalogue catalogue, Instant now, ValidationErrors errors)
    {
        ServiceEntry? entry = null;
        if (!string.IsNullOrWhiteSpace(request.ServiceCode))
        {
            entry = catalogue.Find(request.ServiceCode.Trim());
            if (entry is null)
            {
                errors.Add("serviceCode", ComplaintMessages.UnknownService.Format(request.ServiceCode, string.Join(", ", catalogue.All.Select(e => e.Code))));
            }
        }
        else if (request.ApplicationId is null)
        {
            errors.Add("serviceCode", CommonMessages.Required);
        }

        var receivedVia = ComplaintFields.Channel(errors, request.ReceivedVia, "receivedVia");
        var receivedAt = now;
        if (!string.IsNullOrWhiteSpace(request.ReceivedAt))
        {
            receivedAt = RequestValues.Instant(errors, "receivedAt", request.ReceivedAt) ?? now;
            if (receivedAt > now)
            {
                errors.Add("receivedAt", ComplaintMessages.ReceivedInFuture);
            }
        }

        var complainant = ComplaintFields.Complainant(errors, request.Complainant);
        var subject = ComplaintFields.Text(errors, "subject", request.Subject, ComplaintFields.MaxSubjectLength, required: true);
        if (request.AddressedTo is null)
        {
            errors.Add("addressedTo", CommonMessages.Required);
        }

        if (entry is not null)
        {
            ComplaintFields.CheckAgainstEntry(errors, entry, receivedVia, request.AddressedTo);
        }

        return errors.IsEmpty ? new RegistrationInput(entry, receivedVia!.Value, receivedAt, complainant!, subject!, request.AddressedTo!.Value) : null;
    }
}

/// <summary>Refuses a registration that is wrong on its own or against the catalogue before any database work.</summary>
internal sealed class RegisterComplaintValidator(ServiceCatalogue catalogue, IClock clock) : IValidator<RegisterComplaint>
{
    public void Validate(RegisterComplaint message, ValidationErrors errors) =>
        RegistrationInput.Read(message.Request, catalogue, clock.GetCurrentInstant(), errors);
}

/// <summary>
/// Then the application and the office: with an application its service and office are taken
/// (and must match when given too), else the request's office or the caller's; the office must
/// provide the service, and the caller may register only in a journal they may change.
/// </summary>
internal sealed class RegisterComplaintHandler(
    ComplaintStore store,
    ComplaintJournal journal,
    IApplicationDirectory applications,
    IOfficeDirectory offices,
    IWorkingCalendars calendars,
    ServiceCatalogue catalogue,
    ICurrentActor actor,
    IAuditTrail audit,
    IClock clock) : ICommandHandler<RegisterComplaint, ComplaintResponse>
{
    public async ValueTask<ComplaintResponse> Handle(RegisterComplaint command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var now = clock.GetCurrentInstant();
        var errors = new ValidationErrors();
        // The validator has refused what Read cannot turn into values; this reads the values.
        if (RegistrationInput.Read(request, catalogue, now, errors) is not { } input)
        {
            throw new ProblemException(PlatformProblems.ValidationFailed, errors: errors.ToDictionary());
        }

        var (entry, officeId) = await PlaceAsync(request, input, cancellationToken);
        var reviewTerm = ComplaintTerms.ReviewTerm(entry);
        var dueAt = reviewTerm is { } term
            ? ComplaintTerms.Due(new DeadlineEngine(await calendars.LoadAsync(cancellationToken)), input.ReceivedAt, term).DueAt
            : (Instant?)null;
        var complainant = input.Complainant;
        var id = Guid.CreateVersion7();
        var number = await store.NextJournalNumberAsync(now.InZone(WorkingCalendar.Zone).Year, cancellationToken);
        await store.InsertAsync(
            new NewComplaint(
                id,
                number,
                entry.Code,
                request.ApplicationId,
                officeId,
                input.ReceivedVia,
                input.ReceivedAt,
                now,
                actor.Id,
                JsonSerializer.Serialize(complainant, PlatformJson.Options),
                complainant.Iin ?? complainant.FullName,
                input.Subject,
                input.AddressedTo,
                entry.Complaints.ReviewTerm,
                dueAt),
            cancellationToken);
        await store.AddEventAsync(id, now, actor.Id, actor.DisplayName, "register", null, ComplaintStatus.Received, null, cancellationToken);
        var row = await store.FindAsync(id, forUpdate: false, cancellationToken)
            ?? throw new InvalidOperationException($"Complaint {id} vanished inside its own transaction.");
        await audit.RecordAsync(row.AuditOf("complaint.register"), cancellationToken);
        return await journal.WithHistoryAsync(row, now, cancellationToken);
    }

    /// <summary>The service and the office the complaint is registered for, checked against the application, the directory and the caller.</summary>
    private async Task<(ServiceEntry Entry, string OfficeId)> PlaceAsync(RegisterComplaintRequest request, RegistrationInput input, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var entry = input.Entry;
        var officeId = request.OfficeId?.Trim();
        if (request.ApplicationId is { } applicationId)
        {
            var application = await applications.FindAsync(applicationId, cancellationToken);
            // An application the caller may not read does not exist for them.
            if (application is null || !actor.CanRead(application.OfficeId, application.ServiceCode, application.SubmittedBy))
            {
                errors.Add("applicationId", ComplaintMessages.NoSuchApplication).ThrowIfAny();
            }

            if (entry is not null && entry.Code != application!.ServiceCode)
            {
                errors.Add("serviceCode", ComplaintMessages.ApplicationServiceDiffers.Format(application.ServiceCode));
            }

            if (!string.IsNullOrEmpty(officeId) && officeId != application!.OfficeId)
            {
                errors.Add("officeId", ComplaintMessages.ApplicationOfficeDiffers.Format(application.OfficeId));
            }

            errors.ThrowIfAny();
            officeId = application!.OfficeId;
            if (entry is null)
            {
                entry = catalogue.Find(application.ServiceCode)
                    ?? throw new InvalidOperationException($"Application {applicationId} has the unknown service '{application.ServiceCode}'.");
                ComplaintFields.CheckAgainstEntry(errors, entry, input.ReceivedVia, input.AddressedTo);
                errors.ThrowIfAny();
            }
        }

        if (string.IsNullOrEmpty(officeId))
        {
            officeId = actor.OfficeId;
            if (officeId is null)
            {
                errors.Add("officeId", ComplaintMessages.NeedsOffice).ThrowIfAny();
            }
        }

        var office = await offices.FindAsync(officeId!, cancellationToken);
        if (office is null)
        {
            errors.Add("officeId", ComplaintMessages.NoSuchOffice.Format(officeId)).ThrowIfAny();
        }
        else if (!office.Serves(entry!.Code))
        {
            errors.Add("officeId", ComplaintMessages.OfficeDoesNotServe.Format(officeId, entry.Code)).ThrowIfAny();
        }

        // Offices are public, so refusing another office's journal gives nothing away: 403, not 404.
        if (!actor.CanChange(officeId!, entry!.Code))
        {
            throw new ProblemException(SecurityProblems.Forbidden, ComplaintMessages.NotYourOffice);
        }

        return (entry, officeId!);
    }
}

internal static class RegisterComplaintEndpoint
{
    public static void MapRegisterComplaint(this RouteGroupBuilder complaints) =>
        complaints.MapPost("", async (RegisterComplaintRequest request, ISender sender, HttpContext context, CancellationToken cancellationToken) =>
            {
                var complaint = await sender.Send(new RegisterComplaint(request), cancellationToken);
                context.Response.Headers.ETag = Preconditions.ETagOf(complaint.Version);
                return Results.Created($"/api/v1/complaints/{complaint.Id}", complaint);
            })
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("RegisterComplaint")
            .WithSummary("Registers a complaint received by post, e-mail or in person in the journal (clerks and unit heads of the office). "
                + "Gives it a journal number Ш-YYYY-NNNNNN and a due date from the standard's review term. Honours Idempotency-Key.")
            .Accepts<RegisterComplaintRequest>("application/json")
            .Produces<ComplaintResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
