using System.Text.Json;
using Kazgov.Kernel.Caching;
using Kazgov.Kernel.Http;
using Npgsql;

namespace Kazgov.Platform.Offices;

/// <summary>Reads an office's schedule: the contract the deadline engine uses for working hours and windows.</summary>
public interface IOfficeSchedules
{
    /// <summary>The office's current schedule, or null when there is no such office.</summary>
    Task<OfficeSchedule?> FindAsync(string officeId, CancellationToken cancellationToken = default);
}

/// <summary>From the reference-data cache; on a miss, from the committed table on a connection of its own.</summary>
internal sealed class OfficeSchedules(NpgsqlDataSource dataSource, ReferenceDataCache cache) : IOfficeSchedules
{
    public async Task<OfficeSchedule?> FindAsync(string officeId, CancellationToken cancellationToken = default) =>
        await cache.GetAsync(ReferenceAreas.Offices, "schedule:" + officeId, token => LoadAsync(officeId, token), cancellationToken);

    private async Task<OfficeSchedule?> LoadAsync(string officeId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT schedule::text FROM platform.office_schedules WHERE office_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = officeId });
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize<OfficeSchedule>(json, PlatformJson.Options)
            : null;
    }
}
