using Kazgov.Kernel.Data;
using Kazgov.Platform.People;
using NodaTime;

namespace Kazgov.Vehicles;

/// <summary>The person page's view of the vehicle register: the vehicles the person owns or owned.</summary>
internal sealed class VehiclePersonRecords(DbSession session) : IPersonRecordSource
{
    public IReadOnlyList<string> Services { get; } = ["vehicle-registration"];

    public async Task<IReadOnlyList<PersonRecord>> FindAsync(string subject, CancellationToken cancellationToken = default)
    {
        var rows = await session.QueryAsync<Row>(
            """
            SELECT coalesce(vin, chassis_number) AS Reference, make AS Make, model AS Model, year AS Year, plate AS Plate,
                   status AS Status, registered_on AS RegisteredOn, office_id AS OfficeId
            FROM vehicles.vehicles WHERE owner_id = @subject ORDER BY registered_on DESC
            """,
            new { subject },
            cancellationToken);
        return rows.Select(r => new PersonRecord(
            "vehicle-registration",
            "vehicle",
            r.Reference,
            string.Join(' ', new[] { r.Make, r.Model, r.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Plate }.Where(t => !string.IsNullOrEmpty(t))),
            r.Status,
            r.RegisteredOn,
            null,
            r.OfficeId)).ToList();
    }

    private sealed class Row
    {
        public string Reference { get; init; } = "";

        public string Make { get; init; } = "";

        public string? Model { get; init; }

        public int Year { get; init; }

        public string? Plate { get; init; }

        public string Status { get; init; } = "";

        public LocalDate RegisteredOn { get; init; }

        public string OfficeId { get; init; } = "";
    }
}
