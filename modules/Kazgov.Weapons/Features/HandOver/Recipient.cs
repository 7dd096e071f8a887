using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Applications;
using Kazgov.Platform.Calendar;
using Kazgov.Platform.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kazgov.Weapons;

/// <summary>§17: who takes the permit — "applicant", or "proxy" with the proxy's name, IIN and power of attorney.</summary>
internal sealed record RecordRecipientRequest(string? ReceivedBy, Representative? Proxy);

/// <summary>Who takes the permit; <see cref="ReceivedBy"/> is null until the clerk records it (hand-over waits for it).</summary>
internal sealed record RecipientView(Guid ApplicationId, string? ReceivedBy, string? ProxyName, string? ProxyIin, PowerOfAttorney? PowerOfAttorney, int Version) : IVersioned
{
    public static RecipientView Of(Guid applicationId, RecipientRecord? recipient, int version) =>
        recipient is null
            ? new(applicationId, null, null, null, null, version)
            : new(applicationId, recipient.ReceivedBy, recipient.ProxyName, recipient.ProxyIin,
                recipient.PoaNumber is null ? null : new PowerOfAttorney(recipient.PoaNumber, recipient.PoaIssuedOn, recipient.PoaValidUntil, recipient.PoaIssuedBy),
                version);
}

internal sealed record RecordRecipient(Guid Id, string? IfMatch, RecordRecipientRequest Body) : ICommand<RecipientView>;

internal sealed record GetRecipient(Guid Id) : IQuery<RecipientView>;

internal sealed class GetRecipientHandler(IApplications applications, DbSession session) : IQueryHandler<GetRecipient, RecipientView>
{
    public async ValueTask<RecipientView> Handle(GetRecipient query, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(query.Id, cancellationToken);
        if (application.Service != WeaponRegistrationDefinition.Code)
        {
            throw new ProblemException(ApplicationProblems.ApplicationNotFound);
        }

        return RecipientView.Of(application.Id, await WeaponsStore.RecipientAsync(session, application.Id, cancellationToken), application.Version);
    }
}

internal sealed class RecordRecipientHandler(IApplications applications, DbSession session, ICurrentActor actor) : ICommandHandler<RecordRecipient, RecipientView>
{
    private static readonly HashSet<string> Closed = ["issued", "refused", "withdrawn"];

    public async ValueTask<RecipientView> Handle(RecordRecipient command, CancellationToken cancellationToken)
    {
        var body = command.Body;
        var view = await applications.RecordStepAsync(command.Id, command.IfMatch, "weapon-registration.recipient.record", async context =>
        {
            if (context.ServiceCode != WeaponRegistrationDefinition.Code)
            {
                throw new ProblemException(ApplicationProblems.ApplicationNotFound);
            }

            if (Closed.Contains(context.Status))
            {
                throw new ProblemException(WeaponsProblems.ChecksClosed, extensions: new Dictionary<string, object?> { ["currentStatus"] = context.Status });
            }

            var errors = new ValidationErrors();
            var today = context.Now.InZone(WorkingCalendar.Zone).Date;
            if (body.ReceivedBy is not ("applicant" or "proxy"))
            {
                errors.Add("receivedBy", new LocalizedText("applicant немесе proxy", "applicant или proxy", "applicant or proxy"));
            }
            else if (body.ReceivedBy == "proxy")
            {
                var proxy = body.Proxy;
                errors.Required("proxy.fullName", proxy?.FullName);
                ApplicantValidation.Validate(proxy, "proxy", errors);
                errors.Required("proxy.powerOfAttorney.number", proxy?.PowerOfAttorney?.Number);
                if (proxy?.PowerOfAttorney?.IssuedOn is not { } issued || issued > today)
                {
                    errors.Add("proxy.powerOfAttorney.issuedOn", new LocalizedText(
                        "Сенімхат күні керек, бүгіннен кейін емес", "Нужна дата доверенности, не позже сегодняшней", "The power of attorney's date is required, not after today"));
                }

                if (proxy?.PowerOfAttorney?.ValidUntil is { } until && until < today)
                {
                    errors.Add("proxy.powerOfAttorney.validUntil", new LocalizedText("Сенімхаттың мерзімі өткен (§17)", "Срок доверенности истёк (§17)", "The power of attorney has expired (§17)"));
                }
            }
            else if (body.Proxy is not null)
            {
                errors.Add("proxy", new LocalizedText("Тек proxy үшін", "Только для proxy", "Only for proxy"));
            }

            errors.ThrowIfAny();
            var poa = body.ReceivedBy == "proxy" ? body.Proxy!.PowerOfAttorney : null;
            await session.ExecuteAsync(
                """
                INSERT INTO weapons.recipients (application_id, received_by, proxy_name, proxy_iin, poa_number, poa_issued_on, poa_valid_until, poa_issued_by, recorded_at, recorded_by)
                VALUES (@id, @receivedBy, @name, @iin, @number, @issuedOn, @validUntil, @issuedBy, @now, @by)
                ON CONFLICT (application_id) DO UPDATE SET received_by = EXCLUDED.received_by, proxy_name = EXCLUDED.proxy_name, proxy_iin = EXCLUDED.proxy_iin,
                    poa_number = EXCLUDED.poa_number, poa_issued_on = EXCLUDED.poa_issued_on, poa_valid_until = EXCLUDED.poa_valid_until,
                    poa_issued_by = EXCLUDED.poa_issued_by, recorded_at = EXCLUDED.recorded_at, recorded_by = EXCLUDED.recorded_by
                """,
                new
                {
                    id = context.ApplicationId, receivedBy = body.ReceivedBy, name = poa is null ? null : body.Proxy!.FullName!.Trim(), iin = poa is null ? null : body.Proxy!.Iin,
                    number = poa?.Number?.Trim(), issuedOn = poa?.IssuedOn, validUntil = poa?.ValidUntil, issuedBy = poa?.IssuedBy, now = context.Now, by = actor.Id,
                },
                cancellationToken);
        }, cancellationToken);
        return RecipientView.Of(view.Id, await WeaponsStore.RecipientAsync(session, view.Id, cancellationToken), view.Version);
    }
}

internal static class RecipientEndpoints
{
    public static void MapRecipient(this IEndpointRouteBuilder group)
    {
        group.MapGet("/applications/{id:guid}/recipient", async (Guid id, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                Preconditions.OkWithETag(context, await sender.Send(new GetRecipient(id), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetWeaponPermitRecipient")
            .WithSummary("§17: who takes the permit, as recorded (receivedBy null until recorded).")
            .Produces<RecipientView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/applications/{id:guid}/recipient", async (Guid id, RecordRecipientRequest body, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
            {
                var view = await sender.Send(new RecordRecipient(id, context.Request.Headers.IfMatch, body), cancellationToken);
                context.Response.Headers.ETag = Preconditions.ETagOf(view.Version);
                return Results.Ok(view);
            })
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("RecordWeaponPermitRecipient")
            .WithSummary("§17: records who takes the permit — the applicant, or a proxy with the power of attorney (number, date, validity, issuer); required before hand-over (staff, If-Match).")
            .Produces<RecipientView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
