using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Applications;
using Kazgov.Platform.ExternalChecks;
using Kazgov.Platform.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Kazgov.Vehicles;

/// <summary>
/// vehicle-registration §17.3 [L15050]: the law does not let the vehicle on the road — the project
/// reads three registers for it, each asked by the vehicle's VIN (or chassis number) through the
/// platform's runner (Polly, a local fake): wanted vehicles, arrests, registration bans.
/// </summary>
internal static class VehicleChecks
{
    public const string Ground = "traffic-participation-prohibited";

    public static readonly IReadOnlyList<ExternalCheckKind> All =
    [
        new("wanted", "Wanted vehicles register of the internal affairs bodies", [Ground]),
        new("arrest", "Register of arrests imposed by courts and enforcement officers", [Ground]),
        new("registration-ban", "Register of bans on registration actions", [Ground]),
    ];

    public static ExternalCheckKind? Find(string code) => All.FirstOrDefault(k => k.Code == code);

    /// <summary>The identifier the registers are asked by.</summary>
    public static string Subject(VehicleApplicationData data, VehicleRecord? registered) =>
        registered?.Vin ?? registered?.ChassisNumber ?? data.Vehicle?.Vin ?? data.Vehicle?.ChassisNumber ?? "";
}

/// <param name="Answer">clear, found, or null while unanswered.</param>
internal sealed record VehicleCheckView(string Check, string Source, string Subject, Instant AskedAt, Instant? AnsweredAt, string? Answer, string? Reference, int Attempts, string? Error);

internal sealed record VehicleChecksView(Guid ApplicationId, IReadOnlyList<VehicleCheckView> Checks, IReadOnlyList<string> UnansweredChecks, int Version) : IVersioned;

internal sealed record RunVehicleChecks(Guid Id, string? IfMatch) : ICommand<VehicleChecksView>;

internal sealed record GetVehicleChecks(Guid Id) : IQuery<VehicleChecksView>;

internal sealed class VehicleCheckHandlers(
    IApplications applications,
    DbSession session,
    ICurrentActor actor,
    [FromKeyedServices(VehicleRegistrationDefinition.Code)] ExternalCheckRunner runner,
    IClock clock) :
    ICommandHandler<RunVehicleChecks, VehicleChecksView>,
    IQueryHandler<GetVehicleChecks, VehicleChecksView>
{
    public async ValueTask<VehicleChecksView> Handle(RunVehicleChecks command, CancellationToken cancellationToken)
    {
        var view = await applications.RecordStepAsync(command.Id, command.IfMatch, "vehicle-registration.external-checks.run", async context =>
        {
            context.EnsureStepBeforeDecision(VehicleRegistrationDefinition.Code, VehiclesProblems.ChecksClosed);

            var data = VehicleApplicationData.From(context.ModuleData);
            var registered = data.VehicleId is { } id ? await VehiclesStore.ByIdAsync(session, id, cancellationToken) : null;
            var answered = ExternalCheckJournal.Answered(await VehiclesStore.ChecksAsync(session, context.ApplicationId, cancellationToken));
            var subject = new ExternalCheckSubject(VehicleChecks.Subject(data, registered), "", "", null, null);
            await ExternalCheckJournal.AskAsync(session, VehiclesStore.ChecksTable, runner, clock, context.ApplicationId, subject,
                VehicleChecks.All.Where(k => !answered.ContainsKey(k.Code)), actor.Id, cancellationToken);
        }, cancellationToken);
        return await ViewAsync(view.Id, view.Version, cancellationToken);
    }

    public async ValueTask<VehicleChecksView> Handle(GetVehicleChecks query, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(query.Id, cancellationToken);
        if (application.Service != VehicleRegistrationDefinition.Code)
        {
            throw new ProblemException(ApplicationProblems.ApplicationNotFound);
        }

        return await ViewAsync(application.Id, application.Version, cancellationToken);
    }

    private async Task<VehicleChecksView> ViewAsync(Guid id, int version, CancellationToken cancellationToken)
    {
        var checks = await VehiclesStore.ChecksAsync(session, id, cancellationToken);
        var answered = ExternalCheckJournal.Answered(checks);
        return new VehicleChecksView(
            id,
            [.. checks.Select(c => new VehicleCheckView(c.CheckCode, c.Source, c.Subject, c.AskedAt, c.AnsweredAt, c.Answer, c.Reference, c.Attempts, c.Error))],
            [.. VehicleChecks.All.Where(k => !answered.ContainsKey(k.Code)).Select(k => k.Code)],
            version);
    }
}

internal static class VehicleCheckEndpoints
{
    public static void MapChecks(this IEndpointRouteBuilder group)
    {
        group.MapPost("/applications/{id:guid}/external-checks", async (Guid id, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                Preconditions.OkWithETag(context, await sender.Send(new RunVehicleChecks(id, context.Request.Headers.IfMatch), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("RunVehicleExternalChecks")
            .WithSummary("Asks the registers of §17.3 (wanted, arrest, registration-ban → traffic-participation-prohibited) about the vehicle's VIN the checks not yet answered and records each (staff, If-Match). An unanswered check blocks approval.")
            .Produces<VehicleChecksView>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        group.MapGet("/applications/{id:guid}/checks", async (Guid id, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                Preconditions.OkWithETag(context, await sender.Send(new GetVehicleChecks(id), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetVehicleChecks")
            .WithSummary("The §17.3 register checks of a vehicle-registration application and those still unanswered.")
            .Produces<VehicleChecksView>();
    }
}
