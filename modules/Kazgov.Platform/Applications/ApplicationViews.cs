using System.Text.Json;
using Kazgov.Kernel.Localization;
using NodaTime;

namespace Kazgov.Platform.Applications;

/// <summary>Who accepted the documents (the acknowledgement slip names them).</summary>
/// <param name="Position">As the staff directory holds it (Kazakh).</param>
/// <param name="Positions">The position in kk, ru and en, for papers printed in the page's or applicant's language; null without a position.</param>
public sealed record AcceptingOfficial(string Id, string FullName, string? Position, LocalizedText? Positions = null)
{
    public static AcceptingOfficial Of(string id, string fullName, string? position) =>
        new(id, fullName, position, Offices.PositionNames.Of(position));
}

public sealed record FeeLineStatus(string Item, decimal PercentOfMci, LocalDate PriceDate, decimal Mci, decimal AmountDue, decimal Paid, bool Settled);

/// <summary>What is due and what was paid; <c>Settled</c> when every item is paid or an exemption applies.</summary>
public sealed record FeeStatus(bool Free, string? Exemption, IReadOnlyList<FeeLineStatus> Items, decimal TotalDue, decimal TotalPaid, bool Settled);

public sealed record ReceiptView(Guid Id, string Item, string Bank, string ReceiptNumber, LocalDate PaidOn, decimal Amount, Instant RecordedAt, string RecordedBy);

public sealed record RefusalView(IReadOnlyList<string> Grounds, string Explanation, Language NoticeLanguage, string Notice, Instant RefusedAt, string RefusedBy);

public sealed record IssuanceView(string ReceivedBy, string IdentityDocument, Instant IssuedAt, string IssuedBy);

/// <summary>An application as the API shows it.</summary>
public sealed record ApplicationView(
    Guid Id,
    string RegistrationNumber,
    string Service,
    string? SubType,
    string OfficeId,
    string Channel,
    string Status,
    IReadOnlyList<string> AllowedActions,
    string ApplicantType,
    ApplicantDetails Applicant,
    Representative? Representative,
    IReadOnlyList<string> Documents,
    FeeStatus Fees,
    IReadOnlyList<ReceiptView> Receipts,
    string TermVariant,
    string Term,
    Instant AcceptedAt,
    AcceptingOfficial AcceptedBy,
    Instant DueAt,
    LocalDate DueDate,
    bool Overdue,
    Instant? SuspendedSince,
    IReadOnlyList<EligibilityFinding> EligibilityFindings,
    string? ResultReference,
    RefusalView? Refusal,
    IssuanceView? Issuance,
    JsonElement ModuleData,
    int Version);

/// <summary>A line of the inbox: enough to sort, highlight and open.</summary>
public sealed record ApplicationSummary(
    Guid Id,
    string RegistrationNumber,
    string Service,
    string OfficeId,
    string Status,
    string ApplicantName,
    string SubjectId,
    Instant AcceptedAt,
    Instant DueAt,
    bool Overdue,
    bool DueToday);

/// <summary>A page of the list; <see cref="Total"/> counts every application the same filter selects (all pages).</summary>
public sealed record ApplicationList(IReadOnlyList<ApplicationSummary> Items, string? NextCursor, long OverdueCount, long Total);

/// <summary>One transition of the append-only history.</summary>
public sealed record ApplicationEvent(long Id, Instant At, string ActorId, string ActorName, string Action, string? FromStatus, string ToStatus, string? Reason);

public sealed record ApplicationHistory(Guid ApplicationId, string RegistrationNumber, IReadOnlyList<ApplicationEvent> Events);

/// <summary>The office: <see cref="Name"/> and <see cref="Address"/> as the seed prints them (Kazakh), <see cref="Names"/> and <see cref="Addresses"/> in kk, ru and en (en: Latin letters), as GET /offices gives them.</summary>
public sealed record OfficeRef(string Id, string Name, string Address, LocalizedText Names, LocalizedText Addresses);

/// <summary>
/// The acknowledgement slip every standard requires once all documents are handed in: the body's
/// name, the position and name of the employee who accepted them, the date and time of acceptance
/// (e.g. driver-licence §14–15, residence-permit §15, citizenship §15), plus the registration number,
/// the due date and what happens next.
/// </summary>
public sealed record AcknowledgementSlip(
    Guid ApplicationId,
    string RegistrationNumber,
    string Service,
    LocalizedText ServiceName,
    OfficeRef Office,
    AcceptingOfficial AcceptedBy,
    Instant AcceptedAt,
    string AcceptedAtLocal,
    Instant DueAt,
    LocalDate DueDate,
    string ApplicantName,
    IReadOnlyList<string> Documents,
    LocalizedText NextSteps);

/// <summary>The written refusal notice, in the applicant's language (and the other two for the file).</summary>
public sealed record RefusalNotice(Guid ApplicationId, string RegistrationNumber, Language Language, string Text, LocalizedText AllLanguages);

/// <summary>Created: the application and its acknowledgement slip.</summary>
public sealed record SubmittedApplication(ApplicationView Application, AcknowledgementSlip Acknowledgement);
