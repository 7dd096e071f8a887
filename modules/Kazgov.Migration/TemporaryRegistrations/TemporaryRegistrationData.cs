using System.Text.Json;
using Kazgov.Kernel.Http;
using Kazgov.Platform.Applications;
using NodaTime;

namespace Kazgov.Migration.TemporaryRegistrations;

/// <summary>
/// The module's own part of a temporary-registration application (its module data): who receives the
/// foreigner, where, the migration card, the grounds of the stay and, for a tourist group, the
/// certified list. <see cref="Assessment"/> is computed at intake (never taken from the caller).
/// </summary>
internal sealed record TemporaryRegistrationData(
    HostDetails? Host,
    string? Address,
    string? MigrationCardNumber,
    LocalDate? BorderCrossedOn,
    LocalDate? RequestedUntil,
    VisaDetails? Visa,
    WorkPermitDetails? WorkPermit,
    StudyDetails? Study,
    string? ExtendsRegistration,
    TouristGroup? Group,
    RegistrationAssessment? Assessment = null)
{
    public static TemporaryRegistrationData From(JsonElement moduleData) =>
        moduleData.Deserialize<TemporaryRegistrationData>(PlatformJson.Options)
        ?? throw new InvalidOperationException("temporary-registration module data is missing");
}

/// <summary>§12: the receiving individual (IIN) or legal entity (BIN), or "self" with the appendix-3 category.</summary>
internal sealed record HostDetails(string? Kind, string? Iin, string? Bin, string? Name, int? SelfCategory)
{
    public const string Individual = "individual";
    public const string LegalEntity = "legal-entity";
    public const string Self = "self";
}

/// <summary>A visa to enter and stay (§12.1): "single-entry" or "multiple-entry", valid until a day.</summary>
internal sealed record VisaDetails(string? Number, string? Kind, LocalDate? ValidUntil)
{
    public const string SingleEntry = "single-entry";
    public const string MultipleEntry = "multiple-entry";
}

/// <summary>A permit to attract foreign labour (§16), valid until a day.</summary>
internal sealed record WorkPermitDetails(string? Number, LocalDate? ValidUntil);

/// <summary>Studies at a Kazakh educational institution (§16).</summary>
internal sealed record StudyDetails(string? Institution);

/// <summary>§15: a tourist group registered over its collective list certified with the visa stamp and an official's signature.</summary>
internal sealed record TouristGroup(string? ListNumber, string? CertifiedBy, IReadOnlyList<GroupMember>? Members);

/// <summary>A member of the group other than the applicant (the group's leader, who is registered too).</summary>
internal sealed record GroupMember(
    ApplicantKind Kind,
    TravelDocument? TravelDocument,
    string? LastName,
    string? FirstName,
    string? MiddleName,
    LocalDate? BirthDate,
    string? Citizenship,
    VisaDetails? Visa);

/// <summary>What intake computed: the §6 due day and lateness, and each person's §16 period.</summary>
internal sealed record RegistrationAssessment(
    LocalDate AssessedOn,
    LocalDate DueBy,
    int DaysLate,
    IReadOnlyList<AssessedPerson> Persons);

internal sealed record AssessedPerson(
    string PersonId,
    string FullName,
    string Basis,
    LocalDate From,
    LocalDate Until,
    string LimitedBy,
    bool StayOverSixMonths);
