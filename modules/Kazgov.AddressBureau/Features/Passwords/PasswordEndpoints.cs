using Kazgov.AddressBureau.Domain;
using Kazgov.AddressBureau.Passwords;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.AddressBureau.Features.Passwords;

internal sealed record AddressAgencyView(string Code, string Bin, LocalizedText Name, bool LawEnforcement, bool Priority, PasswordPeriod? Password);

internal sealed record IssuePasswordBody(Instant? ValidFrom, Instant? ValidUntil);

internal static class PasswordEndpoints
{
    public static void MapPasswords(this IEndpointRouteBuilder group)
    {
        group.MapGet("/agencies", ListAsync)
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("ListAddressBureauAgencies")
            .WithSummary("The agencies of §7.1 and, for law-enforcement ones, the period of the telephone password in force (never the password).")
            .Produces<IReadOnlyList<AddressAgencyView>>();
        group.MapPost("/agencies/{code}/passwords", IssueAsync)
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("IssueAgencyPassword")
            .WithSummary("Unit heads: issues a law-enforcement agency's telephone password for 1–3 days (§12.2 note); the old one is superseded. The password is shown once.")
            .Produces<IssuedPassword>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(AgencyPasswords passwords, CancellationToken cancellationToken)
    {
        var current = (await passwords.CurrentAsync(cancellationToken)).ToDictionary(p => p.AgencyCode);
        return Results.Ok(Agencies.All.Select(a => new AddressAgencyView(a.Code, a.Bin, a.Name, a.LawEnforcement, a.Priority, current.GetValueOrDefault(a.Code))).ToList());
    }

    private static async Task<IResult> IssueAsync(string code, IssuePasswordBody body, AgencyPasswords passwords, ICurrentActor actor, IClock clock, CancellationToken cancellationToken)
    {
        if (actor.Role != Roles.UnitHead)
        {
            throw new ProblemException(SecurityProblems.Forbidden);
        }

        var agency = Agencies.Find(code);
        if (agency is not { LawEnforcement: true })
        {
            throw new ProblemException(AddressBureauProblems.PhoneNotAllowed, extensions: new Dictionary<string, object?> { ["agency"] = code });
        }

        var from = body.ValidFrom ?? clock.GetCurrentInstant();
        var until = body.ValidUntil ?? from + Duration.FromDays(1);
        if (!AgencyPasswords.IsAllowedWindow(from, until))
        {
            var errors = new ValidationErrors();
            errors.Add("validUntil", new LocalizedText(
                "Пароль бір тәуліктен үш тәулікке дейін белгіленеді (§12.2 ескертпесі)",
                "Пароль устанавливается на срок от одних до трёх суток (примечание к §12.2)",
                "A password is set for one to three days (§12.2 note)"));
            errors.ThrowIfAny();
        }

        var issued = await passwords.IssueAsync(agency, from, until, cancellationToken);
        return Results.Created($"/api/v1/address-bureau/agencies/{agency.Code}/passwords", issued);
    }
}
