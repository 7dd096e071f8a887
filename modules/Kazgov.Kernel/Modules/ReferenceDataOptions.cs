namespace Kazgov.Kernel.Modules;

/// <summary>
/// Reference-data settings (configuration section "ReferenceData"). The reference data itself
/// (offices, regions, KPI norms) is embedded from the repository's reference/ folder.
/// </summary>
public sealed class ReferenceDataOptions
{
    public const string SectionName = "ReferenceData";

    /// <summary>Whether demo data (users, sample applications) is loaded. Never in production.</summary>
    public bool LoadDemoData { get; set; }
}
