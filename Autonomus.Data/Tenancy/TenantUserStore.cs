using System.Security.Cryptography;
using System.Text;
using Autonomus.Core.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Autonomus.Data.Tenancy;

/// <summary>Encrypts authenticator keys with a key held outside the database (the host's data protection).</summary>
public interface IAuthenticatorKeyProtector
{
    string Protect(string key);
    string Unprotect(string protectedKey);
}

/// <summary>
/// Identity's store under row-level security. Before anyone is signed in the scope has no tenant and the identity
/// tables read as empty: a lookup by login or by user id first asks the database's narrow path for the account's
/// tenant (<see cref="ITenantDirectory"/>) and makes it the scope's. Secrets are never stored readable: authenticator
/// keys are encrypted (<see cref="IAuthenticatorKeyProtector"/>), recovery codes hashed.
/// </summary>
public sealed class TenantUserStore(AutonomusDbContext context, ITenantContext tenant, ITenantDirectory directory, IAuthenticatorKeyProtector protector,
    IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole<Guid>, AutonomusDbContext, Guid>(context, describer)
{
    /// <summary>Marks an encrypted key; a value without it is a plaintext key from before encryption (the migrate command converts those).</summary>
    public const string ProtectedPrefix = "dp1:";
    public const string HashedCodePrefix = "h1:";

    public override async Task<AppUser?> FindByIdAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (tenant.TenantId is null && Guid.TryParse(userId, out var id)) await UseTenantOfAsync(await directory.TenantOfUserAsync(id, cancellationToken));
        return await base.FindByIdAsync(userId, cancellationToken);
    }

    public override async Task<AppUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken = default)
    {
        if (tenant.TenantId is null) await UseTenantOfAsync(await directory.TenantOfLoginAsync(normalizedUserName, cancellationToken));
        return await base.FindByNameAsync(normalizedUserName, cancellationToken);
    }

    public override async Task<AppUser?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken = default)
    {
        if (tenant.TenantId is null) await UseTenantOfAsync(await directory.TenantOfLoginAsync(normalizedEmail, cancellationToken));
        return await base.FindByEmailAsync(normalizedEmail, cancellationToken);
    }

    private Task UseTenantOfAsync(Guid? found)
    {
        // The seeder and the migrate command run as the owner with no tenant: they see every row and need nothing here.
        if (found is { } id && tenant is ISignInTenant signIn) signIn.UseTenantBeforeSignIn(id);
        return Task.CompletedTask;
    }

    public override Task SetAuthenticatorKeyAsync(AppUser user, string key, CancellationToken cancellationToken) =>
        base.SetAuthenticatorKeyAsync(user, ProtectedPrefix + protector.Protect(key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(AppUser user, CancellationToken cancellationToken) =>
        await base.GetAuthenticatorKeyAsync(user, cancellationToken) is { } stored
            ? stored.StartsWith(ProtectedPrefix, StringComparison.Ordinal) ? protector.Unprotect(stored[ProtectedPrefix.Length..]) : stored
            : null;

    // Identity's RedeemCodeAsync stores the remaining (already hashed) codes through this method too: hash only new ones.
    public override Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(c => c.StartsWith(HashedCodePrefix, StringComparison.Ordinal) ? c : HashCode(user.Id, c)), cancellationToken);

    public override Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken) =>
        base.RedeemCodeAsync(user, HashCode(user.Id, code), cancellationToken);

    /// <summary>A recovery code as stored: SHA-256 salted with the user's id (a code is worth nothing for another user).</summary>
    public static string HashCode(Guid userId, string code) =>
        HashedCodePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{userId:N}:{code.Trim()}")));
}
