namespace Kazgov.Tests;

/// <summary>Where things are, found from the test assembly upwards (works from any checkout folder).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The seed: the order No. 362 itself, beside the project as ../shared/seeds.</summary>
    public static string Seed => Path.GetFullPath(Path.Combine(Root, "..", "shared", "seeds", "000_ca642952a17f30dc.txt"));

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
