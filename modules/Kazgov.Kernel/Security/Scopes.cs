namespace Kazgov.Kernel.Security;

/// <summary>
/// Integrator scopes: "service-code:operation", e.g. driver-licence:submit. A client is granted
/// scopes per service and operation; a token carries the subset the client asked for.
/// </summary>
public static class Scopes
{
    /// <summary>Submit applications on a citizen's behalf (and act on them, e.g. withdraw).</summary>
    public const string Submit = "submit";

    /// <summary>Read the applications the client submitted, with their status.</summary>
    public const string Read = "read";

    /// <summary>Verify issued documents with the holder's details (the public check only says valid or not).</summary>
    public const string Verify = "verify";

    /// <summary>Follow the change feed (GET /events) of the applications the client submitted.</summary>
    public const string Events = "events";

    /// <summary>Manage the client's own webhook subscriptions and deliveries for the service.</summary>
    public const string Webhooks = "webhooks";

    public static readonly IReadOnlyList<string> Operations = [Submit, Read, Verify, Events, Webhooks];

    public static string For(string serviceCode, string operation) => serviceCode + ":" + operation;

    /// <summary>Whether the scope is well formed with a known operation and one of the given service codes.</summary>
    public static bool IsValid(string scope, IEnumerable<string> serviceCodes)
    {
        var colon = scope.LastIndexOf(':');
        return colon > 0
            && Operations.Contains(scope[(colon + 1)..], StringComparer.Ordinal)
            && serviceCodes.Contains(scope[..colon], StringComparer.Ordinal);
    }

    /// <summary>The operation part of a scope ("driver-licence:read" → "read").</summary>
    public static string OperationOf(string scope) => scope[(scope.LastIndexOf(':') + 1)..];
}
