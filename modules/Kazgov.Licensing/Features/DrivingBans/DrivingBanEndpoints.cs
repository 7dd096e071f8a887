using Kazgov.Licensing.Domain;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Identifiers;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Kazgov.Licensing.Features.DrivingBans;

/// <summary>A deprivation of the right to drive or a court restriction of it, as recorded by staff.</summary>
internal sealed record RecordDrivingBanRequest(string? HolderIin, string? Kind, LocalDate? StartsOn, LocalDate? EndsOn, string? DecisionReference);

internal sealed record DrivingBanView(Guid Id, string HolderIin, string Kind, LocalDate StartsOn, LocalDate? EndsOn, string DecisionReference, Instant RecordedAt, string RecordedBy);

internal sealed record DrivingBanList(IReadOnlyList<DrivingBanView> Items, string? NextCursor);

internal sealed record RecordDrivingBan(RecordDrivingBanRequest Request) : ICommand<DrivingBanView>;

internal sealed record ListDrivingBans(string? Iin) : IQuery<DrivingBanList>;

/// <summary>
/// The module's register of deprivations and court restrictions of the right to drive, which the
/// §17.3 and §17.4 refusal grounds read. Recording and reading it are audited: it is personal data.
/// </summary>
internal sealed class DrivingBanHandlers(DbSession session, ICurrentActor actor, IAuditTrail audit, IClock clock) :
    ICommandHandler<RecordDrivingBan, DrivingBanView>,
    IQueryHandler<ListDrivingBans, DrivingBanList>
{
    private const string Columns = """
        id AS Id, holder_iin AS HolderIin, kind AS Kind, starts_on AS StartsOn, ends_on AS EndsOn,
        decision_reference AS DecisionReference, recorded_at AS RecordedAt, recorded_by AS RecordedBy
        """;

    public async ValueTask<DrivingBanView> Handle(RecordDrivingBan command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var errors = new ValidationErrors();
        if (!Iin.TryParse(request.HolderIin, out _, out _))
        {
            errors.Add("holderIin", new LocalizedText("ЖСН дұрыс емес", "ИИН некорректен", "The IIN is not valid"));
        }

        if (request.Kind is not (DrivingBan.Deprivation or DrivingBan.CourtRestriction))
        {
            errors.Add("kind", new LocalizedText("deprivation немесе court-restriction", "deprivation или court-restriction", "deprivation or court-restriction"));
        }

        if (request.StartsOn is null)
        {
            errors.Add("startsOn", CommonMessages.Required);
        }
        else if (request.EndsOn < request.StartsOn)
        {
            errors.Add("endsOn", new LocalizedText("Басталу күнінен кейін болуы керек", "Не раньше даты начала", "Not before the start"));
        }

        errors.Required("decisionReference", request.DecisionReference);
        errors.ThrowIfAny();

        var view = new DrivingBanView(Guid.CreateVersion7(), request.HolderIin!, request.Kind!, request.StartsOn!.Value, request.EndsOn,
            request.DecisionReference!.Trim(), clock.GetCurrentInstant(), actor.Id);
        await session.ExecuteAsync(
            """
            INSERT INTO licensing.driving_bans (id, holder_iin, kind, starts_on, ends_on, decision_reference, recorded_at, recorded_by)
            VALUES (@Id, @HolderIin, @Kind, @StartsOn, @EndsOn, @DecisionReference, @RecordedAt, @RecordedBy)
            """,
            view,
            cancellationToken);
        await audit.RecordAsync(new AuditEvent("driver-licence.driving-ban.record", AuditSubjects.Iin, view.HolderIin) { ObjectId = view.Id.ToString(), ServiceCode = DriverLicenceDefinition.Code }, cancellationToken);
        return view;
    }

    public async ValueTask<DrivingBanList> Handle(ListDrivingBans query, CancellationToken cancellationToken)
    {
        if (!Iin.TryParse(query.Iin, out _, out _))
        {
            new ValidationErrors().Add("iin", new LocalizedText("ЖСН дұрыс емес", "ИИН некорректен", "The IIN is not valid")).ThrowIfAny();
        }

        var items = await session.QueryAsync<DrivingBanView>(
            $"SELECT {Columns} FROM licensing.driving_bans WHERE holder_iin = @iin ORDER BY starts_on, id",
            new { iin = query.Iin },
            cancellationToken);
        await audit.RecordAsync(new AuditEvent("driver-licence.driving-ban.read", AuditSubjects.Iin, query.Iin) { ServiceCode = DriverLicenceDefinition.Code }, cancellationToken);
        return new DrivingBanList(items.ToList(), null);
    }
}

internal static class DrivingBanEndpoints
{
    public static void MapDrivingBans(this IEndpointRouteBuilder licences)
    {
        licences.MapPost("/driving-bans", async (RecordDrivingBanRequest request, ISender sender, CancellationToken cancellationToken) =>
            {
                var view = await sender.Send(new RecordDrivingBan(request), cancellationToken);
                return Results.Created($"/api/v1/driver-licences/driving-bans?iin={view.HolderIin}", view);
            })
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("RecordDrivingBan")
            .WithSummary("Records a deprivation of the right to drive or a court restriction of it (driver-licence §17.3, §17.4).")
            .Produces<DrivingBanView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        licences.MapGet("/driving-bans", async (string? iin, ISender sender, CancellationToken cancellationToken) =>
                Results.Ok(await sender.Send(new ListDrivingBans(iin), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("ListDrivingBans")
            .WithSummary("The deprivations and restrictions recorded for a person (by IIN).")
            .Produces<DrivingBanList>()
            .ProducesValidationProblem();
    }
}
