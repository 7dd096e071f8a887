using Kazgov.Kernel.Events;
using NodaTime;

namespace Kazgov.Citizenship.Contracts;

/// <summary>
/// citizenship §6.8, §17: a citizen's renunciation of citizenship of Kazakhstan was registered — the
/// certificate of renunciation was handed over after the Kazakh identity documents were handed in.
/// Published through the outbox for the registers that follow a person's citizenship.
/// </summary>
/// <param name="ApplicationId">The application that was decided.</param>
/// <param name="Person">The former citizen's IIN.</param>
/// <param name="CertificateNumber">The certificate of renunciation.</param>
/// <param name="DecisionNumber">The decree or decision number of the commission's decision.</param>
/// <param name="DecisionDate">The date of that decision.</param>
/// <param name="RegisteredOn">The day the certificate was handed over.</param>
/// <param name="OfficeId">The migration-police unit.</param>
/// <param name="DocumentsHandedIn">The Kazakh identity documents handed in (kz-identity-card, kz-passport).</param>
public sealed record CitizenshipRenounced(
    Guid ApplicationId,
    string Person,
    string CertificateNumber,
    string DecisionNumber,
    LocalDate DecisionDate,
    LocalDate RegisteredOn,
    string OfficeId,
    IReadOnlyList<string> DocumentsHandedIn) : IIntegrationEvent
{
    public static string EventType => "citizenship.renounced";
}
