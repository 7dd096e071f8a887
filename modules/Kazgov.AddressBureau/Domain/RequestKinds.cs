namespace Kazgov.AddressBureau.Domain;

/// <summary>
/// The kinds of request and the catalogue term variant each runs on (address-certificate §7):
/// in person 10 minutes of working time; a priority agency's written or telephone request 48 hours
/// around the clock; an organisation's request 5 тәулік = 120 hours around the clock.
/// </summary>
internal static class RequestKinds
{
    public const string InPerson = "in-person";
    public const string AgencyWritten = "agency-written";
    public const string AgencyPhone = "agency-phone";
    public const string Organisation = "organisation";

    public static readonly IReadOnlyList<string> All = [InPerson, AgencyWritten, AgencyPhone, Organisation];

    public static string TermVariant(string kind) => kind switch
    {
        InPerson => "in-person",
        AgencyWritten or AgencyPhone => "priority-agency",
        _ => "other",
    };

    /// <summary>The catalogue's applicant type (§6): a law-enforcement agency's officer, another agency or organisation, or an individual.</summary>
    public static string ApplicantType(string kind, Agency? agency) => kind switch
    {
        InPerson => "individual",
        AgencyWritten or AgencyPhone when agency is { LawEnforcement: true } => "law-enforcement",
        _ => "legal-entity",
    };

    /// <summary>The §12 document the applicant type presents.</summary>
    public static string Document(string applicantType) => applicantType switch
    {
        "individual" => "identity-document",
        "law-enforcement" => "service-id",
        _ => "written-request",
    };
}
