using System.Security.Cryptography;
using System.Text;
using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Sessions;

/// <summary>
/// What tokens carry instead of the security stamp itself: enough to notice that the stamp changed (a password, role
/// or MFA change, a disabled user, "sign out everywhere"), nothing that would let anyone forge a cookie.
/// </summary>
public static class SecurityStampHash
{
    public static string Of(string? stamp) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(stamp ?? ""))).TrimEnd('=').Replace('+', '-').Replace('/', '_')[..22];

    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    /// <summary>Disabled users are locked out "forever" (<see cref="DateTimeOffset.MaxValue"/>); a lockout for failed attempts is shorter.</summary>
    public static bool IsDisabled(DateTimeOffset? lockoutEnd, DateTimeOffset now) => lockoutEnd is { } end && end > now.AddYears(50);

    /// <summary>The hash of the user's stamp as sessions must carry it now, or null when the user is gone or disabled (no session holds).</summary>
    public static async Task<string?> CurrentAsync(ICrmDb db, Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.SecurityStamp, u.LockoutEnd }).SingleOrDefaultAsync(ct);
        return user is null || IsDisabled(user.LockoutEnd, now) ? null : Of(user.SecurityStamp);
    }
}
