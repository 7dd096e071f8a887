using Kazgov.Platform.Applications.Features.SubmitApplication;
using Mediator;

namespace Kazgov.Platform.Applications;

/// <summary>What modules use to run the shared lifecycle from their own endpoints (e.g. the driver-licence intake).</summary>
public interface IApplications
{
    /// <summary>
    /// Submits through the shared lifecycle, which runs the service definition's intake check; the
    /// module data's fields are at the top level of the module's typed body, and errors name them so.
    /// </summary>
    Task<SubmittedApplication> SubmitAsync(SubmitApplicationRequest request, CancellationToken cancellationToken);
}

internal sealed class MediatedApplications(ISender sender) : IApplications
{
    public async Task<SubmittedApplication> SubmitAsync(SubmitApplicationRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new SubmitApplication(request, ModuleDataPath: ""), cancellationToken);
}
