using Kazgov.Kernel.Data;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Weapons;

/// <summary>
/// What anybody may learn from a permit number (WP…) or a unit's registration number (WR…): whether it
/// is valid today, its kind and its dates — never the holder, the serial or any personal data.
/// </summary>
/// <param name="Kind">The permit's sub-type (e.g. storage-carry-permit), or unit-registration.</param>
/// <param name="State">valid, not-handed-over, expired, renounced, deregistered.</param>
internal sealed record WeaponDocumentVerification(string Number, string Kind, bool ValidToday, string State, string? WeaponType, LocalDate? ValidFrom, LocalDate? ValidUntil);

internal static class VerifyWeaponDocument
{
    public static void MapVerification(this IEndpointRouteBuilder group) =>
        group.MapGet("/{number}/verification", HandleAsync)
            .AllowPublicVerification()
            .WithName("VerifyWeaponDocument")
            .WithSummary("Public: whether a weapon permit (WP…) or unit registration (WR…) — GET /api/v1/weapons/{number}/verification is valid today, its kind and validity; no personal data.")
            .WithDescription("An unknown number answers 404 problem `weapon-permit-not-found`. `state`: valid, not-handed-over, expired, renounced, deregistered.")
            .Produces<WeaponDocumentVerification>()
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(string number, DbSession session, IClock clock, CancellationToken cancellationToken)
    {
        var key = number.Trim().ToUpperInvariant();
        var today = clock.GetCurrentInstant().InZone(WorkingCalendar.Zone).Date;
        var permit = await session.QuerySingleOrDefaultAsync<PermitRecord>(
            $"SELECT {WeaponsStore.PermitColumns} FROM weapons.permits WHERE number = @key", new { key }, cancellationToken);
        if (permit is not null)
        {
            var state = permit.Status switch
            {
                "approved" => "not-handed-over",
                "renounced" => "renounced",
                _ when permit.ValidUntil is { } until && today > until => "expired",
                _ => "valid",
            };
            return Results.Ok(new WeaponDocumentVerification(permit.Number, permit.Kind, state == "valid", state, permit.WeaponType, permit.IssuedOn, permit.ValidUntil));
        }

        var unit = await session.QuerySingleOrDefaultAsync<UnitRecord>(
            $"SELECT {WeaponsStore.UnitColumns} FROM weapons.units WHERE registration_number = @key", new { key }, cancellationToken)
            ?? throw new ProblemException(WeaponsProblems.PermitNotFound, extensions: new Dictionary<string, object?> { ["number"] = number });
        var registered = unit.Status == "registered";
        return Results.Ok(new WeaponDocumentVerification(unit.RegistrationNumber, "unit-registration", registered, registered ? "valid" : "deregistered", unit.WeaponType, unit.RegisteredOn, null));
    }
}
