using Dapper;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Platform.Data;
using Kazgov.Platform.Localization;
using Kazgov.Platform.Notifications;
using Kazgov.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kazgov.Api.Tests.Platform;

/// <summary>Notifications are delivered at least once, through the outbox, whatever the gateway does.</summary>
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
        return (await connection.QueryAsync<(int, bool)>(
            "SELECT attempt, succeeded FROM platform.outbox_attempts WHERE message_id = @id ORDER BY attempt", new { id })).ToList();
    }

    private static async Task<bool> DeliveredAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<bool>(
            "SELECT delivered_at IS NOT NULL FROM platform.outbox_messages WHERE id = @id", new { id });
    }

    private sealed class OutboxApiFactory(Uri gateway) : KazgovApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Notifications:DispatcherEnabled", "false");
            builder.UseSetting("Notifications:SmsGatewayUrl", new Uri(gateway, "sms").ToString());
            builder.UseSetting("Notifications:EmailGatewayUrl", new Uri(gateway, "email").ToString());
            builder.UseSetting("Notifications:RetryDelay", "00:00:00.010");
            builder.UseSetting("Notifications:RetriesPerDispatch", "2");
        }
    }
}
