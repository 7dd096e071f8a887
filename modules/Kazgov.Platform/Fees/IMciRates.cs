using NodaTime;

namespace Kazgov.Platform.Fees;

/// <summary>
/// The platform's published query of the MCI table (platform.mci_rates, the operator's current
/// values): modules that measure an amount in MCI (e.g. the balance of permanent-residence §12.2.ж)
/// ask it instead of reading the platform's tables.
/// </summary>
public interface IMciRates
{
    /// <summary>The MCI in force on <paramref name="day"/>, or null before the table's first row.</summary>
    Task<MciRate?> InForceOnAsync(LocalDate day, CancellationToken cancellationToken = default);
}

/// <summary>Reads on the request's session, so a caller inside a command sees the same transaction.</summary>
internal sealed class MciRates(MciStore store) : IMciRates
{
    public async Task<MciRate?> InForceOnAsync(LocalDate day, CancellationToken cancellationToken = default) =>
        (await store.LoadAsync(cancellationToken)).InForceOn(day);
}
