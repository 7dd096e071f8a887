using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using NodaTime;

namespace Kazgov.Platform.Complaints;

/// <summary>A new journal entry as the registration writes it.</summary>
internal sealed record NewComplaint(
    Guid Id,
    string JournalNumber,
    string ServiceCode,
    Guid? ApplicationId,
    string OfficeId,
    ComplaintChannel ReceivedVia,
    Instant ReceivedAt,
    Instant RegisteredAt,
    string RegisteredBy,
    string ComplainantJson,
    string SubjectId,
    string Subject,
    int AddressedTo,
    string? ReviewTerm,
    Instant? DueAt);

/// <summary>What a journal list asks for besides the actor's read scope; null parts do not filter.</summary>
/// <param name="After">The last entry of the previous page; its DueAt is null for a complaint without a term (listed last).</param>
internal sealed record ComplaintFilter(string? OfficeId, string? ServiceCode, ComplaintStatus? Status, bool OverdueOnly, (Instant? DueAt, Guid Id)? After);

/// <summary>
/// All the SQL of the complaints journal (platform.complaints, platform.complaint_events,
/// platform.complaint_counters), on the request's <see cref="DbSession"/>: inside a command it runs
/// in the command's transaction.
/// </summary>
internal sealed class ComplaintStore(DbSession session)
{
    public const string Columns =
        """
        c.id AS Id, c.journal_number AS JournalNumber, c.service_code AS ServiceCode, c.application_id AS ApplicationId,
        c.office_id AS OfficeId, c.received_via AS ReceivedVia, c.received_at AS ReceivedAt, c.registered_at AS RegisteredAt,
        c.registered_by AS RegisteredBy, c.complainant::text AS Complainant, c.subject_id AS SubjectId, c.subject AS Subject,
        c.addressed_to AS AddressedTo, c.review_term AS ReviewTerm, c.due_at AS DueAt, c.status AS Status, c.answer AS Answer,
        c.answered_at AS AnsweredAt, c.answered_by AS AnsweredBy, c.answer_sent_via AS AnswerSentVia, c.justified AS Justified, c.version AS Version,
        c.updated_at AS UpdatedAt
        """;

    /// <summary>The next number of the year's journal; the counter row's lock serialises concurrent registrations.</summary>
    public async Task<string> NextJournalNumberAsync(int year, CancellationToken cancellationToken)
    {
        var sequence = await session.QuerySingleAsync<int>(
            """
            INSERT INTO platform.complaint_counters AS c (year, last) VALUES (@year, 1)
            ON CONFLICT (year) DO UPDATE SET last = c.last + 1
            RETURNING last
            """,
            new { year },
            cancellationToken);
        return JournalNumbers.Format(year, sequence);
    }

    public Task InsertAsync(NewComplaint complaint, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO platform.complaints
                (id, journal_number, service_code, application_id, office_id, received_via, received_at, registered_at, registered_by,
                 complainant, subject_id, subject, addressed_to, review_term, due_at, status, version, updated_at)
            VALUES
                (@Id, @JournalNumber, @ServiceCode, @ApplicationId, @OfficeId, @receivedVia, @ReceivedAt, @RegisteredAt, @RegisteredBy,
                 @ComplainantJson::jsonb, @SubjectId, @Subject, @AddressedTo, @ReviewTerm, @DueAt, 'received', 1, @RegisteredAt)
            """,
            new
            {
                complaint.Id,
                complaint.JournalNumber,
                complaint.ServiceCode,
                complaint.ApplicationId,
                complaint.OfficeId,
                receivedVia = ComplaintChannels.ToCode(complaint.ReceivedVia),
                complaint.ReceivedAt,
                complaint.RegisteredAt,
                complaint.RegisteredBy,
                complaint.ComplainantJson,
                complaint.SubjectId,
                complaint.Subject,
                complaint.AddressedTo,
                complaint.ReviewTerm,
                complaint.DueAt,
            },
            cancellationToken);

    /// <summary>The entry; <paramref name="forUpdate"/> locks its row until the transaction ends (state changes).</summary>
    public Task<ComplaintRow?> FindAsync(Guid id, bool forUpdate, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<ComplaintRow>(
            $"SELECT {Columns} FROM platform.complaints c WHERE c.id = @id" + (forUpdate ? " FOR UPDATE" : ""),
            new { id },
            cancellationToken);

    /// <summary>
    /// One page of the journal by (due moment, id), at most <paramref name="take"/> rows, limited to
    /// what <paramref name="scope"/> lets the actor read.
    /// </summary>
    public async Task<IReadOnlyList<ComplaintRow>> ListAsync(ReadScope scope, ComplaintFilter filter, Instant now, int take, CancellationToken cancellationToken)
    {
        // A complaint has no submitter: a scope bound to one (an API client's) matches none, as ActorAccess.CanRead says.
        var where = new List<string> { scope.SubmittedBy is null ? scope.Sql("c", hasSubmittedBy: false) : ReadScope.Nothing.Sql("c") };
        if (filter.OfficeId is not null)
        {
            where.Add("c.office_id = @office");
        }

        if (filter.ServiceCode is not null)
        {
            where.Add("c.service_code = @service");
        }

        if (filter.Status is not null)
        {
            where.Add("c.status = @status");
        }

        if (filter.OverdueOnly)
        {
            // The very predicate of the partial indexes complaints_open_by_due / complaints_open_by_office_due.
            where.Add("c.status IN ('received', 'under-review') AND c.due_at <= @now");
        }

        if (filter.After is { DueAt: null })
        {
            where.Add("c.due_at IS NULL AND c.id > @afterId");
        }
        else if (filter.After is not null)
        {
            // Complaints without a term sort after all others (ascending order puts NULL last).
            where.Add("((c.due_at, c.id) > (@afterDueAt, @afterId) OR c.due_at IS NULL)");
        }

        var rows = await session.QueryAsync<ComplaintRow>(
            $"SELECT {Columns} FROM platform.complaints c WHERE " + string.Join(" AND ", where) + " ORDER BY c.due_at, c.id LIMIT @take",
            new
            {
                scopeOffice = scope.OfficeId,
                office = filter.OfficeId,
                service = filter.ServiceCode,
                status = filter.Status is { } status ? ComplaintLifecycle.ToCode(status) : null,
                now,
                afterDueAt = filter.After?.DueAt,
                afterId = filter.After?.Id,
                take,
            },
            cancellationToken);
        return rows.ToList();
    }

    public Task MarkUnderReviewAsync(Guid id, Instant now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "UPDATE platform.complaints SET status = 'under-review', version = version + 1, updated_at = @now WHERE id = @id",
            new { id, now },
            cancellationToken);

    public Task RecordAnswerAsync(Guid id, string answer, ComplaintChannel sentVia, bool? justified, Instant now, string actorId, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            UPDATE platform.complaints
            SET status = 'answered', answer = @answer, answered_at = @now, answered_by = @actorId, answer_sent_via = @sentVia, justified = @justified,
                version = version + 1, updated_at = @now
            WHERE id = @id
            """,
            new { id, answer, now, actorId, sentVia = ComplaintChannels.ToCode(sentVia), justified },
            cancellationToken);

    public async Task<IReadOnlyList<ComplaintEvent>> EventsAsync(Guid id, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<EventRow>(
            """
            SELECT at AS At, actor_id AS ActorId, actor_name AS ActorName, action AS Action, from_status AS FromStatus,
                   to_status AS ToStatus, note AS Note
            FROM platform.complaint_events WHERE complaint_id = @id ORDER BY id
            """,
            new { id },
            cancellationToken);
        return rows.Select(r => r.ToEvent()).ToList();
    }

    public Task AddEventAsync(
        Guid id, Instant at, string actorId, string actorName, string action, ComplaintStatus? from, ComplaintStatus to, string? note,
        CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO platform.complaint_events (complaint_id, at, actor_id, actor_name, action, from_status, to_status, note)
            VALUES (@id, @at, @actorId, @actorName, @action, @from, @to, @note)
            """,
            new
            {
                id,
                at,
                actorId,
                actorName,
                action,
                from = from is { } status ? ComplaintLifecycle.ToCode(status) : null,
                to = ComplaintLifecycle.ToCode(to),
                note,
            },
            cancellationToken);

    private sealed class EventRow
    {
        public Instant At { get; init; }

        public string ActorId { get; init; } = "";

        public string ActorName { get; init; } = "";

        public string Action { get; init; } = "";

        public string? FromStatus { get; init; }

        public string ToStatus { get; init; } = "";

        public string? Note { get; init; }

        public ComplaintEvent ToEvent() => new(
            At,
            ActorId,
            ActorName,
            Action,
            ComplaintLifecycle.TryParseStatus(FromStatus, out var from) ? from : null,
            ComplaintLifecycle.TryParseStatus(ToStatus, out var to) ? to : throw new InvalidOperationException($"Unknown status '{ToStatus}'."),
            Note);
    }
}
