using Kazgov.AddressBureau.Register;
using Kazgov.Kernel.Events;
using Kazgov.Kernel.Identifiers;
using Kazgov.Migration.Contracts;
using Microsoft.Extensions.Logging;

namespace Kazgov.AddressBureau.Feeds;

/// <summary>The migration module's temporary registrations, as they land: a temporary record from the first to the last day of the stay.</summary>
internal sealed class ForeignerRegisteredFeed(RegisterWriter writer) : IIntegrationEventSubscriber<ForeignerRegisteredAtAddress>
{
    public async Task HandleAsync(ForeignerRegisteredAtAddress e, CancellationToken cancellationToken)
    {
        var personId = e.Person.TravelDocumentCountry.Trim().ToUpperInvariant() + ":" + e.Person.TravelDocumentNumber.Trim().ToUpperInvariant();
        await writer.AddPersonAsync(personId, null, e.Person.LastName, e.Person.FirstName, e.Person.MiddleName, e.Person.BirthDate, null, "migration-event", cancellationToken);
        await writer.AddRegistrationAsync(personId, new NewRegistration(
            "temporary", RegisterWriter.RegionOfOffice(e.OfficeId), e.Address, null, null, null, e.From, e.Until, "migration-event", e.OfficeId,
            ForeignerRegisteredAtAddress.EventType + ":" + e.RegistrationNumber + ":" + personId), cancellationToken);
    }
}

/// <summary>
/// The migration module's permanent-residence registrations: a permanent record from the stamp's date.
/// A person not yet in the register is added with the names the event carries, and the birth date and
/// sex of the IIN (or the event's birth date for one without an IIN). Events published before the names
/// were carried name the person only: one with an IIN is added with the names left for a clerk to fill in.
/// </summary>
internal sealed class PermanentResidenceFeed(RegisterWriter writer, ILogger<PermanentResidenceFeed> logger) : IIntegrationEventSubscriber<PermanentResidenceRegistered>
{
    public async Task HandleAsync(PermanentResidenceRegistered e, CancellationToken cancellationToken)
    {
        if (!await writer.PersonExistsAsync(e.Person, cancellationToken))
        {
            if (Iin.TryParse(e.Person, out var iin, out _))
            {
                await writer.AddPersonAsync(iin!, e.LastName ?? "", e.FirstName ?? "", e.MiddleName, "migration-event", cancellationToken);
            }
            else if (e is { LastName: not null, FirstName: not null, BirthDate: { } birthDate })
            {
                await writer.AddPersonAsync(e.Person, null, e.LastName, e.FirstName, e.MiddleName, birthDate, null, "migration-event", cancellationToken);
            }
            else
            {
                logger.LogWarning("Permanent residence {Stamp} names a person without an IIN who is not in the register; not taken in", e.StampNumber);
                return;
            }
        }

        await writer.AddRegistrationAsync(e.Person, new NewRegistration(
            "permanent", RegisterWriter.RegionOfOffice(e.OfficeId), e.Settlement, e.Address, null, null, e.From, null, "migration-event", e.OfficeId,
            PermanentResidenceRegistered.EventType + ":" + e.StampNumber), cancellationToken);
    }
}
