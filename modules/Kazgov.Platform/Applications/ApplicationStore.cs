using System.Globalization;
using System.Text.Json;
using Dapper;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using NodaTime;

namespace Kazgov.Platform.Applications;

/// <summary>
/// All SQL of the lifecycle: the applications, their history, receipts, refusals, issuances and
/// suspensions. Runs on the request's <see cref="DbSession"/>, so inside the command's transaction.
/// </summary>
internal sealed class ApplicationStore(DbSession session, ICurrentActor actor)
{
    /// <summary>The statuses of an application still being dealt with (the inbox's default, the partial index's).</summary>
    public static readonly string[] OpenStatuses = ["submitted", "in-review", "approved", "ready-for-issue", "suspended"];

    public async Task<ApplicationRow?> FindAsync(Guid id, bool forUpdate, CancellationToken cancellationToken) =>
        await session.QuerySingleOrDefaultAsync<ApplicationRow>(
            $"SELECT {ApplicationRow.Columns} FROM platform.applications WHERE id = @id" + (forUpdate ? " FOR UPDATE" : ""),
            new { id },
            cancellationToken);

    /// <summary>
    /// Registers a submission in one statement: the next number of the office's yearly sequence
    /// (&lt;office code&gt;-&lt;year&gt;-&lt;sequence&gt;), the application, and its "submit" history entry;
    /// answers the stored row. The office's counter row stays locked until the transaction ends, so
    /// taking the number in the same round trip as the inserts keeps concurrent submissions at one
    /// office from queueing behind more than that. Numbers are gapless: a rollback returns the number.
    /// The receipts handed in with it go in a second statement of the same round trip; each comes back
    /// as stored, in the order given, or null when the bank's receipt number was already recorded
    /// (on any application, or earlier in the same list).
    /// </summary>
    public async Task<(ApplicationRow Row, IReadOnlyList<ReceiptView?> Receipts)> InsertSubmittedAsync(
        NewApplication application, int year, IReadOnlyList<ReceiptRequest> receipts, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(application);
        parameters.Add("Year", year);
        if (receipts.Count > 0)
        {
            // Ascending, so the receipts, all recorded at one instant, are read back (by recorded_at, id) in the order given:
            // two version-7 ids of one millisecond are otherwise in random order.
            parameters.Add("ReceiptIds", receipts.Select(_ => Guid.CreateVersion7()).Order().ToArray());
            parameters.Add("ReceiptItems", receipts.Select(r => r.Item).ToArray());
            parameters.Add("ReceiptBanks", receipts.Select(r => r.Bank!.Trim()).ToArray());
            parameters.Add("ReceiptNumbers", receipts.Select(r => r.ReceiptNumber!.Trim()).ToArray());
            parameters.Add("ReceiptPaidOn", receipts.Select(r => r.PaidOn!.Value).ToArray());
            parameters.Add("ReceiptAmounts", receipts.Select(r => r.Amount!.Value).ToArray());
        }

        // e.g. 671C3429-2026-000012: the office code is the part that ends the office's directory id,
        // so the number is unique across offices and readable over the phone.
        parameters.Add("NumberPrefix", string.Create(CultureInfo.InvariantCulture, $"{application.OfficeId[(application.OfficeId.LastIndexOf('-') + 1)..].ToUpperInvariant()}-{year}-"));
        var connection = await session.ConnectionAsync(cancellationToken);
        await using var reader = await connection.QueryResultsAsync(new CommandDefinition(
            receipts.Count == 0 ? InsertSubmittedSql : InsertSubmittedWithReceiptsSql,
            parameters,
            session.Transaction,
            cancellationToken: cancellationToken));
        var row = await reader.ReadSingleRowOrDefaultAsync<ApplicationRow>(cancellationToken)
            ?? throw new InvalidOperationException("The submission's insert returned no row.");
        if (receipts.Count == 0)
        {
            return (row, []);
        }

        // Matched back to the request by bank and number: a duplicate within the list finds its row taken.
        var stored = await reader.ReadRowsAsync<ReceiptView>(cancellationToken);
        return (row, [.. receipts.Select(r => Take(stored, r.Bank!.Trim(), r.ReceiptNumber!.Trim()))]);

        static ReceiptView? Take(List<ReceiptView> stored, string bank, string number)
        {
            var index = stored.FindIndex(v => v.Bank == bank && v.ReceiptNumber == number);
            if (index < 0)
            {
                return null;
            }

            var view = stored[index];
            stored.RemoveAt(index);
            return view;
        }
    }

    // The submission's receipts; ON CONFLICT skips a number already recorded, so it is missing from RETURNING.
    private const string InsertReceiptsSql = """
        INSERT INTO platform.fee_receipts (id, application_id, item, bank, receipt_number, paid_on, amount, recorded_at, recorded_by)
        SELECT r.id, @Id, r.item, r.bank, r.number, r.paid_on, r.amount, @AcceptedAt, @ActorId
        FROM unnest(@ReceiptIds, @ReceiptItems, @ReceiptBanks, @ReceiptNumbers, @ReceiptPaidOn, @ReceiptAmounts)
             AS r (id, item, bank, number, paid_on, amount)
        ON CONFLICT (bank, receipt_number) DO NOTHING
        RETURNING id AS Id, item AS Item, bank AS Bank, receipt_number AS ReceiptNumber, paid_on AS PaidOn, amount AS Amount,
                  recorded_at AS RecordedAt, recorded_by AS RecordedBy
        """;

    private const string InsertSubmittedSql = $"""
        WITH counter AS (
            INSERT INTO platform.registration_counters (office_id, year, last) VALUES (@OfficeId, @Year, 1)
            ON CONFLICT (office_id, year) DO UPDATE SET last = registration_counters.last + 1
            RETURNING last
        ), inserted AS (
            INSERT INTO platform.applications
                (id, registration_number, service_code, sub_type, office_id, channel, status, applicant_type, applicant, subject_id,
                 representative, documents, fee_items, fee_exemption, term_variant, term, accepted_at, accepted_by, accepted_by_name,
                 accepted_by_position, due_at, submitted_by, module_data, eligibility_findings, version, updated_at)
            SELECT @Id, @NumberPrefix || lpad(counter.last::text, greatest(6, length(counter.last::text)), '0'), @ServiceCode, @SubType,
                 @OfficeId, @Channel, 'submitted', @ApplicantType, @Applicant::jsonb, @SubjectId,
                 @Representative::jsonb, @Documents, @FeeItems, @FeeExemption, @TermVariant, @Term, @AcceptedAt, @ActorId, @ActorName,
                 @ActorPosition, @DueAt, @ActorId, @ModuleData::jsonb, @Findings::jsonb, 1, @AcceptedAt
            FROM counter
            RETURNING *
        ), history AS (
            INSERT INTO platform.application_events (application_id, at, actor_id, actor_name, action, from_status, to_status, reason)
            SELECT id, @AcceptedAt, @ActorId, @ActorName, 'submit', NULL, 'submitted', NULL FROM inserted
        )
        SELECT {ApplicationRow.Columns} FROM inserted
        """;

    private const string InsertSubmittedWithReceiptsSql = InsertSubmittedSql + ";\n" + InsertReceiptsSql;

    /// <summary>
    /// A transition's new status with the next version and the next status sequence (the row is locked,
    /// so the application's changes count up one by one without gaps: webhooks, change feed), in one
    /// statement that returns the updated row and that sequence.
    /// </summary>
    public async Task<(ApplicationRow Row, int Sequence)> UpdateStatusReturningAsync(Guid id, ApplicationStatus to, ApplicationStatus? before, Instant? suspendedSince, Instant dueAt, Instant now, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        await using var reader = await connection.QueryResultsAsync(new CommandDefinition(
            $"""
            UPDATE platform.applications
            SET status = @to, status_before_suspension = @before, suspended_since = @suspendedSince, due_at = @dueAt,
                version = version + 1, updated_at = @now, status_sequence = status_sequence + 1
            WHERE id = @id
            RETURNING {ApplicationRow.Columns}, status_sequence
            """,
            new { id, to = to.ToCode(), before = before?.ToCode(), suspendedSince, dueAt, now },
            session.Transaction,
            cancellationToken: cancellationToken));
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"Application {id} is gone.");
        }

        // The row's columns, then the sequence in the last one.
        var sequence = reader.FieldCount - 1;
        return (BufferedRows.ParserOf<ApplicationRow>(reader, length: sequence)(reader), reader.GetInt32(sequence));
    }

    /// <summary>A change that is not a transition (a receipt recorded) still makes the old ETag stale.</summary>
    public async Task TouchAsync(Guid id, Instant now, CancellationToken cancellationToken) =>
        await session.ExecuteAsync("UPDATE platform.applications SET version = version + 1, updated_at = @now WHERE id = @id", new { id, now }, cancellationToken);

    public async Task SetFindingsAsync(Guid id, IReadOnlyList<EligibilityFinding> findings, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            "UPDATE platform.applications SET eligibility_findings = @findings::jsonb WHERE id = @id",
            new { id, findings = JsonSerializer.Serialize(findings, PlatformJson.Options) },
            cancellationToken);

    public async Task SetResultReferenceAsync(Guid id, string? reference, CancellationToken cancellationToken) =>
        await session.ExecuteAsync("UPDATE platform.applications SET result_reference = @reference WHERE id = @id", new { id, reference }, cancellationToken);

    /// <summary>The history entry: deferred (<see cref="DbSession.ExecuteDeferredAsync"/>), sent before the transaction's next statement.</summary>
    public async Task AppendEventAsync(Guid id, string action, ApplicationStatus? from, ApplicationStatus to, string? reason, Instant at, CancellationToken cancellationToken) =>
        await session.ExecuteDeferredAsync(
            """
            INSERT INTO platform.application_events (application_id, at, actor_id, actor_name, action, from_status, to_status, reason)
            VALUES (@id, @at, @actorId, @actorName, @action, @from, @to, @reason)
            """,
            new { id, at, actorId = actor.Id, actorName = actor.DisplayName, action, from = from?.ToCode(), to = to.ToCode(), reason },
            cancellationToken);

    public async Task<IReadOnlyList<ApplicationEvent>> HistoryAsync(Guid id, CancellationToken cancellationToken) =>
        (await session.QueryAsync<ApplicationEvent>(
            """
            SELECT id AS Id, at AS At, actor_id AS ActorId, actor_name AS ActorName, action AS Action,
                   from_status AS FromStatus, to_status AS ToStatus, reason AS Reason
            FROM platform.application_events WHERE application_id = @id ORDER BY id
            """,
            new { id },
            cancellationToken)).ToList();

    /// <summary>False when the bank's receipt number is already recorded (on any application).</summary>
    public async Task<bool> InsertReceiptAsync(Guid id, ReceiptRequest receipt, Instant now, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            """
            INSERT INTO platform.fee_receipts (id, application_id, item, bank, receipt_number, paid_on, amount, recorded_at, recorded_by)
            VALUES (@receiptId, @id, @item, @bank, @number, @paidOn, @amount, @now, @by)
            ON CONFLICT (bank, receipt_number) DO NOTHING
            """,
            new { receiptId = Guid.CreateVersion7(), id, item = receipt.Item, bank = receipt.Bank!.Trim(), number = receipt.ReceiptNumber!.Trim(), paidOn = receipt.PaidOn, amount = receipt.Amount, now, by = actor.Id },
            cancellationToken) == 1;

    public async Task<IReadOnlyList<ReceiptView>> ReceiptsAsync(Guid id, CancellationToken cancellationToken) =>
        (await session.QueryAsync<ReceiptView>(
            ReceiptsSql,
            new { id },
            cancellationToken)).ToList();

    public async Task InsertRefusalAsync(Guid id, IReadOnlyList<string> grounds, string explanation, Language language, string notice, Instant now, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            """
            INSERT INTO platform.refusals (application_id, grounds, explanation, notice_language, notice, refused_at, refused_by)
            VALUES (@id, @grounds, @explanation, @language, @notice, @now, @by)
            """,
            new { id, grounds = grounds.ToArray(), explanation, language = language.ToCode(), notice, now, by = actor.Id },
            cancellationToken);

    public async Task<RefusalView?> RefusalAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleOrDefaultAsync<RefusalRow>(RefusalSql, new { id }, cancellationToken);
        return RefusalOf(row);
    }

    private static RefusalView? RefusalOf(RefusalRow? row) => row is null
        ? null
        : new RefusalView(row.Grounds, row.Explanation, LanguageCodes.TryParse(row.NoticeLanguage, out var language) ? language : Language.Kk, row.Notice, row.RefusedAt, row.RefusedBy);

    private const string ReceiptsSql = """
        SELECT id AS Id, item AS Item, bank AS Bank, receipt_number AS ReceiptNumber, paid_on AS PaidOn, amount AS Amount,
               recorded_at AS RecordedAt, recorded_by AS RecordedBy
        FROM platform.fee_receipts WHERE application_id = @id ORDER BY recorded_at, id
        """;

    private const string RefusalSql = """
        SELECT grounds AS Grounds, explanation AS Explanation, notice_language AS NoticeLanguage, notice AS Notice,
               refused_at AS RefusedAt, refused_by AS RefusedBy
        FROM platform.refusals WHERE application_id = @id
        """;

    private const string IssuanceSql =
        "SELECT received_by AS ReceivedBy, identity_document AS IdentityDocument, issued_at AS IssuedAt, issued_by AS IssuedBy FROM platform.issuances WHERE application_id = @id";

    /// <summary>What the view shows beside the row — receipts, refusal, issuance — read in one round trip.</summary>
    public async Task<(IReadOnlyList<ReceiptView> Receipts, RefusalView? Refusal, IssuanceView? Issuance)> DetailsAsync(Guid id, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        await using var results = await connection.QueryResultsAsync(new CommandDefinition(
            ReceiptsSql + ";\n" + RefusalSql + ";\n" + IssuanceSql, new { id }, session.Transaction, cancellationToken: cancellationToken));
        var receipts = await results.ReadRowsAsync<ReceiptView>(cancellationToken);
        var refusal = RefusalOf(await results.ReadSingleRowOrDefaultAsync<RefusalRow>(cancellationToken));
        var issuance = await results.ReadSingleRowOrDefaultAsync<IssuanceView>(cancellationToken);
        return (receipts, refusal, issuance);
    }

    public async Task InsertIssuanceAsync(Guid id, string receivedBy, string identityDocument, Instant now, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            """
            INSERT INTO platform.issuances (application_id, received_by, identity_document, signed, issued_at, issued_by)
            VALUES (@id, @receivedBy, @identityDocument, true, @now, @by)
            """,
            new { id, receivedBy, identityDocument, now, by = actor.Id },
            cancellationToken);

    public async Task<IssuanceView?> IssuanceAsync(Guid id, CancellationToken cancellationToken) =>
        await session.QuerySingleOrDefaultAsync<IssuanceView>(
            IssuanceSql,
            new { id },
            cancellationToken);

    public async Task StartSuspensionAsync(Guid id, string reason, Instant dueAtBefore, Instant now, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            "INSERT INTO platform.suspensions (application_id, started_at, reason, due_at_before) VALUES (@id, @now, @reason, @dueAtBefore)",
            new { id, now, reason, dueAtBefore },
            cancellationToken);

    /// <summary>The length of the application's suspensions that have ended.</summary>
    public async Task<Duration> EndedSuspensionsAsync(Guid id, CancellationToken cancellationToken) =>
        Duration.FromSeconds(await session.ExecuteScalarAsync<long>(
            "SELECT coalesce(sum(extract(epoch FROM ended_at - started_at)), 0)::bigint FROM platform.suspensions WHERE application_id = @id AND ended_at IS NOT NULL",
            new { id },
            cancellationToken));

    public async Task EndSuspensionAsync(Guid id, Instant dueAtAfter, Instant now, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            "UPDATE platform.suspensions SET ended_at = @now, due_at_after = @dueAtAfter WHERE application_id = @id AND ended_at IS NULL",
            new { id, now, dueAtAfter },
            cancellationToken);

    /// <summary>A page of the list, by due moment then id, with the overdue count and the total under the same filter.</summary>
    public async Task<(IReadOnlyList<ApplicationListRow> Rows, long OverdueCount, long Total)> ListAsync(ApplicationListFilter filter, CancellationToken cancellationToken)
    {
        // Every filter is a plain column comparison, written only when it applies, so the open list
        // reads applications_open_by_due (office_id, due_at, id) and stops after limit + 1 rows, and
        // the counts read that index alone (it includes status, service_code and submitted_by).
        // A search adds plain comparisons too: subject_id and registration_number have their indexes,
        // each name word its own LIKE so that the trigram index on applicant_search serves it.
        // Statuses, services and the limit are literals (SqlCodes): the two statements are planned once
        // per connection, not on every page.
        var words = filter.Search?.NameWords ?? [];
        var conditions = new List<string> { filter.Scope.Sql("a") };
        if (filter.OfficeId is not null)
        {
            conditions.Add("a.office_id = @office");
        }

        if (filter.ServiceCode is not null)
        {
            conditions.Add("a.service_code = @service");
        }

        if (filter.Statuses is not null)
        {
            conditions.Add(SqlCodes.In("a.status", filter.Statuses));
        }

        if (filter.Search?.SubjectId is not null)
        {
            conditions.Add("a.subject_id = @subjectId");
        }

        if (filter.Search?.RegistrationNumber is not null)
        {
            conditions.Add("a.registration_number = @number");
        }

        conditions.AddRange(words.Select((_, i) => $"a.applicant_search LIKE @word{i}"));
        var where = string.Join("\n  AND ", conditions);
        var overdue = $"{SqlCodes.In("a.status", OpenStatuses)} AND a.due_at <= @now";
        var parameters = new DynamicParameters(new
        {
            subjectId = filter.Search?.SubjectId,
            number = filter.Search?.RegistrationNumber,
            scopeOffice = filter.Scope.OfficeId,
            scopeSubmittedBy = filter.Scope.SubmittedBy,
            office = filter.OfficeId,
            service = filter.ServiceCode,
            now = filter.Now,
            afterDue = filter.After?.DueAt,
            afterId = filter.After?.Id,
        });
        for (var i = 0; i < words.Count; i++)
        {
            parameters.Add($"word{i}", "%" + words[i] + "%");
        }

        // The page and both counts in one round trip. The counts take one pass over the rows the filter
        // selects (the same index as the page): the overdue ones, and every row the list would show page
        // after page (the total).
        var connection = await session.ConnectionAsync(cancellationToken);
        await using var results = await connection.QueryResultsAsync(new CommandDefinition(
            $"""
            SELECT {ApplicationListRow.Columns} FROM platform.applications a
            WHERE {where}
              {(filter.OverdueOnly ? "AND " + overdue : "")}
              {(filter.After is null ? "" : "AND (a.due_at, a.id) > (@afterDue, @afterId)")}
            ORDER BY a.due_at, a.id
            LIMIT {filter.Limit + 1};
            SELECT count(*) FILTER (WHERE {overdue}) AS overdue,
                   {(filter.OverdueOnly ? $"count(*) FILTER (WHERE {overdue})" : "count(*)")} AS total
            FROM platform.applications a WHERE {where}
            """,
            parameters,
            session.Transaction,
            cancellationToken: cancellationToken));
        var rows = await results.ReadRowsAsync<ApplicationListRow>(cancellationToken);
        var counts = (await results.ReadSingleRowOrDefaultAsync<ListCounts>(cancellationToken))!;
        return (rows, counts.Overdue, counts.Total);
    }

    private sealed class ListCounts
    {
        public long Overdue { get; set; }

        public long Total { get; set; }
    }

    private sealed class RefusalRow
    {
        public string[] Grounds { get; set; } = [];

        public string Explanation { get; set; } = "";

        public string NoticeLanguage { get; set; } = "kk";

        public string Notice { get; set; } = "";

        public Instant RefusedAt { get; set; }

        public string RefusedBy { get; set; } = "";
    }
}

/// <summary>A new row of platform.applications (Dapper binds the properties by name).</summary>
internal sealed record NewApplication(
    Guid Id,
    string ServiceCode,
    string? SubType,
    string OfficeId,
    string Channel,
    string ApplicantType,
    string Applicant,
    string SubjectId,
    string? Representative,
    string[] Documents,
    string[] FeeItems,
    string? FeeExemption,
    string TermVariant,
    string Term,
    Instant AcceptedAt,
    string ActorId,
    string ActorName,
    string? ActorPosition,
    Instant DueAt,
    string ModuleData,
    string Findings);

/// <summary>What the application list is asked for, after the actor's read scope is applied.</summary>
internal sealed record ApplicationListFilter(
    ReadScope Scope,
    string? OfficeId,
    string? ServiceCode,
    IReadOnlyList<string>? Statuses,
    bool OverdueOnly,
    Instant Now,
    (Instant DueAt, Guid Id)? After,
    int Limit,
    ApplicationSearch? Search = null);
