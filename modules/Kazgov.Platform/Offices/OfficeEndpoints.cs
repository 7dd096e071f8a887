using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kazgov.Kernel.Caching;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Platform.Offices;

public sealed record RegionResponse(string Code, string IsoCode, LocalizedText Names);

public sealed record RegionListResponse(IReadOnlyList<RegionResponse> Items, string? NextCursor);

/// <summary>An office as the API shows it. <see cref="Schedule"/> is given by GET /offices/{id} only.</summary>
public sealed record OfficeResponse(
    string Id,
    string Directory,
    RegionResponse Region,
    string Name,
    string? District,
    string? Town,
    string Address,
    string? Postcode,
    IReadOnlyList<OfficePhone> Phones,
    string PhonesRaw,
    string? Email,
    string? Website,
    string? EAddressRaw,
    IReadOnlyList<string> Services,
    IReadOnlyList<OfficeListing> Sources)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OfficeScheduleResponse? Schedule { get; init; }

    /// <summary>When the office left the reference data; a retired office is out of the search and is read by id only (old applications name it).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Instant? RetiredAt { get; init; }
}

public sealed record OfficeListResponse(IReadOnlyList<OfficeResponse> Items, string? NextCursor);

public sealed record OfficeScheduleResponse(
    string OfficeId,
    string TimeZone,
    IReadOnlyList<OfficeDay> Days,
    IReadOnlyList<ServiceWindow> ServiceWindows,
    IReadOnlyList<ReceptionSession> Receptions,
    int Version,
    Instant UpdatedAt,
    string UpdatedBy);

/// <summary>
/// The body of PUT /offices/{id}/schedule: the whole new schedule (time zone is always Asia/Almaty).
/// Receptions: the sessions of a service whose standard receives by sessions (weapon-registration §10).
/// </summary>
public sealed record OfficeScheduleRequest(IReadOnlyList<OfficeDay>? Days, IReadOnlyList<ServiceWindow>? ServiceWindows, IReadOnlyList<ReceptionSession>? Receptions = null);

/// <summary>GET /regions, GET /offices, GET /offices/{id}, GET and PUT /offices/{id}/schedule.</summary>
public static class OfficeEndpoints
{
    private const int MaxQueryLength = 200;

    /// <summary>Says which database answered a read that may come from the replica.</summary>
    public const string ReadSourceHeader = "Kazgov-Read-Source";

    /// <summary>The list's tag in its cursors (<see cref="Paging"/>).</summary>
    private const string CursorList = "offices";

    public static IEndpointRouteBuilder MapOfficeEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/regions", ListRegions)
            .AllowPublic()
            .WithName("ListRegions")
            .WithSummary("The 16 regions of the seed (Astana, Almaty and the 14 oblasts) with kk/ru/en names")
            .WithTags("Offices")
            .Produces<RegionListResponse>();

        var offices = api.MapGroup("/offices").WithTags("Offices");
        offices.MapGet("", SearchAsync)
            .AllowPublic()
            .WithName("SearchOffices")
            .WithSummary("Offices from the seed's directories (retired ones left out), filtered by service, region and free text (name, town, street; "
                + "case-insensitive, Kazakh letters match their Russian look-alikes). Paged by limit (default 50, max 200) and an opaque cursor.")
            .Produces<OfficeListResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        offices.MapGet("/{id}", GetAsync)
            .AllowPublic()
            .WithName("GetOffice")
            .WithSummary("One office with its services, its seed sources and its schedule; a retired office (retiredAt set) is still found by id. Send If-None-Match with the ETag to revalidate (304)")
            .Produces<OfficeResponse>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        offices.MapGet("/{id}/schedule", GetScheduleAsync)
            .AllowPublic()
            .WithName("GetOfficeSchedule")
            .WithSummary("An office's working days, hours, lunch break, service windows and reception sessions (ETag = its version)")
            .Produces<OfficeScheduleResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        offices.MapGet("/{id}/hand-over-windows", HandOverTimesEndpoint.GetAsync)
            .AllowPublic()
            .WithName("GetOfficeHandOverWindows")
            .WithSummary("When a service's results are handed over at the office, day by day from ?from= (default today) for ?days= (default 31, max 120): "
                + "the catalogue's or the office's windows on working days, or the office's reception sessions (weapon-registration §10)")
            .Produces<HandOverTimesResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        offices.MapPut("/{id}/schedule", PutScheduleAsync)
            .RequirePolicy(Policies.Admin)
            .WithName("ReplaceOfficeSchedule")
            .WithSummary("Replaces an office's schedule (admin). Optional If-Match with the schedule's ETag; every change is audited.")
            .Accepts<OfficeScheduleRequest>("application/json")
            .Produces<OfficeScheduleResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return api;
    }

    private static RegionListResponse ListRegions() =>
        new(KazRegions.All.Select(ToResponse).ToList(), null);

    private static RegionResponse ToResponse(KazRegion region) => new(region.Code, region.IsoCode, region.Names);

    private static async Task<OfficeListResponse> SearchAsync(
        DbSession session, HttpContext context, string? service, string? region, string? q, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var pageSize = Paging.Limit(limit, errors);
        var after = Paging.DecodeNumber(CursorList, cursor, errors);

        if (q is { Length: > MaxQueryLength })
        {
            errors.Add("q", Messages.QueryTooLong);
        }

        errors.ThrowIfAny();

        KazRegion? regionFilter = null;
        if (!string.IsNullOrWhiteSpace(region))
        {
            regionFilter = KazRegions.Find(region) ?? throw new ProblemException(OfficeProblems.UnknownRegion,
                Messages.UnknownRegion.Format(region, string.Join(", ", KazRegions.All.Select(r => r.Code))),
                new Dictionary<string, IReadOnlyList<LocalizedText>> { ["region"] = [OfficeProblems.UnknownRegion.Title] });
        }

        if (!string.IsNullOrWhiteSpace(service) && !OfficeServiceCodes.All.Contains(service))
        {
            throw new ProblemException(OfficeProblems.UnknownService,
                Messages.UnknownService.Format(service, string.Join(", ", OfficeServiceCodes.All)),
                new Dictionary<string, IReadOnlyList<LocalizedText>> { ["service"] = [OfficeProblems.UnknownService.Title] });
        }

        var where = new List<string> { "o.retired_at IS NULL" };
        var folded = q is null ? "" : SeedText.Fold(q);
        if (regionFilter is not null)
        {
            where.Add("o.region_code = @region");
        }

        if (!string.IsNullOrWhiteSpace(service))
        {
            where.Add("EXISTS (SELECT 1 FROM platform.office_services s WHERE s.office_id = o.id AND s.service_code = @service)");
        }

        if (folded.Length > 0)
        {
            // The folded text holds only letters, digits and single spaces, so no LIKE escaping is needed.
            where.Add("o.search_text LIKE @pattern");
        }

        if (after is not null)
        {
            where.Add("o.sort_order > @after");
        }

        // The directory changes a few times a year and the search writes nothing: the replica may answer.
        session.ReadFromReplica();
        var rows = (await session.QueryAsync<OfficeRow>(
            OfficeRow.Select + " WHERE " + string.Join(" AND ", where) + " ORDER BY o.sort_order LIMIT @take",
            new { region = regionFilter?.Code, service, pattern = "%" + folded + "%", after, take = pageSize + 1 },
            cancellationToken)).ToList();

        context.Response.Headers[ReadSourceHeader] = session.OnReplica ? "replica" : "primary";
        var page = rows.Take(pageSize).ToList();
        var next = rows.Count > pageSize ? Paging.EncodeNumber(CursorList, page[^1].SortOrder) : null;
        var language = AnswerIn(context);
        return new OfficeListResponse(page.Select(r => r.ToResponse(language)).ToList(), next);
    }

    // Both reads come from the reference-data cache: an office and its schedule change rarely, and
    // any change (this host, another, or SQL) drops the area on commit.
    /// <summary>The office view is reference data: kept serialised per language, so a read writes bytes (and answers If-None-Match with 304).</summary>
    private static async Task<IResult> GetAsync(ReferenceData referenceData, DbSession session, HttpContext context, string id, CancellationToken cancellationToken)
    {
        var language = AnswerIn(context);
        var body = await referenceData.GetAsync(
            ReferenceAreas.Offices,
            "view:" + language.ToCode() + ":" + id,
            async token =>
            {
                var row = await FindAsync(session, id, token);
                var schedule = await ReadScheduleAsync(session, id, token);
                return JsonBody.Of(row.ToResponse(language) with { Schedule = schedule }, $"\"{row.ContentHash[..8]}-{schedule.Version}-{language.ToCode()}\"");
            },
            cancellationToken);
        return body.Serve(context);
    }

    private static async Task<OfficeScheduleResponse> GetScheduleAsync(ReferenceData referenceData, DbSession session, HttpContext context, string id, CancellationToken cancellationToken)
    {
        var schedule = await referenceData.GetAsync(
            ReferenceAreas.Offices,
            "schedule-view:" + id,
            async token =>
            {
                await FindAsync(session, id, token);
                return await ReadScheduleAsync(session, id, token);
            },
            cancellationToken);
        context.Response.Headers.ETag = ScheduleETag(schedule.Version);
        return schedule;
    }

    private static async Task<OfficeScheduleResponse> PutScheduleAsync(
        DbSession session, ReferenceData referenceData, HttpContext context, IClock clock, ICurrentActor actor, string id, OfficeScheduleRequest request, CancellationToken cancellationToken)
    {
        var office = await FindAsync(session, id, cancellationToken);
        OfficeSchedule.Validate(request.Days, request.ServiceWindows, office.Services, request.Receptions).ThrowIfAny();

        await using var transaction = await session.BeginAsync(cancellationToken);
        var current = await session.QuerySingleAsync<ScheduleRow>(
            """
            SELECT schedule::text AS Schedule, version AS Version, updated_at AS UpdatedAt, updated_by AS UpdatedBy
            FROM platform.office_schedules WHERE office_id = @id FOR UPDATE
            """,
            new { id },
            cancellationToken);
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && ifMatch != "*" && !ifMatch.Split(',').Select(t => t.Trim()).Contains(ScheduleETag(current.Version)))
        {
            throw new ProblemException(OfficeProblems.ScheduleChanged);
        }

        var schedule = new OfficeSchedule(OfficeSchedule.OfficeTimeZone, request.Days!, request.ServiceWindows ?? [], request.Receptions is { Count: > 0 } ? request.Receptions : null);
        var json = JsonSerializer.Serialize(schedule, PlatformJson.Options);
        var now = clock.GetCurrentInstant();
        var who = actor.Id;
        referenceData.Changed(ReferenceAreas.Offices);
        await session.ExecuteAsync(
            """
            UPDATE platform.office_schedules
            SET schedule = @json::jsonb, version = version + 1, updated_at = @now, updated_by = @who
            WHERE office_id = @id;
            INSERT INTO platform.office_schedule_audit (office_id, changed_at, changed_by, old_version, new_version, old_schedule, new_schedule)
            VALUES (@id, @now, @who, @version, @version + 1, @old::jsonb, @json::jsonb);
            """,
            new { id, json, now, who, version = current.Version, old = current.Schedule },
            cancellationToken);
        await transaction.CommitAsync();

        context.Response.Headers.ETag = ScheduleETag(current.Version + 1);
        return new OfficeScheduleResponse(id, schedule.TimeZone, schedule.Days, schedule.ServiceWindows, schedule.Receptions ?? [], current.Version + 1, now, who);
    }

    /// <summary>The names and addresses come in the caller's language (Accept-Language): the answer varies by it.</summary>
    private static Language AnswerIn(HttpContext context)
    {
        var language = RequestLanguage.Of(context);
        context.Response.Headers.Vary = "Accept-Language";
        context.Response.Headers.ContentLanguage = language.ToCode();
        return language;
    }

    private static string ScheduleETag(int version) => $"\"{version}\"";

    private static async Task<OfficeRow> FindAsync(DbSession session, string id, CancellationToken cancellationToken) =>
        await session.QuerySingleOrDefaultAsync<OfficeRow>(OfficeRow.Select + " WHERE o.id = @id", new { id }, cancellationToken)
        ?? throw new ProblemException(OfficeProblems.OfficeNotFound, Messages.NoSuchOffice.Format(id));

    private static async Task<OfficeScheduleResponse> ReadScheduleAsync(DbSession session, string id, CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleAsync<ScheduleRow>(
            """
            SELECT schedule::text AS Schedule, version AS Version, updated_at AS UpdatedAt, updated_by AS UpdatedBy
            FROM platform.office_schedules WHERE office_id = @id
            """,
            new { id },
            cancellationToken);
        var schedule = JsonSerializer.Deserialize<OfficeSchedule>(row.Schedule, PlatformJson.Options)!;
        return new OfficeScheduleResponse(id, schedule.TimeZone, schedule.Days, schedule.ServiceWindows, schedule.Receptions ?? [], row.Version, row.UpdatedAt, row.UpdatedBy);
    }

    private sealed class ScheduleRow
    {
        public string Schedule { get; init; } = "";

        public int Version { get; init; }

        public Instant UpdatedAt { get; init; }

        public string UpdatedBy { get; init; } = "";
    }

    private sealed class OfficeRow
    {
        public const string Select =
            """
            SELECT o.id AS Id, o.directory AS Directory, o.region_code AS RegionCode, o.name AS Name, o.district AS District,
                   o.town AS Town, o.address AS Address, o.postcode AS Postcode, o.phones::text AS Phones, o.phones_raw AS PhonesRaw,
                   o.email AS Email, o.website AS Website, o.e_address_raw AS EAddressRaw, o.sources::text AS Sources,
                   o.sort_order AS SortOrder, o.content_hash AS ContentHash, o.retired_at AS RetiredAt,
                   o.name_ru AS NameRu, o.district_ru AS DistrictRu, o.town_ru AS TownRu, o.address_ru AS AddressRu,
                   o.name_latin AS NameLatin, o.district_latin AS DistrictLatin, o.town_latin AS TownLatin, o.address_latin AS AddressLatin,
                   ARRAY(SELECT s.service_code FROM platform.office_services s WHERE s.office_id = o.id ORDER BY s.service_code) AS Services
            FROM platform.offices o
            """;

        public string Id { get; init; } = "";

        public string Directory { get; init; } = "";

        public string RegionCode { get; init; } = "";

        public string Name { get; init; } = "";

        public string? District { get; init; }

        public string? Town { get; init; }

        public string Address { get; init; } = "";

        public string? Postcode { get; init; }

        public string Phones { get; init; } = "[]";

        public string PhonesRaw { get; init; } = "";

        public string? Email { get; init; }

        public string? Website { get; init; }

        public string? EAddressRaw { get; init; }

        public string Sources { get; init; } = "[]";

        public int SortOrder { get; init; }

        public string ContentHash { get; init; } = "";

        public Instant? RetiredAt { get; init; }

        public string[] Services { get; init; } = [];

        public string? NameRu { get; init; }

        public string? DistrictRu { get; init; }

        public string? TownRu { get; init; }

        public string? AddressRu { get; init; }

        public string? NameLatin { get; init; }

        public string? DistrictLatin { get; init; }

        public string? TownLatin { get; init; }

        public string? AddressLatin { get; init; }

        /// <summary>
        /// Kazakh: the seed's text; Russian: the reviewed translation; English: its Latin
        /// transliteration (Offices/README.md). An office without translations answers in Kazakh.
        /// </summary>
        public OfficeResponse ToResponse(Language language) => new(
            Id,
            Directory,
            OfficeEndpoints.ToResponse(KazRegions.Find(RegionCode)!),
            Pick(language, Name, NameRu, NameLatin)!,
            Pick(language, District, DistrictRu, DistrictLatin),
            Pick(language, Town, TownRu, TownLatin),
            Pick(language, Address, AddressRu, AddressLatin)!,
            Postcode,
            JsonSerializer.Deserialize<List<OfficePhone>>(Phones, PlatformJson.Options)!,
            PhonesRaw,
            Email,
            Website,
            EAddressRaw,
            Services,
            JsonSerializer.Deserialize<List<OfficeListing>>(Sources, PlatformJson.Options)!)
        {
            RetiredAt = RetiredAt,
        };
    }

    private static string? Pick(Language language, string? kk, string? ru, string? latin) => language switch
    {
        Language.Ru => ru ?? kk,
        Language.En => latin ?? kk,
        _ => kk,
    };

    private static class Messages
    {
        public static readonly LocalizedText QueryTooLong = new(
            $"q {MaxQueryLength} таңбадан аспауы керек",
            $"q не должен превышать {MaxQueryLength} символов",
            $"q must not exceed {MaxQueryLength} characters");

        public static readonly LocalizedText UnknownRegion = new(
            "\"{0}\" өңірі жоқ. Өңір кодтары: {1}",
            "Региона \"{0}\" нет. Коды регионов: {1}",
            "There is no region \"{0}\". Region codes: {1}");

        public static readonly LocalizedText UnknownService = new(
            "\"{0}\" қызметі жоқ. Қызмет кодтары: {1}",
            "Услуги \"{0}\" нет. Коды услуг: {1}",
            "There is no service \"{0}\". Service codes: {1}");

        public static readonly LocalizedText NoSuchOffice = new(
            "\"{0}\" бөлімшесі жоқ",
            "Подразделения \"{0}\" нет",
            "There is no office \"{0}\"");
    }
}
