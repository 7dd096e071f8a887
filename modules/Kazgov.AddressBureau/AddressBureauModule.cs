using Kazgov.AddressBureau.Certificates;
using Kazgov.AddressBureau.Feeds;
using Kazgov.AddressBureau.Features.Certificates;
using Kazgov.AddressBureau.Features.ListRequest;
using Kazgov.AddressBureau.Features.Lookups;
using Kazgov.AddressBureau.Features.Passwords;
using Kazgov.AddressBureau.Features.Register;
using Kazgov.AddressBureau.Features.SubmitRequest;
using Kazgov.AddressBureau.Passwords;
using Kazgov.AddressBureau.Register;
using Kazgov.AddressBureau.Requests;
using Kazgov.Kernel.Events;
using Kazgov.Kernel.Modules;
using Kazgov.Migration.Contracts;
using Kazgov.Platform.Applications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.AddressBureau;

/// <summary>
/// The AddressBureau module's entry point: the only public type of the assembly besides its published
/// contracts. It runs address-certificate (standard 3, seed lines 3489–3867): the national address
/// register, its feeds (clerks, the migration module's events, the bulk loader), the four kinds of
/// request, audited lookups, list requests (§16) and certificates with public verification.
/// </summary>
public sealed class AddressBureauModule : IKazgovModule
{
    public string Name => "AddressBureau";

    public string Schema => "address_bureau";

    public IReadOnlyList<string> ServiceCodes { get; } = ["address-certificate"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IServiceDefinition, AddressCertificateDefinition>();
        services.AddScoped<AddressRegister>();
        services.AddScoped<RegisterWriter>();
        services.AddScoped<AddressRequests>();
        services.AddScoped<CertificateIssuer>();
        services.AddScoped<AgencyPasswords>();
        services.AddIntegrationEventSubscriber<ForeignerRegisteredAtAddress, ForeignerRegisteredFeed>("address-bureau.foreigner-registered");
        services.AddIntegrationEventSubscriber<PermanentResidenceRegistered, PermanentResidenceFeed>("address-bureau.permanent-residence");
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var bureau = api.MapGroup("/address-bureau").WithTags("AddressBureau");
        bureau.MapSubmitRequest();
        bureau.MapLookups();
        bureau.MapListRequest();
        bureau.MapCertificates();
        bureau.MapPasswords();
        bureau.MapRegister();
    }
}
