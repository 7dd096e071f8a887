using Asp.Versioning;
using Kazgov.Api.Hosting;
using Kazgov.Api.Security;
using Kazgov.Kernel.Caching;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Idempotency;
using Kazgov.Kernel.Mediation;
using Kazgov.Kernel.Observability;
using Kazgov.Kernel.Modules;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using NodaTime;
using Npgsql;

SocketCompletions.RunInlineUnlessSet();
var builder = WebApplication.CreateBuilder(args);
var services = builder.Services;
var configuration = builder.Configuration;

services.ConfigureHttpJsonOptions(options => PlatformJson.Configure(options.SerializerOptions));
services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
services.AddKazgovClock(configuration, builder.Environment);

NodaTimeTypeHandlers.Register();
services.AddSingleton(_ =>
{
    var dataSource = new NpgsqlDataSourceBuilder(configuration.GetConnectionString("Kazgov")
        ?? throw new InvalidOperationException("ConnectionStrings:Kazgov is not set."));
    dataSource.UseNodaTime();
    // Statements a connection runs again are prepared once (parse and plan were a third of a lookup's
    // database time); a connection string that sets Max Auto Prepare itself keeps its value.
    if (dataSource.ConnectionStringBuilder.MaxAutoPrepare == 0)
    {
        dataSource.ConnectionStringBuilder.MaxAutoPrepare = 100;
    }

    return dataSource.Build();
});
services.AddScoped<DbSession>();
// An optional streaming replica for reads that tolerate a few seconds' staleness (DbSession.ReadFromReplica),
// set aside while its replay lag exceeds Database:Replica:MaxLagSeconds (5 by default).
services.AddSingleton(provider =>
{
    var replica = configuration.GetConnectionString("KazgovReplica");
    var maxLag = TimeSpan.FromSeconds(configuration.GetValue("Database:Replica:MaxLagSeconds", 5.0));
    if (string.IsNullOrWhiteSpace(replica))
    {
        return new ReadReplica(null, maxLag);
    }

    var builder = new NpgsqlDataSourceBuilder(replica);
    builder.UseNodaTime();
    if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
    {
        builder.ConnectionStringBuilder.MaxAutoPrepare = 100;
    }

    return new ReadReplica(builder.Build(), maxLag);
});
services.AddHostedService<ReplicaLagMonitor>();
// Offices, schedules, the calendar and MCI rates from memory; triggers NOTIFY every host of a change.
services.AddSingleton<ReferenceDataCache>();
services.AddScoped<ReferenceData>();
services.AddHostedService<ReferenceChangeListener>();

services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    // No Assemblies list: the generator scans every referenced assembly, so a new module's handlers
    // are found without a line here (each module grants InternalsVisibleTo the host).
    options.PipelineBehaviors =
    [
        typeof(LoggingBehavior<,>),
        typeof(ValidationBehavior<,>),
        typeof(TransactionBehavior<,>),
    ];
});

foreach (var module in KazgovModules.All)
{
    services.AddKazgovModule(module, configuration);
}

services.AddApiVersioning(options =>
{
    options.DefaultApiVersion = new ApiVersion(1);
    options.ApiVersionReader = new UrlSegmentApiVersionReader();
    options.ReportApiVersions = true;
}).AddApiExplorer(options =>
{
    options.GroupNameFormat = "'v'V";
    options.SubstituteApiVersionInUrl = true;
});
services.AddOptions<ReferenceDataOptions>().Bind(configuration.GetSection(ReferenceDataOptions.SectionName));
services.AddKazgovOpenApi();
services.AddKazgovHealth();
services.AddKazgovSecurity(configuration, builder.Environment);
builder.AddKazgovObservability();
builder.AddKazgovServerLimits();
services.AddKazgovCompression();
services.AddKazgovLogRedaction();

var app = builder.Build();
// Before anything touches the database: a Production start with unsafe settings is refused, listing them all.
ProductionGuards.EnsureSafe(app.Configuration, app.Environment);
// The Meter "Kazgov" and its gauges exist from the start, before the first scrape.
app.Services.GetRequiredService<KazgovMetrics>();

if (configuration.GetValue("Database:MigrateOnStart", true))
{
    await new DatabaseMigrator(configuration.GetConnectionString("Kazgov")!, app.Services.GetRequiredService<ILogger<DatabaseMigrator>>())
        .MigrateAsync(
            app.Services.GetServices<IKazgovModule>(),
            async cancellationToken =>
            {
                foreach (var loader in app.Services.GetServices<IReferenceDataLoader>())
                {
                    await loader.LoadAsync(cancellationToken);
                }
            },
            CancellationToken.None);
    // The migration's last read completed on a socket thread (SocketCompletions), where the rest of the start,
    // seconds of building endpoints, would hold up every connection of the process: continue on the pool.
    await Task.Yield();
}

app.UseKazgovManagement();
app.UseKazgovForwardedHeaders();
app.UseKazgovCompression();
app.Use(CorrelationId.Middleware);
app.UseMiddleware<RequestLogging>();
app.UseProblemResponses();
app.Use(ClientAbort.Middleware);
app.UseMiddleware<RequestLimits>(configuration.GetValue("Http:MaxRequestBodyBytes", 1024L * 1024));
app.UseRouting();
app.UseKazgovClient();
app.UseKazgovSecurity();
// After authentication: idempotency keys are scoped to the authenticated actor.
app.UseMiddleware<IdempotencyMiddleware>();

app.MapKazgovOpenApi();
app.MapKazgovHealth();
if (configuration.GetValue("Notifications:FakeGatewayEnabled", false))
{
    app.MapFakeGateway();
}

var api = app.NewVersionedApi("Kazgov").MapGroup("/api/v{version:apiVersion}").HasApiVersion(1.0).RequireDeclaredPolicies();
foreach (var module in app.Services.GetServices<IKazgovModule>())
{
    module.MapEndpoints(api);
}

await app.RunAsync();

/// <summary>The host's entry point; public so that API tests can start it with WebApplicationFactory.</summary>
public partial class Program;
