using Kazgov.Kernel.Data;
using NodaTime;

namespace Kazgov.Platform.Indicators;

/// <summary>The period's sums of one office and service.</summary>
internal sealed class OfficeServiceMeasures
{
    public string OfficeId { get; init; } = "";

    public string Service { get; init; } = "";

    public long Decided { get; init; }

    public long DecidedInTerm { get; init; }

    public long TicketsCalled { get; init; }

    public long TicketsNormed { get; init; }

    public long TicketsWithinNorm { get; init; }

    public long Feedback { get; init; }

    public long QualitySatisfied { get; init; }

    public long InformationSatisfied { get; init; }

    public long CourtesySatisfied { get; init; }

    public long ComplaintsAnswered { get; init; }

    public long Justified { get; init; }

    public long JustifiedWithTerm { get; init; }

    public long JustifiedInTerm { get; init; }

    public IndicatorMeasures ToMeasures() => new(
        Decided, DecidedInTerm, TicketsCalled, TicketsNormed, TicketsWithinNorm, Feedback, QualitySatisfied, InformationSatisfied,
        CourtesySatisfied, ComplaintsAnswered, Justified, JustifiedWithTerm, JustifiedInTerm);
}

/// <summary>
/// The only SQL of the indicators: a GROUP BY over the day rows of platform.indicator_days, which
/// the source tables' triggers keep current (Migrations/0024_quality_indicators.sql).
/// </summary>
internal sealed class IndicatorStore(DbSession session)
{
    /// <summary>The SQL the API runs for a period (also what the benchmark times with pgbench).</summary>
    public const string PeriodSql =
        """
        SELECT d.office_id AS OfficeId, d.service_code AS Service,
               sum(d.decided) AS Decided, sum(d.decided_in_term) AS DecidedInTerm,
               sum(d.tickets_called) AS TicketsCalled, sum(d.tickets_normed) AS TicketsNormed, sum(d.tickets_within_norm) AS TicketsWithinNorm,
               sum(d.feedback) AS Feedback, sum(d.quality_satisfied) AS QualitySatisfied,
               sum(d.information_satisfied) AS InformationSatisfied, sum(d.courtesy_satisfied) AS CourtesySatisfied,
               sum(d.complaints_answered) AS ComplaintsAnswered, sum(d.justified) AS Justified,
               sum(d.justified_with_term) AS JustifiedWithTerm, sum(d.justified_in_term) AS JustifiedInTerm
        FROM platform.indicator_days d
        WHERE d.day BETWEEN @from AND @to
          AND (@offices::text[] IS NULL OR d.office_id = ANY(@offices))
          AND (@service::text IS NULL OR d.service_code = @service)
        GROUP BY d.office_id, d.service_code
        """;

    public async Task<IReadOnlyList<OfficeServiceMeasures>> PeriodAsync(
        LocalDate from, LocalDate to, string[]? offices, string? service, CancellationToken cancellationToken) =>
        [.. await session.QueryAsync<OfficeServiceMeasures>(PeriodSql, new { from, to, offices, service }, cancellationToken)];
}
