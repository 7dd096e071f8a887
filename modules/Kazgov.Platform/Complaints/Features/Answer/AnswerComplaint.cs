using Kazgov.Kernel.Events;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Mediation;
using Kazgov.Kernel.Notifications;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using NodaTime.Text;

namespace Kazgov.Platform.Complaints.Features.Answer;

/// <summary>POST /complaints/{id}/answer: under-review → answered, with the answer and how it was sent.</summary>
internal sealed record AnswerComplaint(Guid Id, string? IfMatch, AnswerComplaintRequest Request) : ICommand<ComplaintResponse>
{
    public (string? Answer, ComplaintChannel? SentVia) Read(ValidationErrors errors) =>
        (ComplaintFields.Text(errors, "answer", Request.Answer, ComplaintFields.MaxAnswerLength, required: true),
         ComplaintFields.Channel(errors, Request.SentVia, "sentVia"));
}

internal sealed class AnswerComplaintValidator : IValidator<AnswerComplaint>
{
    public void Validate(AnswerComplaint message, ValidationErrors errors) => message.Read(errors);
}

/// <summary>
/// The channel must reach the complainant (a postal address for post, an e-mail address for
/// e-mail) and be one the standard answers by; an answer by e-mail is queued in the outbox, in the
/// same transaction, in the complainant's language.
/// </summary>
internal sealed class AnswerComplaintHandler(
    ComplaintStore store, ComplaintJournal journal, ServiceCatalogue catalogue, Outbox outbox, ICurrentActor actor, IClock clock,
    IApplicationDirectory applications, IntegrationEvents events)
    : ICommandHandler<AnswerComplaint, ComplaintResponse>
{
    public async ValueTask<ComplaintResponse> Handle(AnswerComplaint command, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (answer, sentVia) = command.Read(errors);
        errors.ThrowIfAny();

        var now = clock.GetCurrentInstant();
        return await journal.ChangeAsync(command.Id, command.IfMatch, ComplaintAction.Answer, now,
            async row =>
            {
                var complainant = row.ComplainantValue;
                var entry = catalogue.Find(row.ServiceCode)!;
                if (sentVia == ComplaintChannel.EMail && !entry.Complaints.Channels.Contains(ComplaintChannel.EMail))
                {
                    // address-certificate §22: the outcome is told in writing, by post.
                    errors.Add("sentVia", ComplaintMessages.AnswerChannelNotInSeed.Format(entry.Code, entry.Complaints.Source));
                }
                else if (sentVia == ComplaintChannel.EMail && complainant.Email is null)
                {
                    errors.Add("sentVia", ComplaintMessages.AnswerByEmailNeedsEmail);
                }
                else if (sentVia == ComplaintChannel.Post && complainant.PostalAddress is null)
                {
                    errors.Add("sentVia", ComplaintMessages.AnswerByPostNeedsAddress);
                }

                errors.ThrowIfAny();
                await store.RecordAnswerAsync(row.Id, answer!, sentVia!.Value, command.Request.Justified, now, actor.Id, cancellationToken);
                if (row.ApplicationId is { } applicationId && await applications.FindAsync(applicationId, cancellationToken) is { } application)
                {
                    await events.PublishAsync(
                        new ComplaintAnswered(
                            row.Id, row.JournalNumber, application.Id, application.RegistrationNumber, application.ServiceCode, application.OfficeId,
                            application.Status, application.StatusSequence, application.SubmittedBy, now),
                        cancellationToken);
                }

                if (sentVia == ComplaintChannel.EMail)
                {
                    var language = complainant.Language;
                    var registered = LocalDatePattern.Iso.Format(row.RegisteredAt.InZone(WorkingCalendar.Zone).Date);
                    var signature = Offices.PositionNames.Of(actor.Position) is { } position ? $"{position.In(language)}, {actor.DisplayName}" : actor.DisplayName;
                    await outbox.EnqueueAsync(
                        new OutboxMessage(
                            NotificationChannel.Email,
                            complainant.Email!,
                            language,
                            ComplaintMessages.AnswerMailSubject.Format(row.JournalNumber).In(language),
                            ComplaintMessages.AnswerMailBody.Format(complainant.FullName, registered, row.JournalNumber, answer, signature).In(language),
                            row.JournalNumber),
                        cancellationToken);
                }

                return null;
            },
            cancellationToken);
    }
}

internal static class AnswerComplaintEndpoint
{
    public static void MapAnswerComplaint(this RouteGroupBuilder complaints) =>
        complaints.MapPost("/{id:guid}/answer", async (Guid id, AnswerComplaintRequest request, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
            {
                var complaint = await sender.Send(new AnswerComplaint(id, context.Request.Headers.IfMatch.ToString(), request), cancellationToken);
                context.Response.Headers.ETag = Preconditions.ETagOf(complaint.Version);
                return complaint;
            })
            .RequirePolicy(Policies.ComplaintsAnswer)
            .WithName("AnswerComplaint")
            .WithSummary("under-review → answered, with the answer and how it was sent (unit heads). Requires If-Match with the complaint's ETag. "
                + "An answer sent by e-mail is also queued to the complainant in their language.")
            .Accepts<AnswerComplaintRequest>("application/json")
            .Produces<ComplaintResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
