using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Kazgov.Kernel.Security;

/// <summary>
/// Every endpoint under /api declares who may call it, with one call:
/// <c>.RequirePolicy(Policies.X)</c> or <c>.AllowPublic()</c> (Security/README.md).
/// The /api group carries <see cref="RequireDeclaredPolicies"/>, so an endpoint that declares
/// nothing is closed to everybody, and the endpoint test lists it.
/// </summary>
public static class EndpointSecurity
{
    /// <summary>Only actors the policy admits may call the endpoint.</summary>
    public static TBuilder RequirePolicy<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder
    {
        if (!Policies.All.Contains(policy, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{policy}' is not one of Kazgov.Kernel.Security.Policies.", nameof(policy));
        }

        return builder.RequireAuthorization(policy).WithMetadata(new DeclaredPolicy(policy));
    }

    /// <summary>Anybody may call the endpoint, without a token (catalogue, offices, fee quotes, deadlines).</summary>
    public static TBuilder AllowPublic<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AllowAnonymous().WithMetadata(new DeclaredPolicy(DeclaredPolicy.Public));

    /// <summary>Public, under the stricter per-address rate limit for document verification.</summary>
    public static TBuilder AllowPublicVerification<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AllowPublic().RequireRateLimiting(RateLimitPolicies.Verification);

    /// <summary>
    /// On the /api group: endpoints that declared neither a policy nor public access get the
    /// <see cref="Policies.Undeclared"/> policy, which nobody passes.
    /// </summary>
    public static TBuilder RequireDeclaredPolicies<TBuilder>(this TBuilder group)
        where TBuilder : IEndpointConventionBuilder
    {
        group.Finally(endpoint =>
        {
            if (!endpoint.Metadata.OfType<DeclaredPolicy>().Any())
            {
                endpoint.Metadata.Add(new AuthorizeAttribute(Policies.Undeclared));
                endpoint.Metadata.Add(new DeclaredPolicy(Policies.Undeclared));
            }
        });
        return group;
    }
}

/// <summary>Endpoint metadata: the policy the endpoint declared, or <see cref="Public"/>.</summary>
public sealed record DeclaredPolicy(string Name)
{
    public const string Public = "public";

    public bool IsPublic => Name == Public;
}

/// <summary>Names of the rate-limit policies (limits are configured under Security:RateLimits).</summary>
public static class RateLimitPolicies
{
    /// <summary>Document verification: per remote address, stricter than the default.</summary>
    public const string Verification = "verification";

    /// <summary>The token endpoint: per remote address, against password guessing across accounts.</summary>
    public const string Token = "token";

    /// <summary>A citizen's application status lookup: per remote address, the strictest of all.</summary>
    public const string StatusLookup = "status-lookup";
}
