using System.Globalization;
using System.Text.Json;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Platform.Data;
using Kazgov.Platform.Fees;
using Kazgov.Platform.Http;
using Kazgov.Platform.Localization;
using Kazgov.Platform.Notifications;
using Kazgov.Platform.Problems;
using Kazgov.Platform.Security;
using NodaTime;

namespace Kazgov.Platform.Applications;

/// <summary>
/// The lifecycle all nine standards share (issue 6): submission with the document checklist of the
/// catalogue, the acknowledgement slip, status changes with their append-only history, fees from
/// the MCI, refusal on the service's own grounds with a written notice, suspension that moves the
/// due date, issuance against signature, and notifications through the outbox. Modules plug in
/// through <see cref="IServiceDefinition"/>. Every method runs inside the caller's transaction.
/// </summary>
internal sealed class ApplicationService(
    DbSession session,
    ServiceCatalogue catalogue,
    DeadlineService deadlines,
    MciStore mci,
    Outbox outbox,
    IAuditTrail audit,
    ICurrentActor actor,
    IClock clock,
    IEnumerable<IServiceDefinition> definitions)
{
    private readonly Dictionary<string, IServiceDefinition> _definitions = definitions.ToDictionary(d => d.ServiceCode, StringComparer.Ordinal);

    public async Task<SubmittedApplication> SubmitAsync(SubmitApplicationRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var today = now.InZone(WorkingCalendar.Zone).Date;
        var errors = new ValidationErrors();
        errors.Required("service", request.Service);
        errors.Required("officeId", request.OfficeId);
        errors.Required("applicantType", request.ApplicantType);
        ApplicantValidation.Validate(request.Applicant, "applicant", today, errors);
        ApplicantValidation.Validate(request.Representative, "representative", errors);
        errors.ThrowIfAny();

        var service = catalogue.Find(request.Service!) ?? throw ServiceTermsProblems.UnknownServiceCode(request.Service!);
        var office = await FindOfficeAsync(request.OfficeId!, cancellationToken);
        if (office is null || office.Retired)
        {
            // A retired office stays readable for its old applications but takes no new ones.
            throw new ProblemException(Offices.OfficeProblems.OfficeNotFound, extensions: new Dictionary<string, object?> { ["office"] = request.OfficeId });
        }

        if (!office.Services.Contains(service.Code))
        {
            throw new ProblemException(ApplicationProblems.ServiceNotOffered, new LocalizedText(
                "«{0}» бөлімшесі «{1}» қызметін көрсетпейді",
                "Подразделение «{0}» не оказывает услугу «{1}»",
                "The office '{0}' does not provide the service '{1}'").Format(office.Name, service.Code));
        }

        EnsureMaySubmit(office.Id, service.Code);
        var channel = ChannelOf(request.Channel, errors);
        var definition = _definitions.GetValueOrDefault(service.Code);
        if (request.SubType is not null && !(definition?.SubTypes ?? []).Contains(request.SubType))
        {
            errors.Add("subType", new LocalizedText("Қызметтің мұндай түрі жоқ", "У услуги нет такого вида", "The service has no such sub-type"));
        }

        var group = service.Documents.FirstOrDefault(g => g.ApplicantType == request.ApplicantType && g.AdditionalTo is null);
        if (group is null)
        {
            errors.Add("applicantType", new LocalizedText(
                "Қызметте мұндай өтініш беруші түрі жоқ: " + string.Join(", ", service.Documents.Where(g => g.AdditionalTo is null).Select(g => g.ApplicantType)),
                "У услуги нет такого типа заявителя: " + string.Join(", ", service.Documents.Where(g => g.AdditionalTo is null).Select(g => g.ApplicantType)),
                "The service has no such applicant type: " + string.Join(", ", service.Documents.Where(g => g.AdditionalTo is null).Select(g => g.ApplicantType))));
        }

        var feeItems = FeeItemsOf(service, request.FeeItems, errors);
        if (request.FeeExemption is not null && !feeItems.SelectMany(i => i.Exemptions).Any(e => e.Code == request.FeeExemption))
        {
            errors.Add("feeExemption", new LocalizedText("Бұл қызметтің бажында мұндай жеңілдік жоқ", "Для пошлины этой услуги нет такой льготы", "The duty of this service has no such exemption"));
        }

        var presented = (request.Documents ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (group is not null)
        {
            var known = service.Documents.Where(g => g == group || g.AdditionalTo == group.ApplicantType).SelectMany(g => g.Items).Select(i => i.Code).ToHashSet();
            foreach (var unknown in presented.Where(code => !known.Contains(code)))
            {
                errors.Add("documents", new LocalizedText("Белгісіз құжат: " + unknown, "Неизвестный документ: " + unknown, "Unknown document: " + unknown));
            }
        }

        ValidateReceipts(request.Receipts, feeItems, errors, "receipts");
        errors.ThrowIfAny();

        // §12 of every standard: all documents handed in, or nothing is accepted (refusal ground 1 where the standard lists one).
        var missing = group!.Items.Where(i => i.Mandatory && !presented.Contains(i.Code)).ToList();
        if (missing.Count > 0)
        {
            throw new ProblemException(ApplicationProblems.DocumentsMissing, new LocalizedText(
                    "Ұсынылмаған: " + string.Join("; ", missing.Select(m => m.Text.Kk)),
                    "Не представлены: " + string.Join("; ", missing.Select(m => m.Text.Ru)),
                    "Missing: " + string.Join("; ", missing.Select(m => m.Text.En))),
                extensions: new Dictionary<string, object?>
                {
                    ["missing"] = missing.Select(m => new { code = m.Code, text = m.Text.ToLocalized(), source = m.Source }).ToArray(),
                });
        }

        var applicant = request.Applicant! with
        {
            BirthDate = request.Applicant!.BirthDate
                ?? (Identifiers.Iin.TryParse(request.Applicant.Iin, out var iin, out _) ? iin!.BirthDate : null),
        };
        var moduleData = request.ModuleData is { ValueKind: JsonValueKind.Object } data ? data : JsonDocument.Parse("{}").RootElement;
        var findings = definition is null
            ? []
            : await definition.CheckEligibilityAsync(new EligibilityContext(service.Code, request.SubType, group.ApplicantType, applicant, moduleData, today, session), cancellationToken);
        EnsureGroundsOfService(service, findings.Select(f => f.RefusalGround));

        var (variant, deadline) = await deadlines.ComputeAsync(service.Code, request.TermVariant, now, office.Id, Duration.Zero, cancellationToken);
        var id = Guid.CreateVersion7();
        var number = await NextRegistrationNumberAsync(office, today.Year, cancellationToken);
        await session.ExecuteAsync(
            """
            INSERT INTO platform.applications
                (id, registration_number, service_code, sub_type, office_id, channel, status, applicant_type, applicant, subject_id,
                 representative, documents, fee_items, fee_exemption, term_variant, term, accepted_at, accepted_by, accepted_by_name,
                 accepted_by_position, due_at, submitted_by, module_data, eligibility_findings, version, updated_at)
            VALUES (@id, @number, @service, @subType, @office, @channel, 'submitted', @applicantType, @applicant::jsonb, @subject,
                 @representative::jsonb, @documents, @feeItems, @exemption, @variant, @term, @now, @actorId, @actorName,
                 @actorPosition, @dueAt, @actorId, @moduleData::jsonb, @findings::jsonb, 1, @now)
            """,
            new
            {
                id,
                number,
                service = service.Code,
                subType = request.SubType,
                office = office.Id,
                channel,
                applicantType = group.ApplicantType,
                applicant = JsonSerializer.Serialize(applicant, PlatformJson.Options),
                subject = applicant.SubjectId,
                representative = request.Representative is null ? null : JsonSerializer.Serialize(request.Representative, PlatformJson.Options),
                documents = presented.ToArray(),
                feeItems = feeItems.Select(i => i.Code).ToArray(),
                exemption = request.FeeExemption,
                variant = variant.Code,
                term = variant.Iso8601Term,
                now,
                actorId = actor.Id,
                actorName = actor.DisplayName,
                actorPosition = actor.Position,
                dueAt = deadline.DueAt,
                moduleData = moduleData.GetRawText(),
                findings = JsonSerializer.Serialize(findings, PlatformJson.Options),
            },
            cancellationToken);
        await AppendEventAsync(id, "submit", null, ApplicationStatus.Submitted, null, now, cancellationToken);
        foreach (var receipt in request.Receipts ?? [])
        {
            await InsertReceiptAsync(id, receipt, now, cancellationToken);
        }

        await AuditAsync("application.submit", applicant, id, service.Code, office.Id, cancellationToken);
        var view = await ViewAsync(await LoadAsync(id, forUpdate: false, cancellationToken), cancellationToken);
        return new SubmittedApplication(view, await SlipAsync(id, cancellationToken));
    }

    public async Task<ApplicationView> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await LoadReadableAsync(id, cancellationToken);
        await AuditAsync("application.read", row.ApplicantValue, row.Id, row.ServiceCode, row.OfficeId, cancellationToken);
        return await ViewAsync(row, cancellationToken);
    }

    public async Task<ApplicationView> ChangeAsync(Guid id, string? ifMatch, ApplicationAction action, object? body, CancellationToken cancellationToken)
    {
        var row = await LoadForChangeAsync(id, ifMatch, requireProcessing: action is not ApplicationAction.Withdraw, cancellationToken);
        var from = row.StatusValue;
        if (!ApplicationLifecycle.CanApply(from, action))
        {
            throw new ProblemException(PlatformProblems.InvalidTransition, new LocalizedText(
                    "«{0}» күйінде «{1}» мүмкін емес",
                    "В статусе «{0}» действие «{1}» невозможно",
                    "'{1}' is not possible in status '{0}'").Format(from.ToCode(), action.ToCode()),
                extensions: new Dictionary<string, object?>
                {
                    ["currentStatus"] = from.ToCode(),
                    ["allowedActions"] = ApplicationLifecycle.AllowedActions(from).Select(a => a.ToCode()).ToArray(),
                });
        }

        var now = clock.GetCurrentInstant();
        var to = ApplicationLifecycle.Target(action, row.StatusBeforeSuspension is null ? null : ApplicationStatusCodes.ParseStatus(row.StatusBeforeSuspension));
        string? reason = null;
        var dueAt = row.DueAt;
        switch (action)
        {
            case ApplicationAction.Approve:
                await EnsureMayApproveAsync(row, now, cancellationToken);
                break;
            case ApplicationAction.Refuse:
                reason = await RefuseAsync(row, (RefuseRequest?)body, now, cancellationToken);
                break;
            case ApplicationAction.Issue:
                reason = await IssueAsync(row, (IssueRequest?)body, now, cancellationToken);
                break;
            case ApplicationAction.Withdraw:
            case ApplicationAction.Suspend:
                reason = ((ReasonRequest?)body)?.Reason;
                new ValidationErrors().Required("reason", reason).ThrowIfAny();
                break;
            case ApplicationAction.Resume:
                dueAt = await ResumeAsync(row, now, cancellationToken);
                break;
        }

        if (action == ApplicationAction.Suspend)
        {
            await session.ExecuteAsync(
                "INSERT INTO platform.suspensions (application_id, started_at, reason, due_at_before) VALUES (@id, @now, @reason, @dueAt)",
                new { id, now, reason, dueAt = row.DueAt },
                cancellationToken);
        }

        await session.ExecuteAsync(
            """
            UPDATE platform.applications
            SET status = @to, status_before_suspension = @before, suspended_since = @since, due_at = @dueAt,
                version = version + 1, updated_at = @now
            WHERE id = @id
            """,
            new
            {
                id,
                to = to.ToCode(),
                before = action == ApplicationAction.Suspend ? from.ToCode() : null,
                since = action == ApplicationAction.Suspend ? now : (Instant?)null,
                dueAt,
                now,
            },
            cancellationToken);
        await AppendEventAsync(id, action.ToCode(), from, to, reason, now, cancellationToken);
        if (to is ApplicationStatus.ReadyForIssue or ApplicationStatus.Refused)
        {
            await NotifyAsync(row, to, cancellationToken);
        }

        await AuditAsync("application." + action.ToCode(), row.ApplicantValue, id, row.ServiceCode, row.OfficeId, cancellationToken);
        return await ViewAsync(await LoadAsync(id, forUpdate: false, cancellationToken), cancellationToken);
    }

    public async Task<ApplicationView> RecordReceiptAsync(Guid id, string? ifMatch, ReceiptRequest request, CancellationToken cancellationToken)
    {
        var row = await LoadForChangeAsync(id, ifMatch, requireProcessing: false, cancellationToken);
        if (ApplicationLifecycle.IsFinal(row.StatusValue))
        {
            throw new ProblemException(PlatformProblems.InvalidTransition, extensions: new Dictionary<string, object?> { ["currentStatus"] = row.Status, ["allowedActions"] = Array.Empty<string>() });
        }

        var service = catalogue.Find(row.ServiceCode)!;
        var errors = new ValidationErrors();
        ValidateReceipts([request], service.Fees.Items.Where(i => row.FeeItems.Contains(i.Code)).ToList(), errors, "receipt");
        errors.ThrowIfAny();
        var now = clock.GetCurrentInstant();
        await InsertReceiptAsync(id, request, now, cancellationToken);
        await session.ExecuteAsync("UPDATE platform.applications SET version = version + 1, updated_at = @now WHERE id = @id", new { id, now }, cancellationToken);
        await AuditAsync("application.receipt", row.ApplicantValue, id, row.ServiceCode, row.OfficeId, cancellationToken);
        return await ViewAsync(await LoadAsync(id, forUpdate: false, cancellationToken), cancellationToken);
    }

    public async Task<ApplicationHistory> HistoryAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await LoadReadableAsync(id, cancellationToken);
        var events = await session.QueryAsync<ApplicationEvent>(
            """
            SELECT id AS Id, at AS At, actor_id AS ActorId, actor_name AS ActorName, action AS Action,
                   from_status AS FromStatus, to_status AS ToStatus, reason AS Reason
            FROM platform.application_events WHERE application_id = @id ORDER BY id
            """,
            new { id },
            cancellationToken);
        await AuditAsync("application.history", row.ApplicantValue, id, row.ServiceCode, row.OfficeId, cancellationToken);
        return new ApplicationHistory(id, row.RegistrationNumber, events.ToList());
    }

    public async Task<AcknowledgementSlip> AcknowledgementAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await LoadReadableAsync(id, cancellationToken);
        await AuditAsync("application.acknowledgement", row.ApplicantValue, id, row.ServiceCode, row.OfficeId, cancellationToken);
        return await SlipAsync(id, cancellationToken);
    }

    public async Task<RefusalNotice> RefusalNoticeAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await LoadReadableAsync(id, cancellationToken);
        var refusal = await RefusalOfAsync(id, cancellationToken)
            ?? throw new ProblemException(PlatformProblems.InvalidTransition, new LocalizedText(
                "Өтініш бойынша бас тарту жоқ", "По заявлению нет отказа", "The application has not been refused"),
                extensions: new Dictionary<string, object?> { ["currentStatus"] = row.Status });
        await AuditAsync("application.refusal-notice", row.ApplicantValue, id, row.ServiceCode, row.OfficeId, cancellationToken);
        var all = await NoticeTextAsync(row, refusal.Grounds, refusal.Explanation, refusal.RefusedAt, cancellationToken);
        return new RefusalNotice(id, row.RegistrationNumber, refusal.NoticeLanguage, all.In(refusal.NoticeLanguage), all);
    }

    public async Task<ApplicationList> ListAsync(string? officeId, string? service, string? status, bool overdueOnly, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (limit is < 1 or > 200)
        {
            errors.Add("limit", new LocalizedText("1-ден 200-ге дейін", "От 1 до 200", "From 1 to 200"));
        }

        if (status is not null && !ApplicationStatusCodes.TryParseStatus(status, out _))
        {
            errors.Add("status", new LocalizedText("Белгісіз күй", "Неизвестный статус", "Unknown status"));
        }

        if (service is not null && !catalogue.Exists(service))
        {
            errors.Add("service", new LocalizedText("Белгісіз қызмет", "Неизвестная услуга", "Unknown service"));
        }

        var after = ApplicationCursor.TryParse(cursor, out var parsed) ? parsed : ((Instant, Guid)?)null;
        if (cursor is not null && after is null)
        {
            errors.Add("cursor", new LocalizedText("Курсор дұрыс емес", "Некорректный курсор", "The cursor is not valid"));
        }

        errors.ThrowIfAny();

        // Staff see their own office (an auditor without an office any office they name); clients see what they submitted.
        string? clientId = null;
        if (actor.Kind == ActorKind.Client)
        {
            clientId = actor.Id;
        }
        else if (actor.OfficeId is not null)
        {
            if (officeId is not null && officeId != actor.OfficeId)
            {
                return new ApplicationList([], null, 0);
            }

            officeId = actor.OfficeId;
        }

        // A clerk sees only the services they serve.
        var services = actor.Kind == ActorKind.Staff && actor.Role == Roles.Clerk ? actor.Services.ToArray() : null;
        var now = clock.GetCurrentInstant();
        var open = new[] { "submitted", "in-review", "approved", "ready-for-issue", "suspended" };
        var filter = """
            (@office::text IS NULL OR office_id = @office)
            AND (@service::text IS NULL OR service_code = @service)
            AND (@services::text[] IS NULL OR service_code = ANY(@services))
            AND (@status::text IS NULL OR status = @status)
            AND (@client::text IS NULL OR submitted_by = @client)
            """;
        var parameters = new
        {
            office = officeId,
            service,
            services,
            status,
            client = clientId,
            open,
            now,
            afterDue = after?.Item1,
            afterId = after?.Item2,
            limit = limit + 1,
        };
        var rows = (await session.QueryAsync<ApplicationRow>(
            $"""
            SELECT {ApplicationRow.Columns} FROM platform.applications
            WHERE {filter}
              AND (NOT @overdue OR (status = ANY(@open) AND due_at <= @now))
              AND (@afterDue::timestamptz IS NULL OR (due_at, id) > (@afterDue, @afterId))
            ORDER BY due_at, id
            LIMIT @limit
            """,
            new
            {
                parameters.office,
                parameters.service,
                parameters.services,
                parameters.status,
                parameters.client,
                parameters.open,
                parameters.now,
                parameters.afterDue,
                parameters.afterId,
                parameters.limit,
                overdue = overdueOnly,
            },
            cancellationToken)).ToList();
        var overdueCount = await session.ExecuteScalarAsync<long>(
            $"SELECT count(*) FROM platform.applications WHERE {filter} AND status = ANY(@open) AND due_at <= @now",
            new { parameters.office, parameters.service, parameters.services, parameters.status, parameters.client, parameters.open, parameters.now },
            cancellationToken);

        var page = rows.Take(limit).ToList();
        var today = now.InZone(WorkingCalendar.Zone).Date;
        var items = page.Select(row =>
        {
            var isOpen = !ApplicationLifecycle.IsFinal(row.StatusValue);
            return new ApplicationSummary(
                row.Id, row.RegistrationNumber, row.ServiceCode, row.OfficeId, row.Status, row.ApplicantValue.FullName, row.SubjectId,
                row.AcceptedAt, row.DueAt, isOpen && row.DueAt <= now, isOpen && DueDateOf(row.DueAt) == today);
        }).ToList();
        var next = rows.Count > limit ? ApplicationCursor.Format(page[^1].DueAt, page[^1].Id) : null;

        // The list shows names and identifiers: each person whose data was shown gets an audit record.
        foreach (var row in page)
        {
            await AuditAsync("application.list", row.ApplicantValue, row.Id, row.ServiceCode, row.OfficeId, cancellationToken);
        }

        return new ApplicationList(items, next, overdueCount);
    }

    private static LocalDate DueDateOf(Instant dueAt) => (dueAt - Duration.FromTicks(1)).InZone(WorkingCalendar.Zone).Date;

    private void EnsureMaySubmit(string officeId, string service)
    {
        var allowed = actor.Kind switch
        {
            ActorKind.Staff => actor.Role is Roles.Clerk or Roles.UnitHead && actor.CanChange(officeId, service),
            ActorKind.Client => actor.Scopes.Contains(Scopes.For(service, Scopes.Submit)),
            _ => false,
        };
        if (!allowed)
        {
            throw new ProblemException(SecurityProblems.Forbidden, new LocalizedText(
                "Сіз бұл бөлімшеде бұл қызмет бойынша өтініш қабылдай алмайсыз",
                "Вы не можете принимать заявления по этой услуге в этом подразделении",
                "You may not take applications for this service at this office"));
        }
    }

    private string ChannelOf(string? requested, ValidationErrors errors)
    {
        var channel = requested ?? (actor.Kind == ActorKind.Client ? "api" : "front-office");
        var allowed = actor.Kind == ActorKind.Client ? new[] { "e-gov", "api" } : ["front-office"];
        if (!allowed.Contains(channel))
        {
            errors.Add("channel", new LocalizedText(
                "Рұқсат етілген арна: " + string.Join(", ", allowed),
                "Допустимый канал: " + string.Join(", ", allowed),
                "Allowed channel: " + string.Join(", ", allowed)));
        }

        return channel;
    }

    private static List<FeeItem> FeeItemsOf(ServiceEntry service, IReadOnlyList<string>? requested, ValidationErrors errors)
    {
        if (service.Fees.Free)
        {
            if (requested is { Count: > 0 })
            {
                errors.Add("feeItems", new LocalizedText("Қызмет тегін", "Услуга бесплатна", "The service is free"));
            }

            return [];
        }

        if (requested is null or { Count: 0 })
        {
            if (service.Fees.Items.Count == 1)
            {
                return [service.Fees.Items[0]];
            }

            errors.Add("feeItems", new LocalizedText(
                "Төлем баптарын көрсетіңіз: " + string.Join(", ", service.Fees.Items.Select(i => i.Code)),
                "Укажите статьи оплаты: " + string.Join(", ", service.Fees.Items.Select(i => i.Code)),
                "Give the fee items: " + string.Join(", ", service.Fees.Items.Select(i => i.Code))));
            return [];
        }

        var items = new List<FeeItem>();
        foreach (var code in requested.Distinct(StringComparer.Ordinal))
        {
            var item = service.Fees.Items.FirstOrDefault(i => i.Code == code);
            if (item is null)
            {
                errors.Add("feeItems", new LocalizedText("Белгісіз төлем бабы: " + code, "Неизвестная статья оплаты: " + code, "Unknown fee item: " + code));
            }
            else
            {
                items.Add(item);
            }
        }

        return items;
    }

    private static void ValidateReceipts(IReadOnlyList<ReceiptRequest>? receipts, IReadOnlyList<FeeItem> items, ValidationErrors errors, string prefix)
    {
        for (var i = 0; i < (receipts?.Count ?? 0); i++)
        {
            var receipt = receipts![i];
            var field = receipts.Count == 1 && prefix == "receipt" ? prefix : $"{prefix}[{i}]";
            if (receipt.Item is null || items.All(item => item.Code != receipt.Item))
            {
                errors.Add(field + ".item", new LocalizedText(
                    "Өтініштің төлем баптарының бірі болуы керек",
                    "Должна быть одной из статей оплаты заявления",
                    "Must be one of the application's fee items"));
            }

            errors.Required(field + ".bank", receipt.Bank);
            errors.Required(field + ".receiptNumber", receipt.ReceiptNumber);
            if (receipt.PaidOn is null)
            {
                errors.Add(field + ".paidOn", CommonMessages.Required);
            }

            if (receipt.Amount is not > 0 || decimal.Round(receipt.Amount.Value, 2) != receipt.Amount)
            {
                errors.Add(field + ".amount", new LocalizedText(
                    "Сома оң, тиынға дейін болуы керек",
                    "Сумма должна быть положительной, с точностью до тиына",
                    "The amount must be positive, to the tiyn"));
            }
        }
    }

    private static void EnsureGroundsOfService(ServiceEntry service, IEnumerable<string> grounds)
    {
        var unknown = grounds.Where(g => service.RefusalGrounds.All(r => r.Code != g)).ToList();
        if (unknown.Count > 0)
        {
            // A module naming a ground its standard does not have is a programming error, not the caller's.
            throw new InvalidOperationException($"Refusal grounds {string.Join(", ", unknown)} are not in the catalogue of {service.Code}.");
        }
    }

    private async Task EnsureMayApproveAsync(ApplicationRow row, Instant now, CancellationToken cancellationToken)
    {
        var fees = await FeesOfAsync(row, cancellationToken);
        if (!fees.Settled)
        {
            throw new ProblemException(ApplicationProblems.FeeUnpaid, new LocalizedText(
                    "Төлеу керек: {0} ₸, төленгені: {1} ₸",
                    "К оплате: {0} ₸, оплачено: {1} ₸",
                    "Due: {0} KZT, paid: {1} KZT").Format(fees.TotalDue.ToString("0.00", CultureInfo.InvariantCulture), fees.TotalPaid.ToString("0.00", CultureInfo.InvariantCulture)),
                extensions: new Dictionary<string, object?> { ["fees"] = fees });
        }

        // Eligibility is judged again on the day of decision (e.g. age thresholds, driver-licence §17.5).
        if (_definitions.GetValueOrDefault(row.ServiceCode) is { } definition)
        {
            var today = now.InZone(WorkingCalendar.Zone).Date;
            var findings = await definition.CheckEligibilityAsync(
                new EligibilityContext(row.ServiceCode, row.SubType, row.ApplicantType, row.ApplicantValue, row.ModuleDataValue, today, session), cancellationToken);
            EnsureGroundsOfService(catalogue.Find(row.ServiceCode)!, findings.Select(f => f.RefusalGround));
            await session.ExecuteAsync(
                "UPDATE platform.applications SET eligibility_findings = @findings::jsonb WHERE id = @id",
                new { id = row.Id, findings = JsonSerializer.Serialize(findings, PlatformJson.Options) },
                cancellationToken);
            if (findings.Count > 0)
            {
                throw new ProblemException(ApplicationProblems.EligibilityFailed, new LocalizedText(
                        string.Join("; ", findings.Select(f => f.Explanation.Kk)),
                        string.Join("; ", findings.Select(f => f.Explanation.Ru)),
                        string.Join("; ", findings.Select(f => f.Explanation.En))),
                    extensions: new Dictionary<string, object?> { ["refusalGrounds"] = findings.Select(f => f.RefusalGround).ToArray() });
            }

            var reference = await definition.OnApprovedAsync(Context(row, now), cancellationToken);
            await session.ExecuteAsync(
                "UPDATE platform.applications SET result_reference = @reference WHERE id = @id",
                new { id = row.Id, reference },
                cancellationToken);
        }
    }

    private async Task<string> RefuseAsync(ApplicationRow row, RefuseRequest? request, Instant now, CancellationToken cancellationToken)
    {
        var service = catalogue.Find(row.ServiceCode)!;
        var errors = new ValidationErrors();
        if (request?.Grounds is not { Count: > 0 })
        {
            errors.Add("grounds", CommonMessages.Required);
        }

        errors.Required("explanation", request?.Explanation);
        errors.ThrowIfAny();
        var grounds = request!.Grounds!.Distinct(StringComparer.Ordinal).ToList();
        var unknown = grounds.Where(g => catalogue.FindRefusalGround(row.ServiceCode, g) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new ProblemException(ApplicationProblems.UnknownRefusalGround, new LocalizedText(
                    "«{0}» қызметінің негіздері: {1}",
                    "Основания услуги «{0}»: {1}",
                    "The grounds of '{0}' are: {1}").Format(row.ServiceCode, string.Join(", ", service.RefusalGrounds.Select(r => r.Code))),
                extensions: new Dictionary<string, object?>
                {
                    ["unknownGrounds"] = unknown,
                    ["allowedGrounds"] = service.RefusalGrounds.Select(r => r.Code).ToArray(),
                });
        }

        var language = row.ApplicantValue.Language;
        var notice = await NoticeTextAsync(row, grounds, request.Explanation!, now, cancellationToken);
        await session.ExecuteAsync(
            """
            INSERT INTO platform.refusals (application_id, grounds, explanation, notice_language, notice, refused_at, refused_by)
            VALUES (@id, @grounds, @explanation, @language, @notice, @now, @by)
            """,
            new { id = row.Id, grounds = grounds.ToArray(), explanation = request.Explanation, language = language.ToCode(), notice = notice.In(language), now, by = actor.Id },
            cancellationToken);
        return string.Join(", ", grounds);
    }

    private async Task<string> IssueAsync(ApplicationRow row, IssueRequest? request, Instant now, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Required("receivedBy", request?.ReceivedBy);
        errors.Required("identityDocument", request?.IdentityDocument);
        if (request is { SignatureTaken: false })
        {
            errors.Add("signatureTaken", new LocalizedText(
                "Нәтиже беру кітабындағы қолтаңбамен беріледі",
                "Результат выдаётся под роспись в журнале выдачи",
                "The result is handed over against signature in the issuance register"));
        }

        errors.ThrowIfAny();
        if (_definitions.GetValueOrDefault(row.ServiceCode) is { } definition)
        {
            await definition.OnIssuingAsync(Context(row, now), cancellationToken);
        }

        await session.ExecuteAsync(
            """
            INSERT INTO platform.issuances (application_id, received_by, identity_document, signed, issued_at, issued_by)
            VALUES (@id, @receivedBy, @identityDocument, true, @now, @by)
            """,
            new { id = row.Id, receivedBy = request!.ReceivedBy, identityDocument = request.IdentityDocument, now, by = actor.Id },
            cancellationToken);
        return request.ReceivedBy!;
    }

    /// <summary>The suspended span stops the clock: the due date is computed again with all suspensions taken out.</summary>
    private async Task<Instant> ResumeAsync(ApplicationRow row, Instant now, CancellationToken cancellationToken)
    {
        var earlier = await session.ExecuteScalarAsync<long>(
            "SELECT coalesce(sum(extract(epoch FROM ended_at - started_at)), 0)::bigint FROM platform.suspensions WHERE application_id = @id AND ended_at IS NOT NULL",
            new { id = row.Id },
            cancellationToken);
        var suspended = Duration.FromSeconds(earlier) + (now - row.SuspendedSince!.Value);
        var (_, deadline) = await deadlines.ComputeAsync(row.ServiceCode, row.TermVariant, row.AcceptedAt, row.OfficeId, suspended, cancellationToken);
        await session.ExecuteAsync(
            "UPDATE platform.suspensions SET ended_at = @now, due_at_after = @dueAt WHERE application_id = @id AND ended_at IS NULL",
            new { id = row.Id, now, dueAt = deadline.DueAt },
            cancellationToken);
        return deadline.DueAt;
    }

    private LifecycleContext Context(ApplicationRow row, Instant now) =>
        new(row.Id, row.RegistrationNumber, row.ServiceCode, row.SubType, row.OfficeId, row.ApplicantValue, row.ModuleDataValue, now, session);

    private async Task NotifyAsync(ApplicationRow row, ApplicationStatus status, CancellationToken cancellationToken)
    {
        var applicant = row.ApplicantValue;
        var office = await FindOfficeAsync(row.OfficeId, cancellationToken);
        var service = catalogue.Find(row.ServiceCode)!;
        var text = status == ApplicationStatus.ReadyForIssue
            ? new LocalizedText(
                "{0}! «{1}» бойынша {2} нөмірлі өтінішіңіздің нәтижесі дайын. Оны {3} бөлімшесінен алуға болады.",
                "{0}! Результат по заявлению № {2} («{1}») готов. Его можно получить в подразделении: {3}.",
                "{0}, the result of your application {2} ({1}) is ready. You can collect it at {3}.")
            : new LocalizedText(
                "{0}! «{1}» бойынша {2} нөмірлі өтінішіңізге бас тартылды. Жазбаша хабарламаны {3} бөлімшесінен алыңыз.",
                "{0}! По заявлению № {2} («{1}») принят отказ. Письменное уведомление можно получить в подразделении: {3}.",
                "{0}, your application {2} ({1}) has been refused. The written notice is available at {3}.");
        var name = service.Name.ToLocalized();
        var rendered = text.Format(applicant.FullName, name.In(applicant.Language), row.RegistrationNumber, office?.Name ?? row.OfficeId).In(applicant.Language);
        var (channel, recipient) = applicant.Phone is { Length: > 0 } phone
            ? (NotificationChannel.Sms, phone)
            : (NotificationChannel.Email, applicant.Email!);
        await outbox.EnqueueAsync(new OutboxMessage(channel, recipient, applicant.Language, "Kazgov " + row.RegistrationNumber, rendered, row.RegistrationNumber), cancellationToken);
    }

    private async Task<LocalizedText> NoticeTextAsync(ApplicationRow row, IReadOnlyList<string> grounds, string explanation, Instant refusedAt, CancellationToken cancellationToken)
    {
        var service = catalogue.Find(row.ServiceCode)!;
        var office = await FindOfficeAsync(row.OfficeId, cancellationToken);
        var applicant = row.ApplicantValue;
        var accepted = row.AcceptedAt.InZone(WorkingCalendar.Zone).Date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        var refused = refusedAt.InZone(WorkingCalendar.Zone).Date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        var review = service.Complaints.ReviewTermText.ToLocalized();
        string Render(Language language, string title, string body, string groundsTitle, string explanationTitle, string appeal)
        {
            var lines = new List<string>
            {
                office?.Name ?? row.OfficeId,
                refused,
                "",
                title,
                "",
                applicant.FullName + " (" + applicant.SubjectId + ")",
                "",
                string.Format(CultureInfo.InvariantCulture, body, row.RegistrationNumber, accepted, service.Name.ToLocalized().In(language)),
                "",
                groundsTitle,
            };
            var number = 1;
            foreach (var code in grounds)
            {
                var ground = catalogue.FindRefusalGround(row.ServiceCode, code)!;
                lines.Add($"{number++}. {ground.Text.ToLocalized().In(language)} ({ground.Source})");
            }

            lines.Add("");
            lines.Add(explanationTitle + " " + explanation);
            lines.Add("");
            lines.Add(appeal + " " + string.Join("; ", service.Complaints.Route.Select(r => r.Text.ToLocalized().In(language))) + ". " + review.In(language));
            lines.Add("");
            lines.Add((actor.Position is null ? "" : actor.Position + " ") + actor.DisplayName);
            return string.Join("\n", lines);
        }

        return new LocalizedText(
            Render(Language.Kk, "МЕМЛЕКЕТТІК ҚЫЗМЕТ КӨРСЕТУДЕН БАС ТАРТУ ТУРАЛЫ ХАБАРЛАМА",
                "Сіздің {1} жылғы {0} нөмірлі «{2}» мемлекеттік қызметін алуға өтінішіңіз қаралды.",
                "Стандартта көзделген бас тарту негіздері:", "Түсініктеме:", "Шешімге шағымдануға болады:"),
            Render(Language.Ru, "УВЕДОМЛЕНИЕ ОБ ОТКАЗЕ В ОКАЗАНИИ ГОСУДАРСТВЕННОЙ УСЛУГИ",
                "Рассмотрено Ваше заявление № {0} от {1} на получение государственной услуги «{2}».",
                "Основания для отказа, предусмотренные стандартом:", "Пояснение:", "Решение можно обжаловать:"),
            Render(Language.En, "NOTICE OF REFUSAL TO PROVIDE A PUBLIC SERVICE",
                "Your application No. {0} of {1} for the public service \"{2}\" has been considered and refused.",
                "Grounds for refusal under the standard:", "Explanation:", "You may appeal:"));
    }

    private async Task<AcknowledgementSlip> SlipAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await LoadAsync(id, forUpdate: false, cancellationToken);
        var office = await FindOfficeAsync(row.OfficeId, cancellationToken);
        var service = catalogue.Find(row.ServiceCode)!;
        var local = row.AcceptedAt.InZone(WorkingCalendar.Zone).LocalDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var due = DueDateOf(row.DueAt).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        var next = new LocalizedText(
            $"Өтінішіңіз {due} дейін қаралады. Нәтиже дайын болғанда немесе бас тартылғанда SMS не электрондық хат жіберіледі. Нәтижені жеке басыңызды куәландыратын құжатты көрсетіп, қолхатпен аласыз.",
            $"Заявление будет рассмотрено до {due}. Когда результат будет готов или будет принят отказ, придёт SMS или письмо. Результат выдаётся под роспись при предъявлении документа, удостоверяющего личность.",
            $"Your application will be dealt with by {due}. You will get an SMS or e-mail when the result is ready or if it is refused. The result is handed over against signature on showing an identity document.");
        if (_definitions.GetValueOrDefault(row.ServiceCode)?.NextSteps is { } extra)
        {
            next = new LocalizedText(next.Kk + " " + extra.Kk, next.Ru + " " + extra.Ru, next.En + " " + extra.En);
        }

        return new AcknowledgementSlip(
            row.Id, row.RegistrationNumber, row.ServiceCode, service.Name.ToLocalized(),
            new OfficeRef(row.OfficeId, office?.Name ?? row.OfficeId, office?.Address ?? ""),
            new AcceptingOfficial(row.AcceptedBy, row.AcceptedByName, row.AcceptedByPosition),
            row.AcceptedAt, local, row.DueAt, DueDateOf(row.DueAt), row.ApplicantValue.FullName, row.Documents, next);
    }

    private async Task<ApplicationView> ViewAsync(ApplicationRow row, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var status = row.StatusValue;
        var receipts = await ReceiptsOfAsync(row.Id, cancellationToken);
        var refusal = await RefusalOfAsync(row.Id, cancellationToken);
        var issuance = await session.QuerySingleOrDefaultAsync<IssuanceView>(
            "SELECT received_by AS ReceivedBy, identity_document AS IdentityDocument, issued_at AS IssuedAt, issued_by AS IssuedBy FROM platform.issuances WHERE application_id = @id",
            new { id = row.Id },
            cancellationToken);
        return new ApplicationView(
            row.Id, row.RegistrationNumber, row.ServiceCode, row.SubType, row.OfficeId, row.Channel, row.Status,
            ApplicationLifecycle.AllowedActions(status).Select(a => a.ToCode()).ToList(),
            row.ApplicantType, row.ApplicantValue, row.RepresentativeValue, row.Documents,
            await FeesOfAsync(row, receipts, cancellationToken), receipts,
            row.TermVariant, row.Term, row.AcceptedAt, new AcceptingOfficial(row.AcceptedBy, row.AcceptedByName, row.AcceptedByPosition),
            row.DueAt, DueDateOf(row.DueAt), !ApplicationLifecycle.IsFinal(status) && row.DueAt <= now, row.SuspendedSince,
            row.FindingsValue, row.ResultReference, refusal, issuance, row.ModuleDataValue, row.Version);
    }

    private async Task<FeeStatus> FeesOfAsync(ApplicationRow row, CancellationToken cancellationToken) =>
        await FeesOfAsync(row, await ReceiptsOfAsync(row.Id, cancellationToken), cancellationToken);

    /// <summary>
    /// Each item is priced at the MCI in force on the day it was paid (the first receipt's date), or
    /// today while nothing is paid; it is settled when its receipts cover that amount.
    /// </summary>
    private async Task<FeeStatus> FeesOfAsync(ApplicationRow row, IReadOnlyList<ReceiptView> receipts, CancellationToken cancellationToken)
    {
        var service = catalogue.Find(row.ServiceCode)!;
        var today = clock.GetCurrentInstant().InZone(WorkingCalendar.Zone).Date;
        var table = await mci.LoadAsync(cancellationToken);
        var lines = new List<FeeLineStatus>();
        foreach (var item in service.Fees.Items.Where(i => row.FeeItems.Contains(i.Code)))
        {
            var paid = receipts.Where(r => r.Item == item.Code).ToList();
            var priceDate = paid.Count > 0 ? paid.Min(r => r.PaidOn) : today;
            var rate = table.InForceOn(priceDate) ?? table.Rates[0];
            var due = FeeCalculator.Amount(rate.Value, item.PercentOfMci);
            var sum = paid.Sum(r => r.Amount);
            lines.Add(new FeeLineStatus(item.Code, item.PercentOfMci, priceDate, rate.Value, due, sum, sum >= due));
        }

        var exempt = row.FeeExemption is not null;
        return new FeeStatus(service.Fees.Free, row.FeeExemption, lines, lines.Sum(l => l.AmountDue), lines.Sum(l => l.Paid),
            service.Fees.Free || exempt || lines.All(l => l.Settled));
    }

    private async Task<IReadOnlyList<ReceiptView>> ReceiptsOfAsync(Guid id, CancellationToken cancellationToken) =>
        (await session.QueryAsync<ReceiptView>(
            """
            SELECT id AS Id, item AS Item, bank AS Bank, receipt_number AS ReceiptNumber, paid_on AS PaidOn, amount AS Amount,
                   recorded_at AS RecordedAt, recorded_by AS RecordedBy
            FROM platform.fee_receipts WHERE application_id = @id ORDER BY recorded_at, id
            """,
            new { id },
            cancellationToken)).ToList();

    private async Task<RefusalView?> RefusalOfAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleOrDefaultAsync<RefusalRow>(
            """
            SELECT grounds AS Grounds, explanation AS Explanation, notice_language AS NoticeLanguage, notice AS Notice,
                   refused_at AS RefusedAt, refused_by AS RefusedBy
            FROM platform.refusals WHERE application_id = @id
            """,
            new { id },
            cancellationToken);
        return row is null ? null : new RefusalView(row.Grounds, row.Explanation, LanguageCodes.TryParse(row.NoticeLanguage, out var l) ? l : Language.Kk, row.Notice, row.RefusedAt, row.RefusedBy);
    }

    private async Task InsertReceiptAsync(Guid id, ReceiptRequest receipt, Instant now, CancellationToken cancellationToken)
    {
        var inserted = await session.ExecuteAsync(
            """
            INSERT INTO platform.fee_receipts (id, application_id, item, bank, receipt_number, paid_on, amount, recorded_at, recorded_by)
            VALUES (@receiptId, @id, @item, @bank, @number, @paidOn, @amount, @now, @by)
            ON CONFLICT (bank, receipt_number) DO NOTHING
            """,
            new { receiptId = Guid.CreateVersion7(), id, item = receipt.Item, bank = receipt.Bank!.Trim(), number = receipt.ReceiptNumber!.Trim(), paidOn = receipt.PaidOn, amount = receipt.Amount, now, by = actor.Id },
            cancellationToken);
        if (inserted == 0)
        {
            throw new ProblemException(ApplicationProblems.ReceiptAlreadyRecorded, new LocalizedText(
                "{0} банкінің {1} түбіртегі бұрын тіркелген",
                "Квитанция {1} банка {0} уже зарегистрирована",
                "Receipt {1} of {0} has already been recorded").Format(receipt.Bank, receipt.ReceiptNumber));
        }
    }

    private async Task<string> NextRegistrationNumberAsync(OfficeRow office, int year, CancellationToken cancellationToken)
    {
        var sequence = await session.ExecuteScalarAsync<int>(
            """
            INSERT INTO platform.registration_counters (office_id, year, last) VALUES (@office, @year, 1)
            ON CONFLICT (office_id, year) DO UPDATE SET last = registration_counters.last + 1
            RETURNING last
            """,
            new { office = office.Id, year },
            cancellationToken);
        // <office code>-<year>-<sequence>, e.g. 671C3429-2026-000012: the office code is the stable hash that ends
        // the office's directory id, so the number is unique across offices and readable over the phone.
        var officeCode = office.Id[(office.Id.LastIndexOf('-') + 1)..].ToUpperInvariant();
        return string.Create(CultureInfo.InvariantCulture, $"{officeCode}-{year}-{sequence:D6}");
    }

    private async Task AppendEventAsync(Guid id, string action, ApplicationStatus? from, ApplicationStatus to, string? reason, Instant at, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            """
            INSERT INTO platform.application_events (application_id, at, actor_id, actor_name, action, from_status, to_status, reason)
            VALUES (@id, @at, @actorId, @actorName, @action, @from, @to, @reason)
            """,
            new { id, at, actorId = actor.Id, actorName = actor.DisplayName, action, from = from?.ToCode(), to = to.ToCode(), reason },
            cancellationToken);

    private async Task AuditAsync(string operation, ApplicantDetails applicant, Guid id, string service, string office, CancellationToken cancellationToken)
    {
        var kind = applicant.Kind switch
        {
            ApplicantKind.Individual => AuditSubjects.Iin,
            ApplicantKind.LegalEntity => AuditSubjects.Bin,
            _ => AuditSubjects.Document,
        };
        await audit.RecordAsync(new AuditEvent(operation, kind, applicant.SubjectId) { ObjectId = id.ToString(), ServiceCode = service, OfficeId = office }, cancellationToken);
    }

    private async Task<ApplicationRow> LoadAsync(Guid id, bool forUpdate, CancellationToken cancellationToken) =>
        await session.QuerySingleOrDefaultAsync<ApplicationRow>(
            $"SELECT {ApplicationRow.Columns} FROM platform.applications WHERE id = @id" + (forUpdate ? " FOR UPDATE" : ""),
            new { id },
            cancellationToken)
        ?? throw new ProblemException(ApplicationProblems.ApplicationNotFound);

    /// <summary>An application the actor may not read does not exist for them (404): ids cannot be probed.</summary>
    private async Task<ApplicationRow> LoadReadableAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await LoadAsync(id, forUpdate: false, cancellationToken);
        if (!actor.CanRead(row.OfficeId, row.ServiceCode, row.SubmittedBy))
        {
            throw new ProblemException(ApplicationProblems.ApplicationNotFound);
        }

        return row;
    }

    private async Task<ApplicationRow> LoadForChangeAsync(Guid id, string? ifMatch, bool requireProcessing, CancellationToken cancellationToken)
    {
        var row = await LoadAsync(id, forUpdate: true, cancellationToken);
        if (!actor.CanRead(row.OfficeId, row.ServiceCode, row.SubmittedBy))
        {
            throw new ProblemException(ApplicationProblems.ApplicationNotFound);
        }

        if (!actor.CanChange(row.OfficeId, row.ServiceCode, row.SubmittedBy) || (requireProcessing && actor.Kind != ActorKind.Staff))
        {
            throw new ProblemException(SecurityProblems.Forbidden);
        }

        Preconditions.RequireCurrent(ifMatch, row.Version);

        return row;
    }

    private async Task<OfficeRow?> FindOfficeAsync(string officeId, CancellationToken cancellationToken)
    {
        var office = await session.QuerySingleOrDefaultAsync<OfficeRow>(
            "SELECT id AS Id, name AS Name, address AS Address, retired_at IS NOT NULL AS Retired FROM platform.offices WHERE id = @officeId",
            new { officeId },
            cancellationToken);
        if (office is not null)
        {
            office.Services = (await session.QueryAsync<string>(
                "SELECT service_code FROM platform.office_services WHERE office_id = @officeId", new { officeId }, cancellationToken)).ToHashSet();
        }

        return office;
    }

    private sealed class OfficeRow
    {
        public string Id { get; set; } = "";

        public string Name { get; set; } = "";

        public string Address { get; set; } = "";

        public bool Retired { get; set; }

        public HashSet<string> Services { get; set; } = [];
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

/// <summary>The opaque paging cursor of the application list: the last item's due moment and id.</summary>
internal static class ApplicationCursor
{
    public static string Format(Instant dueAt, Guid id) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(dueAt.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture) + "|" + id));

    public static bool TryParse(string? cursor, out (Instant, Guid) value)
    {
        value = default;
        if (cursor is null)
        {
            return false;
        }

        try
        {
            var parts = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split('|');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) && Guid.TryParse(parts[1], out var id))
            {
                value = (Instant.FromUnixTimeTicks(ticks), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
