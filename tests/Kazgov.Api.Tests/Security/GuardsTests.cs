using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using Kazgov.Api.Security;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using Kazgov.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using static Kazgov.Api.Tests.Security.TokenTests;
using Kazgov.Kernel.Data;

namespace Kazgov.Api.Tests.Security;

/// <summary>
/// A host of its own as a deployment would configure it behind a proxy, in the middle of a key
/// rotation: a trusted proxy (10.0.0.1) and network (10.1.0.0/16), a current signing key with its id
/// and a previous one, the fake gateway on, its logs captured, and 2 verifications a minute per address.
/// The TCP peer of a test request is set with the header X-Test-Peer (TestServer has none of its own).
/// </summary>
public sealed class GuardsApiFactory() : KazgovApiFactory(new Dictionary<string, string?>
{
    ["Http:KnownProxies:0"] = TrustedProxy,
    ["Http:KnownNetworks:0"] = "10.1.0.0/16",
    ["Security:Jwt:SigningKey"] = CurrentKey,
    ["Security:Jwt:SigningKeyId"] = CurrentKeyId,
    ["Security:Jwt:PreviousKeys:0:Id"] = PreviousKeyId,
    ["Security:Jwt:PreviousKeys:0:Key"] = PreviousKey,
    ["Notifications:FakeGatewayEnabled"] = "true",
    ["Security:RateLimits:Verification:PermitLimit"] = "2",
})
{
    public const string TrustedProxy = "10.0.0.1";
    public const string CurrentKey = "current-signing-key-of-december-2026-0123456789";
    public const string CurrentKeyId = "2026-12";
    public const string PreviousKey = "previous-signing-key-of-june-2026-0123456789ab";
    public const string PreviousKeyId = "2026-06";

    public ConcurrentQueue<string> Logs { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Logs));
        services.AddSingleton<IStartupFilter, TestPeerAddress>();
    }

    /// <summary>Sets the connection's remote address from X-Test-Peer, before anything else in the pipeline.</summary>
    private sealed class TestPeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers["X-Test-Peer"].ToString(), out var peer))
                {
                    context.Connection.RemoteIpAddress = peer;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class GuardsCollection : ICollectionFixture<GuardsApiFactory>
{
    public const string Name = "guards";
}

/// <summary>Forwarded headers: only a trusted proxy's X-Forwarded-For becomes the caller's address (audit, rate limits).</summary>
[Collection(GuardsCollection.Name)]
public sealed class ForwardedHeadersTests(GuardsApiFactory factory)
{
    [Fact]
    public async Task The_audit_records_the_client_behind_a_trusted_proxy_and_the_peer_itself_otherwise()
    {
        var subject = "forwarded-" + Guid.NewGuid().ToString("N")[..8];
        var auditor = await factory.CreateClientAsAsync("auditor");

        await SearchAuditAsync(auditor, subject + "-proxy", peer: GuardsApiFactory.TrustedProxy, forwardedFor: "203.0.113.7");
        await SearchAuditAsync(auditor, subject + "-network", peer: "10.1.2.3", forwardedFor: "203.0.113.8");
        await SearchAuditAsync(auditor, subject + "-untrusted", peer: "198.51.100.9", forwardedFor: "203.0.113.9");
        await SearchAuditAsync(auditor, subject + "-direct", peer: "198.51.100.10", forwardedFor: null);

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var recorded = (await connection.QueryRowsAsync<(string Subject, string Address)>(
                "SELECT subject_id, remote_address FROM platform.audit_log WHERE subject_id LIKE @prefix", new { prefix = subject + "-%" }))
            .ToDictionary(row => row.Subject[(subject.Length + 1)..], row => row.Address);
        recorded.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["proxy"] = "203.0.113.7",
            ["network"] = "203.0.113.8",
            ["untrusted"] = "198.51.100.9",
            ["direct"] = "198.51.100.10",
        });
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_client_has_its_own_window_and_a_forged_header_gets_none()
    {
        var anonymous = factory.CreateClient();

        // Two clients behind the proxy: the first uses up its 2 verifications, the second still has its own.
        (await VerifyAsync(anonymous, GuardsApiFactory.TrustedProxy, "203.0.113.20")).Should().Be(HttpStatusCode.NotFound);
        (await VerifyAsync(anonymous, GuardsApiFactory.TrustedProxy, "203.0.113.20")).Should().Be(HttpStatusCode.NotFound);
        (await VerifyAsync(anonymous, GuardsApiFactory.TrustedProxy, "203.0.113.20")).Should().Be(HttpStatusCode.TooManyRequests);
        (await VerifyAsync(anonymous, GuardsApiFactory.TrustedProxy, "203.0.113.21")).Should().Be(HttpStatusCode.NotFound, "another client behind the proxy");

        // A caller that is no proxy cannot buy fresh windows by inventing X-Forwarded-For: it counts as itself.
        (await VerifyAsync(anonymous, "198.51.100.30", "203.0.113.31")).Should().Be(HttpStatusCode.NotFound);
        (await VerifyAsync(anonymous, "198.51.100.30", "203.0.113.32")).Should().Be(HttpStatusCode.NotFound);
        (await VerifyAsync(anonymous, "198.51.100.30", "203.0.113.33")).Should().Be(HttpStatusCode.TooManyRequests);
    }

    private static async Task SearchAuditAsync(HttpClient client, string subject, string peer, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/audit?subject={subject}");
        request.Headers.Add("X-Test-Peer", peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<HttpStatusCode> VerifyAsync(HttpClient client, string peer, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/driver-licences/KZ269999999/verification?birthDate=1985-03-15");
        request.Headers.Add("X-Test-Peer", peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await client.SendAsync(request)).StatusCode;
    }
}

/// <summary>Signing-key rotation: tokens carry the key id; the current key signs, the previous ones are still accepted.</summary>
[Collection(GuardsCollection.Name)]
public sealed class SigningKeyRotationTests(GuardsApiFactory factory)
{
    [Fact]
    public async Task New_tokens_are_signed_with_the_current_key_and_carry_its_id()
    {
        var token = new JsonWebToken(await factory.TokenAsync("clerk.astana"));

        token.Kid.Should().Be(GuardsApiFactory.CurrentKeyId);
        token.Alg.Should().Be(SecurityAlgorithms.HmacSha256);
        (await MeAsync(token.EncodedToken)).Should().Be(HttpStatusCode.OK);
        (await MeAsync(Resign(token, GuardsApiFactory.CurrentKey, GuardsApiFactory.CurrentKeyId))).Should().Be(HttpStatusCode.OK, "the re-signing itself is faithful");
    }

    [Fact]
    public async Task A_token_signed_with_the_previous_key_is_accepted_during_the_rotation()
    {
        var token = new JsonWebToken(await factory.TokenAsync("clerk.astana"));

        (await MeAsync(Resign(token, GuardsApiFactory.PreviousKey, GuardsApiFactory.PreviousKeyId))).Should().Be(HttpStatusCode.OK);
        (await MeAsync(Resign(token, GuardsApiFactory.PreviousKey, kid: null))).Should().Be(HttpStatusCode.OK, "a token without kid is tried against every key");
    }

    [Fact]
    public async Task A_token_signed_with_a_retired_or_unknown_key_is_refused()
    {
        var token = new JsonWebToken(await factory.TokenAsync("clerk.astana"));
        const string retired = "retired-signing-key-of-2025-no-longer-configured-0123";

        (await MeAsync(Resign(token, retired, "2025-12"))).Should().Be(HttpStatusCode.Unauthorized);
        (await MeAsync(Resign(token, retired, GuardsApiFactory.PreviousKeyId))).Should().Be(HttpStatusCode.Unauthorized, "a known kid does not make a wrong key right");
        (await MeAsync(Resign(token, retired, GuardsApiFactory.CurrentKeyId))).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void Previous_keys_must_be_long_enough_and_every_key_id_unique()
    {
        static JwtSettings Settings(string? currentId, string? previousId, string previousKey) => new()
        {
            SigningKey = GuardsApiFactory.CurrentKey,
            SigningKeyId = currentId,
            PreviousKeys = [new JwtSettings.PreviousKey { Id = previousId, Key = previousKey }],
        };

        Settings("2026-12", "2026-06", GuardsApiFactory.PreviousKey).KeyProblem().Should().BeNull();
        Settings(null, null, GuardsApiFactory.PreviousKey).KeyProblem().Should().BeNull("ids are derived from the keys when not given");
        Settings("2026-12", "2026-06", "short").KeyProblem().Should().Contain("Security:Jwt:PreviousKeys:0:Key");
        Settings("2026-12", "2026-12", GuardsApiFactory.PreviousKey).KeyProblem().Should().Contain("'2026-12'");
        Settings(null, null, GuardsApiFactory.CurrentKey).KeyProblem().Should().Contain("more than one key");
        new JwtSettings { SigningKey = "short" }.KeyProblem().Should().Contain("Security:Jwt:SigningKey");
    }

    /// <summary>The same header claims and payload, signed with another key and key id.</summary>
    private static string Resign(JsonWebToken token, string key, string? kid)
    {
        var payload = Base64UrlEncoder.Decode(token.EncodedPayload);
        var credentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)) { KeyId = kid }, SecurityAlgorithms.HmacSha256);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(payload, credentials);
    }

    private async Task<HttpStatusCode> MeAsync(string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/v1/auth/me")).StatusCode;
    }
}

/// <summary>What a development host exposes: the fake gateway's inbox to administrators only, demo logins without passwords in the log.</summary>
[Collection(GuardsCollection.Name)]
public sealed class DevelopmentExposureTests(GuardsApiFactory factory)
{
    private const string Messages = "/dev/fake-gateway/messages";

    [Fact]
    public async Task The_fake_gateways_messages_are_for_administrators_only()
    {
        var text = "Өтінішіңіз дайын " + Guid.NewGuid().ToString("N")[..8];
        (await factory.CreateClient().PostAsJsonAsync("/dev/fake-gateway/sms", new { to = "+77010000000", text }))
            .StatusCode.Should().Be(HttpStatusCode.Accepted, "the dispatcher delivers without a token");

        var anonymous = await factory.CreateClient().GetAsync(Messages);
        await ShouldBeProblem(anonymous, HttpStatusCode.Unauthorized, "unauthenticated");
        anonymous.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
        foreach (var actor in new[] { "clerk.astana", "auditor", ApiAuth.Portal })
        {
            await ShouldBeProblem(await (await factory.CreateClientAsAsync(actor)).GetAsync(Messages), HttpStatusCode.Forbidden, "forbidden");
        }

        var admin = await (await factory.CreateClientAsAsync("admin")).GetAsync(Messages);
        admin.StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.Content.ReadAsStringAsync()).Should().Contain(text);
    }

    [Fact]
    public void The_demo_logins_are_logged_and_their_passwords_are_not()
    {
        _ = factory.Services; // the host has started, so the demo accounts have been loaded
        var lines = factory.Logs.ToList();

        lines.Should().Contain(line => line.Contains("Demo account: staff clerk.astana", StringComparison.Ordinal));
        lines.Should().Contain(line => line.Contains("Demo account: client egov-portal", StringComparison.Ordinal));
        lines.Should().NotContain(line => line.Contains(DemoAccounts.StaffPassword, StringComparison.Ordinal)
            || line.Contains(DemoAccounts.PortalClientSecret, StringComparison.Ordinal));
    }
}
