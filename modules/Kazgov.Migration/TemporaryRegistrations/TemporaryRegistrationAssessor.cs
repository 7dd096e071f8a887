using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Migration.TemporaryRegistrations.Domain;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Catalogue;
using NodaTime;
using NodaTime.Text;

namespace Kazgov.Migration.TemporaryRegistrations;

/// <summary>A person registered by the application: the applicant, and for a tourist group each member of the list.</summary>
internal sealed record RegisteredPerson(
    string Field,
    ApplicantKind Kind,
    TravelDocument Document,
    string LastName,
    string FirstName,
    string? MiddleName,
    LocalDate BirthDate,
    string? Citizenship,
    VisaDetails? Visa)
{
    public string PersonId => Document.Country + ":" + Document.Number;

    public string FullName => string.Join(' ', new[] { LastName, FirstName, MiddleName }.Where(p => !string.IsNullOrWhiteSpace(p)));
}

/// <summary>
/// The temporary-registration rules of intake, run on both intake routes and again on the day of
/// registration: §6 age and the five days, §12 the host and the visa (appendices 3 and 4 read from
/// the catalogue), §16 the period of each person. Field errors go to <see cref="ValidationErrors"/>.
/// </summary>
internal static class TemporaryRegistrationAssessor
{
    private static readonly LocalizedText ForeignersOnly = new(
        "Тіркелетін адам — шетелдік немесе азаматтығы жоқ адам (temporary-registration §6)",
        "Регистрируемое лицо — иностранец или лицо без гражданства (temporary-registration §6)",
        "The person registered is a foreigner or a stateless person (temporary-registration §6)");

    private static readonly LocalizedText TooYoung = new(
        "Қызмет 16 жастан асқан шетелдіктерге көрсетіледі; 16 жасқа {0} толады (temporary-registration §6)",
        "Услуга оказывается иностранцам старше 16 лет; 16 лет исполнится {0} (temporary-registration §6)",
        "The service is for foreigners over 16; the person turns 16 on {0} (temporary-registration §6)");

    private static readonly LocalizedText DocumentExpired = new(
        "Жеке басын куәландыратын құжаттың мерзімі {0} өтіп кеткен: жарамды құжат қажет (temporary-registration §12.1)",
        "Срок действия документа, удостоверяющего личность, истёк {0}: нужен действительный документ (temporary-registration §12.1)",
        "The identity document expired on {0}: a valid document is needed (temporary-registration §12.1)");

    private static readonly LocalizedText VisaRequired = new(
        "Виза қажет: 4-қосымшадағы визасыз елдердің азаматтарына ғана виза қажет етілмейді (temporary-registration §12.1, appendix 4)",
        "Нужна виза: без визы — только граждане стран приложения 4 (temporary-registration §12.1, appendix 4)",
        "A visa is required: only citizens of the appendix-4 states need none (temporary-registration §12.1, appendix 4)");

    private static readonly LocalizedText VisaExpired = new(
        "Визаның мерзімі өтіп кеткен (temporary-registration §12.1)",
        "Срок действия визы истёк (temporary-registration §12.1)",
        "The visa has expired (temporary-registration §12.1)");

    private static readonly LocalizedText VisaKind = new(
        "Виза түрі: single-entry (бір рет) немесе multiple-entry (бірнеше мәрте)",
        "Вид визы: single-entry (однократная) или multiple-entry (многократная)",
        "Visa kind: single-entry or multiple-entry");

    private static readonly LocalizedText HostKind = new(
        "Қабылдаушы: individual (ЖСН), legal-entity (БСН) немесе self (3-қосымшаның санаты) (temporary-registration §12)",
        "Принимающая сторона: individual (ИИН), legal-entity (БИН) или self (категория приложения 3) (temporary-registration §12)",
        "Host: individual (IIN), legal-entity (BIN) or self (an appendix-3 category) (temporary-registration §12)");

    private static readonly LocalizedText InvalidIin = new(
        "ЖСН дұрыс емес (12 сан, бақылау разряды, туған күні)",
        "ИИН некорректен (12 цифр, контрольный разряд, дата рождения)",
        "The IIN is not valid (12 digits, check digit, birth date)");

    private static readonly LocalizedText InvalidBin = new(
        "БСН дұрыс емес (12 сан, бақылау разряды)",
        "БИН некорректен (12 цифр, контрольный разряд)",
        "The BIN is not valid (12 digits, check digit)");

    private static readonly LocalizedText UnknownCategory = new(
        "3-қосымшаның санаты: {0} (temporary-registration §12, appendix 3)",
        "Категория приложения 3: {0} (temporary-registration §12, appendix 3)",
        "An appendix-3 category: {0} (temporary-registration §12, appendix 3)");

    private static readonly LocalizedText CategoryOneCitizenship = new(
        "1-санат 3-қосымшада аталған мемлекеттердің азаматтарына ғана; азаматтығы: {0} (temporary-registration appendix 3)",
        "Категория 1 — только для граждан государств, названных в приложении 3; гражданство: {0} (temporary-registration appendix 3)",
        "Category 1 is only for citizens of the states listed in appendix 3; citizenship: {0} (temporary-registration appendix 3)");

    private static readonly LocalizedText SelfCategoryOnlyForSelf = new(
        "Санат тек өзі тіркелетін шетелдікке көрсетіледі (host.kind = self)",
        "Категория указывается только когда иностранец регистрируется сам (host.kind = self)",
        "A category is given only when the foreigner registers himself (host.kind = self)");

    private static readonly LocalizedText CrossingInFuture = new(
        "Шекарадан өткен күн бүгіннен кейін болмауы керек (temporary-registration §6, §12.2)",
        "Дата пересечения границы не может быть позже сегодняшнего дня (temporary-registration §6, §12.2)",
        "The border-crossing date cannot be after today (temporary-registration §6, §12.2)");

    private static readonly LocalizedText RequestedInPast = new(
        "Тіркеу мерзімінің соңы бүгіннен бұрын болмауы керек (temporary-registration §16)",
        "Окончание срока регистрации не может быть раньше сегодняшнего дня (temporary-registration §16)",
        "The end of the registration period cannot be before today (temporary-registration §16)");

    private static readonly LocalizedText NothingToRegister = new(
        "Тіркеуге мерзім қалмады: {0} шегі {1} аяқталады (temporary-registration §16)",
        "Нет срока для регистрации: предел «{0}» истекает {1} (temporary-registration §16)",
        "There is no period left to register: the limit '{0}' ends on {1} (temporary-registration §16)");

    private static readonly LocalizedText PermitExpired = new(
        "Шетелдік жұмыс күшін тартуға рұқсаттың мерзімі өтіп кеткен (temporary-registration §16)",
        "Срок действия разрешения на привлечение иностранной рабочей силы истёк (temporary-registration §16)",
        "The permit to attract foreign labour has expired (temporary-registration §16)");

    private static readonly LocalizedText DuplicateMember = new(
        "Бұл адам тізімде бір реттен артық көрсетілген (temporary-registration §15)",
        "Это лицо указано в списке более одного раза (temporary-registration §15)",
        "This person is on the list more than once (temporary-registration §15)");

    private static readonly LocalizedText GroupNeedsMembers = new(
        "Туристік топтың тізімінде топ басшысынан басқа кемінде бір адам болуы керек (temporary-registration §15)",
        "В списке туристической группы, кроме руководителя, должен быть хотя бы один человек (temporary-registration §15)",
        "A tourist group's list names at least one person besides its leader (temporary-registration §15)");

    private static readonly LocalizedText ExtensionNotPossible = new(
        "Ұзартуға болмайды: {0} (temporary-registration §16)",
        "Продление невозможно: {0} (temporary-registration §16)",
        "Cannot be extended: {0} (temporary-registration §16)");

    /// <summary>
    /// Checks the application's module data and computes what would be registered on
    /// <paramref name="today"/>: null (with field errors) when it cannot be.
    /// </summary>
    public static (IReadOnlyList<RegisteredPerson> Persons, RegistrationAssessment Assessment)? Assess(
        TemporaryRegistrationData data,
        ApplicantDetails applicant,
        ServiceEntry entry,
        LocalDate today,
        RegisteredStay? extended,
        Func<string, string> field,
        ValidationErrors errors)
    {
        var persons = PersonsOf(data, applicant, field, errors);
        ValidatePersons(persons, entry, today, field, errors);
        ValidateHost(data.Host, applicant, entry, field, errors);
        errors.Required(field("address"), data.Address);
        if (data.BorderCrossedOn is null)
        {
            errors.Add(field("borderCrossedOn"), CommonMessages.Required);
        }
        else if (data.BorderCrossedOn > today)
        {
            errors.Add(field("borderCrossedOn"), CrossingInFuture);
        }

        if (data.RequestedUntil is null)
        {
            errors.Add(field("requestedUntil"), CommonMessages.Required);
        }
        else if (data.RequestedUntil < today)
        {
            errors.Add(field("requestedUntil"), RequestedInPast);
        }

        if (data.WorkPermit is { } permit)
        {
            errors.Required(field("workPermit.number"), permit.Number);
            if (permit.ValidUntil is null)
            {
                errors.Add(field("workPermit.validUntil"), CommonMessages.Required);
            }
            else if (permit.ValidUntil < today)
            {
                errors.Add(field("workPermit.validUntil"), PermitExpired);
            }
        }

        if (data.ExtendsRegistration is not null)
        {
            var reason = extended switch
            {
                null => "№ " + data.ExtendsRegistration,
                _ when extended.PersonId != persons.FirstOrDefault()?.PersonId => "another person / другое лицо / another person",
                _ when !extended.CurrentOn(today) => "not current / не действует / not current",
                _ when extended.Basis != BasisCode(StayBasis.VisaFree) => "not visa-free / не безвизовая / not visa-free",
                _ when extended.ExtendsNumber is not null => "already an extension / уже продлена / already an extension",
                _ when data.Group is not null => "tourist group / туристическая группа / tourist group",
                _ => null,
            };
            if (reason is not null)
            {
                errors.Add(field("extendsRegistration"), ExtensionNotPossible.Format(reason));
            }
        }

        if (!errors.IsEmpty)
        {
            return null;
        }

        var assessed = new List<AssessedPerson>();
        foreach (var person in persons)
        {
            var basis = BasisOf(data, person, entry, person == persons[0]);
            var request = new PeriodRequest(
                today,
                data.RequestedUntil!.Value,
                person.Document.ExpiresOn!.Value,
                basis,
                person.Visa?.ValidUntil,
                basis == StayBasis.VisaFree ? VisaFreeLimitOf(entry, person.Citizenship) : null,
                person == persons[0] ? data.WorkPermit?.ValidUntil : null,
                CategoryLimitOf(data.Host, entry));
            var period = extended is not null
                ? RegistrationPeriods.Extend(new RegistrationPeriod(extended.ValidFrom, extended.ValidUntil, extended.LimitedBy), StayBasis.VisaFree, false, request)
                : RegistrationPeriods.Compute(request);
            if (period is null)
            {
                var limit = RegistrationPeriods.Compute(request with { From = LocalDate.MinIsoValue });
                errors.Add(field("requestedUntil"), NothingToRegister.Format(limit?.LimitedBy ?? "?", limit is null ? "?" : TemporaryRegistrationRegister.Iso(limit.Until)));
                continue;
            }

            assessed.Add(new AssessedPerson(person.PersonId, person.FullName, BasisCode(basis), period.From, period.Until, period.LimitedBy, RegistrationPeriods.ExceedsSixMonths(period)));
        }

        if (!errors.IsEmpty)
        {
            return null;
        }

        var crossed = data.BorderCrossedOn!.Value;
        return (persons, new RegistrationAssessment(today, RegistrationPeriods.DueBy(crossed), RegistrationPeriods.DaysLate(crossed, today), assessed));
    }

    public static string BasisCode(StayBasis basis) => basis switch
    {
        StayBasis.Visa => "visa",
        StayBasis.VisaFree => "visa-free",
        StayBasis.WorkPermit => "work-permit",
        _ => "study",
    };

    public static bool IsVisaFree(ServiceEntry entry, string? citizenship) =>
        citizenship is not null && entry.VisaFreeCountries.Any(c => c.Iso == citizenship);

    /// <summary>§16: work permit and studies (the applicant's own) come first; otherwise a visa, or visa-free for appendix-4 citizens without one.</summary>
    private static StayBasis BasisOf(TemporaryRegistrationData data, RegisteredPerson person, ServiceEntry entry, bool isApplicant) =>
        (isApplicant, data) switch
        {
            (true, { WorkPermit: not null }) => StayBasis.WorkPermit,
            (true, { Study: not null }) => StayBasis.Study,
            _ when person.Visa is null && IsVisaFree(entry, person.Citizenship) => StayBasis.VisaFree,
            _ => StayBasis.Visa,
        };

    private static Period? VisaFreeLimitOf(ServiceEntry entry, string? citizenship) =>
        entry.VisaFreeCountries.FirstOrDefault(c => c.Iso == citizenship)?.MaxStay is { } stay ? PeriodPattern.NormalizingIso.Parse(stay).Value : null;

    private static Period? CategoryLimitOf(HostDetails? host, ServiceEntry entry) =>
        host is { Kind: HostDetails.Self, SelfCategory: { } number }
        && entry.SelfRegistrationCategories.FirstOrDefault(c => c.Number == number)?.MaxStay is { } stay
            ? PeriodPattern.NormalizingIso.Parse(stay).Value
            : null;

    private static List<RegisteredPerson> PersonsOf(TemporaryRegistrationData data, ApplicantDetails applicant, Func<string, string> field, ValidationErrors errors)
    {
        var persons = new List<RegisteredPerson>();
        if (applicant.Kind is not (ApplicantKind.Foreigner or ApplicantKind.StatelessPerson))
        {
            errors.Add("applicant.kind", ForeignersOnly);
        }
        else
        {
            // The shared intake has checked the travel document's number, country and expiry, and the birth date.
            persons.Add(new RegisteredPerson("applicant", applicant.Kind, applicant.TravelDocument!, applicant.LastName!, applicant.FirstName!, applicant.MiddleName,
                applicant.BirthDate!.Value, CitizenshipOf(applicant.Kind, applicant.Citizenship, applicant.TravelDocument), data.Visa));
        }

        if (data.Group is { } group)
        {
            errors.Required(field("group.listNumber"), group.ListNumber);
            errors.Required(field("group.certifiedBy"), group.CertifiedBy);
            if (group.Members is null or { Count: 0 })
            {
                errors.Add(field("group.members"), GroupNeedsMembers);
            }

            for (var i = 0; i < (group.Members?.Count ?? 0); i++)
            {
                var member = group.Members![i];
                var prefix = field($"group.members[{i}]");
                if (member.Kind is not (ApplicantKind.Foreigner or ApplicantKind.StatelessPerson))
                {
                    errors.Add(prefix + ".kind", ForeignersOnly);
                }

                errors.Required(prefix + ".travelDocument.number", member.TravelDocument?.Number);
                errors.Required(prefix + ".travelDocument.country", member.TravelDocument?.Country);
                if (member.TravelDocument?.ExpiresOn is null)
                {
                    errors.Add(prefix + ".travelDocument.expiresOn", CommonMessages.Required);
                }

                errors.Required(prefix + ".lastName", member.LastName);
                errors.Required(prefix + ".firstName", member.FirstName);
                if (member.BirthDate is null)
                {
                    errors.Add(prefix + ".birthDate", CommonMessages.Required);
                }

                if (member is { TravelDocument: { Number: not null, Country: not null, ExpiresOn: not null } document, LastName: not null, FirstName: not null, BirthDate: { } birth })
                {
                    persons.Add(new RegisteredPerson(prefix, member.Kind, document, member.LastName, member.FirstName, member.MiddleName, birth,
                        CitizenshipOf(member.Kind, member.Citizenship, document), member.Visa ?? data.Visa));
                }
            }
        }

        foreach (var duplicate in persons.GroupBy(p => p.PersonId).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
        {
            errors.Add(duplicate.Field + ".travelDocument.number", DuplicateMember);
        }

        return persons;
    }

    /// <summary>The citizenship a foreigner gives, or his travel document's country; a stateless person has none (and needs a visa).</summary>
    private static string? CitizenshipOf(ApplicantKind kind, string? citizenship, TravelDocument? document) =>
        kind == ApplicantKind.StatelessPerson ? null : citizenship ?? document?.Country;

    /// <summary>§6 age, §12.1 a valid document with a visa unless appendix 4 frees the citizen of it.</summary>
    public static void ValidatePersons(IReadOnlyList<RegisteredPerson> persons, ServiceEntry entry, LocalDate today, Func<string, string> field, ValidationErrors errors)
    {
        foreach (var person in persons)
        {
            var prefix = person.Field;
            if (!RegistrationPeriods.IsOldEnough(person.BirthDate, today))
            {
                errors.Add(prefix + ".birthDate", TooYoung.Format(TemporaryRegistrationRegister.Iso(person.BirthDate.PlusYears(RegistrationPeriods.MinimumAge))));
            }

            if (person.Document.ExpiresOn < today)
            {
                errors.Add(prefix + ".travelDocument.expiresOn", DocumentExpired.Format(TemporaryRegistrationRegister.Iso(person.Document.ExpiresOn!.Value)));
            }

            // The applicant's visa is the top-level "visa"; a member's is his own, or the group's visa.
            var visaField = prefix == "applicant" ? field("visa") : prefix + ".visa";
            if (person.Visa is null)
            {
                if (!IsVisaFree(entry, person.Citizenship))
                {
                    errors.Add(visaField, VisaRequired);
                }

                continue;
            }

            if (person.Visa.Kind is not (VisaDetails.SingleEntry or VisaDetails.MultipleEntry))
            {
                errors.Add(visaField + ".kind", VisaKind);
            }

            if (person.Visa.ValidUntil is null)
            {
                errors.Add(visaField + ".validUntil", CommonMessages.Required);
            }
            else if (person.Visa.ValidUntil < today)
            {
                errors.Add(visaField + ".validUntil", VisaExpired);
            }
        }
    }

    private static void ValidateHost(HostDetails? host, ApplicantDetails applicant, ServiceEntry entry, Func<string, string> field, ValidationErrors errors)
    {
        if (host is null)
        {
            errors.Add(field("host"), CommonMessages.Required);
            return;
        }

        switch (host.Kind)
        {
            case HostDetails.Individual:
                if (!Kazgov.Kernel.Identifiers.Iin.TryParse(host.Iin, out _, out _))
                {
                    errors.Add(field("host.iin"), InvalidIin);
                }

                errors.Required(field("host.name"), host.Name);
                break;
            case HostDetails.LegalEntity:
                if (!Kazgov.Kernel.Identifiers.Bin.TryParse(host.Bin, out _, out _))
                {
                    errors.Add(field("host.bin"), InvalidBin);
                }

                errors.Required(field("host.name"), host.Name);
                break;
            case HostDetails.Self:
                var category = entry.SelfRegistrationCategories.FirstOrDefault(c => c.Number == host.SelfCategory);
                if (category is null)
                {
                    errors.Add(field("host.selfCategory"), UnknownCategory.Format(string.Join(", ", entry.SelfRegistrationCategories.Select(c => c.Number + " " + c.Code))));
                }
                else if (category.Countries.Count > 0)
                {
                    // Category 1: citizens of the 33 states listed in appendix 3 only.
                    var citizenship = CitizenshipOf(applicant.Kind, applicant.Citizenship, applicant.TravelDocument);
                    if (citizenship is null || category.Countries.All(c => c.Iso != citizenship))
                    {
                        errors.Add(field("host.selfCategory"), CategoryOneCitizenship.Format(citizenship ?? "—"));
                    }
                }

                return;
            default:
                errors.Add(field("host.kind"), HostKind);
                return;
        }

        if (host.SelfCategory is not null)
        {
            errors.Add(field("host.selfCategory"), SelfCategoryOnlyForSelf);
        }
    }
}
