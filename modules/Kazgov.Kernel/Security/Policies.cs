using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Kazgov.Kernel.Security;

/// <summary>
/// The authorization policies every endpoint under /api declares (see Security/README.md).
/// Operation level only: which objects an actor may touch is decided by <see cref="ActorAccess"/>.
/// </summary>
public static class Policies
{
    /// <summary>Any authenticated actor, staff or client (e.g. GET /auth/me).</summary>
    public const string AnyActor = "any-actor";

    /// <summary>Any staff user, whatever the role.</summary>
    public const string Staff = "staff";

    /// <summary>Administrators: staff accounts, reference data (office schedules, calendar, MCI).</summary>
    public const string Admin = "admin";

    /// <summary>Reading the audit log: auditors and administrators.</summary>
    public const string AuditRead = "audit-read";

    /// <summary>The staff directory: unit heads (their office) and administrators (all).</summary>
    public const string StaffDirectory = "staff-directory";

    /// <summary>Reading applications: staff who process or audit them, clients with a read scope.</summary>
    public const string ApplicationsRead = "applications-read";

    /// <summary>Submitting applications: clerks and unit heads, clients with a submit scope.</summary>
    public const string ApplicationsSubmit = "applications-submit";

    /// <summary>Processing applications (checks, decisions, issuance): clerks and unit heads only.</summary>
    public const string ApplicationsProcess = "applications-process";

    /// <summary>Verifying documents with the holder's details: staff, clients with a verify scope.</summary>
    public const string DocumentsVerify = "documents-verify";

    /// <summary>Reading the complaints journal: clerks and unit heads (their office), auditors. Not clients: complaints arrive on paper.</summary>
    public const string ComplaintsRead = "complaints-read";

    /// <summary>Answering a complaint: unit heads only (the complaint is addressed to the head, not to the clerk complained about).</summary>
    public const string ComplaintsAnswer = "complaints-answer";

    /// <summary>The quality indicators and the office's queue today: unit heads (their office) and auditors (all).</summary>
    public const string IndicatorsRead = "indicators-read";

    /// <summary>The change feed: clients with an events scope (their own applications' events only).</summary>
    public const string EventsRead = "events-read";

    /// <summary>A client's own webhook subscriptions and deliveries: clients with a webhooks scope.</summary>
    public const string WebhooksManage = "webhooks-manage";

    /// <summary>Any integrator client, for its own record: its profile, usage and secret rotation.</summary>
    public const string IntegratorClient = "integrator-client";

    /// <summary>
    /// Given by <see cref="EndpointSecurity.RequireDeclaredPolicies"/> to an endpoint that declared
    /// nothing: nobody passes, so a forgotten declaration fails closed (and a test names it).
    /// </summary>
    public const string Undeclared = "undeclared";

    public static readonly IReadOnlyList<string> All =
    [
        AnyActor, Staff, Admin, AuditRead, StaffDirectory, ApplicationsRead, ApplicationsSubmit, ApplicationsProcess, DocumentsVerify,
        ComplaintsRead, ComplaintsAnswer, IndicatorsRead, EventsRead, WebhooksManage, IntegratorClient,
    ];

    public static void Register(AuthorizationOptions options)
    {
        options.AddPolicy(AnyActor, policy => policy.RequireAuthenticatedUser());
        options.AddPolicy(Staff, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => IsStaff(c.User)));
        options.AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => IsStaff(c.User, Roles.Admin)));
        options.AddPolicy(AuditRead, policy => policy.RequireAuthenticatedUser()
            .RequireAssertion(c => IsStaff(c.User, Roles.Auditor, Roles.Admin)));
        options.AddPolicy(StaffDirectory, policy => policy.RequireAuthenticatedUser()
            .RequireAssertion(c => IsStaff(c.User, Roles.UnitHead, Roles.Admin)));
        options.AddPolicy(ApplicationsRead, policy => policy.RequireAuthenticatedUser()
            .RequireAssertion(c => IsStaff(c.User, Roles.Clerk, Roles.UnitHead, Roles.Auditor) || HasAnyScope(c.User, Scopes.Read)));
        options.AddPolicy(ApplicationsSubmit, policy => policy.RequireAuthenticatedUser()
            .RequireAssertion(c => IsStaff(c.User, Roles.Clerk, Roles.UnitHead) || HasAnyScope(c.User, Scopes.Submit)));
        options.AddPolicy(ApplicationsProcess, policy => policy.RequireAuthenticatedUser()
            .RequireAssertion(c => IsStaff(c.User, Roles.Clerk, Roles.UnitHead)));
        options.AddPolicy(DocumentsVerify, policy => policy.RequireAuthenticatedUser()
            .RequireAssertion(c => IsStaff(c.User, Roles.Clerk, Roles.UnitHead, Roles.Auditor) || HasAnyScope(c.User, Scopes.Verify)));
        options.AddPolicy(ComplaintsRead, policy => policy.RequireAuthenticatedUser()
            .RequireAssertion(c => IsStaff(c.User, Roles.Clerk, Roles.UnitHead, Roles.Auditor)));
        options.AddPolicy(ComplaintsAnswer, policy => policy.RequireAuthenticatedUser()
            .RequireAssertion(c => IsStaff(c.User, Roles.UnitHead)));
        options.AddPolicy(IndicatorsRead, policy => policy.RequireAuthenticatedUser()
            .RequireAssertion(c => IsStaff(c.User, Roles.UnitHead, Roles.Auditor)));
        options.AddPolicy(EventsRead, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => HasAnyScope(c.User, Scopes.Events)));
        options.AddPolicy(WebhooksManage, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => HasAnyScope(c.User, Scopes.Webhooks)));
        options.AddPolicy(IntegratorClient, policy => policy.RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.FindFirstValue(ActorClaims.Kind) == ActorClaims.ClientKind));
        options.AddPolicy(Undeclared, policy => policy.RequireAuthenticatedUser().RequireAssertion(_ => false));
    }

    private static bool IsStaff(ClaimsPrincipal user, params string[] roles) =>
        user.FindFirstValue(ActorClaims.Kind) == ActorClaims.StaffKind
        && (roles.Length == 0 || roles.Contains(user.FindFirstValue(ActorClaims.Role), StringComparer.Ordinal));

    private static bool HasAnyScope(ClaimsPrincipal user, string operation) =>
        user.FindFirstValue(ActorClaims.Kind) == ActorClaims.ClientKind
        && ActorClaims.ScopesOf(user).Any(scope => Scopes.OperationOf(scope) == operation);
}
