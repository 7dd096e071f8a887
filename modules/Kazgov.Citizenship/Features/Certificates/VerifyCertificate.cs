using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Citizenship.Features.Certificates;

/// <summary>
/// What a third party may learn about a certificate of admission to or renunciation of citizenship:
/// its kind, whether it was handed over, its issue date, the commission's decision number and date,
/// the holder's initials and birth year — no more than driver-licence verification shows. The caller
/// must know the number and the holder's birth date; a wrong one answers as an unknown number.
/// </summary>
/// <param name="State">issued, or not-handed-over (approved; the certificate waits for the §17 hand-over).</param>
internal sealed record CertificateVerification(
    string Number,
    string Kind,
    string State,
    LocalDate? IssuedOn,
    string DecisionNumber,
    LocalDate DecisionDate,
    string HolderInitials,
    int HolderBirthYear);

internal sealed record VerifyCertificate(string Number, LocalDate HolderBirthDate) : IQuery<CertificateVerification>;

internal sealed class VerifyCertificateHandler(DbSession session) : IQueryHandler<VerifyCertificate, CertificateVerification>
{
    public async ValueTask<CertificateVerification> Handle(VerifyCertificate query, CancellationToken cancellationToken)
    {
        var certificate = await session.QuerySingleOrDefaultAsync<CertificateRow>(
            $"SELECT {CitizenshipStore.CertificateColumns} FROM citizenship.certificates WHERE number = @number AND holder_birth_date = @birthDate",
            new { number = query.Number.Trim().ToUpperInvariant(), birthDate = query.HolderBirthDate },
            cancellationToken)
            ?? throw new ProblemException(
                CitizenshipProblems.CertificateNotFound,
                new LocalizedText(
                    "Бұл нөмір мен иесінің туған күніне сәйкес анықтама жоқ",
                    "Справки с таким номером и датой рождения владельца нет",
                    "No certificate matches this number and holder's birth date"),
                extensions: new Dictionary<string, object?> { ["number"] = query.Number });
        return new CertificateVerification(
            certificate.Number,
            certificate.Kind,
            certificate.HandedOverAt is null ? "not-handed-over" : "issued",
            certificate.IssuedOn,
            certificate.DecisionNumber,
            certificate.DecisionDate,
            $"{Initial(certificate.LastName)}. {Initial(certificate.FirstName)}.",
            certificate.BirthDate.Year);
    }

    private static string Initial(string name) => name.Length == 0 ? "?" : name[..1];
}

internal static class VerifyCertificateEndpoint
{
    public static void MapVerification(this IEndpointRouteBuilder group) =>
        group.MapGet("/certificates/{number}/verification", async (string number, string? birthDate, ISender sender, CancellationToken cancellationToken) =>
            {
                var errors = new ValidationErrors();
                var holderBirthDate = RequestValues.Date(errors, "birthDate", birthDate);
                errors.ThrowIfAny();
                return Results.Ok(await sender.Send(new VerifyCertificate(number, holderBirthDate!.Value), cancellationToken));
            })
            .AllowPublicVerification()
            .WithName("VerifyCitizenshipCertificate")
            .WithSummary("Whether a certificate of admission to or renunciation of citizenship exists and was handed over, with the commission's decision, the holder's initials and birth year.")
            .WithDescription("Public, under its own rate limit. Needs the number and the holder's birth date (`birthDate=yyyy-MM-dd`): an unknown number and a wrong birth date both answer 404 `citizenship-certificate-not-found`. `kind`: admission or renunciation; `state`: issued or not-handed-over.")
            .Produces<CertificateVerification>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
