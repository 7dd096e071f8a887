using System.Text.Json.Nodes;
using Kazgov.Api.Tests.Applications;
using Kazgov.Api.Tests.Infrastructure;
using Kazgov.Kernel.Caching;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kazgov.Api.Tests.Platform;

/// <summary>
/// Reference data from memory (Kernel/Caching): served without SQL once loaded, and never stale
/// after a change made by SQL behind the host's back (another host), nor after the host lost the
/// connection that hears changes. The host's own change is seen by its next request:
/// CalendarEndpointsTests' override test moves a deadline right after the PUT.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReferenceCacheTests(KazgovApiFactory factory)
{
    private const string Office = LifecycleTests.AstanaOffice;

    private ReferenceDataCache Cache => factory.Services.GetRequiredService<ReferenceDataCache>();

    [Fact]
    public async Task An_office_read_twice_is_loaded_from_the_database_once()
    {
        var client = factory.CreateClient();
        await WaitUntilListeningAsync();
        await client.GetStringAsync($"/api/v1/offices/{Office}");
        var loads = Cache.Loads;

        for (var i = 0; i < 5; i++)
        {
            (await client.GetAsync($"/api/v1/offices/{Office}")).EnsureSuccessStatusCode();
        }

        Cache.Loads.Should().Be(loads, "the office, its services and its schedule were in memory");
    }

    [Fact]
    public async Task A_change_made_by_sql_reaches_the_cached_office_on_commit()
    {
        var client = factory.CreateClient();
        await WaitUntilListeningAsync();
        var before = await NameAsync(client);
        try
        {
            await ExecuteAsync($"UPDATE platform.offices SET name = name || ' (test)' WHERE id = '{Office}'");

            (await EventuallyAsync(() => NameAsync(client), name => name == before + " (test)"))
                .Should().Be(before + " (test)", "the trigger's NOTIFY dropped the offices area");
        }
        finally
        {
            await ExecuteAsync($"UPDATE platform.offices SET name = '{before.Replace("'", "''", StringComparison.Ordinal)}' WHERE id = '{Office}'");
            await EventuallyAsync(() => NameAsync(client), name => name == before);
        }
    }

    [Fact]
    public async Task A_change_made_while_the_listener_was_cut_off_is_not_missed()
    {
        var client = factory.CreateClient();
        await WaitUntilListeningAsync();
        var before = await NameAsync(client);
        try
        {
            // Cut the LISTEN connection, and change the office before the listener can reconnect:
            // the notification is lost, so the cache must be bypassed, then start empty.
            await ExecuteAsync(
                $"""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = current_database() AND query = 'LISTEN {ReferenceAreas.Channel}' AND pid <> pg_backend_pid();
                UPDATE platform.offices SET name = name || ' (cut)' WHERE id = '{Office}';
                """);

            (await EventuallyAsync(() => NameAsync(client), name => name == before + " (cut)")).Should().Be(before + " (cut)");
            await WaitUntilListeningAsync();
            (await NameAsync(client)).Should().Be(before + " (cut)", "the reconnected listener started from an empty cache");
        }
        finally
        {
            await ExecuteAsync($"UPDATE platform.offices SET name = '{before.Replace("'", "''", StringComparison.Ordinal)}' WHERE id = '{Office}'");
            await EventuallyAsync(() => NameAsync(client), name => name == before);
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!Cache.Listening && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }

        Cache.Listening.Should().BeTrue("the listener connects within seconds");
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(5);
        var value = await read();
        while (!done(value) && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
            value = await read();
        }

        return value;
    }

    private static async Task<string> NameAsync(HttpClient client) =>
        JsonNode.Parse(await client.GetStringAsync($"/api/v1/offices/{Office}"))!["name"]!.GetValue<string>();

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await factory.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
