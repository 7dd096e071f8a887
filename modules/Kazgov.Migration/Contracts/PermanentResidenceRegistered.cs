using Kazgov.Kernel.Events;
using NodaTime;

namespace Kazgov.Migration.Contracts;

/// <summary>
/// permanent-residence §5: a foreigner or stateless person was registered for permanent residence —
/// the registration stamp was placed at hand-over. Published through the outbox for the address
/// register. <see cref="Person"/> is the IIN, or COUNTRY:travel-document number for one without an IIN.
/// </summary>
/// <param name="ApplicationId">The application that was decided.</param>
/// <param name="Person">Whom: the IIN, or COUNTRY:document number.</param>
/// <param name="Route">pr-visa-holder or other-lawful-stay (permanent-residence §6).</param>
/// <param name="Settlement">The settlement's code (the module's housing-price reference).</param>
/// <param name="Address">The dwelling's address, as written on the stamp.</param>
/// <param name="From">The stamp's date: registered for permanent residence from this day.</param>
/// <param name="OfficeId">The migration-police unit that registered the person.</param>
/// <param name="StampNumber">The registration stamp's number.</param>
public sealed record PermanentResidenceRegistered(
    Guid ApplicationId,
    string Person,
    string Route,
    string Settlement,
    string Address,
    LocalDate From,
    string OfficeId,
    string StampNumber) : IIntegrationEvent
{
    public static string EventType => "migration.permanent-residence-registered";

    /// <summary>The person's surname as the application gives it (absent on events published before it was carried).</summary>
    public string? LastName { get; init; }

    /// <summary>The person's first name.</summary>
    public string? FirstName { get; init; }

    /// <summary>The person's patronymic, if any.</summary>
    public string? MiddleName { get; init; }

    /// <summary>The person's birth date, needed for one without an IIN.</summary>
    public LocalDate? BirthDate { get; init; }
}
