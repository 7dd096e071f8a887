using Kazgov.AddressBureau.Certificates;
using Kazgov.AddressBureau.Features.Lookups;
using Kazgov.AddressBureau.Register;
using Kazgov.AddressBureau.Requests;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Identifiers;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.AddressBureau.Features.ListRequest;

/// <summary>A line of a list: an IIN, or a name with the birth date.</summary>
internal sealed record AddressListEntry(string? Iin, string? LastName, string? FirstName, string? MiddleName, LocalDate? BirthDate);

internal sealed record ListRequestBody(IReadOnlyList<AddressListEntry>? Entries);

/// <summary>A line of the returned list: the certificates of the persons found, or «жоқ».</summary>
internal sealed record AddressListRow(int Line, AddressListEntry Entry, bool Found, string Mark, IReadOnlyList<AddressCertificateView> Certificates);

internal sealed record AddressListAnswer(Guid RequestId, string RequestNumber, int Found, int NotFound, IReadOnlyList<AddressListRow> Rows);

/// <summary>An in-person or single-person certificate: the person by IIN.</summary>
internal sealed record IssueCertificateBody(string? Iin);

/// <summary>
/// §16: a list is answered in one go — a certificate for each person the register holds a record of,
/// «жоқ» against every other line; the whole list is returned with the certificates. Also the single
/// certificate (the in-person request's, printed at once).
/// </summary>
internal static class ListRequest
{
    public const int MaxEntries = 1000;

    public static void MapListRequest(this IEndpointRouteBuilder group)
    {
        group.MapPost("/requests/{id:guid}/lists", HandleAsync)
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("AnswerAddressList")
            .WithSummary("§16: a list of up to 1 000 persons (IIN, or name and birth date): a certificate for each found, «жоқ» for the rest (audited).")
            .Produces<AddressListAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/requests/{id:guid}/certificates", IssueAsync)
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("IssueAddressCertificate")
            .WithSummary("A certificate about the person with this IIN, under the request (audited); 404 `address-person-not-found` when the register holds nothing («жоқ»).")
            .Produces<AddressCertificateView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> HandleAsync(
        Guid id, ListRequestBody body, AddressRequests requests, AddressRegister register, CertificateIssuer issuer, IAuditTrail audit,
        DbSession session, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var entries = body.Entries ?? [];
        if (entries.Count is 0 or > MaxEntries)
        {
            errors.Add("entries", new LocalizedText("1–1000 жол", "1–1000 строк", "1–1000 lines"));
        }

        var queries = new List<(string? Iin, NameQuery? Name)>(entries.Count);
        for (var i = 0; i < entries.Count && errors.IsEmpty; i++)
        {
            var e = entries[i];
            if (!string.IsNullOrWhiteSpace(e.Iin))
            {
                if (!Iin.TryParse(e.Iin.Trim(), out _, out _))
                {
                    errors.Add($"entries[{i}].iin", new LocalizedText("ЖСН дұрыс емес", "Неверный ИИН", "Not a valid IIN"));
                }

                queries.Add((e.Iin.Trim(), null));
            }
            else if (string.IsNullOrWhiteSpace(e.LastName) || string.IsNullOrWhiteSpace(e.FirstName) || e.BirthDate is null)
            {
                errors.Add($"entries[{i}]", new LocalizedText(
                    "ЖСН немесе тегі, аты және туған күні", "ИИН либо фамилия, имя и дата рождения", "An IIN, or the surname, name and birth date"));
            }
            else
            {
                queries.Add((null, NameQuery.Of(e.LastName, e.FirstName, e.MiddleName, e.BirthDate.Value)));
            }
        }

        errors.ThrowIfAny();
        var request = await requests.OpenAsync(id, cancellationToken);
        await using var transaction = await session.BeginAsync(cancellationToken);
        var matches = await register.ListAsync(queries, cancellationToken);
        var found = Enumerable.Range(0, entries.Count).SelectMany(i => matches[i]).ToList();
        var certificates = await issuer.IssueAsync(request, found, cancellationToken);
        var byPerson = new Queue<AddressCertificateView>(certificates);
        var rows = new List<AddressListRow>(entries.Count);
        var auditEvents = new List<AuditEvent>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var mine = matches[i].Select(_ => byPerson.Dequeue()).ToList();
            rows.Add(new AddressListRow(i + 1, entries[i], mine.Count > 0, mine.Count > 0 ? "" : "жоқ", mine));
            if (mine.Count == 0)
            {
                var asked = queries[i].Iin ?? $"{queries[i].Name!.Last} {queries[i].Name!.First} {queries[i].Name!.Middle}".Trim();
                auditEvents.Add(Lookups.Lookups.Event(request, "address-list-lookup", queries[i].Iin is null ? AuditSubjects.Name : AuditSubjects.Iin, asked));
            }
            else
            {
                auditEvents.AddRange(mine.Select(c => Lookups.Lookups.Event(request, "address-list-lookup", AuditSubjects.Iin, c.PersonId) with { ObjectId = request.RegistrationNumber + "/" + c.Number }));
            }
        }

        await audit.RecordManyAsync(auditEvents, cancellationToken);
        await transaction.CommitAsync();
        return Results.Ok(new AddressListAnswer(id, request.RegistrationNumber, rows.Count(r => r.Found), rows.Count(r => !r.Found), rows));
    }

    private static async Task<IResult> IssueAsync(
        Guid id, IssueCertificateBody body, AddressRequests requests, AddressRegister register, CertificateIssuer issuer, IAuditTrail audit,
        DbSession session, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (!Iin.TryParse(body.Iin?.Trim(), out _, out _))
        {
            errors.Add("iin", new LocalizedText("ЖСН дұрыс емес", "Неверный ИИН", "Not a valid IIN"));
        }

        errors.ThrowIfAny();
        var iin = body.Iin!.Trim();
        var request = await requests.OpenAsync(id, cancellationToken);
        var found = await register.ByIinAsync(iin, cancellationToken);
        if (found is null)
        {
            await audit.RecordAsync(Lookups.Lookups.Event(request, "address-certificate-lookup", AuditSubjects.Iin, iin), cancellationToken);
            throw new ProblemException(AddressBureauProblems.PersonNotFound, extensions: new Dictionary<string, object?> { ["iin"] = iin, ["mark"] = "жоқ" });
        }

        await using var transaction = await session.BeginAsync(cancellationToken);
        var certificate = (await issuer.IssueAsync(request, [found], cancellationToken))[0];
        await audit.RecordAsync(Lookups.Lookups.Event(request, "address-certificate-lookup", AuditSubjects.Iin, iin) with { ObjectId = request.RegistrationNumber + "/" + certificate.Number }, cancellationToken);
        await transaction.CommitAsync();
        return Results.Created($"/api/v1/address-bureau/certificates/{certificate.Number}", certificate);
    }
}
