using Kazgov.Licensing.Contracts;
using Kazgov.Kernel.Data;
using NodaTime;

namespace Kazgov.Licensing;

/// <summary>The Licensing module's answer to <see cref="IDrivingRights"/>, from its two registers.</summary>
internal sealed class DrivingRights(DbSession session) : IDrivingRights
{
    public async Task<bool> IsBannedFromDrivingAsync(string iin, LocalDate day, CancellationToken cancellationToken = default) =>
        await session.ExecuteScalarAsync<bool>(
            """
            SELECT EXISTS (SELECT 1 FROM licensing.driving_bans
                           WHERE holder_iin = @iin AND starts_on <= @on AND (ends_on IS NULL OR ends_on >= @on))
            """,
            new { iin, on = day },
            cancellationToken);

    public async Task<LicenceStanding> CheckLicenceAsync(string number, string category, LocalDate day, CancellationToken cancellationToken = default)
    {
        var licence = await session.QuerySingleOrDefaultAsync<LicenceRow>(
            """
            SELECT holder_id AS HolderId, categories AS Categories, issue_date AS IssueDate, valid_until AS ValidUntil,
                   handed_over_at IS NOT NULL AS HandedOver
            FROM licensing.licences WHERE number = @number
            """,
            new { number },
            cancellationToken);
        if (licence is null)
        {
            return LicenceStanding.Unknown(number);
        }

        var inForce = licence.HandedOver && licence.IssueDate is { } issued && issued <= day && licence.ValidUntil is { } until && until >= day;
        var banned = await IsBannedFromDrivingAsync(licence.HolderId, day, cancellationToken);
        return new LicenceStanding(number, true, licence.Categories.Contains(category, StringComparer.Ordinal), inForce, licence.ValidUntil, banned, licence.HolderId);
    }

    private sealed class LicenceRow
    {
        public string HolderId { get; init; } = "";

        public string[] Categories { get; init; } = [];

        public LocalDate? IssueDate { get; init; }

        public LocalDate? ValidUntil { get; init; }

        public bool HandedOver { get; init; }
    }
}
