using Kazgov.Platform.Problems;

namespace Kazgov.Platform.Security;

/// <summary>
/// Object-level access: which applications (and other office-bound records) an actor may read or
/// change, once the endpoint's policy let it in. Rules (issue 5):
/// a clerk — their office and the services they serve; a unit head — everything of their office;
/// an auditor — reads (their office, or everywhere when ministry-wide), never writes; an admin —
/// no citizens' applications at all (separation of duties); a client — only what it submitted,
/// and only with the scope for that service.
/// A record the actor may not read does not exist for them (404), so ids cannot be probed.
/// </summary>
public static class ActorAccess
{
    /// <summary>Whether the actor may read a record of this office and service.</summary>
    public static bool CanAccess(this ICurrentActor actor, string officeId, string serviceCode) =>
        actor.CanRead(officeId, serviceCode);

    public static bool CanRead(this ICurrentActor actor, string officeId, string serviceCode, string? submittedBy = null) => actor.Kind switch
    {
        ActorKind.Staff => actor.Role switch
        {
            Roles.Clerk => actor.OfficeId == officeId && actor.Services.Contains(serviceCode),
            Roles.UnitHead => actor.OfficeId == officeId,
            Roles.Auditor => actor.OfficeId is null || actor.OfficeId == officeId,
            _ => false,
        },
        ActorKind.Client => submittedBy == actor.Id && actor.Scopes.Contains(Scopes.For(serviceCode, Scopes.Read)),
        _ => false,
    };

    public static bool CanChange(this ICurrentActor actor, string officeId, string serviceCode, string? submittedBy = null) => actor.Kind switch
    {
        ActorKind.Staff => actor.Role switch
        {
            Roles.Clerk => actor.OfficeId == officeId && actor.Services.Contains(serviceCode),
            Roles.UnitHead => actor.OfficeId == officeId,
            _ => false,
        },
        ActorKind.Client => submittedBy == actor.Id && actor.Scopes.Contains(Scopes.For(serviceCode, Scopes.Submit)),
        _ => false,
    };

    /// <summary>Whether a staff user may see things of an office as a whole (its staff, its queue).</summary>
    public static bool CanSeeOffice(this ICurrentActor actor, string? officeId) => actor.Kind == ActorKind.Staff && actor.Role switch
    {
        Roles.Admin => true,
        Roles.Auditor => actor.OfficeId is null || actor.OfficeId == officeId,
        _ => officeId is not null && actor.OfficeId == officeId,
    };

    /// <summary>Throws 404 not-found unless the actor may read the record.</summary>
    public static void EnsureCanRead(this ICurrentActor actor, string officeId, string serviceCode, string? submittedBy = null)
    {
        if (!actor.CanRead(officeId, serviceCode, submittedBy))
        {
            throw new ProblemException(PlatformProblems.NotFound);
        }
    }

    /// <summary>Throws 404 not-found unless the actor may read the record, 403 forbidden when they may read but not change it.</summary>
    public static void EnsureCanChange(this ICurrentActor actor, string officeId, string serviceCode, string? submittedBy = null)
    {
        actor.EnsureCanRead(officeId, serviceCode, submittedBy);
        if (!actor.CanChange(officeId, serviceCode, submittedBy))
        {
            throw new ProblemException(SecurityProblems.Forbidden);
        }
    }
}
