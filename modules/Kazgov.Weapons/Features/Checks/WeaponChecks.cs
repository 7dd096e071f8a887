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

namespace Kazgov.Weapons;

/// <summary>An outside agency's check: its code, who answers it, the refusal ground a "found" answer names and its paragraph.</summary>
internal sealed record WeaponCheckKind(string Code, string Source, string Ground, string Paragraph)
{
    public ExternalCheckKind AsExternalCheck() => new(Code, Source, [Ground]);
}

/// <summary>weapon-registration §18: the facts only an outside agency knows, asked through the platform's runner (Polly, fake).</summary>
internal static class WeaponChecks
{
    public static readonly IReadOnlyList<WeaponCheckKind> All =
    [
        new("criminal-record", "Committee on Legal Statistics and Special Accounts (criminal records)", "conviction-not-expunged", "weapon-registration §18.7"),
        new("administrative-offences", "Administrative offences register of the internal affairs bodies", "repeated-administrative-offences", "weapon-registration §18.3"),
    ];

    public static WeaponCheckKind? Find(string code) => All.FirstOrDefault(k => k.Code == code);

    /// <summary>The checks a person is asked about (§18.3, §18.7); none for an organisation (§13).</summary>
    public static IReadOnlyList<WeaponCheckKind> For(ApplicantKind applicant) => applicant == ApplicantKind.LegalEntity ? [] : All;

    public static readonly ProblemType Unanswered = new("external-check-unanswered", 409, new(
        "Сыртқы органдар әлі жауап бермеді: шешім қабылданбайды (§18.3, §18.7)",
        "Внешние органы ещё не ответили: решение не принимается (§18.3, §18.7)",
        "The outside agencies have not answered yet: no decision can be taken (§18.3, §18.7)"));
}

/// <param name="Answer">clear, found, or null while unanswered.</param>
internal sealed record WeaponCheckView(string Check, string Source, string Ground, string Subject, Instant AskedAt, Instant? AnsweredAt, string? Answer, string? Reference, int Attempts, string? Error);

internal sealed record WeaponChecksView(Guid ApplicationId, IReadOnlyList<WeaponCheckView> Checks, IReadOnlyList<string> UnansweredChecks, int Version) : IVersioned;

internal sealed record RunWeaponChecks(Guid Id, string? IfMatch) : ICommand<WeaponChecksView>;

internal sealed record GetWeaponChecks(Guid Id) : IQuery<WeaponChecksView>;

internal sealed class WeaponCheckHandlers(
    IApplications applications,
    DbSession session,
    ICurrentActor actor,
    [FromKeyedServices(WeaponRegistrationDefinition.Code)] ExternalCheckRunner runner,
    IClock clock) :
    ICommandHandler<RunWeaponChecks, WeaponChecksView>,
    IQueryHandler<GetWeaponChecks, WeaponChecksView>
{
    public async ValueTask<WeaponChecksView> Handle(RunWeaponChecks command, CancellationToken cancellationToken)
    {
        var view = await applications.RecordStepAsync(command.Id, command.IfMatch, "weapon-registration.external-checks.run", async context =>
        {
            context.EnsureStepBeforeDecision(WeaponRegistrationDefinition.Code, WeaponsProblems.ChecksClosed);

            var answered = WeaponsStore.Answered(await WeaponsStore.ChecksAsync(session, context.ApplicationId, cancellationToken));
            var applicant = context.Applicant;
            var subject = new ExternalCheckSubject(
                applicant.Iin ?? applicant.TravelDocument?.Number ?? applicant.SubjectId,
                applicant.LastName ?? "", applicant.FirstName ?? "", applicant.BirthDate, applicant.Citizenship);
            await ExternalCheckJournal.AskAsync(session, "weapons.external_checks", runner, clock, context.ApplicationId, subject, WeaponChecks.For(applicant.Kind).Where(k => !answered.ContainsKey(k.Code)).Select(k => k.AsExternalCheck()), actor.Id, cancellationToken);
        }, cancellationToken);
        return await ViewAsync(view.Id, view.Version, view.Applicant.Kind, cancellationToken);
    }

    public async ValueTask<WeaponChecksView> Handle(GetWeaponChecks query, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(query.Id, cancellationToken);
        if (application.Service != WeaponRegistrationDefinition.Code)
        {
            throw new ProblemException(ApplicationProblems.ApplicationNotFound);
        }

        return await ViewAsync(application.Id, application.Version, application.Applicant.Kind, cancellationToken);
    }

    private async Task<WeaponChecksView> ViewAsync(Guid id, int version, ApplicantKind applicant, CancellationToken cancellationToken)
    {
        var checks = await WeaponsStore.ChecksAsync(session, id, cancellationToken);
        var answered = WeaponsStore.Answered(checks);
        return new WeaponChecksView(
            id,
            [.. checks.Select(c => new WeaponCheckView(c.CheckCode, c.Source, WeaponChecks.Find(c.CheckCode)?.Ground ?? "", c.Subject, c.AskedAt, c.AnsweredAt, c.Answer, c.Reference, c.Attempts, c.Error))],
            [.. WeaponChecks.For(applicant).Where(k => !answered.ContainsKey(k.Code)).Select(k => k.Code)],
            version);
    }
}

internal static class WeaponCheckEndpoints
{
    public static void MapChecks(this IEndpointRouteBuilder group)
    {
        group.MapPost("/applications/{id:guid}/external-checks", async (Guid id, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                Preconditions.OkWithETag(context, await sender.Send(new RunWeaponChecks(id, context.Request.Headers.IfMatch), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsProcess)
            .WithName("RunWeaponExternalChecks")
            .WithSummary("Asks the outside agencies of §18 (criminal-record → conviction-not-expunged §18.7, administrative-offences → repeated-administrative-offences §18.3) the checks not yet answered and records each (staff, If-Match). An unanswered check blocks approval.")
            .Produces<WeaponChecksView>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        group.MapGet("/applications/{id:guid}/checks", async (Guid id, HttpContext context, ISender sender, CancellationToken cancellationToken) =>
                Preconditions.OkWithETag(context, await sender.Send(new GetWeaponChecks(id), cancellationToken)))
            .RequirePolicy(Policies.ApplicationsRead)
            .WithName("GetWeaponChecks")
            .WithSummary("The §18 agency checks of a weapon-registration application and those still unanswered.")
            .Produces<WeaponChecksView>();
    }
}
