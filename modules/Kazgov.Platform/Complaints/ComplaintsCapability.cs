using Kazgov.Platform.Complaints.Features.Answer;
using Kazgov.Platform.Complaints.Features.Get;
using Kazgov.Platform.Complaints.Features.ListJournal;
using Kazgov.Platform.Complaints.Features.Register;
using Kazgov.Platform.Complaints.Features.Review;
using Kazgov.Kernel.Mediation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kazgov.Platform.Complaints;

/// <summary>
/// The complaints journal (see Complaints/README.md): one slice per use case under Features/, each a
/// mediator message, its validator and handler, and its endpoint. The handlers are generated into
/// the host's mediator; the store, the shared change path and the validators are registered here.
/// </summary>
internal static class ComplaintsCapability
{
    public static IServiceCollection AddComplaints(this IServiceCollection services)
    {
        services.AddScoped<ComplaintStore>();
        services.AddScoped<ComplaintJournal>();
        services.AddScoped<IValidator<RegisterComplaint>, RegisterComplaintValidator>();
        services.AddScoped<IValidator<ListComplaints>, ListComplaintsValidator>();
        services.AddScoped<IValidator<StartComplaintReview>, StartComplaintReviewValidator>();
        services.AddScoped<IValidator<AnswerComplaint>, AnswerComplaintValidator>();
        return services;
    }

    /// <summary>POST /complaints, GET /complaints, GET /complaints/{id}, POST /complaints/{id}/review, POST /complaints/{id}/answer.</summary>
    public static void MapComplaintEndpoints(this IEndpointRouteBuilder api)
    {
        var complaints = api.MapGroup("/complaints").WithTags("Complaints");
        complaints.MapRegisterComplaint();
        complaints.MapListComplaints();
        complaints.MapGetComplaint();
        complaints.MapStartComplaintReview();
        complaints.MapAnswerComplaint();
    }
}
