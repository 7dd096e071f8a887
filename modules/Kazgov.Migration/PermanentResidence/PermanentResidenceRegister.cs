using Kazgov.Kernel.Data;
using Kazgov.Migration.Contracts;

namespace Kazgov.Migration.PermanentResidence;

/// <summary>The published query over the register (<see cref="IPermanentResidenceRegister"/>): only stamped, current records count.</summary>
internal sealed class PermanentResidenceRegister(DbSession session) : IPermanentResidenceRegister
{
    public async Task<PermanentResidenceStanding?> FindAsync(string person, CancellationToken cancellationToken = default) =>
        await PermanentResidenceStore.CurrentRegistrationAsync(session, person, cancellationToken) is { RegisteredOn: { } since } record
            ? new PermanentResidenceStanding(record.PersonId, since, record.Settlement, record.Address, record.OfficeId, record.StampNumber)
            : null;
}
