namespace Kazgov.Tests;

/// <summary>Where things are, found from the test assembly upwards (works from any checkout folder).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The seed: the order No. 362 itself, beside the project as ../shared/seeds.</summary>
    public static string Seed => Path.GetFullPath(Path.Combine(Root, "..", "shared", "seeds", "000_ca642952a17f30dc.txt"));

    /// <summary>The checked-in reference data (reference/*.json).</summary>
    public static string Reference => Path.Combine(Root, "reference");

    /// <summary>Tests that read the seed must run: on CI (CI=true), or when ../shared/seeds is there.</summary>
    public static bool SeedRequired =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || Directory.Exists(Path.GetDirectoryName(Seed));

    /// <summary>The C# files under the given folders of the repository, build output (bin, obj) left out.</summary>
    public static IEnumerable<string> SourceFiles(params string[] folders) =>
        folders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Kazgov.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Kazgov.sln not found above " + AppContext.BaseDirectory);
    }
}
