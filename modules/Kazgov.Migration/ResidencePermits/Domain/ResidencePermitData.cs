using System.Text.Json;
using Kazgov.Kernel.Http;

namespace Kazgov.Migration.ResidencePermits.Domain;

/// <summary>
/// The module's own part of a residence-permit application, kept as the application's module data.
/// </summary>
/// <param name="UnaccompaniedTravelProof">
/// residence-permit §6: for a stateless person's certificate asked for a person under 16, the
/// document proving the travel abroad without parents (guardians, custodians), as written on it
/// (e.g. "Нотариаттық келісім № 123, 01.03.2026"). Required then; not accepted for a residence permit.
/// </param>
internal sealed record ResidencePermitData(string? UnaccompaniedTravelProof)
{
    public static ResidencePermitData From(JsonElement moduleData) =>
        moduleData.ValueKind == JsonValueKind.Object
            ? moduleData.Deserialize<ResidencePermitData>(PlatformJson.Options) ?? new ResidencePermitData((string?)null)
            : new ResidencePermitData((string?)null);
}
