using System.Security.Cryptography;
using System.Text.Json;
using Kazgov.AddressBureau.Register;
using Kazgov.AddressBureau.Requests;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Security;
using NodaTime;

namespace Kazgov.AddressBureau.Certificates;

/// <summary>The address part of a certificate (§16): where the person is, or was last, registered.</summary>
internal sealed record AddressPartView(
    string Kind,
    string Region,
    string Settlement,
    string? Street,
    string? House,
    string? Flat,
    LocalDate RegisteredOn,
    LocalDate? DeregisteredOn,
    string Source,
    string Unit)
{
    public static AddressPartView Of(RegistrationRecord r) =>
        new(r.Kind, r.Region, r.Settlement, r.Street, r.House, r.Flat, r.RegisteredOn, r.DeregisteredOn, r.Source, r.Unit);

    public string Line => string.Join(", ", new[] { Settlement, Street, House is null ? null : "үй " + House, Flat is null ? null : "пәтер " + Flat }
        .Where(p => !string.IsNullOrWhiteSpace(p)));
}

/// <summary>The operator who handled the request (§16: the stamp shows the operator's data).</summary>
internal sealed record AddressOperatorView(string Id, string Name, string? Position, string OfficeId);

/// <summary>An address certificate: the person, the address part, earlier addresses, the operator and the verification code.</summary>
internal sealed record AddressCertificateView(
    string Number,
    string VerificationCode,
    Guid RequestId,
    string RequestNumber,
    string PersonId,
    string FullName,
    LocalDate BirthDate,
    AddressPartView? Address,
    IReadOnlyList<AddressPartView> Earlier,
    AddressOperatorView Operator,
    Instant IssuedAt);

/// <summary>Issues certificates under a request, one per person found, in one statement.</summary>
internal sealed class CertificateIssuer(DbSession session, ICurrentActor actor, IClock clock)
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public async Task<IReadOnlyList<AddressCertificateView>> IssueAsync(AddressRequest request, IReadOnlyList<PersonFound> found, CancellationToken cancellationToken)
    {
        if (found.Count == 0)
        {
            return [];
        }

        var now = clock.GetCurrentInstant();
        var op = new AddressOperatorView(actor.Id, actor.DisplayName, actor.Position, request.OfficeId);
        var year = now.InUtc().Year % 100;
        var numbers = (await session.QueryAsync<long>(
            "SELECT nextval('address_bureau.certificate_numbers') FROM generate_series(1, @count)", new { count = found.Count }, cancellationToken)).ToList();
        var views = found.Select((f, i) =>
        {
            var current = f.Current;
            return new AddressCertificateView(
                $"AC{year:00}{numbers[i]:00000000}",
                Code(),
                request.ApplicationId,
                request.RegistrationNumber,
                f.Person.PersonId,
                f.Person.FullName,
                f.Person.BirthDate,
                current is null ? null : AddressPartView.Of(current),
                f.Registrations.Where(r => !ReferenceEquals(r, current)).Select(AddressPartView.Of).ToList(),
                op,
                now);
        }).ToList();

        await session.ExecuteAsync(
            """
            INSERT INTO address_bureau.certificates
                (number, verification_code, application_id, person_id, full_name, birth_date, address, history,
                 operator_id, operator_name, operator_position, office_id, issued_at)
            SELECT c.number, c.code, @request, c.person, c.name, c.birth, c.address::jsonb, c.history::jsonb,
                   @operatorId, @operatorName, @operatorPosition, @office, @now
            FROM unnest(@numbers, @codes, @persons, @names, @births::date[], @addresses, @histories)
                 AS c (number, code, person, name, birth, address, history)
            """,
            new
            {
                request = request.ApplicationId,
                operatorId = op.Id,
                operatorName = op.Name,
                operatorPosition = op.Position,
                office = op.OfficeId,
                now,
                numbers = views.Select(v => v.Number).ToArray(),
                codes = views.Select(v => v.VerificationCode).ToArray(),
                persons = views.Select(v => v.PersonId).ToArray(),
                names = views.Select(v => v.FullName).ToArray(),
                births = views.Select(v => v.BirthDate).ToArray(),
                addresses = views.Select(v => v.Address is null ? null : JsonSerializer.Serialize(v.Address, PlatformJson.Options)).ToArray(),
                histories = views.Select(v => JsonSerializer.Serialize(v.Earlier, PlatformJson.Options)).ToArray(),
            },
            cancellationToken);
        return views;
    }

    public async Task<AddressCertificateView?> FindAsync(string number, CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleOrDefaultAsync<StoredCertificate>(
            """
            SELECT c.number AS Number, c.verification_code AS VerificationCode, c.application_id AS RequestId, r.registration_number AS RequestNumber,
                   c.person_id AS PersonId, c.full_name AS FullName, c.birth_date AS BirthDate, c.address::text AS Address, c.history::text AS History,
                   c.operator_id AS OperatorId, c.operator_name AS OperatorName, c.operator_position AS OperatorPosition, c.office_id AS OfficeId, c.issued_at AS IssuedAt
            FROM address_bureau.certificates c JOIN address_bureau.requests r ON r.application_id = c.application_id
            WHERE c.number = @number
            """,
            new { number = number.Trim().ToUpperInvariant() },
            cancellationToken);
        return row?.ToView();
    }

    private static string Code()
    {
        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }

    private sealed class StoredCertificate
    {
        public string Number { get; init; } = "";
        public string VerificationCode { get; init; } = "";
        public Guid RequestId { get; init; }
        public string RequestNumber { get; init; } = "";
        public string PersonId { get; init; } = "";
        public string FullName { get; init; } = "";
        public LocalDate BirthDate { get; init; }
        public string? Address { get; init; }
        public string History { get; init; } = "[]";
        public string OperatorId { get; init; } = "";
        public string OperatorName { get; init; } = "";
        public string? OperatorPosition { get; init; }
        public string OfficeId { get; init; } = "";
        public Instant IssuedAt { get; init; }

        public AddressCertificateView ToView() => new(
            Number, VerificationCode, RequestId, RequestNumber, PersonId, FullName, BirthDate,
            Address is null ? null : JsonSerializer.Deserialize<AddressPartView>(Address, PlatformJson.Options),
            JsonSerializer.Deserialize<List<AddressPartView>>(History, PlatformJson.Options) ?? [],
            new AddressOperatorView(OperatorId, OperatorName, OperatorPosition, OfficeId),
            IssuedAt);
    }
}
