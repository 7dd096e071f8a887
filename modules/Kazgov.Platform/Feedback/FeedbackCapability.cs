using Kazgov.Kernel.Mediation;
using Kazgov.Platform.Feedback.Features.AnswerByLink;
using Kazgov.Platform.Feedback.Features.AnswerByPortal;
using Kazgov.Platform.Feedback.Features.ReadLink;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Platform.Feedback;

/// <summary>Applicant feedback (see Feedback/README.md): one slice per use case under Features/.</summary>
internal static class FeedbackCapability
{
    public static IServiceCollection AddFeedback(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedbackOptions>()
            .Bind(configuration.GetSection(FeedbackOptions.SectionName))
            .Validate(o => o.LinkDays >= 1 && Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out _), "Feedback: LinkDays at least 1, PublicUrl an absolute URL")
            .ValidateOnStart();
        services.AddSingleton<FeedbackTokens>();
        services.AddScoped<IFeedbackLinks, FeedbackLinks>();
        services.AddScoped<FeedbackStore>();
        services.AddScoped<FeedbackDesk>();
        services.AddScoped<IValidator<AnswerFeedbackByLink>, AnswerFeedbackByLinkValidator>();
        services.AddScoped<IValidator<AnswerFeedbackByPortal>, AnswerFeedbackByPortalValidator>();
        return services;
    }

    /// <summary>GET /feedback/link, POST /feedback (public, by the signed link); POST /applications/{id}/feedback (the portal).</summary>
    public static void MapFeedbackEndpoints(this IEndpointRouteBuilder api)
    {
        var feedback = api.MapGroup("/feedback").WithTags("Feedback");
        feedback.MapReadFeedbackLink();
        feedback.MapAnswerFeedbackByLink();
        api.MapAnswerFeedbackByPortal();
    }
}
