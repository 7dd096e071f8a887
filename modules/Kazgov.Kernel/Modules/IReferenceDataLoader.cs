namespace Kazgov.Kernel.Modules;

/// <summary>
/// Loads reference data (offices from reference/offices.json, the MCI table, the catalogue…) after the
/// migrations, at every start. A loader must be idempotent: running it twice changes nothing.
/// Register implementations in DI; the host runs them in registration order.
/// </summary>
public interface IReferenceDataLoader
{
    Task LoadAsync(CancellationToken cancellationToken);
}
