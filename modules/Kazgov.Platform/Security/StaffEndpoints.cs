using System.Text.RegularExpressions;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

using Kazgov.Kernel.Security;

namespace Kazgov.Platform.Security;

/// <summary>
/// Staff accounts: administrators create users and reset passwords (which also unlocks the account
/// and ends its sessions); unit heads look up the staff of their own office. Every call is audited.
/// </summary>
internal static partial class StaffEndpoints
{
    public static readonly ProblemType StaffUserExists = new("staff-user-exists", 409, new(
        "Мұндай логинмен қызметкер бар",
        "Сотрудник с таким логином уже существует",
        "A staff user with this login already exists"));

    public static void MapStaffEndpoints(this IEndpointRouteBuilder api)
    {
        var staff = api.MapGroup("/staff").WithTags("Security");
        staff.MapGet("/{login}", GetAsync)
            .WithName("GetStaffUser")
            .WithSummary("One staff user (administrators: any; unit heads: their office's)")
            .RequirePolicy(Policies.StaffDirectory);
        staff.MapPost("/", CreateAsync)
            .WithName("CreateStaffUser")
            .WithSummary("Creates a staff user (administrators)")
            .Produces<StaffUserView>(StatusCodes.Status201Created)
            .RequirePolicy(Policies.Admin);
        staff.MapPost("/{login}/password", ResetPasswordAsync)
            .WithName("ResetStaffPassword")
            .WithSummary("Sets a new password, unlocks the account and ends its sessions (administrators)")
            .Produces(StatusCodes.Status204NoContent)
            .RequirePolicy(Policies.Admin);
    }

    private static async Task<StaffUserView> GetAsync(
        string login, DbSession session, ICurrentActor actor, IAuditTrail audit, IClock clock, CancellationToken cancellationToken)
    {
        var user = await FindAsync(session, login, cancellationToken);
        // Another office's staff do not exist for a unit head.
        if (user is null || !actor.CanSeeOffice(user.OfficeId))
        {
            throw new ProblemException(PlatformProblems.NotFound);
        }

        await audit.RecordAsync(new AuditEvent("staff.read", AuditSubjects.Staff, user.Login) { OfficeId = user.OfficeId }, cancellationToken);
        return StaffUserView.Of(user, clock.GetCurrentInstant());
    }

    private static async Task<IResult> CreateAsync(
        CreateStaffUser request, DbSession session, Accounts accounts, IAuditTrail audit, IClock clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Required("login", request.Login)
            .Required("fullName", request.FullName)
            .Required("position", request.Position)
            .Required("role", request.Role);
        var login = request.Login?.Trim().ToLowerInvariant() ?? "";
        if (login.Length > 0 && !LoginPattern().IsMatch(login))
        {
            errors.Add("login", new LocalizedText(
                "2–64 таңба: латын кіші әріптері, цифрлар, «.», «_», «-»",
                "2–64 символа: строчные латинские буквы, цифры, «.», «_», «-»",
                "2 to 64 characters: lower-case Latin letters, digits, '.', '_', '-'"));
        }

        ValidatePassword(errors, "password", request.Password);
        if (request.Role is { Length: > 0 } role && !Roles.All.Contains(role, StringComparer.Ordinal))
        {
            errors.Add("role", new LocalizedText(
                "Рөлдер: " + string.Join(", ", Roles.All), "Роли: " + string.Join(", ", Roles.All), "Roles: " + string.Join(", ", Roles.All)));
        }
        else if (request.Role is { } needsOffice && Roles.NeedsOffice(needsOffice) && string.IsNullOrWhiteSpace(request.OfficeId))
        {
            errors.Add("officeId", new LocalizedText(
                "Инспектор мен бөлім басшысы бір бөлімшеге бекітіледі",
                "Специалист и начальник подразделения закрепляются за одним подразделением",
                "Clerks and unit heads are bound to one office"));
        }

        var services = request.Services ?? [];
        var unknown = services.Except(accounts.KnownServiceCodes, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("services", new LocalizedText(
                "Белгісіз қызмет кодтары: " + string.Join(", ", unknown),
                "Неизвестные коды услуг: " + string.Join(", ", unknown),
                "Unknown service codes: " + string.Join(", ", unknown)));
        }

        errors.ThrowIfAny();

        var now = clock.GetCurrentInstant();
        await using var transaction = await session.BeginAsync(cancellationToken);
        var inserted = await session.ExecuteAsync(
            """
            INSERT INTO platform.staff_users (login, password_hash, full_name, position, role, office_id, service_codes, created_at, password_changed_at)
            VALUES (@login, @hash, @fullName, @position, @role, @officeId, @services, @now, @now)
            ON CONFLICT (login) DO NOTHING
            """,
            new
            {
                login,
                hash = await Secrets.HashAsync(request.Password!),
                fullName = request.FullName!.Trim(),
                position = request.Position!.Trim(),
                role = request.Role,
                officeId = string.IsNullOrWhiteSpace(request.OfficeId) ? null : request.OfficeId.Trim(),
                services = services.Distinct(StringComparer.Ordinal).ToArray(),
                now,
            },
            cancellationToken);
        if (inserted == 0)
        {
            throw new ProblemException(StaffUserExists);
        }

        await audit.RecordAsync(new AuditEvent("staff.create", AuditSubjects.Staff, login) { OfficeId = request.OfficeId }, cancellationToken);
        var user = (await FindAsync(session, login, cancellationToken))!;
        await transaction.CommitAsync();
        return Results.Created($"/api/v1/staff/{login}", StaffUserView.Of(user, now));
    }

    private static async Task<IResult> ResetPasswordAsync(
        string login, ResetPassword request, DbSession session, IAuditTrail audit, IClock clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        ValidatePassword(errors, "password", request.Password);
        errors.ThrowIfAny();

        var now = clock.GetCurrentInstant();
        await using var transaction = await session.BeginAsync(cancellationToken);
        var updated = await session.ExecuteAsync(
            """
            UPDATE platform.staff_users
            SET password_hash = @hash, password_changed_at = @now, failed_attempts = 0, locked_until = NULL
            WHERE login = @login
            """,
            new { login, hash = await Secrets.HashAsync(request.Password!), now },
            cancellationToken);
        if (updated == 0)
        {
            throw new ProblemException(PlatformProblems.NotFound);
        }

        await session.ExecuteAsync(
            "UPDATE platform.refresh_tokens SET revoked_at = @now WHERE login = @login AND revoked_at IS NULL",
            new { login, now },
            cancellationToken);
        await audit.RecordAsync("staff.password-reset", AuditSubjects.Staff, login, cancellationToken);
        await transaction.CommitAsync();
        return Results.NoContent();
    }

    private static void ValidatePassword(ValidationErrors errors, string field, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, CommonMessages.Required);
        }
        else if (password.Length < Secrets.MinPasswordLength)
        {
            errors.Add(field, new LocalizedText(
                $"Құпиясөз кемінде {Secrets.MinPasswordLength} таңбадан тұруы керек",
                $"Пароль должен содержать не менее {Secrets.MinPasswordLength} символов",
                $"The password must be at least {Secrets.MinPasswordLength} characters long"));
        }
    }

    private static Task<StaffUserRow?> FindAsync(DbSession session, string login, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<StaffUserRow>(
            $"SELECT {StaffUserRow.Columns} FROM platform.staff_users WHERE login = @login",
            new { login = login.Trim().ToLowerInvariant() },
            cancellationToken);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,63}$")]
    private static partial Regex LoginPattern();
}

internal sealed record CreateStaffUser(
    string? Login, string? Password, string? FullName, string? Position, string? Role, string? OfficeId, IReadOnlyList<string>? Services);

internal sealed record ResetPassword(string? Password);

internal sealed record StaffUserView(
    string Login, string FullName, string Position, string Role, string? OfficeId, IReadOnlyList<string> Services, bool Locked, bool Disabled)
{
    public static StaffUserView Of(StaffUserRow user, Instant now) => new(
        user.Login, user.FullName, user.Position, user.Role, user.OfficeId, user.ServiceCodes, user.LockedUntil > now, user.Disabled);
}
