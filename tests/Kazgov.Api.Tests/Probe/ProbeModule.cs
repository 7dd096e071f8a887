using Kazgov.Api.Hosting;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Modules;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kazgov.Api.Tests.Probe;

/// <summary>
/// A module that exists only in the tests: it plugs into the real host through the same seam as
/// the real modules (own schema, own migration, own endpoints) and gives the platform tests a
/// creating POST to retry, fail and crash.
/// </summary>
public sealed class ProbeModule : IKazgovModule
{
    public static readonly ProblemType FailedAfterWrite = new("probe-failed-after-write", 409, new("Сынақ қатесі", "Тестовая ошибка", "Probe failure"));

    public string Name => "Probe";

    public string Schema => "test_probe";

    public IReadOnlyList<string> ServiceCodes { get; } = [];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapPost("/test-probes", CreateAsync).AllowPublic();
        api.MapGet("/test-probes/{id:long}", async (long id, DbSession session) =>
            await session.QuerySingleOrDefaultAsync<ProbeRow>("SELECT id, name FROM test_probe.probes WHERE id = @id", new { id }) is { } row
                ? Results.Ok(row)
                : Results.NotFound()).AllowPublic();
    }

    private static async Task<IResult> CreateAsync(CreateProbe request, DbSession session)
    {
        new ValidationErrors().Required("name", request.Name).ThrowIfAny();

        await using var transaction = await session.BeginAsync();
        // A little work inside the transaction widens the window in which concurrent retries race.
        await session.ExecuteAsync("SELECT pg_sleep(0.05)");
        var id = await session.ExecuteScalarAsync<long>(
            "INSERT INTO test_probe.probes (name) VALUES (@name) RETURNING id", new { name = request.Name });
        switch (request.Name)
        {
            case "fail-after-insert":
                throw new ProblemException(FailedAfterWrite);
            case "crash":
                throw new InvalidOperationException("probe crash");
        }

        await transaction.CommitAsync();
        return Results.Created($"/api/v1/test-probes/{id}", new ProbeRow(id, request.Name!));
    }

    public sealed record CreateProbe(string? Name);

    public sealed record ProbeRow(long Id, string Name);
}

/// <summary>The real host plus the probe module.</summary>
public sealed class ProbeApiFactory : KazgovApiFactory
{
    public async Task<long> CountProbesAsync(string? name = null)
    {
        await using var connection = new NpgsqlConnection(Kazgov.Tests.TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM test_probe.probes WHERE @name::text IS NULL OR name = @name", connection);
        command.Parameters.AddWithValue("name", (object?)name ?? DBNull.Value);
        command.Parameters["name"].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddKazgovModule(new ProbeModule(), new ConfigurationBuilder().Build());
}

[CollectionDefinition(Name)]
public sealed class ProbeCollection : ICollectionFixture<ProbeApiFactory>
{
    public const string Name = "probe";
}
