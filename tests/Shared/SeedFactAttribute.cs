namespace Kazgov.Tests;

/// <summary>
/// A test that needs the seed (../shared/seeds beside the repository). Without the seed it is
/// reported as skipped, with the reason, never passed silently; on CI (CI=true) or when
/// ../shared/seeds exists the seed is required and a missing file fails the test.
/// </summary>
public sealed class SeedFactAttribute : FactAttribute
{
    public SeedFactAttribute() => Skip = SeedMissing;

    /// <summary>The reason to skip, or null when the test must run.</summary>
    internal static string? SeedMissing =>
        !RepositoryPaths.SeedRequired && !File.Exists(RepositoryPaths.Seed)
            ? $"Could not run: the seed {RepositoryPaths.Seed} is not there (set CI=true to require it)."
            : null;
}

/// <summary>A theory that needs the seed; see <see cref="SeedFactAttribute"/>.</summary>
public sealed class SeedTheoryAttribute : TheoryAttribute
{
    public SeedTheoryAttribute() => Skip = SeedFactAttribute.SeedMissing;
}
