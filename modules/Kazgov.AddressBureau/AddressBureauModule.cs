using Kazgov.Kernel.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.AddressBureau;

/// <summary>The AddressBureau module's entry point: the only public type of the assembly besides its published contracts.</summary>
public sealed class AddressBureauModule : IKazgovModule
{
    public string Name => "AddressBureau";

    public string Schema => "address_bureau";

    public IReadOnlyList<string> ServiceCodes { get; } = ["address-certificate"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
    }
}
