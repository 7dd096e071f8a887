using Dapper;
using Kazgov.Platform.Catalogue;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Kazgov.Platform.Offices;

/// <summary>
/// Readiness: the catalogue lists its services and the office directory has offices open to the
/// public (not retired). A host without them could take no application, so it is unhealthy.
/// </summary>
internal sealed class ReferenceDataHealthCheck(ServiceCatalogue catalogue, ActiveOffices activeOffices) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var services = catalogue.All.Count;
        long offices;
        try
        {
            offices = await activeOffices.CountAsync(cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            return HealthCheckResult.Unhealthy("The office directory cannot be read.", exception);
        }

        var data = new Dictionary<string, object> { ["services"] = services, ["offices"] = offices };
        if (services == 0)
        {
            return HealthCheckResult.Unhealthy("The service catalogue is empty.", data: data);
        }

        return offices == 0
            ? HealthCheckResult.Unhealthy("The office directory is empty.", data: data)
            : HealthCheckResult.Healthy($"{services} services, {offices} offices.", data);
    }
}

/// <summary>How many offices of the directory are open to the public (not retired).</summary>
internal class ActiveOffices(NpgsqlDataSource dataSource)
{
    public virtual async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM platform.offices WHERE retired_at IS NULL", cancellationToken: cancellationToken));
    }
}
