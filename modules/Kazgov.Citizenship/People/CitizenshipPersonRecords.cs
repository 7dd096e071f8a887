using Kazgov.Kernel.Data;
using Kazgov.Platform.People;
using NodaTime;

namespace Kazgov.Citizenship.People;

/// <summary>
/// The person page's view of the citizenship certificates (standard 6, issue 22): admissions and
/// renunciations of the person's IIN, with the commission's decision.
/// </summary>
internal sealed class CitizenshipPersonRecords(DbSession session) : IPersonRecordSource
{
    public IReadOnlyList<string> Services { get; } = [CitizenshipDefinition.Code];

    public async Task<IReadOnlyList<PersonRecord>> FindAsync(string subject, CancellationToken cancellationToken = default)
    {
        var rows = await session.QueryAsync<Row>(
            """
            SELECT 'citizenship-' || kind AS Kind, number AS Reference,
                   trim(holder_last_name || ' ' || holder_first_name) || ' · ' || decision_number || ' ' || to_char(decision_date, 'DD.MM.YYYY') AS Summary,
                   CASE WHEN handed_over_at IS NULL THEN 'not-handed-over' ELSE 'issued' END AS Status,
                   coalesce(issued_on, approved_on) AS Since, office_id AS OfficeId
            FROM citizenship.certificates WHERE person_id = @subject
            ORDER BY approved_on DESC
            """,
            new { subject },
            cancellationToken);
        return rows.Select(r => new PersonRecord(CitizenshipDefinition.Code, r.Kind, r.Reference, r.Summary, r.Status, r.Since, null, r.OfficeId)).ToList();
    }

    private sealed class Row
    {
        public string Kind { get; init; } = "";

        public string Reference { get; init; } = "";

        public string Summary { get; init; } = "";

        public string Status { get; init; } = "";

        public LocalDate? Since { get; init; }

        public string OfficeId { get; init; } = "";
    }
}
