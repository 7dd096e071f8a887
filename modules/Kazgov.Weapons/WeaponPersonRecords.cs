using Kazgov.Kernel.Data;
using Kazgov.Platform.People;
using NodaTime;

namespace Kazgov.Weapons;

/// <summary>The person page's view of the weapons register: registered weapons and permits.</summary>
internal sealed class WeaponPersonRecords(DbSession session) : IPersonRecordSource
{
    public IReadOnlyList<string> Services { get; } = ["weapon-registration"];

    public async Task<IReadOnlyList<PersonRecord>> FindAsync(string subject, CancellationToken cancellationToken = default)
    {
        var rows = await session.QueryAsync<Row>(
            """
            SELECT 'weapon' AS Kind, registration_number AS Reference, trim(make || ' ' || coalesce(model, '') || ' ' || serial) AS Summary,
                   status AS Status, registered_on AS Since, NULL::date AS ValidUntil, office_id AS OfficeId
            FROM weapons.units WHERE owner_id = @subject
            UNION ALL
            SELECT 'permit', number, kind || coalesce(' ' || weapon_type, ''), status, coalesce(issued_on, approved_on), valid_until, office_id
            FROM weapons.permits WHERE holder_id = @subject
            ORDER BY 5 DESC
            """,
            new { subject },
            cancellationToken);
        return rows.Select(r => new PersonRecord("weapon-registration", r.Kind, r.Reference, r.Summary, r.Status, r.Since, r.ValidUntil, r.OfficeId)).ToList();
    }

    private sealed class Row
    {
        public string Kind { get; init; } = "";

        public string Reference { get; init; } = "";

        public string Summary { get; init; } = "";

        public string Status { get; init; } = "";

        public LocalDate? Since { get; init; }

        public LocalDate? ValidUntil { get; init; }

        public string OfficeId { get; init; } = "";
    }
}
