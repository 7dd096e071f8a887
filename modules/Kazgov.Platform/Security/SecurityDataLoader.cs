using Dapper;
using Kazgov.Kernel.Modules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

using Kazgov.Kernel.Security;

namespace Kazgov.Platform.Security;

/// <summary>The demo accounts loaded when ReferenceData:LoadDemoData is true (./build/run, tests); never in production.</summary>
public static class DemoAccounts
{
    /// <summary>Every demo staff user's password.</summary>
    public const string StaffPassword = "kazgov-demo-2026";

    public const string PortalClientId = "egov-portal";

    public const string PortalClientSecret = "egov-portal-demo-secret";

    /// <summary>The registration-and-examination unit of the Astana road police (driver-licence appendix 1).</summary>
    public const string AstanaOffice = "road-police-astana-671c3429";

    /// <summary>The registration-and-examination unit of the Almaty road police (driver-licence appendix 1).</summary>
    public const string AlmatyOffice = "road-police-almaty-city-bd174b4d";

    /// <summary>The migration-police directorate of Astana (residence-permit, temporary-registration, permanent-residence, citizenship appendix 1).</summary>
    public const string AstanaMigrationOffice = "migration-police-astana-e7769a19";

    /// <summary>The migration-police directorate of Almaty (the same appendices).</summary>
    public const string AlmatyMigrationOffice = "migration-police-almaty-city-e47e27fa";

    /// <summary>The services a migration-police unit runs (its appendix-1 directory lists it for all four).</summary>
    public static readonly IReadOnlyList<string> MigrationServices = ["residence-permit", "temporary-registration", "permanent-residence", "citizenship"];

    // weapon-registration: the licensing-and-permit units of Astana and Almaty (weapon-registration appendix 1).
    public const string AstanaWeaponsOffice = "weapons-licensing-astana-09ccea99";

    public const string AlmatyWeaponsOffice = "weapons-licensing-almaty-city-f75ef248";
    // end weapon-registration

    // address-certificate: the address bureaus of Astana and Almaty (address-certificate appendix 1), and a police client.
    public const string AstanaAddressBureau = "address-bureau-astana-de3e9b0e";

    public const string AlmatyAddressBureau = "address-bureau-almaty-city-29cc6389";

    public const string PoliceClientId = "police-astana";

    public const string PoliceClientSecret = "police-astana-demo-secret";

    /// <summary>The Astana police's integrator grant: register its requests and look up under them (read), nothing else.</summary>
    public static readonly IReadOnlyList<string> PoliceScopes = ["address-certificate:submit", "address-certificate:read"];
    // end address-certificate

    public static readonly IReadOnlyList<DemoStaffUser> Staff =
    [
        new("clerk.astana", "Айгерім Болатқызы Сейітова", "Тіркеу-емтихан бөлімшесінің инспекторы", Roles.Clerk, AstanaOffice,
            ["driver-licence", "vehicle-registration", "proxy-driver-registration"]),
        new("head.astana", "Ерлан Маратұлы Жақсылықов", "Тіркеу-емтихан бөлімшесінің бастығы", Roles.UnitHead, AstanaOffice, null),
        new("clerk.almaty", "Динара Серікқызы Омарова", "Тіркеу-емтихан бөлімшесінің инспекторы", Roles.Clerk, AlmatyOffice,
            ["driver-licence", "vehicle-registration", "proxy-driver-registration"]),
        new("head.almaty", "Нұрлан Асқарұлы Бекетов", "Тіркеу-емтихан бөлімшесінің бастығы", Roles.UnitHead, AlmatyOffice, null),
        new("clerk.migration.astana", "Жанар Қанатқызы Әбілова", "Көші-қон полициясы бөлімшесінің инспекторы", Roles.Clerk, AstanaMigrationOffice, MigrationServices),
        new("head.migration.astana", "Серік Бауыржанұлы Нұрланов", "Көші-қон полициясы басқармасының бастығы", Roles.UnitHead, AstanaMigrationOffice, null),
        new("clerk.migration.almaty", "Әсем Талғатқызы Жұмабаева", "Көші-қон полициясы бөлімшесінің инспекторы", Roles.Clerk, AlmatyMigrationOffice, MigrationServices),
        new("head.migration.almaty", "Мұрат Ерболұлы Қайратов", "Көші-қон полициясы басқармасының бастығы", Roles.UnitHead, AlmatyMigrationOffice, null),
        // weapon-registration
        new("clerk.weapons.astana", "Бауыржан Серікұлы Әбенов", "Лицензиялық-рұқсат беру жүйесі бөлімшесінің инспекторы", Roles.Clerk, AstanaWeaponsOffice, ["weapon-registration"]),
        new("head.weapons.astana", "Ғалым Төлеуұлы Сәрсенов", "Лицензиялық-рұқсат беру жүйесі бөлімшесінің бастығы", Roles.UnitHead, AstanaWeaponsOffice, null),
        new("clerk.weapons.almaty", "Мәдина Нұрланқызы Есенова", "Лицензиялық-рұқсат беру жүйесі бөлімшесінің инспекторы", Roles.Clerk, AlmatyWeaponsOffice, ["weapon-registration"]),
        new("head.weapons.almaty", "Қанат Әділұлы Байжанов", "Лицензиялық-рұқсат беру жүйесі бөлімшесінің бастығы", Roles.UnitHead, AlmatyWeaponsOffice, null),
        // end weapon-registration
        // address-certificate
        new("clerk.address.astana", "Ботагөз Ержанқызы Тұрсынова", "Мекенжай бюросының операторы", Roles.Clerk, AstanaAddressBureau, ["address-certificate"]),
        new("head.address.astana", "Дәурен Асқарұлы Мұхамедиев", "Мекенжай бюросының бастығы", Roles.UnitHead, AstanaAddressBureau, ["address-certificate"]),
        new("clerk.address.almaty", "Светлана Викторовна Ким", "Мекенжай бюросының операторы", Roles.Clerk, AlmatyAddressBureau, ["address-certificate"]),
        new("head.address.almaty", "Ербол Нұрланұлы Сапаров", "Мекенжай бюросының бастығы", Roles.UnitHead, AlmatyAddressBureau, ["address-certificate"]),
        // end address-certificate
        new("auditor", "Гүлнар Ерікқызы Қасымова", "Ішкі бақылау бөлімінің аға инспекторы", Roles.Auditor, null, null),
        new("admin", "Тимур Қайратұлы Әлиев", "Жүйелік әкімші", Roles.Admin, null, null),
    ];

    /// <summary>The demo e-gov portal's grant: submit, read, verify, events (the change feed) and webhooks for each service that has its own module endpoints.</summary>
    public static readonly IReadOnlyList<string> PortalScopes =
    [
        .. new[] { "driver-licence", "residence-permit", "temporary-registration", "permanent-residence", "weapon-registration", "citizenship", "vehicle-registration", "proxy-driver-registration" }
            .SelectMany(service => Scopes.Operations.Select(operation => Scopes.For(service, operation))),
    ];
}

/// <param name="Services">The services served; null: every service the host runs.</param>
public sealed record DemoStaffUser(string Login, string FullName, string Position, string Role, string? OfficeId, IReadOnlyList<string>? Services);

/// <summary>
/// At every start: creates the first administrator from Security:BootstrapAdmin when no
/// administrator exists, and (only with ReferenceData:LoadDemoData) the demo accounts, whose
/// logins and roles it logs (never a password or a secret). Idempotent; demo accounts get their demo password back and are unlocked.
/// </summary>
internal sealed class SecurityDataLoader(
    NpgsqlDataSource dataSource,
    IOptions<SecurityOptions> security,
    IOptions<ReferenceDataOptions> referenceData,
    IEnumerable<IKazgovModule> modules,
    IClock clock,
    ILogger<SecurityDataLoader> logger) : IReferenceDataLoader
{
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (referenceData.Value.LoadDemoData)
        {
            await LoadDemoAccountsAsync(connection, cancellationToken);
        }

        await BootstrapAdminAsync(connection, cancellationToken);
    }

    private async Task BootstrapAdminAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var admin = security.Value.BootstrapAdmin;
        var hasAdmin = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM platform.staff_users WHERE role = 'admin' AND NOT disabled)", cancellationToken: cancellationToken));
        if (hasAdmin)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(admin.Login))
        {
            logger.LogWarning("No administrator exists and Security:BootstrapAdmin:Login is not set: nobody can manage staff accounts");
            return;
        }

        if (string.IsNullOrEmpty(admin.Password) || admin.Password.Length < Secrets.MinPasswordLength)
        {
            throw new InvalidOperationException(
                $"Security:BootstrapAdmin:Password must be set (at least {Secrets.MinPasswordLength} characters) to create the first administrator '{admin.Login}'.");
        }

        var now = clock.GetCurrentInstant();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO platform.staff_users (login, password_hash, full_name, position, role, created_at, password_changed_at)
            VALUES (@login, @hash, @fullName, @position, 'admin', @now, @now)
            ON CONFLICT (login) DO NOTHING
            """,
            new { login = admin.Login.Trim().ToLowerInvariant(), hash = await Secrets.HashAsync(admin.Password), fullName = admin.FullName, position = admin.Position, now },
            cancellationToken: cancellationToken));
        logger.LogInformation("Created the first administrator {Login} from Security:BootstrapAdmin", admin.Login);
    }

    private async Task LoadDemoAccountsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var allServices = modules.SelectMany(module => module.ServiceCodes).ToArray();
        // One hash for every demo account: they share the published demo password, and each hash costs
        // ~0.1 s by design, which nineteen times over was two seconds of every start (tests start many hosts).
        var staffHash = await Secrets.HashAsync(DemoAccounts.StaffPassword);
        foreach (var user in DemoAccounts.Staff)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO platform.staff_users (login, password_hash, full_name, position, role, office_id, service_codes, created_at, password_changed_at)
                VALUES (@login, @hash, @fullName, @position, @role, @officeId, @services, @now, @now)
                ON CONFLICT (login) DO UPDATE SET
                    password_hash = EXCLUDED.password_hash, full_name = EXCLUDED.full_name, position = EXCLUDED.position,
                    role = EXCLUDED.role, office_id = EXCLUDED.office_id, service_codes = EXCLUDED.service_codes,
                    failed_attempts = 0, locked_until = NULL, disabled = false
                """,
                new
                {
                    login = user.Login,
                    hash = staffHash,
                    fullName = user.FullName,
                    position = user.Position,
                    role = user.Role,
                    officeId = user.OfficeId,
                    services = (user.Services ?? allServices).ToArray(),
                    now,
                },
                cancellationToken: cancellationToken));
            // Logins and roles only: passwords never go to a log (the demo one is in README.md, "Getting a token").
            logger.LogInformation(
                "Demo account: staff {Login} (role {Role}, office {Office}); password: see README.md, Getting a token",
                user.Login, user.Role, user.OfficeId ?? "all");
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO platform.api_clients (client_id, secret_hash, display_name, scopes, created_at)
            VALUES (@clientId, @hash, @displayName, @scopes, @now)
            ON CONFLICT (client_id) DO UPDATE SET
                secret_hash = EXCLUDED.secret_hash, display_name = EXCLUDED.display_name, scopes = EXCLUDED.scopes, disabled = false,
                auth_method = 'client_secret', jwks = NULL, deleted_at = NULL, previous_secret_hash = NULL, previous_secret_until = NULL
            """,
            new
            {
                clientId = DemoAccounts.PortalClientId,
                hash = await Secrets.HashAsync(DemoAccounts.PortalClientSecret),
                displayName = "Электрондық үкімет порталы (demo)",
                scopes = DemoAccounts.PortalScopes.ToArray(),
                now,
            },
            cancellationToken: cancellationToken));
        logger.LogInformation(
            "Demo account: client {ClientId} (scopes {Scopes}); secret: see README.md, Getting a token",
            DemoAccounts.PortalClientId, string.Join(' ', DemoAccounts.PortalScopes));

        // address-certificate: the Astana police's integrator client.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO platform.api_clients (client_id, secret_hash, display_name, scopes, created_at)
            VALUES (@clientId, @hash, @displayName, @scopes, @now)
            ON CONFLICT (client_id) DO UPDATE SET
                secret_hash = EXCLUDED.secret_hash, display_name = EXCLUDED.display_name, scopes = EXCLUDED.scopes, disabled = false,
                auth_method = 'client_secret', jwks = NULL, deleted_at = NULL, previous_secret_hash = NULL, previous_secret_until = NULL
            """,
            new
            {
                clientId = DemoAccounts.PoliceClientId,
                hash = await Secrets.HashAsync(DemoAccounts.PoliceClientSecret),
                displayName = "Астана қаласының Полиция департаменті (demo)",
                scopes = DemoAccounts.PoliceScopes.ToArray(),
                now,
            },
            cancellationToken: cancellationToken));
        // end address-certificate
    }
}
