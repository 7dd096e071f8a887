using Kazgov.Kernel.Data;

namespace Kazgov.Platform.Security;

/// <summary>The scopes granted to an integrator client, for capabilities that act on a client's behalf (webhooks).</summary>
public sealed class ApiClientScopes(DbSession session)
{
    /// <summary>The client's scopes; null when there is no such client.</summary>
    public async Task<IReadOnlyList<string>?> OfAsync(string clientId, CancellationToken cancellationToken = default) =>
        await session.QuerySingleOrDefaultAsync<string[]>(
            "SELECT scopes FROM platform.api_clients WHERE client_id = @clientId", new { clientId }, cancellationToken);
}
