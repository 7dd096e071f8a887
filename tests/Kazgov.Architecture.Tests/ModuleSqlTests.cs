using System.Reflection;
using System.Text.RegularExpressions;
using Kazgov.Kernel.Modules;
using Kazgov.Tests;

namespace Kazgov.Architecture.Tests;

/// <summary>
/// Modules talk through published contracts and integration events, never through another schema's
/// tables (issue 11 §4): the SQL in each module's .cs and .sql files names only its own schema. The
/// platform's tables are reached through the platform's C# API too.
/// </summary>
public sealed partial class ModuleSqlTests
{
    private static readonly IReadOnlyList<IKazgovModule> HostModules = [.. ((IEnumerable<IKazgovModule>)typeof(Program).Assembly
        .GetType("Kazgov.Api.Hosting.KazgovModules")!
        .GetField("All", BindingFlags.Public | BindingFlags.Static)!
        .GetValue(null)!)];

    public static TheoryData<string> Modules() =>
        [.. HostModules.Select(m => m.GetType().Assembly.GetName().Name!).Where(name => name != "Kazgov.Platform")];

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_names_no_other_schema_in_its_sql(string assemblyName)
    {
        var own = HostModules.Single(m => m.GetType().Assembly.GetName().Name == assemblyName).Schema;
        var others = HostModules.Select(m => m.Schema).Where(schema => schema != own).ToList();
        var folder = Path.Combine(RepositoryPaths.Root, "modules", assemblyName);
        var crossings = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".sql", StringComparison.Ordinal))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => QualifiedName().Matches(File.ReadAllText(file))
                .Where(match => others.Contains(match.Groups[1].Value, StringComparer.Ordinal))
                .Select(match => $"{Path.GetRelativePath(folder, file)}: {match.Value}"))
            .Distinct()
            .ToList();

        crossings.Should().BeEmpty("{0} owns schema {1} and reaches other data only through published contracts", assemblyName, own);
    }

    [Fact]
    public void The_scan_sees_a_crossing_when_there_is_one()
    {
        var sample = "SELECT * FROM licensing.licences l JOIN platform.applications a ON a.id = l.application_id";

        var schemas = HostModules.Select(m => m.Schema).ToHashSet(StringComparer.Ordinal);

        QualifiedName().Matches(sample).Select(m => m.Groups[1].Value).Where(schemas.Contains).Should().Equal("licensing", "platform");
    }

    /// <summary>A schema-qualified SQL name: schema "." table, as the modules write them.</summary>
    [GeneratedRegex(@"\b([a-z_]+)\.[a-z_]+\b")]
    private static partial Regex QualifiedName();
}
