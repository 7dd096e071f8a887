using Kazgov.Kernel.Security;

namespace Kazgov.Platform.Security;

/// <summary>Configuration section "Security" (the host's part, Jwt and RateLimits, is bound in api/Security).</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    public LockoutOptions Lockout { get; set; } = new();

    /// <summary>How long a staff session may be refreshed without a password (one working shift).</summary>
    public int RefreshTokenHours { get; set; } = 12;

    /// <summary>The first administrator, created at start when no administrator exists.</summary>
    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();
}

public sealed class LockoutOptions
{
    /// <summary>Wrong passwords in a row that lock the account.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;
}

public sealed class BootstrapAdminOptions
{
    public string? Login { get; set; }

    public string? Password { get; set; }

    public string FullName { get; set; } = "Administrator";

    public string Position { get; set; } = "System administrator";
}
