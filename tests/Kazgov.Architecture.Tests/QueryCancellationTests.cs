using System.Text.RegularExpressions;
using Kazgov.Tests;

namespace Kazgov.Architecture.Tests;

/// <summary>
/// A background service's stopping token, or the start's token in the migrations, never reaches Npgsql
/// while a statement runs (Kazgov.Kernel.Data.QueryCancellation says why: a cancelled statement stalls
/// every connection of the process under inline socket completions). Such a service checks its token between statements;
/// DbSession and BufferedRows check a token and detach it themselves. Waits (Task.Delay, a timer,
/// Npgsql's WaitAsync, which ends without a cancel request) take the token.
/// </summary>
public sealed partial class QueryCancellationTests
{
    [Fact]
    public void No_background_service_hands_a_token_to_a_database_statement()
    {
        var files = RepositoryPaths.SourceFiles("api", "modules")
            .Where(file => BackgroundService().IsMatch(File.ReadAllText(file)) || Path.GetFileName(file) == "DatabaseMigrator.cs")
            .ToList();
        files.Should().HaveCountGreaterThanOrEqualTo(7, "the dispatchers, the retention job, the listeners, the flusher and the start's migrations are found");

        var calls = files
            .SelectMany(file => TokenHandedToStatement().Matches(File.ReadAllText(file))
                .Select(match => $"{Path.GetRelativePath(RepositoryPaths.Root, file)}: {match.Value}"))
            .ToList();

        calls.Should().BeEmpty("statements of a background service are not cancelled while they run");
    }

    [Fact]
    public void The_scan_sees_a_token_when_one_is_handed()
    {
        TokenHandedToStatement().IsMatch("await command.ExecuteScalarAsync(stoppingToken)").Should().BeTrue();
        TokenHandedToStatement().IsMatch("await dataSource.OpenConnectionAsync(cancellationToken)").Should().BeTrue();
        TokenHandedToStatement().IsMatch("new { id }, cancellationToken: cancellationToken));").Should().BeTrue();
        TokenHandedToStatement().IsMatch("await command.ExecuteScalarAsync(CancellationToken.None)").Should().BeFalse();
        TokenHandedToStatement().IsMatch("await connection.WaitAsync(Heartbeat, stoppingToken)").Should().BeFalse();
        TokenHandedToStatement().IsMatch("await session.ExecuteScalarAsync<int>(sql, parameters, cancellationToken)").Should().BeFalse();
    }

    [GeneratedRegex(@":\s*BackgroundService\b")]
    private static partial Regex BackgroundService();

    // An Npgsql call given a token other than CancellationToken.None, or a Dapper command carrying one.
    [GeneratedRegex(@"(?<!session)\.(OpenConnectionAsync|OpenAsync|ExecuteNonQueryAsync|ExecuteScalarAsync|ExecuteReaderAsync|BeginTransactionAsync|CommitAsync|RollbackAsync)\s*\((?!CancellationToken\.None\))[^()]*\b\w*[Tt]oken\)|cancellationToken:\s*(?!CancellationToken\.None)\w+")]
    private static partial Regex TokenHandedToStatement();
}
