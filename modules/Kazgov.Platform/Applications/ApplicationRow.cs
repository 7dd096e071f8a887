using System.Text.Json;
using Kazgov.Kernel.Http;
using NodaTime;

namespace Kazgov.Platform.Applications;

/// <summary>One row of platform.applications, as stored.</summary>
internal sealed class ApplicationRow
{
    public const string Columns = """
        id AS Id, registration_number AS RegistrationNumber, service_code AS ServiceCode, sub_type AS SubType,
        office_id AS OfficeId, channel AS Channel, status AS Status, status_before_suspension AS StatusBeforeSuspension,
        suspended_since AS SuspendedSince, applicant_type AS ApplicantType, applicant::text AS Applicant, subject_id AS SubjectId,
        representative::text AS Representative, documents AS Documents, fee_items AS FeeItems, fee_exemption AS FeeExemption,
        term_variant AS TermVariant, term AS Term, accepted_at AS AcceptedAt, accepted_by AS AcceptedBy,
        accepted_by_name AS AcceptedByName, accepted_by_position AS AcceptedByPosition, due_at AS DueAt,
        submitted_by AS SubmittedBy, module_data::text AS ModuleData, eligibility_findings::text AS EligibilityFindings,
        result_reference AS ResultReference,
        version AS Version, updated_at AS UpdatedAt
        """;

    public Guid Id { get; set; }

    public string RegistrationNumber { get; set; } = "";

    public string ServiceCode { get; set; } = "";

    public string? SubType { get; set; }

    public string OfficeId { get; set; } = "";

    public string Channel { get; set; } = "";

    public string Status { get; set; } = "";

    public string? StatusBeforeSuspension { get; set; }

    public Instant? SuspendedSince { get; set; }

    public string ApplicantType { get; set; } = "";

    public string Applicant { get; set; } = "{}";

    public string SubjectId { get; set; } = "";

    public string? Representative { get; set; }

    public string[] Documents { get; set; } = [];

    public string[] FeeItems { get; set; } = [];

    public string? FeeExemption { get; set; }

    public string TermVariant { get; set; } = "";

    public string Term { get; set; } = "";

    public Instant AcceptedAt { get; set; }

    public string AcceptedBy { get; set; } = "";

    public string AcceptedByName { get; set; } = "";

    public string? AcceptedByPosition { get; set; }

    public Instant DueAt { get; set; }

    public string SubmittedBy { get; set; } = "";

    public string ModuleData { get; set; } = "{}";

    public string EligibilityFindings { get; set; } = "[]";

    public string? ResultReference { get; set; }

    public int Version { get; set; }

    public Instant UpdatedAt { get; set; }

    public ApplicationStatus StatusValue => ApplicationStatusCodes.ParseStatus(Status);

    /// <summary>Parsed once per row: the view reads it, and the audit record again.</summary>
    public ApplicantDetails ApplicantValue => _applicant ??= JsonSerializer.Deserialize<ApplicantDetails>(Applicant, PlatformJson.Options)!;

    private ApplicantDetails? _applicant;

    public Representative? RepresentativeValue =>
        Representative is null ? null : JsonSerializer.Deserialize<Representative>(Representative, PlatformJson.Options);

    public JsonElement ModuleDataValue => JsonDocument.Parse(ModuleData).RootElement.Clone();

    public IReadOnlyList<EligibilityFinding> FindingsValue =>
        JsonSerializer.Deserialize<List<EligibilityFinding>>(EligibilityFindings, PlatformJson.Options) ?? [];
}

/// <summary>
/// What the inbox shows of an application, and what its audit record needs: a page of fifty reads
/// these columns only, not the documents, module data and findings of each row, and takes the
/// applicant's name and kind out of the stored JSON in SQL rather than parsing fifty documents.
/// </summary>
internal sealed class ApplicationListRow
{
    public const string Columns = """
        id AS Id, registration_number AS RegistrationNumber, service_code AS ServiceCode, office_id AS OfficeId,
        status AS Status, coalesce(applicant->>'fullName', '') AS ApplicantName, applicant->>'kind' AS ApplicantKind,
        subject_id AS SubjectId, accepted_at AS AcceptedAt, due_at AS DueAt
        """;

    public Guid Id { get; set; }

    public string RegistrationNumber { get; set; } = "";

    public string ServiceCode { get; set; } = "";

    public string OfficeId { get; set; } = "";

    public string Status { get; set; } = "";

    /// <summary>The stored <see cref="ApplicantDetails.FullName"/>.</summary>
    public string ApplicantName { get; set; } = "";

    /// <summary>The stored <see cref="ApplicantDetails.Kind"/>, as its JSON code (individual, legal-entity, …).</summary>
    public string? ApplicantKind { get; set; }

    /// <summary>The applicant's <see cref="ApplicantDetails.SubjectId"/> (the column written beside the JSON).</summary>
    public string SubjectId { get; set; } = "";

    public Instant AcceptedAt { get; set; }

    public Instant DueAt { get; set; }

    public ApplicationStatus StatusValue => ApplicationStatusCodes.ParseStatus(Status);
}
