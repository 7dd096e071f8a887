using Kazgov.Kernel.Data;
using NodaTime;

namespace Kazgov.Platform.Queue;

/// <summary>A ticket as stored.</summary>
internal sealed class TicketRow
{
    public Guid Id { get; init; }

    public string OfficeId { get; init; } = "";

    public LocalDate Day { get; init; }

    public string Number { get; init; } = "";

    public string ServiceCode { get; init; } = "";

    public string Purpose { get; init; } = "";

    public string Channel { get; init; } = "";

    public string TakenBy { get; init; } = "";

    public Instant TakenAt { get; init; }

    public int? NormMinutes { get; init; }

    public string Status { get; init; } = "";

    public Instant? CalledAt { get; init; }

    public string? CalledBy { get; init; }

    public string? WindowLabel { get; init; }

    public int? WaitMinutes { get; init; }

    public Instant? ServedAt { get; init; }

    public Instant? NoShowAt { get; init; }

    public Guid? ApplicationId { get; init; }

    public TicketStatus StatusValue => QueueCodes.ParseStatus(Status);
}

/// <summary>
/// All the SQL of the queue (platform.queue_tickets, platform.queue_counters) on the request's
/// <see cref="DbSession"/>: inside a command it runs in the command's transaction.
/// </summary>
internal sealed class QueueStore(DbSession session)
{
    private const string Columns =
        """
        t.id AS Id, t.office_id AS OfficeId, t.day AS Day, t.number AS Number, t.service_code AS ServiceCode, t.purpose AS Purpose,
        t.channel AS Channel, t.taken_by AS TakenBy, t.taken_at AS TakenAt, t.norm_minutes AS NormMinutes, t.status AS Status,
        t.called_at AS CalledAt, t.called_by AS CalledBy, t.window_label AS WindowLabel, t.wait_minutes AS WaitMinutes,
        t.served_at AS ServedAt, t.no_show_at AS NoShowAt, t.application_id AS ApplicationId
        """;

    /// <summary>The next place of the prefix's line of the office's day; the counter row's lock serialises concurrent takers.</summary>
    public Task<int> NextSequenceAsync(string officeId, LocalDate day, string prefix, CancellationToken cancellationToken) =>
        session.QuerySingleAsync<int>(
            """
            INSERT INTO platform.queue_counters AS c (office_id, day, prefix, last) VALUES (@officeId, @day, @prefix, 1)
            ON CONFLICT (office_id, day, prefix) DO UPDATE SET last = c.last + 1
            RETURNING last
            """,
            new { officeId, day, prefix },
            cancellationToken);

    public Task InsertAsync(
        Guid id, string officeId, LocalDate day, string number, string serviceCode, QueuePurpose purpose, TicketChannel channel,
        string takenBy, Instant takenAt, int? normMinutes, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO platform.queue_tickets
                (id, office_id, day, number, service_code, purpose, channel, taken_by, taken_at, norm_minutes, status)
            VALUES (@id, @officeId, @day, @number, @serviceCode, @purpose, @channel, @takenBy, @takenAt, @normMinutes, 'waiting')
            """,
            new { id, officeId, day, number, serviceCode, purpose = purpose.ToCode(), channel = channel.ToCode(), takenBy, takenAt, normMinutes },
            cancellationToken);

    public Task<TicketRow?> FindAsync(Guid id, bool forUpdate, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<TicketRow>(
            $"SELECT {Columns} FROM platform.queue_tickets t WHERE t.id = @id" + (forUpdate ? " FOR UPDATE" : ""),
            new { id },
            cancellationToken);

    /// <summary>Tickets of the same service waiting before this one.</summary>
    public Task<int> PeopleAheadAsync(TicketRow ticket, CancellationToken cancellationToken) =>
        session.QuerySingleAsync<int>(
            """
            SELECT count(*)::int FROM platform.queue_tickets t
            WHERE t.office_id = @OfficeId AND t.day = @Day AND t.status = 'waiting' AND t.service_code = @ServiceCode
              AND (t.taken_at, t.id) < (@TakenAt, @Id)
            """,
            ticket,
            cancellationToken);

    /// <summary>
    /// The first waiting ticket of the office's day among the services, locked for this transaction.
    /// SKIP LOCKED: a ticket another clerk's "call next" holds is passed over, never waited for and
    /// never called twice; the next waiting one is taken instead.
    /// </summary>
    public Task<TicketRow?> LockNextWaitingAsync(string officeId, LocalDate day, string[]? services, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<TicketRow>(
            $"""
            SELECT {Columns} FROM platform.queue_tickets t
            WHERE t.office_id = @officeId AND t.day = @day AND t.status = 'waiting'
              AND (@services::text[] IS NULL OR t.service_code = ANY(@services))
            ORDER BY t.taken_at, t.id
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """,
            new { officeId, day, services },
            cancellationToken);

    public Task MarkCalledAsync(Guid id, Instant at, string by, string window, int waitMinutes, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            UPDATE platform.queue_tickets
            SET status = 'called', called_at = @at, called_by = @by, window_label = @window, wait_minutes = @waitMinutes
            WHERE id = @id AND status = 'waiting'
            """,
            new { id, at, by, window, waitMinutes },
            cancellationToken);

    public Task MarkServedAsync(Guid id, Instant at, Guid? applicationId, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "UPDATE platform.queue_tickets SET status = 'served', served_at = @at, application_id = @applicationId WHERE id = @id AND status = 'called'",
            new { id, at, applicationId },
            cancellationToken);

    public Task MarkNoShowAsync(Guid id, Instant at, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "UPDATE platform.queue_tickets SET status = 'no-show', no_show_at = @at WHERE id = @id AND status = 'called'",
            new { id, at },
            cancellationToken);

    public Task LinkAsync(Guid id, Guid applicationId, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "UPDATE platform.queue_tickets SET application_id = @applicationId WHERE id = @id AND status = 'served'",
            new { id, applicationId },
            cancellationToken);

    public async Task<IReadOnlyList<TicketRow>> WaitingAsync(string officeId, LocalDate day, string[]? services, CancellationToken cancellationToken) =>
        [.. await session.QueryAsync<TicketRow>(
            $"""
            SELECT {Columns} FROM platform.queue_tickets t
            WHERE t.office_id = @officeId AND t.day = @day AND t.status = 'waiting'
              AND (@services::text[] IS NULL OR t.service_code = ANY(@services))
            ORDER BY t.taken_at, t.id
            LIMIT 500
            """,
            new { officeId, day, services },
            cancellationToken)];

    public async Task<IReadOnlyList<TicketRow>> CalledByAsync(string officeId, LocalDate day, string calledBy, CancellationToken cancellationToken) =>
        [.. await session.QueryAsync<TicketRow>(
            $"""
            SELECT {Columns} FROM platform.queue_tickets t
            WHERE t.office_id = @officeId AND t.day = @day AND t.status = 'called' AND t.called_by = @calledBy
            ORDER BY t.called_at, t.id
            """,
            new { officeId, day, calledBy },
            cancellationToken)];

    public async Task<IReadOnlyList<TicketRow>> AtWindowsAsync(string officeId, LocalDate day, CancellationToken cancellationToken) =>
        [.. await session.QueryAsync<TicketRow>(
            $"""
            SELECT {Columns} FROM platform.queue_tickets t
            WHERE t.office_id = @officeId AND t.day = @day AND t.status = 'called'
            ORDER BY t.called_at DESC, t.id
            LIMIT 20
            """,
            new { officeId, day },
            cancellationToken)];

    public Task<int> WaitingCountAsync(string officeId, LocalDate day, CancellationToken cancellationToken) =>
        session.QuerySingleAsync<int>(
            "SELECT count(*)::int FROM platform.queue_tickets t WHERE t.office_id = @officeId AND t.day = @day AND t.status = 'waiting'",
            new { officeId, day },
            cancellationToken);
}
