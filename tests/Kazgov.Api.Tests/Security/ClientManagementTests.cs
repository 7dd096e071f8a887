using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Tests;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;
using Npgsql;

namespace Kazgov.Api.Tests.Security;

/// <summary>
/// Integrator client management (issue 20): administrators create, change, disable, rotate and delete
/// clients; a client's state applies to its tokens at once; usage is counted; private_key_jwt works.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ClientManagementTests(KazgovApiFactory factory)
{
    private const string TokenPath = "/api/v1/auth/token";
    private const string ClientsPath = "/api/v1/admin/clients";

    [Fact]
    public async Task An_admin_creates_a_client_whose_secret_is_answered_once_and_gets_tokens()
    {
        var admin = await factory.CreateClientAsAsync("admin");
        var id = NewId();

        var response = await admin.PostAsJsonAsync(ClientsPath, new
        {
            clientId = id,
            displayName = "Әділет министрлігі",
            scopes = new[] { "driver-licence:read", "driver-licence:submit" },
            rateLimitPerMinute = 120,
        });

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().Should().Be($"/api/v1/admin/clients/{id}");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var created = await TokenTests.Json(response);
        var secret = created.GetProperty("clientSecret").GetString()!;
        secret.Should().StartWith("kzs_").And.HaveLength(47);
        var view = created.GetProperty("client");
        view.GetProperty("authMethod").GetString().Should().Be("client_secret");
        view.GetProperty("scopes").EnumerateArray().Select(e => e.GetString()).Should().Equal("driver-licence:read", "driver-licence:submit");
        view.GetProperty("rateLimitPerMinute").GetInt32().Should().Be(120);

        var again = await admin.GetStringAsync($"{ClientsPath}/{id}");
        again.Should().NotContain("kzs_").And.NotContain("secret\":\"");
        (await admin.GetStringAsync(ClientsPath)).Should().Contain($"\"clientId\":\"{id}\"");

        var token = await ClientTokenAsync(id, secret);
        var me = await TokenTests.Json(await Bearer(token).GetAsync("/api/v1/clients/me"));
        me.GetProperty("clientId").GetString().Should().Be(id);
        me.GetProperty("displayName").GetString().Should().Be("Әділет министрлігі");

        (await AuditCountAsync("api-client.create", id)).Should().Be(1);
    }

    [Theory]
    [InlineData("clerk.astana")]
    [InlineData("head.astana")]
    [InlineData("auditor")]
    [InlineData(ApiAuth.Portal)]
    public async Task Only_administrators_manage_clients(string actor)
    {
        var caller = await factory.CreateClientAsAsync(actor);

        await (await caller.GetAsync(ClientsPath)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await caller.PostAsJsonAsync(ClientsPath, new { clientId = NewId(), displayName = "x", scopes = new[] { "driver-licence:read" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_in_the_callers_language_and_writes_nothing()
    {
        var admin = await factory.CreateClientAsAsync("admin");
        var before = await CountClientsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, ClientsPath)
        {
            Content = JsonContent.Create(new
            {
                clientId = "Bad Id!",
                displayName = " ",
                scopes = new[] { "driver-licence:read", "driver-licence:fly", "no-such-service:read" },
                rateLimitPerMinute = 0,
                authMethod = "password",
            }),
        };
        request.Headers.AcceptLanguage.ParseAdd("ru");

        var body = await (await admin.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");

        var errors = body.GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "clientId", "displayName", "scopes[1]", "scopes[2]", "rateLimitPerMinute", "authMethod");
        errors.GetProperty("rateLimitPerMinute")[0].GetString().Should().Be("От 1 до 100 000 запросов в минуту");
        (await CountClientsAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_client_id_is_never_given_twice_not_even_after_its_client_was_deleted()
    {
        var admin = await factory.CreateClientAsAsync("admin");
        var (id, _) = await CreateClientAsync(admin);

        await (await admin.PostAsJsonAsync(ClientsPath, new { clientId = id, displayName = "Again", scopes = new[] { "driver-licence:read" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "api-client-exists");
        (await admin.DeleteAsync($"{ClientsPath}/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await admin.PostAsJsonAsync(ClientsPath, new { clientId = id, displayName = "Again", scopes = new[] { "driver-licence:read" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "api-client-exists");
    }

    [Fact]
    public async Task Disabling_a_client_stops_its_tokens_at_once_and_enabling_it_lets_them_work_again()
    {
        var admin = await factory.CreateClientAsAsync("admin");
        var (id, secret) = await CreateClientAsync(admin);
        var client = Bearer(await ClientTokenAsync(id, secret));
        (await client.GetAsync("/api/v1/clients/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        var disabled = await admin.PatchAsJsonAsync($"{ClientsPath}/{id}", new { disabled = true });
        (await TokenTests.Json(disabled)).GetProperty("disabled").GetBoolean().Should().BeTrue();

        var refused = await client.GetAsync("/api/v1/clients/me");
        await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        refused.Headers.WwwAuthenticate.ToString().Should().Contain("invalid_token");
        await (await factory.CreateClient().PostAsJsonAsync(TokenPath, Credentials(id, secret)))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");

        await admin.PatchAsJsonAsync($"{ClientsPath}/{id}", new { disabled = false });
        (await client.GetAsync("/api/v1/clients/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await AuditCountAsync("api-client.disable", id)).Should().Be(1);
        (await AuditCountAsync("api-client.enable", id)).Should().Be(1);
    }

    [Fact]
    public async Task A_deleted_client_is_gone_its_tokens_fail_and_its_credentials_are_erased()
    {
        var admin = await factory.CreateClientAsAsync("admin");
        var (id, secret) = await CreateClientAsync(admin);
        var client = Bearer(await ClientTokenAsync(id, secret));

        (await admin.DeleteAsync($"{ClientsPath}/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await client.GetAsync("/api/v1/clients/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await (await admin.GetAsync($"{ClientsPath}/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await admin.DeleteAsync($"{ClientsPath}/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        (await admin.GetStringAsync(ClientsPath)).Should().NotContain($"\"{id}\"");
        await (await factory.CreateClient().PostAsJsonAsync(TokenPath, Credentials(id, secret)))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        (await connection.ExecuteScalarAsync<bool>(
            "SELECT secret_hash IS NULL AND deleted_at IS NOT NULL FROM platform.api_clients WHERE client_id = @id", new { id })).Should().BeTrue();
    }

    [Fact]
    public async Task After_a_rotation_both_secrets_work_until_the_overlap_ends_then_only_the_new_one()
    {
        var admin = await factory.CreateClientAsAsync("admin");
        var (id, oldSecret) = await CreateClientAsync(admin);
        var start = factory.Clock.GetCurrentInstant();

        var rotated = await TokenTests.Json(await admin.PostAsJsonAsync($"{ClientsPath}/{id}/secret", new { overlapHours = 2 }));
        var newSecret = rotated.GetProperty("clientSecret").GetString()!;
        newSecret.Should().NotBe(oldSecret);
        rotated.GetProperty("previousSecretValidUntil").GetString().Should().Be((start + Duration.FromHours(2)).ToString());
        try
        {
            (await TokenResponseAsync(id, oldSecret)).StatusCode.Should().Be(HttpStatusCode.OK);
            (await TokenResponseAsync(id, newSecret)).StatusCode.Should().Be(HttpStatusCode.OK);

            factory.Clock.Advance(Duration.FromHours(2) - Duration.FromSeconds(1));
            (await TokenResponseAsync(id, oldSecret)).StatusCode.Should().Be(HttpStatusCode.OK);
            factory.Clock.Advance(Duration.FromSeconds(1));
            await (await TokenResponseAsync(id, oldSecret)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
            (await TokenResponseAsync(id, newSecret)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            factory.Clock.Reset(start);
        }

        (await AuditCountAsync("api-client.rotate-secret", id)).Should().Be(1);
    }

    [Fact]
    public async Task A_client_rotates_its_own_secret_and_an_overlap_of_zero_ends_the_old_one_at_once()
    {
        var admin = await factory.CreateClientAsAsync("admin");
        var (id, oldSecret) = await CreateClientAsync(admin);
        var client = Bearer(await ClientTokenAsync(id, oldSecret));

        var rotated = await TokenTests.Json(await client.PostAsJsonAsync("/api/v1/clients/me/secret", new { overlapHours = 0 }));

        rotated.GetProperty("previousSecretValidUntil").ValueKind.Should().Be(JsonValueKind.Null);
        await (await TokenResponseAsync(id, oldSecret)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        (await TokenResponseAsync(id, rotated.GetProperty("clientSecret").GetString()!)).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await client.PostAsJsonAsync("/api/v1/clients/me/secret", new { overlapHours = 169 }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
    }

    [Fact]
    public async Task A_clients_own_rate_limit_applies_to_the_tokens_it_already_holds()
    {
        var admin = await factory.CreateClientAsAsync("admin");
        var (id, secret) = await CreateClientAsync(admin);
        var client = Bearer(await ClientTokenAsync(id, secret));

        await admin.PatchAsJsonAsync($"{ClientsPath}/{id}", new { rateLimitPerMinute = 3 });
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/api/v1/clients/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var limited = await client.GetAsync("/api/v1/clients/me");
        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");

        // Back to the default (a million a minute in tests): the same token is let through again.
        await admin.PatchAsJsonAsync($"{ClientsPath}/{id}", new { useDefaultRateLimit = true });
        (await client.GetAsync("/api/v1/clients/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Usage_counts_each_operation_its_errors_and_rate_limited_requests_and_the_last_use()
    {
        var admin = await factory.CreateClientAsAsync("admin");
        var (id, secret) = await CreateClientAsync(admin, rateLimit: 4);
        var client = Bearer(await ClientTokenAsync(id, secret));
        await TokenResponseAsync(id, "wrong-secret");

        (await client.GetAsync("/api/v1/clients/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/clients/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync($"/api/v1/applications/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/v1/clients/me/usage")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/clients/me")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);

        var usage = await TokenTests.Json(await admin.GetAsync($"{ClientsPath}/{id}/usage?days=7"));

        var today = factory.Clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Almaty"]).Date;
        usage.GetProperty("to").GetString().Should().Be(today.ToString("yyyy-MM-dd", null));
        usage.GetProperty("from").GetString().Should().Be(today.PlusDays(-6).ToString("yyyy-MM-dd", null));
        var operations = usage.GetProperty("operations").EnumerateArray().ToDictionary(
            o => o.GetProperty("operation").GetString()!, o => o.GetProperty("counts"));
        operations["IssueToken"].GetProperty("requests").GetInt64().Should().Be(2);
        operations["IssueToken"].GetProperty("clientErrors").GetInt64().Should().Be(1);
        operations["GetOwnClient"].GetProperty("requests").GetInt64().Should().Be(3);
        operations["GetOwnClient"].GetProperty("rateLimited").GetInt64().Should().Be(1);
        operations["GetApplication"].GetProperty("clientErrors").GetInt64().Should().Be(1);
        operations["GetOwnClientUsage"].GetProperty("requests").GetInt64().Should().Be(1);
        var totals = usage.GetProperty("totals");
        totals.GetProperty("requests").GetInt64().Should().Be(7);
        totals.GetProperty("rateLimited").GetInt64().Should().Be(1);
        usage.GetProperty("days").GetArrayLength().Should().Be(1);
        usage.GetProperty("lastUsedAt").GetString().Should().Be(factory.Clock.GetCurrentInstant().ToString());
        (await admin.GetAsync($"{ClientsPath}/{id}/usage?days=91")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_private_key_jwt_client_gets_tokens_with_signed_assertions_each_good_once()
    {
        var admin = await factory.CreateClientAsAsync("admin");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var id = NewId();
        var created = await admin.PostAsJsonAsync(ClientsPath, new
        {
            clientId = id,
            displayName = "Қаржы мониторингі агенттігі",
            scopes = new[] { "driver-licence:verify" },
            authMethod = "private_key_jwt",
            jwks = new { keys = new[] { PublicJwk(key, "k1") } },
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await TokenTests.Json(created);
        body.GetProperty("clientSecret").ValueKind.Should().Be(JsonValueKind.Null);
        body.GetProperty("client").GetProperty("publicKeyIds").EnumerateArray().Select(e => e.GetString()).Should().Equal("k1");

        var assertion = Assertion(id, key, "k1", audience: "http://localhost/api/v1/auth/token");
        var granted = await AssertionTokenAsync(assertion);
        granted.StatusCode.Should().Be(HttpStatusCode.OK, await granted.Content.ReadAsStringAsync());
        (await TokenTests.Json(granted)).GetProperty("scope").GetString().Should().Be("driver-licence:verify");

        await (await AssertionTokenAsync(assertion)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid-client-assertion");
        (await AssertionTokenAsync(Assertion(id, key, "k1", audience: "kazgov"))).StatusCode.Should().Be(HttpStatusCode.OK);

        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await (await AssertionTokenAsync(Assertion(id, stranger, "k1", audience: "kazgov"))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid-client-assertion");
        await (await AssertionTokenAsync(Assertion(id, key, "k1", audience: "https://elsewhere.example/token"))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid-client-assertion");
        await (await AssertionTokenAsync(Assertion(id, key, "k1", audience: "kazgov", lifetime: TimeSpan.FromMinutes(10)))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid-client-assertion");
        await (await TokenResponseAsync(id, "any-secret")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        await (await admin.PostAsJsonAsync($"{ClientsPath}/{id}/secret", new { })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "api-client-wrong-auth-method");
    }

    [Fact]
    public async Task A_private_key_is_refused_as_a_clients_public_key()
    {
        var admin = await factory.CreateClientAsAsync("admin");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(key));

        var response = await admin.PostAsJsonAsync(ClientsPath, new
        {
            clientId = NewId(),
            displayName = "x",
            scopes = new[] { "driver-licence:verify" },
            authMethod = "private_key_jwt",
            jwks = new { keys = new[] { new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, d = jwk.D } } },
        });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        problem.GetProperty("errors").GetProperty("jwks.keys[0]")[0].GetString().Should().StartWith("Бұл жабық кілт (d бар)");
    }

    private static string NewId() => "test-client-" + Guid.NewGuid().ToString("N")[..12];

    private async Task<(string Id, string Secret)> CreateClientAsync(HttpClient admin, int? rateLimit = null)
    {
        var id = NewId();
        var response = await admin.PostAsJsonAsync(ClientsPath, new
        {
            clientId = id,
            displayName = "Test agency",
            scopes = new[] { "driver-licence:read", "driver-licence:submit" },
            rateLimitPerMinute = rateLimit,
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (id, (await TokenTests.Json(response)).GetProperty("clientSecret").GetString()!);
    }

    private Task<HttpResponseMessage> TokenResponseAsync(string id, string secret) =>
        factory.CreateClient().PostAsJsonAsync(TokenPath, Credentials(id, secret));

    private async Task<string> ClientTokenAsync(string id, string secret)
    {
        var response = await TokenResponseAsync(id, secret);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await TokenTests.Json(response)).GetProperty("access_token").GetString()!;
    }

    private Task<HttpResponseMessage> AssertionTokenAsync(string assertion) =>
        factory.CreateClient().PostAsync(TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        }));

    private HttpClient Bearer(string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Dictionary<string, string> Credentials(string id, string secret) => new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = id,
        ["client_secret"] = secret,
    };

    private static object PublicJwk(ECDsa key, string kid)
    {
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(key));
        return new { kty = jwk.Kty, kid, crv = jwk.Crv, x = jwk.X, y = jwk.Y, use = "sig" };
    }

    private string Assertion(string clientId, ECDsa key, string kid, string audience, TimeSpan? lifetime = null)
    {
        var now = factory.Clock.GetCurrentInstant().ToDateTimeUtc();
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            Subject = new System.Security.Claims.ClaimsIdentity([new("sub", clientId), new("jti", Guid.NewGuid().ToString())]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(2)),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256),
        });
    }

    private static async Task<long> AuditCountAsync(string operation, string clientId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM platform.audit_log WHERE operation = @operation AND subject_kind = 'client' AND subject_id = @clientId AND actor_id LIKE '%:%'",
            new { operation, clientId });
    }

    private static async Task<long> CountClientsAsync()
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM platform.api_clients");
    }
}
