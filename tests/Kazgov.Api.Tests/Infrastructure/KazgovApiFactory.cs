using Kazgov.Kernel.Events;
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
/// served in memory. The clock is a <see cref="FakeClock"/> the tests can set. Demo data (users of
/// every role, the egov-portal client) is loaded; rate limits are high enough never to interfere
/// (RateLimitTests runs its own host with low ones). Tokens: <see cref="ApiAuth"/>.
/// </summary>
public class KazgovApiFactory : WebApplicationFactory<Program>
{
    public const string TestSigningKey = "test-signing-key-of-at-least-32-bytes-0123456789";

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _environment;

    public KazgovApiFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <param name="settings">Settings on top of (or removing, with null) the test defaults.</param>
    protected KazgovApiFactory(IReadOnlyDictionary<string, string?> settings, string environment = "Testing")
    {
        _settings = settings;
        _environment = environment;
    }

    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 3, 10, 5, 0));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Kazgov"] = TestDatabase.ConnectionString,
            ["ReferenceData:LoadDemoData"] = "true",
            // Hosts of parallel test classes share one database: none dispatches the outbox on its own,
            // tests that deliver call OutboxDispatcher.DispatchDueAsync themselves.
            ["Notifications:DispatcherEnabled"] = "false",
            // Likewise webhooks: WebhookTests send them with WebhookDispatcher.DispatchDueAsync on their own host.
            ["Webhooks:DispatcherEnabled"] = "false",
            // Nor deletes anything by age on its own clock (RetentionTests run the jobs with their own).
            ["Retention:Enabled"] = "false",
            ["Security:Jwt:SigningKey"] = TestSigningKey,
            ["Security:RateLimits:PerCaller:PermitLimit"] = "1000000",
            ["Security:RateLimits:Anonymous:PermitLimit"] = "1000000",
            ["Security:RateLimits:Verification:PermitLimit"] = "1000000",
            ["Security:RateLimits:Token:PermitLimit"] = "1000000",
            ["Security:RateLimits:StatusLookup:PermitLimit"] = "1000000",
        };
        foreach (var (key, value) in _settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IClock>();
            services.AddSingleton<IClock>(Clock);
            // A subscriber of the platform's integration events that only remembers what it saw.
            services.AddIntegrationEventSubscriber<Kazgov.Platform.Applications.ApplicationStatusChanged, RecordingSubscriber>(RecordingSubscriber.Name);
            ConfigureTestServices(services);
        });
    }

    /// <summary>Where a specialised factory adds what its tests need.</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }
}

/// <summary>
/// API test classes share one host (and so one migration run) through this collection. The lifecycle
/// tests' host without the Vehicles definitions and the Vehicles tests' host are in it too, so that
/// the road-police applications they count are not written by another class at the same time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<KazgovApiFactory>, ICollectionFixture<PlainServicesApiFactory>, ICollectionFixture<Vehicles.VehicleApiFactory>
{
    public const string Name = "api";
}
