using Kazgov.Kernel.Events;
using NodaTime;

namespace Kazgov.Migration.Contracts;

/// <summary>
/// temporary-registration §15–§17: a foreigner or stateless person was registered at an address
/// (one event per person; a tourist group gives one per member). Published through the outbox when
/// the registration is recorded, for the address register to take in.
/// </summary>
public sealed record ForeignerRegisteredAtAddress(
    string RegistrationNumber,
    RegisteredForeigner Person,
    string Address,
    LocalDate From,
    LocalDate Until,
    string OfficeId,
    string? ExtendsRegistration,
    Instant RecordedAt) : IIntegrationEvent
{
    public static string EventType => "migration.foreigner-registered-at-address";
}

/// <summary>The registered person as his travel document names him; Citizenship is null for a stateless person.</summary>
public sealed record RegisteredForeigner(
    string TravelDocumentNumber,
    string TravelDocumentCountry,
    string LastName,
    string FirstName,
    string? MiddleName,
    LocalDate BirthDate,
    string? Citizenship);
