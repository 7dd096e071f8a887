using System.Text.Json.Serialization;
using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Localization;
using NodaTime;

namespace Kazgov.Platform.Complaints;

/// <summary>
/// The body of POST /complaints. With <see cref="ApplicationId"/> the service and office come from
/// the application (and must match when given too); otherwise <see cref="ServiceCode"/> is required and
/// <see cref="OfficeId"/> defaults to the caller's office. <see cref="ReceivedAt"/> (ISO-8601) defaults to now.
/// </summary>
public sealed record RegisterComplaintRequest(
    string? ServiceCode,
    Guid? ApplicationId,
    string? OfficeId,
    string? ReceivedVia,
    string? ReceivedAt,
    ComplainantRequest? Complainant,
    string? Subject,
    int? AddressedTo);

/// <summary>Who complains: a name, an IIN if they gave one, and at least one way to tell them the outcome.</summary>
public sealed record ComplainantRequest(string? FullName, string? Iin, string? Phone, string? Email, string? PostalAddress, string? Language);

/// <summary>The body of POST /complaints/{id}/review (optional).</summary>
public sealed record ReviewComplaintRequest(string? Note);

/// <summary>The body of POST /complaints/{id}/answer. <c>justified</c> (optional): whether the review found the complaint justified (indicators 4.1, 4.2).</summary>
public sealed record AnswerComplaintRequest(string? Answer, string? SentVia, bool? Justified = null);

/// <summary>The complainant as stored in the journal (platform.complaints.complainant).</summary>
public sealed record Complainant(string FullName, string? Iin, string? Phone, string? Email, string? PostalAddress, Language Language);

/// <summary>The authority level of the service's complaint route the complaint is addressed to (1 = the first level).</summary>
public sealed record AddressedAuthority(int Level, CatalogueText Authority, string Source);

/// <param name="Justified">The review's finding, when the unit head recorded one: true justified, false not justified.</param>
public sealed record ComplaintAnswer(string Text, ComplaintChannel SentVia, Instant AnsweredAt, string AnsweredBy, bool? Justified = null);

public sealed record ComplaintEvent(Instant At, string ActorId, string ActorName, string Action, ComplaintStatus? FromStatus, ComplaintStatus ToStatus, string? Note);

/// <summary>A journal entry. <see cref="Events"/> (the history) is given by GET /complaints/{id} and the state changes only.</summary>
public sealed record ComplaintResponse(
    Guid Id,
    string JournalNumber,
    string ServiceCode,
    Guid? ApplicationId,
    string OfficeId,
    ComplaintChannel ReceivedVia,
    Instant ReceivedAt,
    Instant RegisteredAt,
    string RegisteredBy,
    Complainant Complainant,
    string Subject,
    AddressedAuthority AddressedTo,
    string? ReviewTerm,
    Instant? DueAt,
    LocalDate? DueDate,
    ComplaintStatus Status,
    bool Overdue,
    IReadOnlyList<ComplaintAction> AllowedActions,
    ComplaintAnswer? Answer,
    int Version,
    Instant UpdatedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ComplaintEvent>? Events { get; init; }
}

public sealed record ComplaintListResponse(IReadOnlyList<ComplaintResponse> Items, string? NextCursor);
