using System.Text.Json;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Platform.Data;
using Kazgov.Platform.Http;
using NodaTime;

namespace Kazgov.Platform.Complaints;

/// <summary>The SQL of the complaints journal (platform.complaints, platform.complaint_events, platform.complaint_counters).</summary>
internal static class ComplaintStore
{
    public const string Columns =
        """
        c.id AS Id, c.journal_number AS JournalNumber, c.service_code AS ServiceCode, c.application_id AS ApplicationId,
        c.office_id AS OfficeId, c.received_via AS ReceivedVia, c.received_at AS ReceivedAt, c.registered_at AS RegisteredAt,
        c.registered_by AS RegisteredBy, c.complainant::text AS Complainant, c.subject_id AS SubjectId, c.subject AS Subject,
        c.addressed_to AS AddressedTo, c.review_term AS ReviewTerm, c.due_at AS DueAt, c.status AS Status, c.answer AS Answer,
        c.answered_at AS AnsweredAt, c.answered_by AS AnsweredBy, c.answer_sent_via AS AnswerSentVia, c.version AS Version,
        c.updated_at AS UpdatedAt
        """;

    /// <summary>The next number of the year's journal; the counter row's lock serialises concurrent registrations.</summary>
    public static async Task<string> NextJournalNumberAsync(DbSession session, int year, CancellationToken cancellationToken)
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

    public static Task<ComplaintRow?> FindAsync(DbSession session, Guid id, bool forUpdate, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<ComplaintRow>(
            $"SELECT {Columns} FROM platform.complaints c WHERE c.id = @id" + (forUpdate ? " FOR UPDATE" : ""),
            new { id },
            cancellationToken);

    public static async Task<IReadOnlyList<ComplaintEvent>> EventsAsync(DbSession session, Guid id, CancellationToken cancellationToken)
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

    public static Task AddEventAsync(
        DbSession session, Guid id, Instant at, string actorId, string actorName, string action, ComplaintStatus? from, ComplaintStatus to, string? note,
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

    /// <summary>A row of platform.complaints as Dapper reads it.</summary>
    internal sealed class ComplaintRow
    {
        public Guid Id { get; init; }

        public string JournalNumber { get; init; } = "";

        public string ServiceCode { get; init; } = "";

        public Guid? ApplicationId { get; init; }

        public string OfficeId { get; init; } = "";

        public string ReceivedVia { get; init; } = "";

        public Instant ReceivedAt { get; init; }

        public Instant RegisteredAt { get; init; }

        public string RegisteredBy { get; init; } = "";

        public string Complainant { get; init; } = "{}";

        public string SubjectId { get; init; } = "";

        public string Subject { get; init; } = "";

        public int AddressedTo { get; init; }

        public string ReviewTerm { get; init; } = "";

        public Instant DueAt { get; init; }

        public string Status { get; init; } = "";

        public string? Answer { get; init; }

        public Instant? AnsweredAt { get; init; }

        public string? AnsweredBy { get; init; }

        public string? AnswerSentVia { get; init; }

        public int Version { get; init; }

        public Instant UpdatedAt { get; init; }

        public ComplaintStatus StatusValue => ComplaintLifecycle.TryParseStatus(Status, out var status)
            ? status
            : throw new InvalidOperationException($"Complaint {Id} has an unknown status '{Status}'.");

        public Complainant ComplainantValue => JsonSerializer.Deserialize<Complainant>(Complainant, PlatformJson.Options)!;

        /// <summary>The audit subject: the IIN when the complainant gave one, else their name.</summary>
        public string SubjectKind => ComplainantValue.Iin is null ? Security.AuditSubjects.Name : Security.AuditSubjects.Iin;

        public ComplaintResponse ToResponse(ServiceCatalogue catalogue, Instant now)
        {
            var status = StatusValue;
            var route = catalogue.Find(ServiceCode)?.Complaints.Route ?? [];
            // A level the catalogue no longer has (a later edit of the route) is still shown, with its number only.
            var authority = AddressedTo <= route.Count
                ? new AddressedAuthority(AddressedTo, route[AddressedTo - 1].Text, route[AddressedTo - 1].Source)
                : new AddressedAuthority(AddressedTo, new CatalogueText("", "", ""), "");
            return new ComplaintResponse(
                Id,
                JournalNumber,
                ServiceCode,
                ApplicationId,
                OfficeId,
                Channel(ReceivedVia),
                ReceivedAt,
                RegisteredAt,
                RegisteredBy,
                ComplainantValue,
                Subject,
                authority,
                ReviewTerm,
                DueAt,
                DueAt.Minus(Duration.Epsilon).InZone(WorkingCalendar.Zone).Date,
                status,
                ComplaintTerms.IsOverdue(status, DueAt, now),
                ComplaintLifecycle.AllowedActions(status),
                Answer is null ? null : new ComplaintAnswer(Answer, Channel(AnswerSentVia), AnsweredAt!.Value, AnsweredBy!),
                Version,
                UpdatedAt);
        }

        private static ComplaintChannel Channel(string? code) => ComplaintChannels.TryParse(code, out var channel)
            ? channel
            : throw new InvalidOperationException($"Unknown complaint channel '{code}'.");
    }

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
