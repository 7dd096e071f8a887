using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Kernel.Modules;

/// <summary>
/// The one seam between the host and a module. A module assembly makes exactly one type public
/// that implements this (plus any published contracts); the host lists the modules, calls
/// <see cref="AddServices"/> at start-up, applies the module's migrations into
/// <see cref="Schema"/>, and lets it map its endpoints under /api/v1.
/// </summary>
public interface IKazgovModule
{
    /// <summary>The module's name, e.g. "Licensing".</summary>
    string Name { get; }

    /// <summary>The PostgreSQL schema the module owns; no other module reads its tables.</summary>
    string Schema { get; }

    /// <summary>The service codes of the standards this module runs (DESIGN.md).</summary>
    IReadOnlyList<string> ServiceCodes { get; }

    /// <summary>
    /// The namespace of the module's embedded SQL migrations: Migrations/ beside the entry point
    /// (e.g. Kazgov.Licensing.Migrations.0001_schema.sql).
    /// </summary>
    string MigrationsNamespace => GetType().Namespace + ".Migrations";

    void AddServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Maps the module's endpoints onto the versioned API group (/api/v1).</summary>
    void MapEndpoints(IEndpointRouteBuilder api);
}
