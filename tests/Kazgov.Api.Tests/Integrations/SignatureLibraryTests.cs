using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace Kazgov.Api.Tests.Integrations;

/// <summary>
/// What a receiver using the StandardWebhooks package (1.1.2) does with the two signatures a
/// rotation's grace period carries (the specification's space-separated list). Its Verify was seen to
/// refuse such a header given either secret (with some random keys, not all), so receivers check one
/// signature at a time (<see cref="WebhookReceiver.VerifyAny"/>, the README's sample).
/// </summary>
public sealed class SignatureLibraryTests
{
    [Fact]
    public void Each_signature_of_a_two_signature_header_verifies_with_its_own_secret_and_no_other()
    {
        var previous = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var current = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var now = DateTimeOffset.UtcNow;
        const string body = """{"type":"application.submitted"}""";
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = "msg_1",
            ["webhook-timestamp"] = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = new StandardWebhook(current).Sign("msg_1", now, body) + " " + new StandardWebhook(previous).Sign("msg_1", now, body),
        };

        WebhookReceiver.VerifyAny(current, body, headers).Should().BeTrue();
        WebhookReceiver.VerifyAny(previous, body, headers).Should().BeTrue();
        WebhookReceiver.VerifyAny("whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), body, headers).Should().BeFalse();
    }
}
