using System.Text.RegularExpressions;
using Kazgov.Kernel.Identifiers;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using NodaTime;

namespace Kazgov.Platform.Applications;

public enum ApplicantKind
{
    Individual,
    LegalEntity,
    Foreigner,
    StatelessPerson,
}

/// <summary>A foreigner's or stateless person's travel document.</summary>
public sealed record TravelDocument(string? Number, string? Country, LocalDate? ExpiresOn);

/// <summary>
/// Who applies: an individual with an IIN, a legal entity with a BIN, or a foreigner / stateless
/// person with a travel document and date of birth; with contacts and a preferred language for
/// notices and notifications.
/// </summary>
public sealed record ApplicantDetails(
    ApplicantKind Kind,
    string? Iin,
    string? Bin,
    TravelDocument? TravelDocument,
    string? LastName,
    string? FirstName,
    string? MiddleName,
    string? OrganisationName,
    LocalDate? BirthDate,
    string? Citizenship,
    string? Phone,
    string? Email,
    Language Language)
{
    public string FullName => Kind == ApplicantKind.LegalEntity
        ? OrganisationName ?? ""
        : string.Join(' ', new[] { LastName, FirstName, MiddleName }.Where(part => !string.IsNullOrWhiteSpace(part)));

    /// <summary>Whose data this is, for the audit trail: the IIN, the BIN, or COUNTRY:document number.</summary>
    public string SubjectId => Kind switch
    {
        ApplicantKind.Individual => Iin!,
        ApplicantKind.LegalEntity => Bin!,
        _ => TravelDocument!.Country + ":" + TravelDocument.Number,
    };
}

/// <summary>A representative acting for the applicant under a power of attorney.</summary>
public sealed record Representative(string? FullName, string? Iin, PowerOfAttorney? PowerOfAttorney);

public sealed record PowerOfAttorney(string? Number, LocalDate? IssuedOn, LocalDate? ValidUntil, string? IssuedBy);

/// <summary>Shape checks of applicants and representatives (identifiers, names, contacts).</summary>
public static partial class ApplicantValidation
{
    private static readonly LocalizedText InvalidIin = new(
        "ЖСН дұрыс емес (12 сан, бақылау разряды, туған күні)",
        "ИИН некорректен (12 цифр, контрольный разряд, дата рождения)",
        "The IIN is not valid (12 digits, check digit, birth date)");

    private static readonly LocalizedText InvalidBin = new(
        "БСН дұрыс емес (12 сан, бақылау разряды)",
        "БИН некорректен (12 цифр, контрольный разряд)",
        "The BIN is not valid (12 digits, check digit)");

    private static readonly LocalizedText BornInTheFuture = new(
        "Туған күні болашақта болуы мүмкін емес",
        "Дата рождения не может быть в будущем",
        "The birth date cannot be in the future");

    private static readonly LocalizedText BirthDateMismatch = new(
        "Туған күні ЖСН-мен сәйкес келмейді",
        "Дата рождения не совпадает с ИИН",
        "The birth date does not match the IIN");

    private static readonly LocalizedText InvalidCountry = new(
        "Ел ISO 3166-1 alpha-2 кодымен көрсетілуі керек (мысалы, RU)",
        "Страна указывается кодом ISO 3166-1 alpha-2 (например, RU)",
        "The country must be an ISO 3166-1 alpha-2 code (e.g. RU)");

    private static readonly LocalizedText InvalidPhone = new(
        "Телефон нөмірі +7XXXXXXXXXX түрінде болуы керек",
        "Номер телефона должен быть в виде +7XXXXXXXXXX",
        "The phone number must look like +7XXXXXXXXXX");

    private static readonly LocalizedText InvalidEmail = new(
        "Электрондық пошта мекенжайы дұрыс емес",
        "Адрес электронной почты некорректен",
        "The e-mail address is not valid");

    private static readonly LocalizedText ContactRequired = new(
        "Хабарлама жіберу үшін телефон немесе электрондық пошта қажет",
        "Для уведомлений нужен телефон или электронная почта",
        "A phone number or an e-mail address is needed for notifications");

    private static readonly LocalizedText BirthDateInFuture = new(
        "Туған күні болашақта болмауы керек",
        "Дата рождения не может быть в будущем",
        "The birth date cannot be in the future");

    public static void Validate(ApplicantDetails? applicant, string prefix, LocalDate today, ValidationErrors errors)
    {
        if (applicant is null)
        {
            errors.Add(prefix, CommonMessages.Required);
            return;
        }

        switch (applicant.Kind)
        {
            case ApplicantKind.Individual:
                if (!Kazgov.Kernel.Identifiers.Iin.TryParse(applicant.Iin, out var iin, out _))
                {
                    errors.Add(prefix + ".iin", InvalidIin);
                }
                else if (iin!.BirthDate > today)
                {
                    // The check digit can be right for an IIN whose date lies ahead (300101500014): no one is born yet.
                    errors.Add(prefix + ".iin", BornInTheFuture);
                }
                else if (applicant.BirthDate is { } birthDate && birthDate != iin!.BirthDate)
                {
                    errors.Add(prefix + ".birthDate", BirthDateMismatch);
                }

                errors.Required(prefix + ".lastName", applicant.LastName);
                errors.Required(prefix + ".firstName", applicant.FirstName);
                break;
            case ApplicantKind.LegalEntity:
                if (!Kazgov.Kernel.Identifiers.Bin.TryParse(applicant.Bin, out _, out _))
                {
                    errors.Add(prefix + ".bin", InvalidBin);
                }

                errors.Required(prefix + ".organisationName", applicant.OrganisationName);
                break;
            default:
                errors.Required(prefix + ".travelDocument.number", applicant.TravelDocument?.Number);
                if (applicant.TravelDocument?.Country is not { } country || !CountryCode().IsMatch(country))
                {
                    errors.Add(prefix + ".travelDocument.country", InvalidCountry);
                }

                if (applicant.TravelDocument?.ExpiresOn is null)
                {
                    errors.Add(prefix + ".travelDocument.expiresOn", CommonMessages.Required);
                }

                if (applicant.BirthDate is null)
                {
                    errors.Add(prefix + ".birthDate", CommonMessages.Required);
                }
                else if (applicant.BirthDate > today)
                {
                    errors.Add(prefix + ".birthDate", BornInTheFuture);
                }

                errors.Required(prefix + ".lastName", applicant.LastName);
                errors.Required(prefix + ".firstName", applicant.FirstName);
                break;
        }

        if (applicant.BirthDate > today)
        {
            errors.Add(prefix + ".birthDate", BirthDateInFuture);
        }

        if (applicant.Phone is { } phone && !Phone().IsMatch(phone))
        {
            errors.Add(prefix + ".phone", InvalidPhone);
        }

        if (applicant.Email is { } email && !Email().IsMatch(email))
        {
            errors.Add(prefix + ".email", InvalidEmail);
        }

        if (string.IsNullOrWhiteSpace(applicant.Phone) && string.IsNullOrWhiteSpace(applicant.Email))
        {
            errors.Add(prefix + ".phone", ContactRequired);
        }
    }

    public static void Validate(Representative? representative, string prefix, ValidationErrors errors)
    {
        if (representative is null)
        {
            return;
        }

        errors.Required(prefix + ".fullName", representative.FullName);
        if (representative.Iin is not null && !Kazgov.Kernel.Identifiers.Iin.TryParse(representative.Iin, out _, out _))
        {
            errors.Add(prefix + ".iin", InvalidIin);
        }

        errors.Required(prefix + ".powerOfAttorney.number", representative.PowerOfAttorney?.Number);
        if (representative.PowerOfAttorney?.IssuedOn is null)
        {
            errors.Add(prefix + ".powerOfAttorney.issuedOn", CommonMessages.Required);
        }
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();

    [GeneratedRegex(@"^\+7\d{10}$")]
    private static partial Regex Phone();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();
}
