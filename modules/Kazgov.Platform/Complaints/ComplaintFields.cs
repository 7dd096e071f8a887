using System.Text.RegularExpressions;
using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Identifiers;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;

namespace Kazgov.Platform.Complaints;

/// <summary>
/// Reads the fields of the journal's request bodies into values, adding a field error (never
/// throwing) for each one that is missing or malformed. Validators call these to refuse a request;
/// handlers call them again to get the values of a request already found valid.
/// </summary>
internal static partial class ComplaintFields
{
    public const int MaxSubjectLength = 4000;
    public const int MaxAnswerLength = 10000;
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 500;
    public const int MaxNoteLength = 2000;

    public static ComplaintChannel? Channel(ValidationErrors errors, string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, CommonMessages.Required);
            return null;
        }

        if (!ComplaintChannels.TryParse(value.Trim(), out var channel))
        {
            errors.Add(field, ComplaintMessages.UnknownChannel);
            return null;
        }

        return channel;
    }

    /// <summary>Trimmed text, or null when blank; too long is a field error.</summary>
    public static string? Text(ValidationErrors errors, string field, string? value, int maxLength, bool required)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (required)
        {
            errors.Required(field, text);
        }

        if (text is not null && text.Length > maxLength)
        {
            errors.Add(field, ComplaintMessages.TooLong.Format(maxLength));
        }

        return text;
    }

    /// <summary>The channel must be one the standard accepts complaints by, the level one of its route.</summary>
    public static void CheckAgainstEntry(ValidationErrors errors, ServiceEntry entry, ComplaintChannel? receivedVia, int? addressedTo)
    {
        var complaints = entry.Complaints;
        if (receivedVia is { } channel && !complaints.Channels.Contains(channel))
        {
            errors.Add("receivedVia", ComplaintMessages.ChannelNotAccepted.Format(
                entry.Code, string.Join(", ", complaints.Channels.Select(ComplaintChannels.ToCode)), complaints.Source));
        }

        if (addressedTo is { } level && (level < 1 || level > complaints.Route.Count))
        {
            var levels = string.Join("; ", complaints.Route.Select((authority, index) => $"{index + 1} — {authority.Text.En}"));
            errors.Add("addressedTo", ComplaintMessages.BadLevel.Format(entry.Code, complaints.Route.Count, levels));
        }
    }

    public static Complainant? Complainant(ValidationErrors errors, ComplainantRequest? request)
    {
        if (request is null)
        {
            errors.Add("complainant", CommonMessages.Required);
            return null;
        }

        var fullName = Collapse(request.FullName);
        errors.Required("complainant.fullName", fullName);
        if (fullName is { Length: > MaxNameLength })
        {
            errors.Add("complainant.fullName", ComplaintMessages.TooLong.Format(MaxNameLength));
        }

        string? iin = null;
        if (!string.IsNullOrWhiteSpace(request.Iin))
        {
            if (Iin.TryParse(request.Iin.Trim(), out var parsed, out _))
            {
                iin = parsed!.Value;
            }
            else
            {
                errors.Add("complainant.iin", ComplaintMessages.BadIin);
            }
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(request.Phone))
        {
            phone = PhoneSeparators().Replace(request.Phone, "");
            if (!PhonePattern().IsMatch(phone))
            {
                errors.Add("complainant.phone", ComplaintMessages.BadPhone);
            }
        }

        string? email = null;
        if (!string.IsNullOrWhiteSpace(request.Email))
        {
            email = request.Email.Trim();
            if (email.Length > 254 || !EmailPattern().IsMatch(email))
            {
                errors.Add("complainant.email", ComplaintMessages.BadEmail);
            }
        }

        var postalAddress = Collapse(request.PostalAddress);
        if (postalAddress is { Length: > MaxAddressLength })
        {
            errors.Add("complainant.postalAddress", ComplaintMessages.TooLong.Format(MaxAddressLength));
        }

        // The outcome must reach the complainant (e.g. driver-licence §22: in writing, by post or e-mail).
        if (phone is null && email is null && postalAddress is null)
        {
            errors.Add("complainant", ComplaintMessages.NoContact);
        }

        var language = Language.Kk;
        if (!string.IsNullOrWhiteSpace(request.Language) && !LanguageCodes.TryParse(request.Language, out language))
        {
            errors.Add("complainant.language", ComplaintMessages.BadLanguage);
        }

        return fullName is null ? null : new Complainant(fullName, iin, phone, email, postalAddress, language);
    }

    private static string? Collapse(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : Whitespace().Replace(value.Trim(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[\s\-()]")]
    private static partial Regex PhoneSeparators();

    [GeneratedRegex(@"^\+?[0-9]{6,15}$")]
    private static partial Regex PhonePattern();

    // Deliberately loose (one "@", a dot in the domain, no spaces): the mail server is the real check.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
