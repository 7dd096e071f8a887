using Kazgov.Kernel.Caching;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Localization;
using NodaTime;

namespace Kazgov.Platform.Calendar;

/// <summary>The calendar's rules and overrides in platform.holiday_rules and platform.calendar_overrides.</summary>
internal sealed class CalendarStore(DbSession session, ReferenceData referenceData) : IWorkingCalendars
{
    private const string OverrideColumns =
        "date AS Date, working AS Working, reason_kk AS ReasonKk, reason_ru AS ReasonRu, reason_en AS ReasonEn, "
        + "source AS Source, changed_at AS ChangedAt, changed_by AS ChangedBy";

    /// <summary>The calendar as the operators have it now (from the reference-data cache, dropped when either table changes).</summary>
    public async Task<WorkingCalendar> LoadAsync(CancellationToken cancellationToken) =>
        await referenceData.GetAsync(ReferenceAreas.Calendar, "calendar", ReadAsync, cancellationToken);

    private async Task<WorkingCalendar> ReadAsync(CancellationToken cancellationToken)
    {
        var rules = await session.QueryAsync<RuleRow>(
            """
            SELECT code AS Code, kind AS Kind, month AS Month, day AS Day, on_date AS OnDate,
                   valid_from_year AS ValidFromYear, valid_to_year AS ValidToYear, carry_over AS CarryOver,
                   name_kk AS NameKk, name_ru AS NameRu, name_en AS NameEn, source AS Source
            FROM platform.holiday_rules
            """,
            cancellationToken: cancellationToken);
        var overrides = await ListOverridesAsync(cancellationToken);
        return new WorkingCalendar(rules.Select(r => r.ToRule()), overrides.Select(o => o.ToOverride()));
    }

    public async Task<IReadOnlyList<OverrideRow>> ListOverridesAsync(CancellationToken cancellationToken) =>
        (await session.QueryAsync<OverrideRow>(
            $"SELECT {OverrideColumns} FROM platform.calendar_overrides ORDER BY date", cancellationToken: cancellationToken)).ToList();

    /// <summary>Creates or replaces the override of a date; true when it was created.</summary>
    public async Task<(OverrideRow Row, bool Created)> UpsertOverrideAsync(CalendarOverride decision, Instant at, string by, CancellationToken cancellationToken)
    {
        referenceData.Changed(ReferenceAreas.Calendar);
        var row = await session.QuerySingleAsync<OverrideRowWithFlag>(
            $"""
            INSERT INTO platform.calendar_overrides AS o (date, working, reason_kk, reason_ru, reason_en, source, changed_at, changed_by)
            VALUES (@Date, @Working, @Kk, @Ru, @En, @Source, @At, @By)
            ON CONFLICT (date) DO UPDATE SET working = EXCLUDED.working, reason_kk = EXCLUDED.reason_kk,
                reason_ru = EXCLUDED.reason_ru, reason_en = EXCLUDED.reason_en, source = EXCLUDED.source,
                changed_at = EXCLUDED.changed_at, changed_by = EXCLUDED.changed_by
            RETURNING {OverrideColumns}, (xmax = 0) AS Created
            """,
            new
            {
                decision.Date,
                decision.Working,
                decision.Reason.Kk,
                decision.Reason.Ru,
                decision.Reason.En,
                decision.Source,
                At = at,
                By = by,
            },
            cancellationToken);
        return (row, row.Created);
    }

    public async Task<bool> DeleteOverrideAsync(LocalDate date, CancellationToken cancellationToken)
    {
        referenceData.Changed(ReferenceAreas.Calendar);
        return await session.ExecuteAsync("DELETE FROM platform.calendar_overrides WHERE date = @date", new { date }, cancellationToken) == 1;
    }

    internal sealed class RuleRow
    {
        public string Code { get; set; } = "";

        public string Kind { get; set; } = "";

        public int? Month { get; set; }

        public int? Day { get; set; }

        public LocalDate? OnDate { get; set; }

        public int? ValidFromYear { get; set; }

        public int? ValidToYear { get; set; }

        public bool CarryOver { get; set; }

        public string NameKk { get; set; } = "";

        public string NameRu { get; set; } = "";

        public string NameEn { get; set; } = "";

        public string Source { get; set; } = "";

        public HolidayRule ToRule() => new(
            Code,
            Kind == "religious" ? HolidayKind.Religious : HolidayKind.National,
            Month,
            Day,
            OnDate,
            ValidFromYear,
            ValidToYear,
            CarryOver,
            new LocalizedText(NameKk, NameRu, NameEn),
            Source);
    }

    internal class OverrideRow
    {
        public LocalDate Date { get; set; }

        public bool Working { get; set; }

        public string ReasonKk { get; set; } = "";

        public string ReasonRu { get; set; } = "";

        public string ReasonEn { get; set; } = "";

        public string? Source { get; set; }

        public Instant ChangedAt { get; set; }

        public string ChangedBy { get; set; } = "";

        public CalendarOverride ToOverride() => new(Date, Working, new LocalizedText(ReasonKk, ReasonRu, ReasonEn), Source);
    }

    internal sealed class OverrideRowWithFlag : OverrideRow
    {
        public bool Created { get; set; }
    }
}
