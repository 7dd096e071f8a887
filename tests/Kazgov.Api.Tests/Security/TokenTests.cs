using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using NodaTime;

namespace Kazgov.Api.Tests.Security;

[Collection(ApiCollection.Name)]
public sealed class TokenTests(KazgovApiFactory factory)
{
    private const string TokenPath = "/api/v1/auth/token";

    public static TheoryData<string, string, string?, string> DemoStaff => new()
    {
        { "clerk.astana", Roles.Clerk, "road-police-astana-671c3429", "Тіркеу-емтихан бөлімшесінің инспекторы" },
        { "head.astana", Roles.UnitHead, "road-police-astana-671c3429", "Тіркеу-емтихан бөлімшесінің бастығы" },
        { "clerk.almaty", Roles.Clerk, "road-police-almaty-city-bd174b4d", "Тіркеу-емтихан бөлімшесінің инспекторы" },
        { "head.almaty", Roles.UnitHead, "road-police-almaty-city-bd174b4d", "Тіркеу-емтихан бөлімшесінің бастығы" },
        { "auditor", Roles.Auditor, null, "Ішкі бақылау бөлімінің аға инспекторы" },
        { "admin", Roles.Admin, null, "Жүйелік әкімші" },
    };

    [Theory]
    [MemberData(nameof(DemoStaff))]
    public async Task Every_demo_staff_user_gets_a_token_carrying_their_profile(string login, string role, string? office, string position)
    {
        var response = await factory.CreateClient().PostAsJsonAsync(TokenPath, Password(login, DemoAccounts.StaffPassword));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var body = await Json(response);
        body.GetProperty("token_type").GetString().Should().Be("Bearer");
        body.GetProperty("expires_in").GetInt32().Should().Be(900);
        body.GetProperty("refresh_token").GetString().Should().HaveLength(43);
        var actor = body.GetProperty("actor");
        actor.GetProperty("id").GetString().Should().Be("staff:" + login);
        actor.GetProperty("kind").GetString().Should().Be("staff");
        actor.GetProperty("role").GetString().Should().Be(role);
        actor.GetProperty("position").GetString().Should().Be(position);
        actor.GetProperty("displayName").GetString().Should().Be(DemoAccounts.Staff.Single(u => u.Login == login).FullName);
        (actor.GetProperty("officeId").ValueKind == JsonValueKind.Null ? null : actor.GetProperty("officeId").GetString()).Should().Be(office);

        var me = await GetMeAsync(body.GetProperty("access_token").GetString()!);
        me.GetProperty("id").GetString().Should().Be("staff:" + login);
        me.GetProperty("role").GetString().Should().Be(role);
        me.GetProperty("position").GetString().Should().Be(position);
    }

    [Fact]
    public async Task The_profile_names_the_post_in_kazakh_russian_and_english()
    {
        var response = await factory.CreateClient().PostAsJsonAsync(TokenPath, Password("clerk.astana", DemoAccounts.StaffPassword));
        var body = await Json(response);
        var positions = body.GetProperty("actor").GetProperty("positions");
        positions.GetProperty("ru").GetString().Should().Be("Инспектор регистрационно-экзаменационного отделения");
        positions.GetProperty("en").GetString().Should().Be("Inspector of the registration and examination office");

        var me = await GetMeAsync(body.GetProperty("access_token").GetString()!);
        me.GetProperty("positions").GetProperty("kk").GetString().Should().Be("Тіркеу-емтихан бөлімшесінің инспекторы");
        me.GetProperty("positions").GetProperty("ru").GetString().Should().Be("Инспектор регистрационно-экзаменационного отделения");
    }

    [Fact]
    public async Task A_clerk_serves_the_services_of_their_desk_and_a_unit_head_every_service()
    {
        var clerk = await GetMeAsync(await factory.TokenAsync("clerk.astana"));
        var head = await GetMeAsync(await factory.TokenAsync("head.astana"));

        clerk.GetProperty("services").EnumerateArray().Select(e => e.GetString()).Should()
            .Equal("driver-licence", "proxy-driver-registration", "vehicle-registration");
        head.GetProperty("services").GetArrayLength().Should().Be(9);
    }

    [Fact]
    public async Task The_token_endpoint_also_reads_form_bodies()
    {
        var response = await factory.CreateClient().PostAsync(TokenPath, new FormUrlEncodedContent(
            Password("clerk.almaty", DemoAccounts.StaffPassword)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Json(response)).GetProperty("actor").GetProperty("officeId").GetString().Should().Be("road-police-almaty-city-bd174b4d");
    }

    [Theory]
    [InlineData("clerk.astana", "wrong-password")]
    [InlineData("nobody.here", "kazgov-demo-2026")]
    public async Task A_wrong_password_or_an_unknown_login_is_the_same_401_invalid_credentials(string login, string password)
    {
        var response = await factory.CreateClient().PostAsJsonAsync(TokenPath, Password(login, password));

        await ShouldBeProblem(response, HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    [Fact]
    public async Task Missing_fields_and_unknown_grants_are_refused_with_problems()
    {
        var client = factory.CreateClient();

        var missing = await client.PostAsJsonAsync(TokenPath, new Dictionary<string, string> { ["grant_type"] = "password" });
        var body = await ShouldBeProblem(missing, HttpStatusCode.BadRequest, "validation-failed");
        body.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("username", "password");

        var unknown = await client.PostAsJsonAsync(TokenPath, new Dictionary<string, string> { ["grant_type"] = "implicit" });
        await ShouldBeProblem(unknown, HttpStatusCode.BadRequest, "unsupported-grant-type");

        var text = await client.PostAsync(TokenPath, new StringContent("grant_type=password", System.Text.Encoding.UTF8, "text/plain"));
        await ShouldBeProblem(text, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes()
    {
        var login = await CreateStaffUserAsync();
        var client = factory.CreateClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await ShouldBeProblem(await client.PostAsJsonAsync(TokenPath, Password(login, "wrong-password")), HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        var fifth = await client.PostAsJsonAsync(TokenPath, Password(login, "wrong-password"));
        await ShouldBeProblem(fifth, (HttpStatusCode)423, "account-locked");
        fifth.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromMinutes(15));

        // While locked, even the right password is refused.
        var right = await client.PostAsJsonAsync(TokenPath, Password(login, "correct-password-1"));
        await ShouldBeProblem(right, (HttpStatusCode)423, "account-locked");

        var start = factory.Clock.GetCurrentInstant();
        try
        {
            factory.Clock.AdvanceMinutes(14);
            await ShouldBeProblem(await client.PostAsJsonAsync(TokenPath, Password(login, "correct-password-1")), (HttpStatusCode)423, "account-locked");
            factory.Clock.AdvanceMinutes(1);
            (await client.PostAsJsonAsync(TokenPath, Password(login, "correct-password-1"))).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            factory.Clock.Reset(start);
        }
    }

    [Fact]
    public async Task An_administrator_unlocks_an_account_by_setting_a_new_password()
    {
        var login = await CreateStaffUserAsync();
        var client = factory.CreateClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await client.PostAsJsonAsync(TokenPath, Password(login, "wrong-password"));
        }

        var admin = await factory.CreateClientAsAsync("admin");
        var reset = await admin.PostAsJsonAsync($"/api/v1/staff/{login}/password", new { password = "brand-new-password" });

        reset.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.PostAsJsonAsync(TokenPath, Password(login, "correct-password-1"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync(TokenPath, Password(login, "brand-new-password"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_its_reuse_ends_the_session()
    {
        var client = factory.CreateClient();
        var first = await Json(await client.PostAsJsonAsync(TokenPath, Password("clerk.astana", DemoAccounts.StaffPassword)));
        var refresh1 = first.GetProperty("refresh_token").GetString()!;

        var second = await client.PostAsJsonAsync(TokenPath, Refresh(refresh1));
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        var secondBody = await Json(second);
        var refresh2 = secondBody.GetProperty("refresh_token").GetString()!;
        refresh2.Should().NotBe(refresh1);
        secondBody.GetProperty("actor").GetProperty("id").GetString().Should().Be("staff:clerk.astana");
        (await GetMeAsync(secondBody.GetProperty("access_token").GetString()!)).GetProperty("role").GetString().Should().Be("clerk");

        // The used token is refused, and presenting it revoked its successor too.
        await ShouldBeProblem(await client.PostAsJsonAsync(TokenPath, Refresh(refresh1)), HttpStatusCode.BadRequest, "invalid-grant");
        await ShouldBeProblem(await client.PostAsJsonAsync(TokenPath, Refresh(refresh2)), HttpStatusCode.BadRequest, "invalid-grant");
    }

    [Fact]
    public async Task A_revoked_refresh_token_is_refused()
    {
        var client = factory.CreateClient();
        var body = await Json(await client.PostAsJsonAsync(TokenPath, Password("head.almaty", DemoAccounts.StaffPassword)));
        var refresh = body.GetProperty("refresh_token").GetString()!;

        (await client.PostAsJsonAsync("/api/v1/auth/revoke", new Dictionary<string, string> { ["refresh_token"] = refresh }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);

        await ShouldBeProblem(await client.PostAsJsonAsync(TokenPath, Refresh(refresh)), HttpStatusCode.BadRequest, "invalid-grant");
    }

    [Fact]
    public async Task A_form_body_with_a_nul_is_a_bad_request_not_a_server_error()
    {
        // Found by fuzzing the contract (build/fuzz-check): the form reader refuses control characters.
        var client = factory.CreateClient();
        foreach (var path in new[] { "/api/v1/auth/revoke", TokenPath })
        {
            using var form = new StringContent("refresh_token=x%00x&grant_type=refresh_token", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");
            await ShouldBeProblem(await client.PostAsync(path, form), HttpStatusCode.BadRequest, "bad-request");
        }
    }

    [Fact]
    public async Task A_refresh_token_expires_after_twelve_hours()
    {
        var client = factory.CreateClient();
        var body = await Json(await client.PostAsJsonAsync(TokenPath, Password("auditor", DemoAccounts.StaffPassword)));
        var start = factory.Clock.GetCurrentInstant();
        try
        {
            factory.Clock.Advance(Duration.FromHours(12));
            await ShouldBeProblem(
                await client.PostAsJsonAsync(TokenPath, Refresh(body.GetProperty("refresh_token").GetString()!)), HttpStatusCode.BadRequest, "invalid-grant");
        }
        finally
        {
            factory.Clock.Reset(start);
        }
    }

    [Fact]
    public async Task An_integrator_gets_all_its_scopes_or_the_subset_it_asks_for()
    {
        var client = factory.CreateClient();

        var all = await Json(await client.PostAsJsonAsync(TokenPath, ClientCredentials(DemoAccounts.PortalClientSecret, null)));
        all.GetProperty("scope").GetString().Should().Be(
            "driver-licence:submit driver-licence:read driver-licence:verify driver-licence:events driver-licence:webhooks "
            + "residence-permit:submit residence-permit:read residence-permit:verify residence-permit:events residence-permit:webhooks "
            + "temporary-registration:submit temporary-registration:read temporary-registration:verify temporary-registration:events temporary-registration:webhooks "
            + "permanent-residence:submit permanent-residence:read permanent-residence:verify permanent-residence:events permanent-residence:webhooks "
            + "weapon-registration:submit weapon-registration:read weapon-registration:verify weapon-registration:events weapon-registration:webhooks "
            + "citizenship:submit citizenship:read citizenship:verify citizenship:events citizenship:webhooks "
            + "vehicle-registration:submit vehicle-registration:read vehicle-registration:verify vehicle-registration:events vehicle-registration:webhooks "
            + "proxy-driver-registration:submit proxy-driver-registration:read proxy-driver-registration:verify proxy-driver-registration:events proxy-driver-registration:webhooks");
        all.TryGetProperty("refresh_token", out _).Should().BeFalse("clients authenticate again instead of refreshing");
        all.GetProperty("expires_in").GetInt32().Should().Be(900);

        var subset = await Json(await client.PostAsJsonAsync(TokenPath, ClientCredentials(DemoAccounts.PortalClientSecret, "driver-licence:read")));
        subset.GetProperty("scope").GetString().Should().Be("driver-licence:read");
        var me = await GetMeAsync(subset.GetProperty("access_token").GetString()!);
        me.GetProperty("id").GetString().Should().Be("client:egov-portal");
        me.GetProperty("kind").GetString().Should().Be("client");
        me.GetProperty("scopes").EnumerateArray().Select(e => e.GetString()).Should().Equal("driver-licence:read");
    }

    [Fact]
    public async Task An_integrator_cannot_ask_for_a_scope_it_was_not_granted()
    {
        var response = await factory.CreateClient().PostAsJsonAsync(
            TokenPath, ClientCredentials(DemoAccounts.PortalClientSecret, "driver-licence:read address-certificate:read"));

        var body = await ShouldBeProblem(response, HttpStatusCode.BadRequest, "invalid-scope");
        body.GetProperty("detail").GetString().Should().Be("Берілмеген аялар: address-certificate:read");
    }

    [Fact]
    public async Task A_wrong_client_secret_is_401_and_http_basic_credentials_work()
    {
        var client = factory.CreateClient();
        await ShouldBeProblem(await client.PostAsJsonAsync(TokenPath, ClientCredentials("not-the-secret", null)), HttpStatusCode.Unauthorized, "invalid-credentials");

        using var basic = new HttpRequestMessage(HttpMethod.Post, TokenPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(
            System.Text.Encoding.UTF8.GetBytes($"{DemoAccounts.PortalClientId}:{DemoAccounts.PortalClientSecret}")));
        var response = await client.SendAsync(basic);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_access_token_expires_after_fifteen_minutes()
    {
        var client = factory.CreateClient();
        var body = await Json(await client.PostAsJsonAsync(TokenPath, Password("clerk.almaty", DemoAccounts.StaffPassword)));
        var token = body.GetProperty("access_token").GetString()!;
        var start = factory.Clock.GetCurrentInstant();
        try
        {
            // 15 minutes plus the 30 seconds of allowed clock skew.
            factory.Clock.Advance(Duration.FromMinutes(15) + Duration.FromSeconds(29));
            (await MeResponseAsync(token)).StatusCode.Should().Be(HttpStatusCode.OK);

            factory.Clock.Advance(Duration.FromSeconds(2));
            var expired = await MeResponseAsync(token);
            await ShouldBeProblem(expired, HttpStatusCode.Unauthorized, "unauthenticated");
            expired.Headers.WwwAuthenticate.ToString().Should()
                .Be("Bearer realm=\"kazgov\", error=\"invalid_token\", error_description=\"The access token expired\"");
        }
        finally
        {
            factory.Clock.Reset(start);
        }
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_401()
    {
        var token = await factory.TokenAsync("admin");
        var parts = token.Split('.');
        var forged = parts[0] + "." + parts[1] + "." + new string('A', parts[2].Length);

        var response = await MeResponseAsync(forged);

        await ShouldBeProblem(response, HttpStatusCode.Unauthorized, "unauthenticated");
        response.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");
    }

    [Fact]
    public async Task Token_responses_are_never_stored_for_idempotent_replay()
    {
        var key = "token-" + Guid.NewGuid().ToString("N");
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Idempotency-Key", key);

        var first = await client.PostAsJsonAsync(TokenPath, Password("clerk.astana", DemoAccounts.StaffPassword));
        var second = await client.PostAsJsonAsync(TokenPath, Password("clerk.astana", DemoAccounts.StaffPassword));

        second.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        (await Json(second)).GetProperty("refresh_token").GetString().Should()
            .NotBe((await Json(first)).GetProperty("refresh_token").GetString());
        var dataSource = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Npgsql.NpgsqlDataSource>(factory.Services);
        await using var count = dataSource.CreateCommand($"SELECT count(*) FROM platform.idempotency_records WHERE key = '{key}'");
        ((long)(await count.ExecuteScalarAsync())!).Should().Be(0);
    }

    private async Task<string> CreateStaffUserAsync()
    {
        var login = "lockout." + Guid.NewGuid().ToString("N")[..8];
        var admin = await factory.CreateClientAsAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/v1/staff", new
        {
            login,
            password = "correct-password-1",
            fullName = "Сынақ Қызметкер",
            position = "Инспектор",
            role = Roles.Clerk,
            officeId = DemoAccounts.AstanaOffice,
            services = new[] { "driver-licence" },
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return login;
    }

    private async Task<JsonElement> GetMeAsync(string token)
    {
        var response = await MeResponseAsync(token);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await Json(response);
    }

    private async Task<HttpResponseMessage> MeResponseAsync(string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/api/v1/auth/me");
    }

    private static Dictionary<string, string> Password(string login, string password) =>
        new() { ["grant_type"] = "password", ["username"] = login, ["password"] = password };

    private static Dictionary<string, string> Refresh(string token) =>
        new() { ["grant_type"] = "refresh_token", ["refresh_token"] = token };

    private static Dictionary<string, string> ClientCredentials(string secret, string? scope)
    {
        var request = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = DemoAccounts.PortalClientId,
            ["client_secret"] = secret,
        };
        if (scope is not null)
        {
            request["scope"] = scope;
        }

        return request;
    }

    internal static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    internal static async Task<JsonElement> ShouldBeProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var body = JsonDocument.Parse(text).RootElement.Clone();
        body.GetProperty("code").GetString().Should().Be(code);
        body.GetProperty("status").GetInt32().Should().Be((int)status);
        return body;
    }
}
