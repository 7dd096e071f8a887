using System.Text.RegularExpressions;
using Kazgov.Tests;

namespace Kazgov.Architecture.Tests;

/// <summary>
/// The product reads rows only through Kazgov.Kernel.Data.BufferedRows (directly or through DbSession):
/// Dapper's own async queries read columns with sequential access and synchronous getters, which block
/// on the socket when a row straddles Npgsql's read buffer. The API tests too: their hosts run in the
/// test process under inline socket completions, where such a read can stall every connection.
/// </summary>
public sealed partial class BufferedRowsTests
{
    [Fact]
    public void No_product_code_nor_api_test_calls_dappers_async_queries()
    {
        var calls = RepositoryPaths.SourceFiles("api", "modules", Path.Combine("tests", "Kazgov.Api.Tests"))
            .SelectMany(file => DapperAsyncQuery().Matches(File.ReadAllText(file))
                .Select(match => $"{Path.GetRelativePath(RepositoryPaths.Root, file)}: {match.Value}"))
            .ToList();

        calls.Should().BeEmpty("rows are read whole before they are mapped (BufferedRows)");
    }

    [Fact]
    public void The_scan_sees_a_call_when_there_is_one()
    {
        DapperAsyncQuery().IsMatch("await connection.QueryAsync<Row>(new CommandDefinition(").Should().BeTrue();
        DapperAsyncQuery().IsMatch("await grid.ReadSingleOrDefaultAsync<Row>()").Should().BeFalse();
        DapperAsyncQuery().IsMatch("await session.QueryAsync<Row>(sql)").Should().BeFalse();
    }

    // A Dapper extension on a connection (or any receiver but DbSession, whose methods are buffered).
    [GeneratedRegex(@"\b(?!session\b|_session\b)\w+\.(QueryAsync|QuerySingleAsync|QuerySingleOrDefaultAsync|QueryFirstAsync|QueryFirstOrDefaultAsync|QueryMultipleAsync|QueryUnbufferedAsync)\s*[<(]", RegexOptions.IgnoreCase)]
    private static partial Regex DapperAsyncQuery();
}
