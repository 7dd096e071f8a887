using Kazgov.Platform.Modules;

namespace Kazgov.Api.Hosting;

/// <summary>Finds ../shared/seeds/ beside the checkout when the seed path is not configured.</summary>
internal static class SeedLocator
{
    public static string? Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "seeds", ReferenceDataOptions.SeedFileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
