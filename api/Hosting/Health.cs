using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Kazgov.Api.Hosting;

/// <summary>
/// /health/live answers while the process runs (nothing else); /health/ready runs the checks tagged
/// "ready" — the database, the catalogue and office directory loaded (unhealthy when empty), the
/// outbox backlog (degraded above Notifications:BacklogDegradedAbove) — and answers JSON
/// { status, checks }: 200 when healthy or degraded, 503 when unhealthy.
/// </summary>
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
            var body = new ReadinessReport(
                report.Status.ToString(),
                report.Entries.ToDictionary(
                    entry => entry.Key,
                    entry => new ReadinessCheck(entry.Value.Status.ToString(), entry.Value.Description, entry.Value.Data.Count == 0 ? null : entry.Value.Data)));
            // Degraded (e.g. an outbox backlog) still serves: 200; unhealthy takes the host out of rotation: 503.
            return Results.Json(body, statusCode: report.Status == HealthStatus.Unhealthy
                ? StatusCodes.Status503ServiceUnavailable
                : StatusCodes.Status200OK);
        }).ExcludeFromDescription();
    }

    internal sealed record ReadinessReport(string Status, IReadOnlyDictionary<string, ReadinessCheck> Checks);

    internal sealed record ReadinessCheck(string Status, string? Description, IReadOnlyDictionary<string, object>? Data);

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
