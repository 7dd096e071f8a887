using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Kazgov.Api.Hosting;

/// <summary>/health/live answers while the process runs; /health/ready also asks the database.</summary>
internal static class Health
{
    public static void AddKazgovHealth(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

    public static void MapKazgovHealth(this WebApplication app)
    {
        app.MapGet("/health/live", () => Results.Text("Healthy")).ExcludeFromDescription();
        app.MapGet("/health/ready", async (HealthCheckService health, CancellationToken cancellationToken) =>
        {
            var report = await health.CheckHealthAsync(check => check.Tags.Contains("ready"), cancellationToken);
            return report.Status == HealthStatus.Healthy
                ? Results.Text("Healthy")
                : Results.Text("Unhealthy", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).ExcludeFromDescription();
    }

    private sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (NpgsqlException exception)
            {
                return HealthCheckResult.Unhealthy("The database does not answer.", exception);
            }
        }
    }
}
