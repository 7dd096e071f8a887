using System.Text.Json.Nodes;
using Kazgov.Licensing.Domain;
using Kazgov.Platform.Calendar;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using NodaTime;

namespace Kazgov.Licensing.Features.Verification;

/// <summary>
/// What a third party (a bank, a car-hire firm, a police officer's terminal) may learn about a
/// licence: whether it is valid today, its categories and dates, and the holder's initials and birth
/// year only — never the full personal data. A licence approved but not yet handed over has no
/// issue date or validity yet (they start at hand-over) and answers state not-handed-over. The caller must know two things, the number and the
/// holder's birth date (from the licence in front of them): licence numbers are sequential, so the
/// number alone would let anybody walk the register (modules/Kazgov.Licensing/README.md).
/// </summary>
internal sealed record LicenceVerification(
    string Number,
    bool ValidToday,
    string State,
    IReadOnlyList<string> Categories,
    LocalDate? IssuedOn,
    LocalDate? ValidUntil,
    string HolderInitials,
    int HolderBirthYear);

/// <param name="HolderBirthDate">The second factor: a wrong date answers exactly as a wrong number does.</param>
internal sealed record VerifyLicence(string Number, LocalDate HolderBirthDate) : IQuery<LicenceVerification>;

internal sealed class VerifyLicenceHandler(DbSession session, IClock clock) : IQueryHandler<VerifyLicence, LicenceVerification>
{
    public async ValueTask<LicenceVerification> Handle(VerifyLicence query, CancellationToken cancellationToken)
    {
        var licence = await session.QuerySingleOrDefaultAsync<LicenceRow>(
            """
            SELECT number AS Number, holder_id AS HolderId, holder_last_name AS LastName, holder_first_name AS FirstName,
                   holder_birth_date AS BirthDate, categories AS Categories, issue_date AS IssueDate, valid_until AS ValidUntil,
                   handed_over_at AS HandedOverAt
            FROM licensing.licences WHERE number = @number AND holder_birth_date = @birthDate
            """,
            new { number = query.Number.Trim().ToUpperInvariant(), birthDate = query.HolderBirthDate },
            cancellationToken)
            // One answer for an unknown number and for a known number with another birth date: nothing is revealed.
            ?? throw new ProblemException(
                LicensingProblems.LicenceNotFound,
                new LocalizedText(
                    "Бұл нөмір мен иесінің туған күніне сәйкес жүргізуші куәлігі жоқ",
                    "Водительского удостоверения с таким номером и датой рождения владельца нет",
                    "No driver licence matches this number and holder's birth date"),
                extensions: new Dictionary<string, object?> { ["number"] = query.Number });

        var today = clock.GetCurrentInstant().InZone(WorkingCalendar.Zone).Date;
        var banned = await session.ExecuteScalarAsync<bool>(
            """
            SELECT EXISTS (SELECT 1 FROM licensing.driving_bans
                           WHERE holder_iin = @holder AND starts_on <= @today AND (ends_on IS NULL OR ends_on >= @today))
            """,
            new { holder = licence.HolderId, today },
            cancellationToken);
        var state = licence.HandedOverAt is null ? "not-handed-over"
            : banned ? "suspended-by-ban"
            : today > licence.ValidUntil ? "expired"
            : "valid";
        return new LicenceVerification(
            licence.Number, state == "valid", state, licence.Categories, licence.IssueDate, licence.ValidUntil,
            $"{licence.LastName[..1]}. {licence.FirstName[..1]}.", licence.BirthDate.Year);
    }

    private sealed class LicenceRow
    {
        public string Number { get; set; } = "";

        public string HolderId { get; set; } = "";

        public string LastName { get; set; } = "";

        public string FirstName { get; set; } = "";

        public LocalDate BirthDate { get; set; }

        public string[] Categories { get; set; } = [];

        public LocalDate? IssueDate { get; set; }

        public LocalDate? ValidUntil { get; set; }

        public Instant? HandedOverAt { get; set; }
    }
}

internal static class VerifyLicenceEndpoint
{
    public static void MapVerification(this IEndpointRouteBuilder licences) =>
        licences.MapGet("/{number}/verification", async (string number, string? birthDate, ISender sender, CancellationToken cancellationToken) =>
            {
                var errors = new ValidationErrors();
                var holderBirthDate = RequestValues.Date(errors, "birthDate", birthDate);
                errors.ThrowIfAny();
                return Results.Ok(await sender.Send(new VerifyLicence(number, holderBirthDate!.Value), cancellationToken));
            })
            .AllowPublicVerification()
            .WithName("VerifyDriverLicence")
            .WithSummary("Whether a driver licence is valid today, its categories and validity, the holder's initials and birth year.")
            .WithDescription("Public, under its own rate limit. Needs the number and the holder's birth date (`birthDate=yyyy-MM-dd`, "
                + "printed on the licence): an unknown number and a wrong birth date both answer 404 problem `licence-not-found`, "
                + "so numbers cannot be enumerated. Without a valid `birthDate`: 400 `validation-failed`. "
                + "`state`: valid, expired, suspended-by-ban, not-handed-over.")
            .Produces<LicenceVerification>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                foreach (var parameter in operation.Parameters ?? [])
                {
                    if (parameter is OpenApiParameter { Name: "birthDate" } date)
                    {
                        date.Required = true;
                        date.Description = "The holder's birth date as printed on the licence (yyyy-MM-dd).";
                        date.Example = JsonValue.Create("1985-03-15");
                    }
                }

                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue("application/json", out var media) == true)
                {
                    media.Example = JsonNode.Parse("""
                        { "number": "KZ260000042", "validToday": true, "state": "valid", "categories": ["B"],
                          "issuedOn": "2026-03-10", "validUntil": "2036-03-10", "holderInitials": "А. С.", "holderBirthYear": 1985 }
                        """);
                }

                if (operation.Responses?.TryGetValue("404", out var missing) == true && missing.Content?.TryGetValue("application/problem+json", out var problem) == true)
                {
                    problem.Example = JsonNode.Parse("""
                        { "type": "urn:kazgov:problem:licence-not-found", "title": "There is no driver licence with this number", "status": 404,
                          "detail": "No driver licence matches this number and holder's birth date",
                          "instance": "/api/v1/driver-licences/KZ269999999/verification",
                          "code": "licence-not-found", "number": "KZ269999999" }
                        """);
                }

                return Task.CompletedTask;
            });
}
