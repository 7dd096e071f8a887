using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Kazgov.Platform.Integrations;

/// <summary>
/// Where webhooks may go. Strict (always in Production, or with Webhooks:StrictTargets): https only,
/// and only public addresses: the host is resolved and every address checked, at subscription time
/// (a clear 400) and again at every connection (<see cref="ConnectAsync"/>), so a name that later
/// resolves to 10.0.0.1 or 169.254.169.254 (DNS rebinding) is still refused. Otherwise http on
/// loopback is allowed too, for test receivers and a developer's machine.
/// </summary>
public sealed class WebhookTargets(IHostEnvironment environment, IOptions<WebhookOptions> options)
{
    public bool Strict => environment.IsProduction() || options.Value.StrictTargets;

    /// <summary>Why the URL is refused (a stable reason code), or null when it is acceptable.</summary>
    public async Task<string?> RefusalAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return "not-an-http-url";
        }

        if (!Strict)
        {
            return null;
        }

        if (uri.Scheme != "https")
        {
            return "https-required";
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return "host-not-resolved";
        }

        return addresses.Length == 0 ? "host-not-resolved" : addresses.Any(IsForbidden) ? "private-address" : null;
    }

    /// <summary>
    /// The connection step of the webhook HttpClient: resolves the host itself and connects only to
    /// an allowed address, so the check and the connection see the same address.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = Strict ? addresses.Where(a => !IsForbidden(a)).ToArray() : addresses;
        if (allowed.Length == 0)
        {
            throw new WebhookTargetRefusedException($"{host} resolves only to private, loopback or link-local addresses");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Loopback, private (RFC 1918, ULA), link-local, CGNAT, unspecified, multicast and the like.</summary>
    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (bytes[0] & 0xFE) == 0xFC // fc00::/7 unique local
                || (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0D && bytes[3] == 0xB8); // documentation
        }

        var b = address.GetAddressBytes();
        return b[0] == 0 || b[0] == 10 || b[0] == 127
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // 100.64/10 carrier-grade NAT
            || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 192 && b[1] == 0 && b[2] == 0)
            || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) // benchmarking
            || b[0] >= 224; // multicast and reserved
    }
}

/// <summary>A connection refused by <see cref="WebhookTargets"/>: recorded as the attempt's error.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
