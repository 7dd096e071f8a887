using Kazgov.Kernel.Localization;
using NodaTime;

namespace Kazgov.Platform.Queue;

/// <summary>A ticket at the office's kiosk: the service and why the applicant came.</summary>
/// <param name="ServiceCode">A service of the office (e.g. driver-licence).</param>
/// <param name="Purpose">submission (hand in documents) or pick-up (collect the result).</param>
public sealed record KioskTicketRequest(string? ServiceCode, string? Purpose);

/// <summary>A ticket taken in advance through the portal: a place in today's queue of the office, nothing more.</summary>
public sealed record AdvanceTicketRequest(string? OfficeId, string? ServiceCode, string? Purpose);

/// <summary>"Call next": the window the clerk sits at, as shown on the hall display (e.g. "3").</summary>
public sealed record CallNextRequest(string? Window);

/// <summary>Served, optionally with the application the visit produced.</summary>
public sealed record ServeTicketRequest(Guid? ApplicationId);

/// <summary>The application a served ticket produced.</summary>
public sealed record LinkTicketRequest(Guid? ApplicationId);

/// <summary>A queue ticket.</summary>
/// <param name="Number">As called out and shown: service letter, purpose letter (T hand in, A collect), the day's place (DT-007).</param>
/// <param name="Day">The office's local day whose queue the ticket holds a place in.</param>
/// <param name="NormMinutes">The standard's longest wait for the service and purpose; null where it sets none.</param>
/// <param name="WaitedMinutes">Minutes waited outside the lunch break: until called, or until now while waiting.</param>
/// <param name="OverNorm">Whether the wait is longer than the norm.</param>
/// <param name="PeopleAhead">Tickets of the same service waiting before this one (only while it waits).</param>
public sealed record TicketResponse(
    Guid Id,
    string Number,
    string OfficeId,
    LocalDate Day,
    string ServiceCode,
    string Purpose,
    string Channel,
    string Status,
    Instant TakenAt,
    int? NormMinutes,
    int WaitedMinutes,
    bool OverNorm,
    int? PeopleAhead,
    Instant? CalledAt,
    string? Window,
    Instant? ServedAt,
    Instant? NoShowAt,
    Guid? ApplicationId);

/// <summary>The clerk's view of today's queue: who waits for the services they serve, and the tickets they called and have not closed.</summary>
public sealed record WaitingLineResponse(string OfficeId, LocalDate Day, IReadOnlyList<TicketResponse> Waiting, IReadOnlyList<TicketResponse> Called);

/// <summary>One called ticket on the hall display.</summary>
public sealed record DisplayTicket(string Number, string Window, Instant CalledAt, string ServiceCode, string Purpose);

/// <summary>The hall display: the tickets at a window now (latest call first) and how many still wait.</summary>
/// <param name="OfficeName">As the seed prints it (Kazakh); <paramref name="OfficeNames"/> gives it in kk, ru and en for the screen's language.</param>
public sealed record HallDisplayResponse(string OfficeId, string OfficeName, LocalDate Day, IReadOnlyList<DisplayTicket> Called, int Waiting, LocalizedText OfficeNames);
