using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Tenancy.Users;

public sealed record UserRow(Guid Id, string Email, string DisplayName, string Role, string Team, bool MfaEnrolled, bool Disabled);

public sealed class NewUserInput
{
    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.EmailRequired)), EmailAddress(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.EmailInvalid)), StringLength(254)]
    public string Email { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.NameRequired)), StringLength(200)]
    public string DisplayName { get; set; } = "";

    [Required, AllowedValues(Roles.Admin, Roles.SalesManager, Roles.SalesRep, Roles.Auditor, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.RoleRequired))]
    public string Role { get; set; } = Roles.SalesRep;

    [StringLength(100)]
    public string Team { get; set; } = "";
}

/// <summary>
/// An Admin's management of the people in their tenant. Every change that takes access away (disabling,
/// a role change, forced MFA re-enrolment, "sign out everywhere") renews the user's security stamp, which
/// ends their sessions within a minute.
/// </summary>
public sealed class UserAdministration(UserManager<AppUser> users, RecordAccess access, ITenantContext actor, ITenantDirectory directory, TimeProvider clock)
{
    // UserManager works on the scope's one DbContext, which in a Blazor circuit lives as long as the page:
    // calls from the same page (a grid reload and a button) take turns instead of overlapping on it.
    private readonly SemaphoreSlim _turn = new(1, 1);

    public Task<Page<UserRow>> ListAsync(PageRequest page, CancellationToken ct = default) => OneAtATime(() => ListCoreAsync(page, ct));
    public Task<string> CreateAsync(NewUserInput input, CancellationToken ct = default) => OneAtATime(() => CreateCoreAsync(input));
    public Task SetRoleAndTeamAsync(Guid userId, string role, string team, CancellationToken ct = default) => OneAtATime(() => SetRoleAndTeamCoreAsync(userId, role, team, ct));
    public Task SetDisabledAsync(Guid userId, bool disabled, CancellationToken ct = default) => OneAtATime(() => SetDisabledCoreAsync(userId, disabled, ct));
    public Task ForceMfaReenrolmentAsync(Guid userId, CancellationToken ct = default) => OneAtATime(() => ForceMfaReenrolmentCoreAsync(userId, ct));
    public Task SignOutEverywhereAsync(Guid userId, CancellationToken ct = default) => OneAtATime(() => SignOutEverywhereCoreAsync(userId, ct));

    private async Task<Page<UserRow>> ListCoreAsync(PageRequest page, CancellationToken ct)
    {
        EnsureAdmin();
        page = page.Normalized();
        var query = users.Users.Where(u => u.TenantId == actor.TenantId);
        var total = await query.CountAsync(ct);
        var now = clock.GetUtcNow();
        var rows = await query.OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Skip(page.Skip).Take(page.Take)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Team, u.TwoFactorEnabled, u.LockoutEnd })
            .ToListAsync(ct);
        // One query per role (four), not one per user.
        var roleOf = new Dictionary<Guid, string>();
        foreach (var role in Roles.All)
            foreach (var member in await users.GetUsersInRoleAsync(role))
                roleOf[member.Id] = role;
        var result = rows.Select(u => new UserRow(u.Id, u.Email!, u.DisplayName, roleOf.GetValueOrDefault(u.Id, ""), u.Team,
            u.TwoFactorEnabled, u.LockoutEnd > now.AddYears(50))).ToList();
        return new Page<UserRow>(result, total);
    }

    /// <summary>Creates the user with a one-time password, returned once for the Admin to hand over; MFA enrolment follows at first sign-in.</summary>
    private async Task<string> CreateCoreAsync(NewUserInput input)
    {
        EnsureAdmin();
        InputInvalid.ThrowIfInvalid(input);
        var password = "Tmp-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) + "-x";
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(), TenantId = actor.TenantId!.Value, UserName = input.Email.Trim(), Email = input.Email.Trim(),
            EmailConfirmed = true, DisplayName = input.DisplayName.Trim(), Team = input.Team.Trim(), LockoutEnabled = true,
        };
        // Emails sign people in, so they are unique across organisations; another tenant's users are invisible here, so
        // Identity's own check cannot see the clash: the sign-in path's directory can (it answers a tenant id, nothing more).
        if (await directory.TenantOfLoginAsync(users.NormalizeEmail(user.Email)!) is not null)
            throw InputInvalid.For(nameof(NewUserInput.Email), "This email already has an account. Use another one.");
        Check(await users.CreateAsync(user, password), nameof(NewUserInput.Email));
        Check(await users.AddToRoleAsync(user, input.Role), nameof(NewUserInput.Role));
        return password;
    }

    private async Task<bool> SetRoleAndTeamCoreAsync(Guid userId, string role, string team, CancellationToken ct)
    {
        if (!Roles.All.Contains(role)) throw InputInvalid.For("Role", "Choose a role.");
        var user = await FindAsync(userId, ct);
        if (user.Id == actor.UserId && role != Roles.Admin) throw new DomainRuleViolation("You cannot take the Admin role from yourself.");
        Check(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)), "Role");
        Check(await users.AddToRoleAsync(user, role), "Role");
        user.Team = team.Trim();
        Check(await users.UpdateAsync(user), "Team");
        Check(await users.UpdateSecurityStampAsync(user), "Role");
        return true;
    }

    private async Task<bool> SetDisabledCoreAsync(Guid userId, bool disabled, CancellationToken ct)
    {
        var user = await FindAsync(userId, ct);
        if (user.Id == actor.UserId) throw new DomainRuleViolation("You cannot disable yourself.");
        Check(await users.SetLockoutEnabledAsync(user, true), "Disabled");
        Check(await users.SetLockoutEndDateAsync(user, disabled ? DateTimeOffset.MaxValue : null), "Disabled");
        if (disabled) Check(await users.UpdateSecurityStampAsync(user), "Disabled");
        return true;
    }

    private async Task<bool> ForceMfaReenrolmentCoreAsync(Guid userId, CancellationToken ct)
    {
        var user = await FindAsync(userId, ct);
        Check(await users.SetTwoFactorEnabledAsync(user, false), "Mfa");
        Check(await users.ResetAuthenticatorKeyAsync(user), "Mfa"); // renews the stamp too
        return true;
    }

    private async Task<bool> SignOutEverywhereCoreAsync(Guid userId, CancellationToken ct)
    {
        Check(await users.UpdateSecurityStampAsync(await FindAsync(userId, ct)), "User");
        return true;
    }

    private async Task<T> OneAtATime<T>(Func<Task<T>> operation)
    {
        await _turn.WaitAsync();
        try { return await operation(); }
        finally { _turn.Release(); }
    }

    private async Task<AppUser> FindAsync(Guid userId, CancellationToken ct)
    {
        EnsureAdmin();
        return await users.Users.SingleOrDefaultAsync(u => u.Id == userId && u.TenantId == actor.TenantId, ct)
               ?? throw new RecordNotFound("User", userId);
    }

    private void EnsureAdmin()
    {
        access.EnsureAdmin("Only an Admin manages users.");
    }

    private static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded) throw InputInvalid.For(field, string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
