using Kazgov.Kernel.Problems;

namespace Kazgov.Migration.ResidencePermits;

internal static class ResidencePermitProblems
{
    /// <summary>residence-permit §6: the service is for persons of 16 or older (a certificate younger only when travelling abroad unaccompanied).</summary>
    public static readonly ProblemType ApplicantUnder16 = new("applicant-under-16", 422, new(
        "Мемлекеттік қызмет 16 жасқа толған шетелдіктер мен азаматтығы жоқ адамдарға көрсетіледі (residence-permit §6)",
        "Государственная услуга оказывается иностранцам и лицам без гражданства, достигшим 16 лет (residence-permit §6)",
        "The service is for foreigners and stateless persons who have reached the age of 16 (residence-permit §6)"));

    public static readonly ProblemType DocumentNotFound = new("residence-permit-not-found", 404, new(
        "Мұндай нөмірлі тұруға ықтиярхат немесе азаматтығы жоқ адамның куәлігі жоқ",
        "Вида на жительство или удостоверения лица без гражданства с таким номером нет",
        "There is no residence permit or stateless person's certificate with this number"));

    /// <summary>Hand-over of a document the register no longer holds as reserved (e.g. revoked since approval).</summary>
    public static readonly ProblemType DocumentNotReserved = new("residence-permit-not-reserved", 409, new(
        "Құжат тізілімде берілуге дайын күйде емес",
        "Документ не числится в реестре как готовый к выдаче",
        "The document is not held in the register as ready to be handed over"));
}
