using Kazgov.Platform.Applications.Features.Queries;
using Kazgov.Platform.Applications.Features.SubmitApplication;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
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

    /// <summary>The application as the actor may read it (404 otherwise); the read is audited.</summary>
    Task<ApplicationView> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// A staff step that a module records in its own tables about an open application (e.g. an exam
    /// result, driver-licence §15): the same lock, access and If-Match check as every change, a new
    /// version of the application and an audit record named <paramref name="operation"/>.
    /// <paramref name="change"/> runs inside the transaction and may throw a problem to refuse.
    /// </summary>
    Task<ApplicationView> RecordStepAsync(Guid id, string? ifMatch, string operation, Func<LifecycleContext, Task> change, CancellationToken cancellationToken);
}

internal sealed class MediatedApplications(ISender sender, ApplicationChanges changes, ICurrentActor actor, DbSession session) : IApplications
{
    public async Task<SubmittedApplication> SubmitAsync(SubmitApplicationRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new SubmitApplication(request, ModuleDataPath: ""), cancellationToken);

    public async Task<ApplicationView> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await sender.Send(new GetApplication(id), cancellationToken);

    public async Task<ApplicationView> RecordStepAsync(Guid id, string? ifMatch, string operation, Func<LifecycleContext, Task> change, CancellationToken cancellationToken)
    {
        var pending = await changes.BeginAsync(id, ifMatch, action: null, cancellationToken);
        if (actor.Kind != ActorKind.Staff)
        {
            throw new ProblemException(SecurityProblems.Forbidden);
        }

        await change(pending.Context(session));
        return await changes.CommitAsync(pending, operation, cancellationToken);
    }
}
