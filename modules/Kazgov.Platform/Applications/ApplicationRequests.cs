using System.Text.Json;
using NodaTime;

namespace Kazgov.Platform.Applications;

/// <summary>The body of POST /api/v1/applications (module endpoints build one from their own body).</summary>
public sealed record SubmitApplicationRequest(
    string? Service,
    string? SubType,
    string? OfficeId,
    string? Channel,
    string? TermVariant,
    string? ApplicantType,
    ApplicantDetails? Applicant,
    Representative? Representative,
    IReadOnlyList<string>? Documents,
    IReadOnlyList<string>? FeeItems,
    string? FeeExemption,
    IReadOnlyList<ReceiptRequest>? Receipts,
    JsonElement? ModuleData);

/// <summary>A bank's receipt for a fee item (every standard: fees are paid through banks, which issue a receipt).</summary>
public sealed record ReceiptRequest(string? Item, string? Bank, string? ReceiptNumber, LocalDate? PaidOn, decimal? Amount);

public sealed record RefuseRequest(IReadOnlyList<string>? Grounds, string? Explanation);

public sealed record ReasonRequest(string? Reason);

/// <summary>Issuance against signature: who received the result, on which identity document.</summary>
public sealed record IssueRequest(string? ReceivedBy, string? IdentityDocument, bool SignatureTaken);
