namespace Kazgov.Kernel.Security;

/// <summary>The roles of staff users. A user has exactly one.</summary>
public static class Roles
{
    /// <summary>Takes in and processes applications of their office, for the services they serve.</summary>
    public const string Clerk = "clerk";

    /// <summary>Head of a unit: sees and acts on every application of their office, watches deadlines.</summary>
    public const string UnitHead = "unit-head";

    /// <summary>Internal control: reads applications and the audit log, never writes.</summary>
    public const string Auditor = "auditor";

    /// <summary>Manages staff accounts and reference data; does not process applications.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Clerk, UnitHead, Auditor, Admin];

    /// <summary>Roles that must be bound to an office (the others may be ministry-wide).</summary>
    public static bool NeedsOffice(string role) => role is Clerk or UnitHead;
}
