namespace Kazgov.Tests;

/// <summary>
/// A test that needs the seed (../shared/seeds beside the repository). Without the seed it is
/// reported as skipped, with the reason, never passed silently; on CI (CI=true) or when
/// ../shared/seeds exists the seed is required and a missing file fails the test.
/// </summary>
public sealed class SeedFactAttribute : FactAttribute
{
    public SeedFactAttribute()
    {
        if (!RepositoryPaths.SeedRequired && !File.Exists(RepositoryPaths.Seed))
        {
            Skip = $"Could not run: the seed {RepositoryPaths.Seed} is not there (set CI=true to require it).";
        }
    }
}
