using Kazgov.Kernel.Data;
using Kazgov.Kernel.Problems;

namespace Kazgov.Kernel.Security;

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

    /// <summary>
    /// The same read rules as <see cref="CanRead"/>, as a filter for list queries, so a list never
    /// writes them again in SQL: null parts do not restrict; <see cref="ReadScope.Nothing"/> shows nothing.
    /// </summary>
    public static ReadScope ReadScopeOf(this ICurrentActor actor) => actor.Kind switch
    {
        ActorKind.Staff => actor.Role switch
        {
            Roles.Clerk when actor.OfficeId is not null => new ReadScope(actor.OfficeId, [.. actor.Services], null),
            Roles.UnitHead when actor.OfficeId is not null => new ReadScope(actor.OfficeId, null, null),
            Roles.Auditor => new ReadScope(actor.OfficeId, null, null),
            _ => ReadScope.Nothing,
        },
        ActorKind.Client => new ReadScope(null, [.. actor.Scopes.Where(s => s.EndsWith(":" + Scopes.Read, StringComparison.Ordinal)).Select(s => s[..s.LastIndexOf(':')])], actor.Id),
        _ => ReadScope.Nothing,
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

/// <summary>
/// Which office-bound records an actor may read, for list queries (see <see cref="ActorAccess.ReadScopeOf"/>).
/// <see cref="Sql"/> writes the filter for a table with office_id, service_code and submitted_by
/// columns; pass <see cref="OfficeId"/> and <see cref="SubmittedBy"/> as the parameters scopeOffice and
/// scopeSubmittedBy (the services are written as literals, <see cref="SqlCodes"/>).
/// </summary>
public sealed record ReadScope(string? OfficeId, IReadOnlyList<string>? Services, string? SubmittedBy, bool None = false)
{
    public static readonly ReadScope Nothing = new(null, null, null, None: true);

    /// <summary>
    /// Only the conditions that apply to this actor, so that the planner sees "office_id = …" and uses
    /// the office's indexes even in a cached generic plan (an "@p IS NULL OR …" condition hides them).
    /// </summary>
    public string Sql(string alias, bool hasSubmittedBy = true)
    {
        if (None)
        {
            return "FALSE";
        }

        var conditions = new List<string>(3) { "TRUE" };
        if (OfficeId is not null)
        {
            conditions.Add($"{alias}.office_id = @scopeOffice");
        }

        if (Services is not null)
        {
            conditions.Add(SqlCodes.In($"{alias}.service_code", Services));
        }

        if (hasSubmittedBy && SubmittedBy is not null)
        {
            conditions.Add($"{alias}.submitted_by = @scopeSubmittedBy");
        }

        return string.Join(" AND ", conditions);
    }
}
