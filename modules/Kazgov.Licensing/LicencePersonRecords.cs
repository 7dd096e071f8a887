using Kazgov.Kernel.Data;
using Kazgov.Platform.People;
using NodaTime;

namespace Kazgov.Licensing;

/// <summary>The person page's view of the licence register: every licence the person holds or held.</summary>
internal sealed class LicencePersonRecords(DbSession session, IClock clock) : IPersonRecordSource
{
    public IReadOnlyList<string> Services { get; } = ["driver-licence"];

    public async Task<IReadOnlyList<PersonRecord>> FindAsync(string subject, CancellationToken cancellationToken = default)
    {
        var today = clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Almaty"]).Date;
        var rows = await session.QueryAsync<Row>(
            """
            SELECT number AS Number, categories AS Categories, issue_date AS IssueDate, valid_until AS ValidUntil,
                   handed_over_at IS NOT NULL AS HandedOver, office_id AS OfficeId
            FROM licensing.licences WHERE holder_id = @subject ORDER BY issue_date DESC
            """,
            new { subject },
            cancellationToken);
        return rows.Select(r => new PersonRecord(
            "driver-licence",
            "driver-licence",
            r.Number,
            string.Join(", ", r.Categories),
            !r.HandedOver ? "not-handed-over" : r.ValidUntil < today ? "expired" : "in-force",
            r.IssueDate,
            r.ValidUntil,
            r.OfficeId)).ToList();
    }

    private sealed class Row
    {
        public string Number { get; init; } = "";

        public string[] Categories { get; init; } = [];

        public LocalDate IssueDate { get; init; }

        public LocalDate ValidUntil { get; init; }

        public bool HandedOver { get; init; }

        public string OfficeId { get; init; } = "";
    }
}
