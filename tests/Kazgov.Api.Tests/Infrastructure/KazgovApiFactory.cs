using Kazgov.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Testing;

namespace Kazgov.Api.Tests.Infrastructure;

/// <summary>
/// The real host (every middleware, every module, real PostgreSQL from <see cref="TestDatabase"/>),
/// served in memory. The clock is a <see cref="FakeClock"/> the tests can set.
/// </summary>
public class KazgovApiFactory : WebApplicationFactory<Program>
{
    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 3, 10, 5, 0));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Kazgov", TestDatabase.ConnectionString);
        // Hosts of parallel test classes share one database: none dispatches the outbox on its own,
        // tests that deliver call OutboxDispatcher.DispatchDueAsync themselves.
        builder.UseSetting("Notifications:DispatcherEnabled", "false");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IClock>();
            services.AddSingleton<IClock>(Clock);
            ConfigureTestServices(services);
        });
    }

    /// <summary>Where a specialised factory adds what its tests need.</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }
}

/// <summary>API test classes share one host (and so one migration run) through this collection.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<KazgovApiFactory>
{
    public const string Name = "api";
}
