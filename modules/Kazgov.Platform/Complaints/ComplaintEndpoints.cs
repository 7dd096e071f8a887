using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Platform.Data;
using Kazgov.Platform.Http;
using Kazgov.Platform.Identifiers;
using Kazgov.Platform.Localization;
using Kazgov.Platform.Notifications;
using Kazgov.Platform.Problems;
using Kazgov.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using NodaTime.Text;
using static Kazgov.Platform.Complaints.ComplaintStore;

namespace Kazgov.Platform.Complaints;

/// <summary>
/// The complaints journal (issue 6): POST /complaints, GET /complaints/{id}, GET /complaints,
/// POST /complaints/{id}/review, POST /complaints/{id}/answer. See Complaints/README.md.
/// </summary>
internal static partial class ComplaintEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public const int MaxSubjectLength = 4000;
    public const int MaxAnswerLength = 10000;
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 500;
    public const int MaxNoteLength = 2000;
    private const string CursorPrefix = "c1:";

    public static void MapComplaintEndpoints(this IEndpointRouteBuilder api)
    {
        var complaints = api.MapGroup("/complaints").WithTags("Complaints");
        complaints.MapPost("", RegisterAsync)
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("RegisterComplaint")
            .WithSummary("Registers a complaint received by post, e-mail or in person in the journal (clerks and unit heads of the office). "
                + "Gives it a journal number Ш-YYYY-NNNNNN and a due date from the standard's review term. Honours Idempotency-Key.")
            .Accepts<RegisterComplaintRequest>("application/json")
            .Produces<ComplaintResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        complaints.MapGet("", ListAsync)
            .RequirePolicy(Policies.ComplaintsRead)
            .WithName("ListComplaints")
            .WithSummary("The journal by due date: ?office=&service=&status=&overdue=true&limit=&cursor= (overdue: not answered and due). "
                + "Clerks see their office and services, unit heads their office, auditors theirs or all.")
            .Produces<ComplaintListResponse>()
            .ProducesValidationProblem();
        complaints.MapGet("/{id:guid}", GetAsync)
            .RequirePolicy(Policies.ComplaintsRead)
            .WithName("GetComplaint")
            .WithSummary("One journal entry with its history (ETag = its version)")
            .Produces<ComplaintResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        complaints.MapPost("/{id:guid}/review", ReviewAsync)
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("StartComplaintReview")
            .WithSummary("received → under-review. Requires If-Match with the complaint's ETag.")
            .Accepts<ReviewComplaintRequest>("application/json")
            .Produces<ComplaintResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        complaints.MapPost("/{id:guid}/answer", AnswerAsync)
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

    private static async Task<IResult> RegisterAsync(
        RegisterComplaintRequest request,
        HttpContext context,
        DbSession session,
        ICurrentActor actor,
        IAuditTrail audit,
        IClock clock,
        ServiceCatalogue catalogue,
        CalendarStore calendars,
        CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var errors = new ValidationErrors();

        // The request on its own, against the catalogue.
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

        var receivedVia = ValidateChannel(errors, request.ReceivedVia);
        var receivedAt = now;
        if (!string.IsNullOrWhiteSpace(request.ReceivedAt))
        {
            receivedAt = RequestValues.Instant(errors, "receivedAt", request.ReceivedAt) ?? now;
            if (receivedAt > now)
            {
                errors.Add("receivedAt", ComplaintMessages.ReceivedInFuture);
            }
        }

        var complainant = ValidateComplainant(errors, request.Complainant);
        var subject = request.Subject?.Trim();
        errors.Required("subject", subject);
        if (subject is { Length: > MaxSubjectLength })
        {
            errors.Add("subject", ComplaintMessages.TooLong.Format(MaxSubjectLength));
        }

        if (request.AddressedTo is null)
        {
            errors.Add("addressedTo", CommonMessages.Required);
        }

        if (entry is not null)
        {
            CheckAgainstEntry(errors, entry, receivedVia, request.AddressedTo);
        }

        errors.ThrowIfAny();

        // Then the application and the office it points to.
        var officeId = request.OfficeId?.Trim();
        if (request.ApplicationId is { } applicationId)
        {
            var application = await session.QuerySingleOrDefaultAsync<ApplicationRef>(
                "SELECT service_code AS ServiceCode, office_id AS OfficeId, submitted_by AS SubmittedBy FROM platform.applications WHERE id = @applicationId",
                new { applicationId },
                cancellationToken);
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
                CheckAgainstEntry(errors, entry, receivedVia, request.AddressedTo);
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

        var office = await session.QuerySingleOrDefaultAsync<OfficeRef>(
            """
            SELECT o.id AS Id, EXISTS (SELECT 1 FROM platform.office_services s WHERE s.office_id = o.id AND s.service_code = @service) AS Serves
            FROM platform.offices o WHERE o.id = @officeId
            """,
            new { officeId, service = entry!.Code },
            cancellationToken);
        if (office is null)
        {
            errors.Add("officeId", ComplaintMessages.NoSuchOffice.Format(officeId)).ThrowIfAny();
        }
        else if (!office.Serves)
        {
            errors.Add("officeId", ComplaintMessages.OfficeDoesNotServe.Format(officeId, entry.Code)).ThrowIfAny();
        }

        // Offices are public, so refusing another office's journal gives nothing away: 403, not 404.
        if (!actor.CanChange(officeId!, entry.Code))
        {
            throw new ProblemException(SecurityProblems.Forbidden, ComplaintMessages.NotYourOffice);
        }

        var reviewTerm = ComplaintTerms.ReviewTerm(entry);
        var deadline = ComplaintTerms.Due(new DeadlineEngine(await calendars.LoadAsync(cancellationToken)), receivedAt, reviewTerm);
        var id = Guid.CreateVersion7();
        var subjectKind = complainant!.Iin is null ? AuditSubjects.Name : AuditSubjects.Iin;
        var subjectId = complainant.Iin ?? complainant.FullName;

        await using var transaction = await session.BeginAsync(cancellationToken);
        var number = await NextJournalNumberAsync(session, now.InZone(WorkingCalendar.Zone).Year, cancellationToken);
        await session.ExecuteAsync(
            """
            INSERT INTO platform.complaints
                (id, journal_number, service_code, application_id, office_id, received_via, received_at, registered_at, registered_by,
                 complainant, subject_id, subject, addressed_to, review_term, due_at, status, version, updated_at)
            VALUES
                (@id, @number, @service, @applicationId, @officeId, @receivedVia, @receivedAt, @now, @actorId,
                 @complainant::jsonb, @subjectId, @subject, @addressedTo, @reviewTerm, @dueAt, 'received', 1, @now)
            """,
            new
            {
                id,
                number,
                service = entry.Code,
                applicationId = request.ApplicationId,
                officeId,
                receivedVia = ComplaintChannels.ToCode(receivedVia!.Value),
                receivedAt,
                now,
                actorId = actor.Id,
                complainant = JsonSerializer.Serialize(complainant, PlatformJson.Options),
                subjectId,
                subject,
                addressedTo = request.AddressedTo,
                reviewTerm = entry.Complaints.ReviewTerm,
                dueAt = deadline.DueAt,
            },
            cancellationToken);
        await AddEventAsync(session, id, now, actor.Id, actor.DisplayName, "register", null, ComplaintStatus.Received, null, cancellationToken);
        await audit.RecordAsync(
            new AuditEvent("complaint.register", subjectKind, subjectId) { ObjectId = number, ServiceCode = entry.Code, OfficeId = officeId },
            cancellationToken);
        var row = (await FindAsync(session, id, forUpdate: false, cancellationToken))!;
        var response = row.ToResponse(catalogue, now) with { Events = await EventsAsync(session, id, cancellationToken) };
        await transaction.CommitAsync();

        context.Response.Headers.ETag = ETagOf(row.Version);
        return Results.Created($"/api/v1/complaints/{id}", response);
    }

    private static async Task<ComplaintResponse> GetAsync(
        Guid id, HttpContext context, DbSession session, ICurrentActor actor, IAuditTrail audit, IClock clock, ServiceCatalogue catalogue,
        CancellationToken cancellationToken)
    {
        var row = await FindAsync(session, id, forUpdate: false, cancellationToken);
        if (row is null)
        {
            throw new ProblemException(PlatformProblems.NotFound);
        }

        actor.EnsureCanRead(row.OfficeId, row.ServiceCode);
        await AuditAsync(audit, "complaint.read", row, cancellationToken);
        context.Response.Headers.ETag = ETagOf(row.Version);
        return row.ToResponse(catalogue, clock.GetCurrentInstant()) with { Events = await EventsAsync(session, id, cancellationToken) };
    }

    private static async Task<ComplaintListResponse> ListAsync(
        string? office, string? service, string? status, string? overdue, string? limit, string? cursor,
        DbSession session, ICurrentActor actor, IAuditTrail audit, IClock clock, ServiceCatalogue catalogue, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var pageSize = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxLimit))
        {
            errors.Add("limit", ComplaintMessages.BadLimit.Format(MaxLimit));
        }

        (Instant DueAt, Guid Id)? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            after = DecodeCursor(cursor);
            if (after is null)
            {
                errors.Add("cursor", ComplaintMessages.BadCursor);
            }
        }

        if (!string.IsNullOrEmpty(service) && !catalogue.Exists(service))
        {
            errors.Add("service", ComplaintMessages.UnknownService.Format(service, string.Join(", ", catalogue.All.Select(e => e.Code))));
        }

        ComplaintStatus? statusFilter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (ComplaintLifecycle.TryParseStatus(status, out var parsed))
            {
                statusFilter = parsed;
            }
            else
            {
                errors.Add("status", ComplaintMessages.BadStatus);
            }
        }

        var overdueOnly = false;
        if (!string.IsNullOrEmpty(overdue) && !bool.TryParse(overdue, out overdueOnly))
        {
            errors.Add("overdue", ComplaintMessages.BadBoolean);
        }

        errors.ThrowIfAny();

        var now = clock.GetCurrentInstant();
        var where = new List<string>();
        // What the actor may see (ActorAccess in SQL): a clerk their office and services, a unit head their
        // office, an auditor theirs or (ministry-wide) all.
        switch (actor.Role)
        {
            case Roles.Clerk:
                where.Add("c.office_id = @actorOffice AND c.service_code = ANY(@actorServices)");
                break;
            case Roles.UnitHead:
                where.Add("c.office_id = @actorOffice");
                break;
            case Roles.Auditor when actor.OfficeId is not null:
                where.Add("c.office_id = @actorOffice");
                break;
            case Roles.Auditor:
                break;
            default:
                where.Add("FALSE");
                break;
        }

        if (!string.IsNullOrEmpty(office))
        {
            where.Add("c.office_id = @office");
        }

        if (!string.IsNullOrEmpty(service))
        {
            where.Add("c.service_code = @service");
        }

        if (statusFilter is not null)
        {
            where.Add("c.status = @status");
        }

        if (overdueOnly)
        {
            // The very predicate of the partial indexes complaints_open_by_due / complaints_open_by_office_due.
            where.Add("c.status IN ('received', 'under-review') AND c.due_at <= @now");
        }

        if (after is not null)
        {
            where.Add("(c.due_at, c.id) > (@afterDueAt, @afterId)");
        }

        var rows = (await session.QueryAsync<ComplaintRow>(
            $"SELECT {Columns} FROM platform.complaints c"
                + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
                + " ORDER BY c.due_at, c.id LIMIT @take",
            new
            {
                actorOffice = actor.OfficeId,
                actorServices = actor.Services.ToArray(),
                office,
                service,
                status = statusFilter is { } s ? ComplaintLifecycle.ToCode(s) : null,
                now,
                afterDueAt = after?.DueAt,
                afterId = after?.Id,
                take = pageSize + 1,
            },
            cancellationToken)).ToList();

        var page = rows.Take(pageSize).ToList();
        foreach (var row in page)
        {
            // Each listed entry shows a complainant's personal data: each is a read.
            await AuditAsync(audit, "complaint.list", row, cancellationToken);
        }

        var next = rows.Count > pageSize ? EncodeCursor(page[^1].DueAt, page[^1].Id) : null;
        return new ComplaintListResponse(page.Select(r => r.ToResponse(catalogue, now)).ToList(), next);
    }

    private static async Task<ComplaintResponse> ReviewAsync(
        Guid id, ReviewComplaintRequest? request, HttpContext context, DbSession session, ICurrentActor actor, IAuditTrail audit, IClock clock,
        ServiceCatalogue catalogue, CancellationToken cancellationToken)
    {
        var note = string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            new ValidationErrors().Add("note", ComplaintMessages.TooLong.Format(MaxNoteLength)).ThrowIfAny();
        }

        return await TransitionAsync(id, ComplaintAction.Review, context, session, actor, audit, clock, catalogue,
            async (row, now) =>
            {
                await session.ExecuteAsync(
                    "UPDATE platform.complaints SET status = 'under-review', version = version + 1, updated_at = @now WHERE id = @id",
                    new { id, now },
                    cancellationToken);
                return note;
            },
            cancellationToken);
    }

    private static async Task<ComplaintResponse> AnswerAsync(
        Guid id, AnswerComplaintRequest request, HttpContext context, DbSession session, ICurrentActor actor, IAuditTrail audit, IClock clock,
        ServiceCatalogue catalogue, Outbox outbox, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var answer = request.Answer?.Trim();
        errors.Required("answer", answer);
        if (answer is { Length: > MaxAnswerLength })
        {
            errors.Add("answer", ComplaintMessages.TooLong.Format(MaxAnswerLength));
        }

        var sentVia = ValidateChannel(errors, request.SentVia, "sentVia");
        errors.ThrowIfAny();

        return await TransitionAsync(id, ComplaintAction.Answer, context, session, actor, audit, clock, catalogue,
            async (row, now) =>
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
                await session.ExecuteAsync(
                    """
                    UPDATE platform.complaints
                    SET status = 'answered', answer = @answer, answered_at = @now, answered_by = @actorId, answer_sent_via = @sentVia,
                        version = version + 1, updated_at = @now
                    WHERE id = @id
                    """,
                    new { id, answer, now, actorId = actor.Id, sentVia = ComplaintChannels.ToCode(sentVia!.Value) },
                    cancellationToken);

                if (sentVia == ComplaintChannel.EMail)
                {
                    var language = complainant.Language;
                    var registered = LocalDatePattern.Iso.Format(row.RegisteredAt.InZone(WorkingCalendar.Zone).Date);
                    var signature = actor.Position is null ? actor.DisplayName : $"{actor.Position}, {actor.DisplayName}";
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

    /// <summary>
    /// The common path of a state change: lock the row, check access (404 / 403), If-Match (428 / 412)
    /// and the lifecycle (409), apply, record the event and the audit record, all in one transaction.
    /// </summary>
    private static async Task<ComplaintResponse> TransitionAsync(
        Guid id,
        ComplaintAction action,
        HttpContext context,
        DbSession session,
        ICurrentActor actor,
        IAuditTrail audit,
        IClock clock,
        ServiceCatalogue catalogue,
        Func<ComplaintRow, Instant, Task<string?>> apply,
        CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var transaction = await session.BeginAsync(cancellationToken);
        var row = await FindAsync(session, id, forUpdate: true, cancellationToken) ?? throw new ProblemException(PlatformProblems.NotFound);
        actor.EnsureCanChange(row.OfficeId, row.ServiceCode);

        var ifMatch = context.Request.Headers.IfMatch.ToString().Trim();
        Preconditions.RequireCurrent(ifMatch, row.Version, ComplaintMessages.IfMatchMissing, ComplaintMessages.Stale.Format(ETagOf(row.Version), ifMatch));

        var status = row.StatusValue;
        if (!ComplaintLifecycle.CanApply(status, action))
        {
            var allowed = ComplaintLifecycle.AllowedActions(status).Select(ComplaintLifecycle.ToCode).ToList();
            throw new ProblemException(
                PlatformProblems.InvalidTransition,
                ComplaintMessages.InvalidTransition.Format(
                    ComplaintLifecycle.ToCode(status),
                    ComplaintLifecycle.ToCode(action),
                    allowed.Count > 0 ? string.Join(", ", allowed) : "—"),
                extensions: new Dictionary<string, object?>
                {
                    // Not "status": that member is the problem's HTTP status (RFC 9457).
                    ["currentStatus"] = ComplaintLifecycle.ToCode(status),
                    ["action"] = ComplaintLifecycle.ToCode(action),
                    ["allowedActions"] = allowed,
                });
        }

        var note = await apply(row, now);
        var target = ComplaintLifecycle.Target(action);
        await AddEventAsync(session, id, now, actor.Id, actor.DisplayName, ComplaintLifecycle.ToCode(action), status, target, note, cancellationToken);
        await AuditAsync(audit, "complaint." + ComplaintLifecycle.ToCode(action), row, cancellationToken);
        var updated = (await FindAsync(session, id, forUpdate: false, cancellationToken))!;
        var response = updated.ToResponse(catalogue, now) with { Events = await EventsAsync(session, id, cancellationToken) };
        await transaction.CommitAsync();

        context.Response.Headers.ETag = ETagOf(updated.Version);
        return response;
    }

    private static Task AuditAsync(IAuditTrail audit, string operation, ComplaintRow row, CancellationToken cancellationToken) =>
        audit.RecordAsync(
            new AuditEvent(operation, row.SubjectKind, row.SubjectId) { ObjectId = row.JournalNumber, ServiceCode = row.ServiceCode, OfficeId = row.OfficeId },
            cancellationToken);

    /// <summary>The channel must be one the standard accepts complaints by, the level one of its route.</summary>
    private static void CheckAgainstEntry(ValidationErrors errors, ServiceEntry entry, ComplaintChannel? receivedVia, int? addressedTo)
    {
        var complaints = entry.Complaints;
        if (receivedVia is { } channel && !complaints.Channels.Contains(channel))
        {
            errors.Add("receivedVia", ComplaintMessages.ChannelNotAccepted.Format(
                entry.Code, string.Join(", ", complaints.Channels.Select(ComplaintChannels.ToCode)), complaints.Source));
        }

        if (addressedTo is { } level && (level < 1 || level > complaints.Route.Count))
        {
            var levels = string.Join("; ", complaints.Route.Select((authority, index) => $"{index + 1} — {authority.Text.En}"));
            errors.Add("addressedTo", ComplaintMessages.BadLevel.Format(entry.Code, complaints.Route.Count, levels));
        }
    }

    private static ComplaintChannel? ValidateChannel(ValidationErrors errors, string? value, string field = "receivedVia")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, CommonMessages.Required);
            return null;
        }

        if (!ComplaintChannels.TryParse(value.Trim(), out var channel))
        {
            errors.Add(field, ComplaintMessages.UnknownChannel);
            return null;
        }

        return channel;
    }

    private static Complainant? ValidateComplainant(ValidationErrors errors, ComplainantRequest? request)
    {
        if (request is null)
        {
            errors.Add("complainant", CommonMessages.Required);
            return null;
        }

        var fullName = Collapse(request.FullName);
        errors.Required("complainant.fullName", fullName);
        if (fullName is { Length: > MaxNameLength })
        {
            errors.Add("complainant.fullName", ComplaintMessages.TooLong.Format(MaxNameLength));
        }

        string? iin = null;
        if (!string.IsNullOrWhiteSpace(request.Iin))
        {
            if (Iin.TryParse(request.Iin.Trim(), out var parsed, out _))
            {
                iin = parsed!.Value;
            }
            else
            {
                errors.Add("complainant.iin", ComplaintMessages.BadIin);
            }
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(request.Phone))
        {
            phone = PhoneSeparators().Replace(request.Phone, "");
            if (!PhonePattern().IsMatch(phone))
            {
                errors.Add("complainant.phone", ComplaintMessages.BadPhone);
            }
        }

        string? email = null;
        if (!string.IsNullOrWhiteSpace(request.Email))
        {
            email = request.Email.Trim();
            if (email.Length > 254 || !EmailPattern().IsMatch(email))
            {
                errors.Add("complainant.email", ComplaintMessages.BadEmail);
            }
        }

        var postalAddress = Collapse(request.PostalAddress);
        if (postalAddress is { Length: > MaxAddressLength })
        {
            errors.Add("complainant.postalAddress", ComplaintMessages.TooLong.Format(MaxAddressLength));
        }

        // The outcome must reach the complainant (e.g. driver-licence §22: in writing, by post or e-mail).
        if (phone is null && email is null && postalAddress is null)
        {
            errors.Add("complainant", ComplaintMessages.NoContact);
        }

        var language = Language.Kk;
        if (!string.IsNullOrWhiteSpace(request.Language) && !LanguageCodes.TryParse(request.Language, out language))
        {
            errors.Add("complainant.language", ComplaintMessages.BadLanguage);
        }

        return fullName is null ? null : new Complainant(fullName, iin, phone, email, postalAddress, language);
    }

    private static string? Collapse(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : Whitespace().Replace(value.Trim(), " ");

    private static string ETagOf(int version) => Preconditions.ETagOf(version);

    private static string EncodeCursor(Instant dueAt, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
                CursorPrefix + dueAt.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture) + ":" + id.ToString("N")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (Instant, Guid)? DecodeCursor(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            if (!text.StartsWith(CursorPrefix, StringComparison.Ordinal))
            {
                return null;
            }

            var parts = text[CursorPrefix.Length..].Split(':');
            return parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks)
                && Guid.TryParseExact(parts[1], "N", out var id)
                ? (Instant.FromUnixTimeTicks(ticks), id)
                : null;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[\s\-()]")]
    private static partial Regex PhoneSeparators();

    [GeneratedRegex(@"^\+?[0-9]{6,15}$")]
    private static partial Regex PhonePattern();

    // Deliberately loose (one "@", a dot in the domain, no spaces): the mail server is the real check.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    private sealed class ApplicationRef
    {
        public string ServiceCode { get; init; } = "";

        public string OfficeId { get; init; } = "";

        public string SubmittedBy { get; init; } = "";
    }

    private sealed class OfficeRef
    {
        public string Id { get; init; } = "";

        public bool Serves { get; init; }
    }
}
