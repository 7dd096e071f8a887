using System.Globalization;
using System.Text.Json;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Events;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Migration.Contracts;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Catalogue;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace Kazgov.Migration.TemporaryRegistrations;

/// <summary>
/// temporary-registration plugged into the shared lifecycle. Intake (both routes) checks §6, §12 and
/// appendices 3–4 and computes each person's §16 period and the §6 lateness; a late application is
/// still taken (§18 allows no refusal once the documents are complete) and its lateness recorded.
/// Approval — the same day (§7, P0D) — writes one register row per person (§15: a tourist group's
/// list gives one per member, all or none), with one current registration per person (§17), and
/// publishes <see cref="ForeignerRegisteredAtAddress"/>. Hand-over records the mark on the migration card.
/// </summary>
internal sealed class TemporaryRegistrationDefinition(ServiceCatalogue catalogue, IntegrationEvents events, IServiceProvider services) : IServiceDefinition
{
    public const string Code = "temporary-registration";

    /// <summary>The document group every applicant hands in, and the one added for stays over six months (§12).</summary>
    public const string ApplicantType = "host-or-self";

    public const string StayOverSixMonthsGroup = "stay-over-six-months";

    public string ServiceCode => Code;

    public LocalizedText? NextSteps => new(
        "Тіркеу құжаттар берілген күні ресімделеді; белгісі бар көші-қон карточкасы мен жеке басын куәландыратын құжат өтініш берілген жерде беріледі (temporary-registration §7, §17).",
        "Регистрация оформляется в день подачи документов; миграционная карточка с отметкой и документ, удостоверяющий личность, выдаются по месту обращения (temporary-registration §7, §17).",
        "The registration is made on the day the documents are handed in; the migration card with the mark and the identity document are collected where the application was made (temporary-registration §7, §17).");

    private ServiceEntry Entry => catalogue.Find(Code)!;

    public async ValueTask<JsonElement> ValidateIntakeAsync(IntakeContext context, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var data = ModuleData.Read<TemporaryRegistrationData>(context.ModuleData, context.ModuleDataPath, errors);
        if (data is null)
        {
            return context.ModuleData;
        }

        data = data with { Assessment = null };
        var extended = data.ExtendsRegistration is { } first
            ? await TemporaryRegistrationRegister.FindAsync(context.Session, first, cancellationToken)
            : null;
        var result = TemporaryRegistrationAssessor.Assess(data, context.Applicant, Entry, context.Today, extended, context.Field, errors);
        if (result is not { } assessed)
        {
            return context.ModuleData;
        }

        await EnsureSelfRegistrationsLeftAsync(context, data, assessed.Persons, errors, cancellationToken);
        if (!errors.IsEmpty)
        {
            return context.ModuleData;
        }

        // §12 (second part), on either route: a stay over six months needs its extra documents at intake.
        if (assessed.Assessment.Persons.Any(p => p.StayOverSixMonths))
        {
            EnsureStayOverSixMonthsDocuments(Entry, context.Documents);
        }

        // §17 at intake already: the clerk learns at once where the person was registered first.
        var current = await TemporaryRegistrationRegister.CurrentOfAsync(context.Session, assessed.Persons.Select(p => p.PersonId), context.Today, cancellationToken);
        if (current.FirstOrDefault(c => c.Number != extended?.Number) is { } registered)
        {
            throw TemporaryRegistrationRegister.AlreadyRegistered(registered);
        }

        return JsonSerializer.SerializeToElement(data with { Assessment = assessed.Assessment }, PlatformJson.Options);
    }

    /// <summary>
    /// §15–§17 on the day of registration: the rules again (the period and the lateness are counted
    /// on this day), the extra documents of a stay over six months, then one register row per person,
    /// all in the approval's transaction. Returns the (leader's) registration number.
    /// </summary>
    public async ValueTask<string?> OnApprovedAsync(LifecycleContext context, CancellationToken cancellationToken)
    {
        var today = context.Now.InZone(WorkingCalendar.Zone).Date;
        var data = TemporaryRegistrationData.From(context.ModuleData) with { Assessment = null };
        var extended = data.ExtendsRegistration is { } first
            ? await context.Session.QuerySingleOrDefaultAsync<RegisteredStay>(
                $"SELECT {TemporaryRegistrationRegister.Columns} FROM migration.temporary_registrations WHERE number = @first FOR UPDATE", new { first }, cancellationToken)
            : null;
        var errors = new ValidationErrors();
        var (persons, assessment) = TemporaryRegistrationAssessor.Assess(data, context.Applicant, Entry, today, extended, name => name, errors)
            ?? throw new ProblemException(PlatformProblems.ValidationFailed, errors: errors.ToDictionary());

        if (assessment.Persons.Any(p => p.StayOverSixMonths))
        {
            var application = await services.GetRequiredService<IApplications>().GetAsync(context.ApplicationId, cancellationToken);
            EnsureStayOverSixMonthsDocuments(Entry, application.Documents);
        }

        var personIds = persons.Select(p => p.PersonId).ToArray();
        // A registration whose period is over stops being current; the person may be registered again.
        await context.Session.ExecuteAsync(
            "UPDATE migration.temporary_registrations SET is_current = false WHERE person_id = ANY(@personIds) AND is_current AND valid_until < @today",
            new { personIds, today },
            cancellationToken);
        var current = await TemporaryRegistrationRegister.CurrentOfAsync(context.Session, personIds, today, cancellationToken);
        if (current.FirstOrDefault(c => c.Number != extended?.Number) is { } registered)
        {
            throw TemporaryRegistrationRegister.AlreadyRegistered(registered);
        }

        if (extended is not null)
        {
            await context.Session.ExecuteAsync(
                "UPDATE migration.temporary_registrations SET is_current = false WHERE number = @number", new { number = extended.Number }, cancellationToken);
        }

        var numbers = new List<string>();
        for (var i = 0; i < persons.Count; i++)
        {
            numbers.Add(await RecordAsync(context, data, persons[i], assessment.Persons[i], assessment, extended?.Number, today, cancellationToken));
        }

        return numbers[0];
    }

    /// <summary>§15: the mark on the migration card (or on the back of the group's list) is made when the result is handed over.</summary>
    public async ValueTask OnIssuingAsync(LifecycleContext context, CancellationToken cancellationToken) =>
        await context.Session.ExecuteAsync(
            "UPDATE migration.temporary_registrations SET stamped_at = @now WHERE application_id = @id",
            new { now = context.Now, id = context.ApplicationId },
            cancellationToken);

    /// <summary>
    /// Appendix 3 (categories 3 and 5: "at most twice a year"): a person who has used up the year's
    /// registrations on their own application is no longer in the category; the host applies instead.
    /// Not a refusal of registration (§18), so a field error on who submits. Reading: the calendar
    /// year in which the stay begins, extensions not counted.
    /// </summary>
    private async Task EnsureSelfRegistrationsLeftAsync(
        IntakeContext context, TemporaryRegistrationData data, IReadOnlyList<RegisteredPerson> persons, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (data is not { Host: { Kind: HostDetails.Self, SelfCategory: { } number }, ExtendsRegistration: null }
            || Entry.SelfRegistrationCategories.FirstOrDefault(c => c.Number == number) is not { MaxTimesPerYear: { } most } category)
        {
            return;
        }

        foreach (var person in persons)
        {
            var used = await TemporaryRegistrationRegister.SelfRegistrationsInYearAsync(context.Session, person.PersonId, number, context.Today.Year, cancellationToken);
            if (used.Count >= most)
            {
                errors.Add(context.Field("host.selfCategory"), new LocalizedText(
                        "{0}-санат жылына {1} реттен аспайды: {2} жылы тіркелген ({3}); қабылдаушы тарап өтініш береді ({4})",
                        "Категория {0} — не более {1} раз в год: в {2} году уже зарегистрирован ({3}); заявление подаёт принимающая сторона ({4})",
                        "Category {0} allows at most {1} times a year: already registered in {2} ({3}); the host applies instead ({4})")
                    .Format(number, most, context.Today.Year, string.Join(", ", used), category.Source));
            }
        }
    }

    /// <summary>§12 (second part): over six months, two address arrival sheets, the statistical slip and one photo as well.</summary>
    public static void EnsureStayOverSixMonthsDocuments(ServiceEntry entry, IReadOnlyCollection<string> presented)
    {
        var missing = entry.Documents.Where(g => g.ApplicantType == StayOverSixMonthsGroup)
            .SelectMany(g => g.Items)
            .Where(i => i.Mandatory && !presented.Contains(i.Code))
            .ToList();
        if (missing.Count > 0)
        {
            throw new ProblemException(ApplicationProblems.DocumentsMissing, new LocalizedText(
                    "Алты айдан астам болу үшін ұсынылмаған: " + string.Join("; ", missing.Select(m => m.Text.Kk)),
                    "Для пребывания более шести месяцев не представлены: " + string.Join("; ", missing.Select(m => m.Text.Ru)),
                    "Missing for a stay over six months: " + string.Join("; ", missing.Select(m => m.Text.En))),
                extensions: new Dictionary<string, object?>
                {
                    ["missing"] = missing.Select(m => new { code = m.Code, text = m.Text.ToLocalized(), source = m.Source }).ToArray(),
                });
        }
    }

    private async Task<string> RecordAsync(
        LifecycleContext context,
        TemporaryRegistrationData data,
        RegisteredPerson person,
        AssessedPerson period,
        RegistrationAssessment assessment,
        string? extends,
        LocalDate today,
        CancellationToken cancellationToken)
    {
        var sequence = await context.Session.ExecuteScalarAsync<long>("SELECT nextval('migration.temporary_registration_numbers')", cancellationToken: cancellationToken);
        // TR + year + seven digits, e.g. TR26 0000042: unique, and readable over the phone.
        var number = string.Create(CultureInfo.InvariantCulture, $"TR{today.Year % 100:D2}{sequence:D7}");
        var host = data.Host!;
        // A savepoint, so that losing a race for the person's one current registration (§17) can still name the winner.
        await context.Session.ExecuteAsync("SAVEPOINT temporary_registration", cancellationToken: cancellationToken);
        try
        {
            await context.Session.ExecuteAsync(
                """
                INSERT INTO migration.temporary_registrations
                    (number, application_id, person_id, person_kind, travel_document_number, travel_document_country, last_name, first_name,
                     middle_name, birth_date, citizenship, address, host_kind, host_identifier, host_name, self_category, basis,
                     valid_from, valid_until, limited_by, border_crossed_on, due_by, days_late, registered_on, office_id,
                     group_list_number, extends_number, is_current, recorded_at)
                VALUES (@number, @applicationId, @personId, @personKind, @documentNumber, @documentCountry, @lastName, @firstName,
                     @middleName, @birthDate, @citizenship, @address, @hostKind, @hostIdentifier, @hostName, @selfCategory, @basis,
                     @from, @until, @limitedBy, @crossed, @dueBy, @daysLate, @today, @office,
                     @groupList, @extends, true, @now)
                """,
                new
                {
                    number,
                    applicationId = context.ApplicationId,
                    personId = person.PersonId,
                    personKind = person.Kind == ApplicantKind.StatelessPerson ? "stateless-person" : "foreigner",
                    documentNumber = person.Document.Number,
                    documentCountry = person.Document.Country,
                    lastName = person.LastName,
                    firstName = person.FirstName,
                    middleName = person.MiddleName,
                    birthDate = person.BirthDate,
                    citizenship = person.Citizenship,
                    address = data.Address!.Trim(),
                    hostKind = host.Kind,
                    hostIdentifier = host.Kind switch { HostDetails.Individual => host.Iin, HostDetails.LegalEntity => host.Bin, _ => null },
                    hostName = host.Kind == HostDetails.Self ? null : host.Name,
                    selfCategory = host.Kind == HostDetails.Self ? host.SelfCategory : null,
                    basis = period.Basis,
                    from = period.From,
                    until = period.Until,
                    limitedBy = period.LimitedBy,
                    crossed = data.BorderCrossedOn!.Value,
                    dueBy = assessment.DueBy,
                    daysLate = assessment.DaysLate,
                    today,
                    office = context.OfficeId,
                    groupList = data.Group?.ListNumber,
                    extends,
                    now = context.Now,
                },
                cancellationToken);
        }
        catch (PostgresException exception) when (TemporaryRegistrationRegister.IsOneCurrentViolation(exception))
        {
            await context.Session.ExecuteAsync("ROLLBACK TO SAVEPOINT temporary_registration", cancellationToken: cancellationToken);
            var winners = await TemporaryRegistrationRegister.CurrentOfAsync(context.Session, [person.PersonId], today, cancellationToken);
            throw winners.Count == 0
                ? new ProblemException(TemporaryRegistrationProblems.AlreadyRegistered)
                : TemporaryRegistrationRegister.AlreadyRegistered(winners[0]);
        }

        await events.PublishAsync(
            new ForeignerRegisteredAtAddress(
                number,
                new RegisteredForeigner(person.Document.Number!, person.Document.Country!, person.LastName, person.FirstName, person.MiddleName, person.BirthDate, person.Citizenship),
                data.Address!.Trim(),
                period.From,
                period.Until,
                context.OfficeId,
                extends,
                context.Now),
            cancellationToken);
        return number;
    }
}
