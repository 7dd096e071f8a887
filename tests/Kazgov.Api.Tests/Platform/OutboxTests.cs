using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Notifications;
using Kazgov.Tests;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace Kazgov.Api.Tests.Platform;

/// <summary>
/// Notifications are delivered at least once, through the outbox, whatever the gateway does; a
/// delivery is recorded the moment it happens, so nothing that fails later sends it again.
/// </summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private readonly FakeGatewayServer _gateway = new();
    private OutboxApiFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new OutboxApiFactory(_gateway.BaseUrl);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task A_message_is_delivered_after_the_gateway_fails_twice_and_every_attempt_is_recorded()
    {
        var reference = "KZ-" + Guid.NewGuid();
        var id = await EnqueueAsync(_factory, reference, commit: true);
        _gateway.FailNext(reference, 2);

        var delivered = await _factory.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

        delivered.Should().BeGreaterThanOrEqualTo(1);
        _gateway.Requests.Where(r => r.Body["reference"]!.GetValue<string>() == reference).Should().HaveCount(3);
        var attempts = await AttemptsAsync(id);
        attempts.Should().Equal((1, false), (2, false), (3, true));
        (await DeliveredAsync(id)).Should().BeTrue();
    }

    [Fact]
    public async Task A_message_the_gateway_keeps_refusing_waits_for_a_later_round_and_is_not_lost()
    {
        var reference = "KZ-" + Guid.NewGuid();
        var id = await EnqueueAsync(_factory, reference, commit: true);
        _gateway.FailNext(reference, 3);

        await _factory.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        (await DeliveredAsync(id)).Should().BeFalse();

        _factory.Clock.Advance(NodaTime.Duration.FromMinutes(10));
        await _factory.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

        (await DeliveredAsync(id)).Should().BeTrue();
        (await AttemptsAsync(id)).Should().HaveCount(4);
    }

    [Fact]
    public async Task A_rolled_back_change_sends_nothing()
    {
        var reference = "KZ-" + Guid.NewGuid();
        await EnqueueAsync(_factory, reference, commit: false);

        await _factory.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

        _gateway.Requests.Should().NotContain(r => r.Body["reference"]!.GetValue<string>() == reference);
    }

    [Fact]
    public async Task A_message_committed_before_a_crash_is_delivered_by_the_next_host()
    {
        var reference = "KZ-" + Guid.NewGuid();
        var id = await EnqueueAsync(_factory, reference, commit: true);
        // The process dies between the committed status change and any dispatch.
        await _factory.DisposeAsync();

        await using var restarted = new OutboxApiFactory(_gateway.BaseUrl);
        await restarted.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

        (await DeliveredAsync(id)).Should().BeTrue();
        _gateway.Requests.Should().ContainSingle(r => r.Body["reference"]!.GetValue<string>() == reference)
            .Which.Body["text"]!.GetValue<string>().Should().Be("Куәлігіңіз дайын");
        _factory = new OutboxApiFactory(_gateway.BaseUrl);
    }

    [Fact]
    public async Task A_gateway_answering_429_with_Retry_After_is_not_called_again_before_that()
    {
        var reference = "KZ-" + Guid.NewGuid();
        var id = await EnqueueAsync(_factory, reference, commit: true);
        _gateway.RateLimitNext(reference, 1, TimeSpan.FromMinutes(10));
        var dispatcher = _factory.Services.GetRequiredService<OutboxDispatcher>();

        await DrainAsync(dispatcher);
        _gateway.CountFor(reference).Should().Be(1, "no retry within the round: the gateway asked for ten minutes");
        (await StateAsync(id)).LastError.Should().Contain("429");

        _factory.Clock.Advance(Duration.FromMinutes(9));
        await DrainAsync(dispatcher);
        _gateway.CountFor(reference).Should().Be(1, "the usual one-minute wait does not override Retry-After");

        _factory.Clock.Advance(Duration.FromMinutes(1));
        await DrainAsync(dispatcher);
        (await DeliveredAsync(id)).Should().BeTrue();
        _gateway.CountFor(reference).Should().Be(2);
    }

    [Fact]
    public async Task An_unexpected_exception_after_one_delivery_does_not_send_the_delivered_one_again()
    {
        var first = "KZ-" + Guid.NewGuid();
        var second = "KZ-" + Guid.NewGuid();
        var firstId = await EnqueueAsync(_factory, first, commit: true);
        var secondId = await EnqueueAsync(_factory, second, commit: true);
        var hooks = _factory.Services.GetRequiredService<GatewayHooks>();
        hooks.Explode = reference => reference == second ? new InvalidOperationException("the adapter has a bug") : null;

        var round = await _factory.Services.GetRequiredService<OutboxDispatcher>().DispatchRoundAsync(CancellationToken.None);

        round.Failed.Should().BeGreaterThanOrEqualTo(1);
        (await DeliveredAsync(firstId)).Should().BeTrue();
        (await DeliveredAsync(secondId)).Should().BeFalse();
        (await StateAsync(secondId)).LastError.Should().Contain("InvalidOperationException").And.Contain("the adapter has a bug");
        (await AttemptsAsync(secondId)).Should().Equal((1, false)); // a bug is not retried within the round

        hooks.Explode = null;
        _factory.Clock.Advance(Duration.FromMinutes(10));
        await DrainAsync(_factory.Services.GetRequiredService<OutboxDispatcher>());

        (await DeliveredAsync(secondId)).Should().BeTrue();
        _gateway.CountFor(first).Should().Be(1);
        _gateway.CountFor(second).Should().Be(1);
        (await AttemptsAsync(firstId)).Should().Equal((1, true));
    }

    [Fact]
    public async Task A_host_stopping_mid_batch_keeps_the_delivery_it_made_and_gives_the_rest_back()
    {
        var references = Enumerable.Range(0, 3).Select(i => $"KZ-{Guid.NewGuid()}-{i}").ToList();
        var ids = new List<Guid>();
        foreach (var reference in references)
        {
            ids.Add(await EnqueueAsync(_factory, reference, commit: true));
        }

        using var stopping = new CancellationTokenSource();
        _factory.Services.GetRequiredService<GatewayHooks>().AfterDelivery = reference =>
        {
            if (reference is not null && references.Contains(reference))
            {
                stopping.Cancel(); // SIGTERM right after the first of ours went out
            }
        };
        var dispatcher = _factory.Services.GetRequiredService<OutboxDispatcher>();

        var act = () => dispatcher.DispatchRoundAsync(stopping.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        var states = new List<MessageState>();
        foreach (var id in ids)
        {
            states.Add(await StateAsync(id));
        }

        states.Count(s => s.Delivered).Should().Be(1);
        states.Should().OnlyContain(s => s.ClaimedBy == null, "what was not sent is released at once, not left to its lease");

        _factory.Services.GetRequiredService<GatewayHooks>().AfterDelivery = null;
        await DrainAsync(dispatcher);

        foreach (var (reference, id) in references.Zip(ids))
        {
            (await DeliveredAsync(id)).Should().BeTrue();
            _gateway.CountFor(reference).Should().Be(1, reference);
        }
    }

    [Fact]
    public async Task A_message_claimed_by_a_host_that_died_is_sent_once_its_lease_has_ended()
    {
        var reference = "KZ-" + Guid.NewGuid();
        var id = await EnqueueAsync(_factory, reference, commit: true);
        // What a host that crashed right after claiming leaves behind (the lease is 5 minutes).
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            await connection.ExecuteAsync(
                "UPDATE platform.outbox_messages SET claimed_by = 'host-that-died', claimed_until = @until WHERE id = @id",
                new { id, until = (_factory.Clock.GetCurrentInstant() + Duration.FromMinutes(5)).ToDateTimeUtc() });
        }

        var dispatcher = _factory.Services.GetRequiredService<OutboxDispatcher>();
        await DrainAsync(dispatcher);
        _gateway.CountFor(reference).Should().Be(0, "the lease still holds");

        _factory.Clock.Advance(Duration.FromMinutes(5));
        await DrainAsync(dispatcher);

        (await DeliveredAsync(id)).Should().BeTrue();
        _gateway.CountFor(reference).Should().Be(1);
        (await StateAsync(id)).ClaimedBy.Should().BeNull();
    }

    [Fact]
    public async Task A_message_that_always_fails_becomes_a_dead_letter_at_the_attempt_limit_and_a_replay_delivers_it()
    {
        await _factory.DisposeAsync();
        _factory = new OutboxApiFactory(_gateway.BaseUrl, new Dictionary<string, string?> { ["Notifications:MaxAttempts"] = "5" });
        var reference = "KZ-" + Guid.NewGuid();
        var id = await EnqueueAsync(_factory, reference, commit: true);
        _gateway.FailNext(reference, 1000);
        var dispatcher = _factory.Services.GetRequiredService<OutboxDispatcher>();

        await DrainAsync(dispatcher);                         // 3 calls (1 + 2 retries)
        _factory.Clock.Advance(Duration.FromHours(1));
        await DrainAsync(dispatcher);                         // 2 more: the limit leaves no third
        _factory.Clock.Advance(Duration.FromDays(2));
        await DrainAsync(dispatcher);                         // dead: not tried again

        _gateway.CountFor(reference).Should().Be(5);
        var dead = await StateAsync(id);
        dead.Attempts.Should().Be(5);
        dead.DeadAt.Should().NotBeNull();
        dead.LastError.Should().Contain("503");
        (await AttemptsAsync(id)).Should().HaveCount(5).And.OnlyContain(a => !a.Succeeded);

        using var admin = await _factory.CreateClientAsAsync("admin");
        var listed = await admin.GetFromJsonAsync<JsonObject>("/api/v1/admin/outbox/dead-letters?limit=200");
        var item = listed!["items"]!.AsArray().Single(i => i!["id"]!.GetValue<Guid>() == id)!;
        item["status"]!.GetValue<string>().Should().Be("dead");
        item["reference"]!.GetValue<string>().Should().Be(reference);
        item["recipient"]!.GetValue<string>().Should().Be("+7701*****00");
        item["attempts"]!.GetValue<int>().Should().Be(5);
        item["lastError"]!.GetValue<string>().Should().Contain("503");

        using var clerk = await _factory.CreateClientAsAsync("clerk.astana");
        (await clerk.GetAsync("/api/v1/admin/outbox/dead-letters")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await clerk.PostAsync($"/api/v1/admin/outbox/{id}/replay", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // The gateway is fixed; the administrator replays the message, twice (a double click).
        _gateway.FailNext(reference, 0);
        var replayed = await admin.PostAsync($"/api/v1/admin/outbox/{id}/replay", null);
        replayed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await replayed.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>().Should().Be("pending");
        var again = await (await admin.PostAsync($"/api/v1/admin/outbox/{id}/replay", null)).Content.ReadFromJsonAsync<JsonObject>();
        again!["status"]!.GetValue<string>().Should().Be("pending");
        (await StateAsync(id)).AttemptsBeforeReplay.Should().Be(5);

        await DrainAsync(dispatcher);

        (await DeliveredAsync(id)).Should().BeTrue();
        _gateway.CountFor(reference).Should().Be(6);
        var afterDelivery = await (await admin.PostAsync($"/api/v1/admin/outbox/{id}/replay", null)).Content.ReadFromJsonAsync<JsonObject>();
        afterDelivery!["status"]!.GetValue<string>().Should().Be("delivered");
        await DrainAsync(dispatcher);
        _gateway.CountFor(reference).Should().Be(6, "replaying a delivered message sends nothing");
        var listedAfter = await admin.GetFromJsonAsync<JsonObject>("/api/v1/admin/outbox/dead-letters?limit=200");
        listedAfter!["items"]!.AsArray().Should().NotContain(i => i!["id"]!.GetValue<Guid>() == id);
    }

    [Fact]
    public async Task Replaying_an_unknown_message_is_a_404_problem_and_a_bad_cursor_a_400()
    {
        using var admin = await _factory.CreateClientAsAsync("admin");

        var unknown = await admin.PostAsync($"/api/v1/admin/outbox/{Guid.NewGuid()}/replay", null);
        var badCursor = await admin.GetAsync("/api/v1/admin/outbox/dead-letters?cursor=nonsense");

        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "outbox-message-not-found");
        await badCursor.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
    }

    [Fact]
    public async Task Dead_letters_are_paged_newest_first()
    {
        var ids = new List<Guid>();
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            for (var i = 0; i < 3; i++)
            {
                var id = await EnqueueAsync(_factory, $"KZ-DEAD-{Guid.NewGuid()}", commit: true);
                // Far in the future, so these are the newest dead letters whatever other tests left.
                await connection.ExecuteAsync(
                    "UPDATE platform.outbox_messages SET attempts = 1, dead_at = @deadAt, last_error = 'x' WHERE id = @id",
                    new { id, deadAt = new DateTime(2099, 1, 1, 0, i, 0, DateTimeKind.Utc) });
                ids.Add(id);
            }
        }

        using var admin = await _factory.CreateClientAsAsync("admin");
        var first = await admin.GetFromJsonAsync<JsonObject>("/api/v1/admin/outbox/dead-letters?limit=2");
        var cursor = first!["nextCursor"]!.GetValue<string>();
        var second = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/admin/outbox/dead-letters?limit=2&cursor={cursor}");

        first["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).Should().Equal(ids[2], ids[1]);
        second!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).First().Should().Be(ids[0]);

        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            await connection.ExecuteAsync("DELETE FROM platform.outbox_messages WHERE id = ANY(@ids)", new { ids = ids.ToArray() });
        }
    }

    [Fact]
    public async Task Two_dispatchers_working_the_same_table_at_once_never_send_a_message_twice()
    {
        await _factory.DisposeAsync();
        _factory = new OutboxApiFactory(_gateway.BaseUrl, new Dictionary<string, string?> { ["Notifications:BatchSize"] = "4" });
        var prefix = $"KZ-PAR-{Guid.NewGuid():N}-";
        _gateway.SlowDown(prefix, TimeSpan.FromMilliseconds(25));
        var references = Enumerable.Range(0, 40).Select(i => prefix + i).ToList();
        var ids = new List<Guid>();
        foreach (var reference in references)
        {
            ids.Add(await EnqueueAsync(_factory, reference, commit: true));
        }

        var one = _factory.Services.GetRequiredService<OutboxDispatcher>();
        var two = ActivatorUtilities.CreateInstance<OutboxDispatcher>(_factory.Services);
        one.Name.Should().NotBe(two.Name);

        var delivered = await Task.WhenAll(DrainAsync(one), DrainAsync(two));

        foreach (var (reference, id) in references.Zip(ids))
        {
            _gateway.CountFor(reference).Should().Be(1, reference);
            (await AttemptsAsync(id)).Should().Equal((1, true));
        }

        delivered.Should().OnlyContain(count => count > 0, "both dispatchers took part");
    }

    [Theory]
    [InlineData("Notifications:MaxAttempts", "0", "MaxAttempts")]
    [InlineData("Notifications:LeaseDuration", "00:00:00", "LeaseDuration")]
    [InlineData("Retention:BatchSize", "0", "Retention")]
    [InlineData("Retention:RefreshTokenDays", "-1", "Retention")]
    public async Task Settings_that_make_no_sense_stop_the_host_at_start(string key, string value, string named)
    {
        await using var broken = new OutboxApiFactory(_gateway.BaseUrl, new Dictionary<string, string?> { [key] = value });

        var start = () => broken.Services;

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage($"*{named}*");
    }

    /// <summary>Runs rounds until one claims nothing; returns how many messages this dispatcher delivered.</summary>
    private static async Task<int> DrainAsync(OutboxDispatcher dispatcher)
    {
        var delivered = 0;
        for (var rounds = 0; rounds < 500; rounds++)
        {
            var round = await dispatcher.DispatchRoundAsync(CancellationToken.None);
            delivered += round.Delivered;
            if (round.Claimed == 0)
            {
                return delivered;
            }
        }

        throw new InvalidOperationException("The outbox never ran dry.");
    }

    private static async Task<MessageState> StateAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.QuerySingleRowAsync<MessageState>(
            """
            SELECT delivered_at IS NOT NULL AS Delivered, attempts AS Attempts, attempts_before_replay AS AttemptsBeforeReplay,
                   last_error AS LastError, claimed_by AS ClaimedBy, dead_at AS DeadAt
            FROM platform.outbox_messages WHERE id = @id
            """,
            new { id });
    }

    private static async Task<Guid> EnqueueAsync(KazgovApiFactory factory, string reference, bool commit)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await using var transaction = await session.BeginAsync();
        var id = await scope.ServiceProvider.GetRequiredService<Outbox>().EnqueueAsync(
            new OutboxMessage(NotificationChannel.Sms, "+77010000000", Language.Kk, "Kazgov", "Куәлігіңіз дайын", reference));
        if (commit)
        {
            await transaction.CommitAsync();
        }

        return id;
    }

    private static async Task<List<(int Attempt, bool Succeeded)>> AttemptsAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return (await connection.QueryRowsAsync<(int, bool)>(
            "SELECT attempt, succeeded FROM platform.outbox_attempts WHERE message_id = @id ORDER BY attempt", new { id })).ToList();
    }

    private static async Task<bool> DeliveredAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<bool>(
            "SELECT delivered_at IS NOT NULL FROM platform.outbox_messages WHERE id = @id", new { id });
    }

    private sealed record MessageState(bool Delivered, int Attempts, int AttemptsBeforeReplay, string? LastError, string? ClaimedBy, DateTime? DeadAt);

    /// <summary>What the tests do to the real gateway client: make it throw, or act after a delivery.</summary>
    private sealed class GatewayHooks
    {
        public Func<string?, Exception?>? Explode { get; set; }

        public Action<string?>? AfterDelivery { get; set; }
    }

    /// <summary>The real <see cref="GatewayClient"/> (HTTP to <see cref="FakeGatewayServer"/>) with the tests' hooks around it.</summary>
    private sealed class HookedGateway(GatewayClient inner, GatewayHooks hooks) : INotificationGateway
    {
        public async Task SendAsync(Guid messageId, NotificationChannel channel, string recipient, string subject, string body, string? reference, CancellationToken cancellationToken)
        {
            if (hooks.Explode?.Invoke(reference) is { } exception)
            {
                throw exception;
            }

            await inner.SendAsync(messageId, channel, recipient, subject, body, reference, cancellationToken);
            hooks.AfterDelivery?.Invoke(reference);
        }
    }

    private sealed class OutboxApiFactory(Uri gateway, IReadOnlyDictionary<string, string?>? settings = null)
        : KazgovApiFactory(Settings(gateway, settings))
    {
        protected override void ConfigureTestServices(IServiceCollection services)
        {
            services.AddSingleton<GatewayHooks>();
            services.AddTransient<INotificationGateway>(provider =>
                new HookedGateway(provider.GetRequiredService<GatewayClient>(), provider.GetRequiredService<GatewayHooks>()));
        }

        private static Dictionary<string, string?> Settings(Uri gateway, IReadOnlyDictionary<string, string?>? extra)
        {
            var settings = new Dictionary<string, string?>
            {
                ["Notifications:DispatcherEnabled"] = "false",
                ["Notifications:SmsGatewayUrl"] = new Uri(gateway, "sms").ToString(),
                ["Notifications:EmailGatewayUrl"] = new Uri(gateway, "email").ToString(),
                ["Notifications:RetryDelay"] = "00:00:00.010",
                ["Notifications:RetriesPerDispatch"] = "2",
                // Messages other test classes leave in the shared table must not crowd ours out of a round.
                ["Notifications:BatchSize"] = "500",
            };
            foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            {
                settings[key] = value;
            }

            return settings;
        }
    }
}
