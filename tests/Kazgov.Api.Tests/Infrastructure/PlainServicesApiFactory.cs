using Kazgov.Platform.Applications;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Api.Tests.Infrastructure;

/// <summary>
/// A host in which vehicle-registration and proxy-driver-registration run through the platform's
/// generic lifecycle only: the Vehicles module's service definitions are taken out. The platform's
/// lifecycle tests use these two road-police services as their plain paid and free services (windows,
/// fees, refusal grounds from the catalogue); the module's own rules are tested in Vehicles/.
/// </summary>
public class PlainServicesApiFactory : KazgovApiFactory
{
    public PlainServicesApiFactory()
    {
    }

    protected PlainServicesApiFactory(IReadOnlyDictionary<string, string?> settings)
        : base(settings)
    {
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(IServiceDefinition) && d.ImplementationType?.Assembly.GetName().Name == "Kazgov.Vehicles").ToList())
        {
            services.Remove(descriptor);
        }

        base.ConfigureTestServices(services);
    }
}
