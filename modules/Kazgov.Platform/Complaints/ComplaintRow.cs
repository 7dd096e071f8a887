using System.Text.Json;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using NodaTime;

namespace Kazgov.Platform.Complaints;

/// <summary>A row of platform.complaints as Dapper reads it (<see cref="ComplaintStore.Columns"/>).</summary>
internal sealed class ComplaintRow
{
    public Guid Id { get; init; }

    public string JournalNumber { get; init; } = "";

    public string ServiceCode { get; init; } = "";

    public Guid? ApplicationId { get; init; }

    public string OfficeId { get; init; } = "";

    public string ReceivedVia { get; init; } = "";

    public Instant ReceivedAt { get; init; }

    public Instant RegisteredAt { get; init; }

    public string RegisteredBy { get; init; } = "";

    public string Complainant { get; init; } = "{}";

    public string SubjectId { get; init; } = "";

    public string Subject { get; init; } = "";

    public int AddressedTo { get; init; }

    public string? ReviewTerm { get; init; }

    public Instant? DueAt { get; init; }

    public string Status { get; init; } = "";

    public string? Answer { get; init; }

    public Instant? AnsweredAt { get; init; }

    public string? AnsweredBy { get; init; }

    public string? AnswerSentVia { get; init; }

    public bool? Justified { get; init; }

    public int Version { get; init; }

    public Instant UpdatedAt { get; init; }

    public ComplaintStatus StatusValue => ComplaintLifecycle.TryParseStatus(Status, out var status)
        ? status
        : throw new InvalidOperationException($"Complaint {Id} has an unknown status '{Status}'.");

    public Complainant ComplainantValue => JsonSerializer.Deserialize<Complainant>(Complainant, PlatformJson.Options)!;

    /// <summary>The audit subject: the IIN when the complainant gave one, else their name.</summary>
    public string SubjectKind => ComplainantValue.Iin is null ? AuditSubjects.Name : AuditSubjects.Iin;

    /// <summary>The audit record of a read or change of this entry: whose data (IIN or name) and which entry (its journal number).</summary>
    public AuditEvent AuditOf(string operation) =>
        new(operation, SubjectKind, SubjectId) { ObjectId = JournalNumber, ServiceCode = ServiceCode, OfficeId = OfficeId };

    public ComplaintResponse ToResponse(ServiceCatalogue catalogue, Instant now)
    {
        var status = StatusValue;
        var route = catalogue.Find(ServiceCode)?.Complaints.Route ?? [];
        // A level the catalogue no longer has (a later edit of the route) is still shown, with its number only.
        var authority = AddressedTo <= route.Count
            ? new AddressedAuthority(AddressedTo, route[AddressedTo - 1].Text, route[AddressedTo - 1].Source)
            : new AddressedAuthority(AddressedTo, new CatalogueText("", "", ""), "");
        return new ComplaintResponse(
            Id,
            JournalNumber,
            ServiceCode,
            ApplicationId,
            OfficeId,
            Channel(ReceivedVia),
            ReceivedAt,
            RegisteredAt,
            RegisteredBy,
            ComplainantValue,
            Subject,
            authority,
            ReviewTerm,
            DueAt,
            DueAt?.Minus(Duration.Epsilon).InZone(WorkingCalendar.Zone).Date,
            status,
            ComplaintTerms.IsOverdue(status, DueAt, now),
            ComplaintLifecycle.AllowedActions(status),
            Answer is null ? null : new ComplaintAnswer(Answer, Channel(AnswerSentVia), AnsweredAt!.Value, AnsweredBy!, Justified),
            Version,
            UpdatedAt);
    }

    private static ComplaintChannel Channel(string? code) => ComplaintChannels.TryParse(code, out var channel)
        ? channel
        : throw new InvalidOperationException($"Unknown complaint channel '{code}'.");
}
