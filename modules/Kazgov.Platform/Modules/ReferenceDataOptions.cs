namespace Kazgov.Platform.Modules;

/// <summary>Where reference data comes from (configuration section "ReferenceData").</summary>
public sealed class ReferenceDataOptions
{
    public const string SectionName = "ReferenceData";
    public const string SeedFileName = "000_ca642952a17f30dc.txt";

    /// <summary>
    /// The seed file: the order No. 362 itself. When not configured, the host looks for
    /// shared/seeds/<see cref="SeedFileName"/> in the folders above its content root.
    /// </summary>
    public string? SeedFile { get; set; }

    /// <summary>Whether demo data (users, sample applications) is loaded. Never in production.</summary>
    public bool LoadDemoData { get; set; }
}
