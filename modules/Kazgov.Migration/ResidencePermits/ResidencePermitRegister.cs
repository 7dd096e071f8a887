using Kazgov.Kernel.Data;
using Kazgov.Migration.ResidencePermits.Domain;
using Kazgov.Platform.Applications;
using NodaTime;

namespace Kazgov.Migration.ResidencePermits;

/// <summary>
/// Reads of the register of residence permits and stateless persons' certificates
/// (migration.residence_permits) that the rules need.
/// </summary>
internal static class ResidencePermitRegister
{
    /// <summary>
    /// residence-permit §18.1, reading of "the person" (README): the same travel document (country
    /// and number, spaces and case ignored) or, when the applicant gives one, the same IIN. A
    /// document is held while reserved (approved, not yet handed over) or issued and not expired on
    /// <paramref name="day"/>; a revoked one is not. <paramref name="except"/> is the application
    /// being decided (its own reservation does not count).
    /// </summary>
    public static async Task<IReadOnlyList<HeldDocument>> HeldByAsync(DbSession session, ApplicantDetails applicant, LocalDate day, Guid? except, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<HeldDocument>(
            """
            SELECT number AS Number, kind AS Kind, status AS Status, valid_until AS ValidUntil
            FROM migration.residence_permits
            WHERE ((travel_document_country = @country AND travel_document_number = @documentNumber)
                   OR (@iin::text IS NOT NULL AND holder_iin = @iin))
              AND (status = 'reserved' OR (status = 'issued' AND valid_until >= @day))
              AND (@except::uuid IS NULL OR application_id IS DISTINCT FROM @except)
            ORDER BY number
            """,
            new
            {
                country = applicant.TravelDocument?.Country,
                documentNumber = ResidencePermitRules.NormaliseDocumentNumber(applicant.TravelDocument?.Number ?? ""),
                iin = string.IsNullOrWhiteSpace(applicant.Iin) ? null : applicant.Iin,
                day,
                except,
            },
            cancellationToken);
        return rows.ToList();
    }

    /// <summary>
    /// Serialises approvals for one person (travel document and IIN) until the transaction ends, so
    /// that two approvals at once cannot both find the register empty.
    /// </summary>
    public static async Task LockPersonAsync(DbSession session, ApplicantDetails applicant, CancellationToken cancellationToken)
    {
        var keys = new List<string>
        {
            "residence-permit:" + applicant.TravelDocument?.Country + ":" + ResidencePermitRules.NormaliseDocumentNumber(applicant.TravelDocument?.Number ?? ""),
        };
        if (!string.IsNullOrWhiteSpace(applicant.Iin))
        {
            keys.Add("residence-permit:iin:" + applicant.Iin);
        }

        // Always in the same order, so two approvals never wait for each other's second lock.
        foreach (var key in keys.Order(StringComparer.Ordinal))
        {
            await session.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))", new { key }, cancellationToken);
        }
    }
}

internal sealed class HeldDocument
{
    public string Number { get; init; } = "";

    public string Kind { get; init; } = "";

    public string Status { get; init; } = "";

    public LocalDate? ValidUntil { get; init; }
}
