using Kazgov.Migration.PermanentResidence.Domain;
using Kazgov.Migration.PermanentResidence.Reference;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Kazgov.Kernel.Security;
using Microsoft.AspNetCore.Routing;

namespace Kazgov.Migration.PermanentResidence.Features.HousingPrices;

/// <summary>One settlement's reference price of a square metre of housing, in tenge.</summary>
internal sealed record HousingPrice(string Settlement, string? Name, decimal PricePerSquareMetre);

/// <summary>
/// What the housing-funds statement of permanent-residence §12.2 is measured against: 15 m² per
/// family member at the settlement's price, so the front office can show the amount needed.
/// </summary>
internal sealed record HousingPriceList(int SquareMetresPerFamilyMember, IReadOnlyList<HousingPrice> Items, string Source);

internal static class ListHousingPrices
{
    public static void MapHousingPrices(this IEndpointRouteBuilder group) =>
        group.MapGet("/housing-prices", (Reference.HousingPrices prices) => Results.Ok(new HousingPriceList(
                Solvency.SquareMetresPerFamilyMember,
                [.. prices.Prices.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new HousingPrice(p.Key, prices.Names.GetValueOrDefault(p.Key), p.Value))],
                "permanent-residence §12.2")))
            // For the front office and integrators taking an application (the public surface stays as issue 5 lists it).
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("ListPermanentResidenceHousingPrices")
            .WithSummary("The settlements and their price per m² of housing (reference values the operator may override), and the 15 m² per family member of §12.2.")
            .Produces<HousingPriceList>();
}
