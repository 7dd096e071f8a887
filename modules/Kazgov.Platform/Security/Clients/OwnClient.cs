using Kazgov.Kernel.Security;

namespace Kazgov.Platform.Security.Clients;

internal static class OwnClient
{
    /// <summary>The calling client's id ("client:egov-portal" → "egov-portal"); the policy admits clients only.</summary>
    public static string IdOf(ICurrentActor actor) => actor.Id["client:".Length..];
}
