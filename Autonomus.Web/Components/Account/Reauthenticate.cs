using Autonomus.Core.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace Autonomus.Web.Components.Account;

/// <summary>
/// Password and a current code again, before a signed-in person changes their sign-in or sees a second factor: a borrowed
/// session is not enough. A wrong answer counts toward lockout like a failed sign-in.
/// </summary>
internal static class Reauthenticate
{
    public const string LockedOut = "This account is locked after too many failed attempts. Try again in 15 minutes.";

    /// <summary>Null when both are right; otherwise what to tell the person.</summary>
    public static async Task<string?> WhyNotAsync(UserManager<AppUser> users, AppUser user, string password, string code)
    {
        if (await users.IsLockedOutAsync(user)) return LockedOut;
        if (await users.CheckPasswordAsync(user, password)
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code.Replace(" ", "").Replace("-", "")))
            return null;
        await users.AccessFailedAsync(user);
        return "The password or the code is not right.";
    }
}
