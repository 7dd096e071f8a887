using NodaTime;

namespace Kazgov.Migration.Contracts;

/// <summary>
/// What other modules may ask about a person's permanent residence without reading the Migration
/// module's tables (e.g. citizenship checks five years of permanent residence). Registered by the
/// Migration module; resolve it from DI.
/// </summary>
public interface IPermanentResidenceRegister
{
    /// <summary>
    /// The person's current registration for permanent residence (stamp placed), or null when there
    /// is none. <paramref name="person"/>: the IIN, or COUNTRY:travel-document number.
    /// </summary>
    Task<PermanentResidenceStanding?> FindAsync(string person, CancellationToken cancellationToken = default);
}

/// <summary>A current registration: since when, where, by which office, under which stamp.</summary>
public sealed record PermanentResidenceStanding(
    string Person,
    LocalDate RegisteredSince,
    string Settlement,
    string Address,
    string OfficeId,
    string StampNumber);
