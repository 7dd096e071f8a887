using Kazgov.Kernel.Mediation;
using Kazgov.Platform.Queue.Features.CallNext;
using Kazgov.Platform.Queue.Features.CloseTicket;
using Kazgov.Platform.Queue.Features.HallDisplay;
using Kazgov.Platform.Queue.Features.LinkApplication;
using Kazgov.Platform.Queue.Features.TakeTicket;
using Kazgov.Platform.Queue.Features.TodayDashboard;
using Kazgov.Platform.Queue.Features.WaitingLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Platform.Queue;

/// <summary>The electronic queue of each office (see Queue/README.md): one slice per use case under Features/.</summary>
internal static class QueueCapability
{
    public static IServiceCollection AddQueue(this IServiceCollection services)
    {
        services.AddScoped<QueueStore>();
        services.AddScoped<QueueDesk>();
        services.AddScoped<TicketApplications>();
        services.AddScoped<IValidator<TakeTicket>, TakeTicketValidator>();
        services.AddScoped<IValidator<CallNextTicket>, CallNextTicketValidator>();
        services.AddScoped<IValidator<CloseTicket>, CloseTicketValidator>();
        services.AddScoped<IValidator<LinkTicketApplication>, LinkTicketApplicationValidator>();
        return services;
    }

    /// <summary>POST /offices/{id}/queue/tickets, GET /offices/{id}/queue/display (public); /queue/… for the portal and the clerks.</summary>
    public static void MapQueueEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapKioskTicket();
        api.MapHallDisplay();
        api.MapTodayDashboard();
        var queue = api.MapGroup("/queue").WithTags("Queue");
        queue.MapAdvanceTicket();
        queue.MapWaitingLine();
        queue.MapCallNext();
        queue.MapCloseTicket();
        queue.MapLinkTicketApplication();
    }
}
