using Kazgov.AddressBureau.Certificates;
using Kazgov.AddressBureau.Domain;
using Kazgov.AddressBureau.Register;
using Kazgov.AddressBureau.Requests;
using Kazgov.Kernel.Identifiers;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.AddressBureau.Features.Lookups;

/// <summary>A person found: names as written, birth date and sex, the address part and every earlier record.</summary>
internal sealed record AddressPersonView(
    string PersonId,
    string? Iin,
    string LastName,
    string FirstName,
    string? MiddleName,
    LocalDate BirthDate,
    string? Sex,
    AddressPartView? Address,
    IReadOnlyList<AddressPartView> Registrations,
    double? Score)
{
    public static AddressPersonView Of(PersonFound found) => new(
        found.Person.PersonId, found.Person.Iin, found.Person.LastName, found.Person.FirstName, found.Person.MiddleName,
        found.Person.BirthDate, found.Person.Sex, found.Current is { } c ? AddressPartView.Of(c) : null,
        found.Registrations.Select(AddressPartView.Of).ToList(), found.Score);
}

internal sealed record AddressPersonsFound(Guid RequestId, string Query, IReadOnlyList<AddressPersonView> Items);

/// <summary>
/// Lookups, always under a request (no lookup without one, and each is audited: who asked — the actor,
/// about whom — the persons shown or the name asked for, why — the request's reason, under which
/// request — its number): by IIN, by normalised name and birth date, and a fuzzy name search.
/// </summary>
internal static class Lookups
{
    public const int MaxFuzzy = 50;

    public static void MapLookups(this IEndpointRouteBuilder group)
    {
        group.MapGet("/requests/{id:guid}/persons/{iin}", ByIinAsync)
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("LookUpAddressByIin")
            .WithSummary("The person with this IIN and their address records, under the request (audited).")
            .Produces<AddressPersonView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/requests/{id:guid}/persons", ByNameAsync)
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("LookUpAddressByName")
            .WithSummary("Persons with this normalised name and birth date (Kazakh, Russian and Latin spellings meet), under the request (audited).")
            .Produces<AddressPersonsFound>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/requests/{id:guid}/search", FuzzyAsync)
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("SearchAddressByName")
            .WithSummary("Fuzzy name search (trigram similarity on the normalised name), best first, at most 50, under the request (audited).")
            .Produces<AddressPersonsFound>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ByIinAsync(
        Guid id, string iin, AddressRequests requests, AddressRegister register, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (!Iin.TryParse(iin, out _, out _))
        {
            errors.Add("iin", new LocalizedText("ЖСН дұрыс емес", "Неверный ИИН", "Not a valid IIN"));
        }

        errors.ThrowIfAny();
        var request = await requests.OpenAsync(id, cancellationToken);
        var found = await register.ByIinAsync(iin, cancellationToken);
        await audit.RecordAsync(Event(request, "address-lookup-by-iin", AuditSubjects.Iin, iin), cancellationToken);
        return found is null
            ? throw new ProblemException(AddressBureauProblems.PersonNotFound, extensions: new Dictionary<string, object?> { ["iin"] = iin })
            : Results.Ok(AddressPersonView.Of(found));
    }

    private static async Task<IResult> ByNameAsync(
        Guid id, string? lastName, string? firstName, string? middleName, string? birthDate,
        AddressRequests requests, AddressRegister register, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Required("lastName", lastName);
        errors.Required("firstName", firstName);
        var birth = NodaTime.Text.LocalDatePattern.Iso.Parse(birthDate ?? "");
        if (!birth.Success)
        {
            errors.Add("birthDate", new LocalizedText("Күн: ЖЖЖЖ-АА-КК", "Дата: ГГГГ-ММ-ДД", "A date: YYYY-MM-DD"));
        }

        errors.ThrowIfAny();
        var request = await requests.OpenAsync(id, cancellationToken);
        var query = NameQuery.Of(lastName, firstName, middleName, birth.Value);
        var found = await register.ByNameAsync(query, 20, cancellationToken);
        var asked = $"{query.Last} {query.First} {query.Middle}".Trim() + " " + query.BirthDate.ToString("yyyy-MM-dd", null);
        await AuditFoundAsync(audit, request, "address-lookup-by-name", found, asked, cancellationToken);
        return Results.Ok(new AddressPersonsFound(id, asked, found.Select(AddressPersonView.Of).ToList()));
    }

    private static async Task<IResult> FuzzyAsync(
        Guid id, string? name, int? birthYear, int? limit,
        AddressRequests requests, AddressRegister register, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var normalised = NameNormaliser.Normalise(name);
        if (normalised.Length < 3)
        {
            errors.Add("name", new LocalizedText("Кемінде 3 әріп", "Не меньше 3 букв", "At least 3 letters"));
        }

        if (limit is < 1 or > MaxFuzzy)
        {
            errors.Add("limit", new LocalizedText("1–50", "1–50", "1–50"));
        }

        errors.ThrowIfAny();
        var request = await requests.OpenAsync(id, cancellationToken);
        var found = await register.FuzzyAsync(normalised, birthYear, limit ?? 20, cancellationToken);
        await AuditFoundAsync(audit, request, "address-search-by-name", found, normalised, cancellationToken);
        return Results.Ok(new AddressPersonsFound(id, normalised, found.Select(AddressPersonView.Of).ToList()));
    }

    public static AuditEvent Event(AddressRequest request, string operation, string subjectKind, string subjectId) =>
        new(operation, subjectKind, subjectId)
        {
            ObjectId = request.RegistrationNumber,
            ServiceCode = AddressCertificateDefinition.Code,
            OfficeId = request.OfficeId,
        };

    /// <summary>One audit record per person shown; a lookup that found nobody is recorded under the name asked for.</summary>
    public static Task AuditFoundAsync(IAuditTrail audit, AddressRequest request, string operation, IReadOnlyList<PersonFound> found, string asked, CancellationToken cancellationToken) =>
        audit.RecordManyAsync(found.Count == 0
            ? [Event(request, operation, AuditSubjects.Name, asked)]
            : found.Select(f => Event(request, operation, f.Person.Iin is null ? AuditSubjects.Document : AuditSubjects.Iin, f.Person.PersonId)).ToList(),
            cancellationToken);
}
