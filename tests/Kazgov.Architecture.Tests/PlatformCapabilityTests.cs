using System.Text.RegularExpressions;
using Kazgov.Tests;

namespace Kazgov.Architecture.Tests;

/// <summary>
/// Inside Kazgov.Platform each capability (a top-level folder: Applications, Complaints, Offices…)
/// reads and writes only the tables it owns (issue 11 §3). Another capability's data is reached
/// through its C# API — e.g. IApplicationDirectory, IOfficeDirectory, IOfficeSchedules, IAuditTrail,
/// Outbox — so a table can change with the one capability that owns it.
/// The check scans the .cs and .sql files of every capability folder for <c>platform.&lt;table&gt;</c>.
/// </summary>
public sealed partial class PlatformCapabilityTests
{
    /// <summary>Who owns each table of the platform schema, from the migration that creates it.</summary>
    private static readonly Dictionary<string, string> TableOwners = new(StringComparer.Ordinal)
    {
        // 0001_idempotency.sql
        ["idempotency_records"] = "Idempotency",
        // 0002_offices.sql
        ["regions"] = "Offices",
        ["offices"] = "Offices",
        ["office_services"] = "Offices",
        ["office_schedules"] = "Offices",
        ["office_schedule_audit"] = "Offices",
        // 0003_calendar_and_mci.sql
        ["mci_rates"] = "Fees",
        ["holiday_rules"] = "Calendar",
        ["calendar_overrides"] = "Calendar",
        // 0004_security.sql: the audit log is written by everyone, but only through IAuditTrail.
        ["staff_users"] = "Security",
        ["api_clients"] = "Security",
        ["api_client_usage"] = "Security",
        ["client_assertion_ids"] = "Security",
        ["refresh_tokens"] = "Security",
        ["audit_log"] = "Security",
        // 0005_outbox.sql: written by everyone, but only through Outbox.
        ["outbox_messages"] = "Notifications",
        ["outbox_attempts"] = "Notifications",
        // 0006_applications.sql
        ["registration_counters"] = "Applications",
        ["applications"] = "Applications",
        ["application_events"] = "Applications",
        ["fee_receipts"] = "Applications",
        ["refusals"] = "Applications",
        ["suspensions"] = "Applications",
        ["issuances"] = "Applications",
        // 0008_complaints.sql
        ["complaint_counters"] = "Complaints",
        ["complaints"] = "Complaints",
        ["complaint_events"] = "Complaints",
        // 0014_integration_events.sql: written by everyone, but only through IntegrationEvents.
        ["integration_events"] = "Events",
        ["integration_event_subscriptions"] = "Events",
        // 0019_webhooks.sql
        ["webhook_subscriptions"] = "Integrations",
        ["webhook_deliveries"] = "Integrations",
        ["webhook_attempts"] = "Integrations",
        // 0021_queue_and_feedback.sql
        ["queue_counters"] = "Queue",
        ["queue_tickets"] = "Queue",
        ["feedback_link_keys"] = "Feedback",
        ["feedback"] = "Feedback",
        // 0024_quality_indicators.sql: kept by triggers on the source tables, read only by the indicators.
        ["indicator_days"] = "Indicators",
    };

    /// <summary>
    /// Crossings that predate this rule, each (file, table), to be removed as their code moves to the
    /// owner's API. Nothing may be added here; an entry whose file no longer reads the table fails
    /// the test, so the list only shrinks.
    /// </summary>
    private static readonly HashSet<(string File, string Table)> KnownCrossings = [];

    private static string PlatformRoot => Path.Combine(RepositoryPaths.Root, "modules", "Kazgov.Platform");

    [Fact]
    public void Every_table_the_migrations_create_has_one_owning_capability()
    {
        var created = Directory.EnumerateFiles(Path.Combine(PlatformRoot, "Migrations"), "*.sql")
            .SelectMany(file => CreateTable().Matches(File.ReadAllText(file)).Select(match => match.Groups[1].Value))
            .ToList();

        created.Should().NotBeEmpty();
        TableOwners.Keys.Should().BeEquivalentTo(created,
            "each table of platform.* belongs to exactly one capability: declare the owner of a new table here");
        var capabilities = CapabilityFolders().Select(Path.GetFileName).ToList();
        TableOwners.Values.Distinct().Should().BeSubsetOf(capabilities);
    }

    [Fact]
    public void A_capability_reads_and_writes_only_the_tables_it_owns()
    {
        var crossings = new List<string>();
        var seen = new HashSet<(string File, string Table)>();
        foreach (var folder in CapabilityFolders())
        {
            var capability = Path.GetFileName(folder);
            foreach (var (file, table) in TablesIn(folder))
            {
                if (!TableOwners.TryGetValue(table, out var owner) || owner == capability)
                {
                    continue;
                }

                var relative = Path.GetRelativePath(Path.GetDirectoryName(PlatformRoot)!, file).Replace('\\', '/');
                if (KnownCrossings.Contains((relative, table)))
                {
                    seen.Add((relative, table));
                    continue;
                }

                crossings.Add($"{relative} reads platform.{table}, which {owner} owns");
            }
        }

        // Joined, so that the failure names every crossing, not the first one.
        string.Join("\n", crossings.Distinct()).Should().BeEmpty("a capability reaches another's data through that capability's C# API, never its tables");
        string.Join("\n", KnownCrossings.Except(seen)).Should().BeEmpty("a crossing that is gone must leave the list of known crossings too");
    }

    [Fact]
    public void The_scan_sees_a_capability_reading_another_capabilitys_table()
    {
        // The scan itself, on a line like the one the complaints journal had before it used IApplicationDirectory.
        const string sql = """
            SELECT service_code FROM platform.applications WHERE id = @id;
            -- Kazgov.Platform.Offices is a namespace, not a table
            """;

        TableReference().Matches(sql).Select(m => m.Groups[1].Value).Should().Equal("applications");
        TableOwners["applications"].Should().NotBe("Complaints");
    }

    /// <summary>The capability folders: every top-level folder of the project but its migrations and build output.</summary>
    /// <summary>The platform's capabilities and the kernel's parts (idempotency, outbox, events…), which own platform tables too.</summary>
    private static IEnumerable<string> CapabilityFolders() =>
        new[] { PlatformRoot, KernelRoot }
            .SelectMany(Directory.EnumerateDirectories)
            .Where(folder => Path.GetFileName(folder) is not ("Migrations" or "bin" or "obj"));

    private static string KernelRoot => Path.Combine(RepositoryPaths.Root, "modules", "Kazgov.Kernel");

    private static IEnumerable<(string File, string Table)> TablesIn(string folder) =>
        Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".sql", StringComparison.Ordinal))
            .SelectMany(file => TableReference().Matches(File.ReadAllText(file)).Select(match => (file, match.Groups[1].Value)));

    // Lower-case only: "Kazgov.Platform.Offices" is a namespace; SQL names the schema in lower case.
    [GeneratedRegex(@"(?<![\w.])platform\.([a-z_][a-z0-9_]*)")]
    private static partial Regex TableReference();

    [GeneratedRegex(@"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?platform\.([a-z_][a-z0-9_]*)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();
}
